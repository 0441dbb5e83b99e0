"""Every example through a full cycle with the local engine and the REAL providers against the emulator: up creates
exactly what is declared, a second up is a no-op, a one-field edit is one PUT, drift and out-of-band deletions are
found by refresh and repaired by the next up, and destroy leaves the account as it was."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pulumi_zorio.client import _reset_process_state
from pulumi_zorio.local import Action, LocalEngine, Plan, State, load_program

from .support import ALL, LISTS, Example, account, api_call, clear_log, copy_example, item_path, writes


class Stack:
    """One example copied into a project directory, with its state file; every operation is a new process."""

    def __init__(self, example: Example, project: Path, config: dict[str, str]) -> None:
        self.example, self.project, self.config = example, project, config
        self.state_file = project / ".zorio-state.json"

    def engine(self) -> LocalEngine:
        """A fresh engine on the same state file, with no client state left over: a new `zorio apply` run."""
        _reset_process_state()
        return LocalEngine(State.load(self.state_file), self.config)

    def program(self) -> Any:
        """What `zorio apply <project>` runs: the Python program (__main__.py) or the YAML folder."""
        return load_program(self.project).callable()

    def up(self) -> Plan:
        return self.engine().apply(self.program())

    def preview(self) -> Plan:
        return self.engine().preview(self.program())

    def refresh(self) -> list[tuple[str, str]]:
        return self.engine().refresh()

    def destroy(self) -> Plan:
        return self.engine().destroy()

    def state(self) -> State:
        return State.load(self.state_file)

    def id_of(self, name: str) -> str:
        return self.state().resources[name].id

    def path_of(self, name: str) -> str:
        """The API path of a managed object, e.g. /api/autocall/campaigns/3."""
        return item_path(self.example.section_of(name), self.id_of(name))


@pytest.fixture(params=ALL, ids=lambda example: example.folder)
def stack(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
          zorio_config: dict[str, str], user_env: None) -> Stack:
    """The example copied as a user's checkout; the working directory is its project directory, as under Pulumi."""
    project = copy_example(request.param, tmp_path)
    monkeypatch.chdir(project)
    monkeypatch.setattr(sys, "path", list(sys.path))  # a Python program puts its folder on sys.path, as python does
    return Stack(request.param, project, zorio_config)


def changes(plan: Plan) -> list[tuple[Action, str, list[str]]]:
    """The steps that would do something: (action, resource, changed fields)."""
    return [(step.action, step.name, step.changed_fields) for step in plan.steps if step.action is not Action.SAME]


def actions(plan: Plan) -> list[tuple[Action, str]]:
    """(action, resource) of the steps that would do something."""
    return [(step.action, step.name) for step in plan.steps if step.action is not Action.SAME]


def status_writes(stack: Stack, verbs: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    return [("POST", f"{stack.path_of(name)}/{verb}") for name, names in verbs.items() for verb in names]


def start_verbs(example: Example) -> dict[str, tuple[str, ...]]:
    """The status calls that bring a new (draft) campaign to its declared status."""
    path = {"running": ("start",), "paused": ("start", "pause")}
    return {name: path[status] for name, status in (example.statuses or {}).items()}


# --- a. up ------------------------------------------------------------------------------------------------------


def test_up_creates_exactly_the_declared_objects(stack: Stack, emulator: Any, token: str) -> None:
    example, seed = stack.example, account(emulator, token)
    clear_log(emulator)

    done = stack.up()

    assert {(step.action, step.name) for step in done.steps} == {(Action.CREATE, name) for name in example.resources}
    after = account(emulator, token)
    assert after == {section: sorted([*seed[section], *example.declared.get(section, {}).values()])
                     for section in LISTS}
    made = writes(emulator)
    creates = Counter(path for method, path in made if method == "POST" and path in LISTS.values())
    assert creates == Counter({LISTS[section]: len(names) for section, names in example.declared.items()})
    others = [write for write in made if write[1] not in LISTS.values()]
    assert sorted(others) == sorted(status_writes(stack, start_verbs(example)))  # only declared dialing starts
    assert list(stack.state().resources) and set(stack.state().resources) == set(example.resources)
    for name in example.declared["campaigns"]:
        live = api_call(emulator, token, "GET", stack.path_of(name))
        assert live["status"] == (example.statuses or {}).get(name, "draft")


# --- b. no-op ---------------------------------------------------------------------------------------------------


def test_second_up_in_a_new_process_plans_no_changes_and_writes_nothing(
    stack: Stack, emulator: Any, token: str
) -> None:
    stack.up()
    before = account(emulator, token)
    clear_log(emulator)

    plan = stack.preview()
    done = stack.up()

    assert not plan.has_changes and changes(plan) == []
    assert {step.action for step in done.steps} == {Action.SAME}
    assert writes(emulator) == []
    assert account(emulator, token) == before


# --- c. an edit -------------------------------------------------------------------------------------------------


def test_edit_of_one_field_updates_only_that_resource_with_one_put(stack: Stack, emulator: Any, token: str) -> None:
    edit = stack.example.edit
    stack.up()
    clear_log(emulator)

    edit.apply(stack.project)
    plan = stack.preview()
    stack.up()

    assert changes(plan) == [(Action.UPDATE, edit.resource, [edit.field])]
    assert not plan.dials
    assert writes(emulator) == [("PUT", stack.path_of(edit.resource))]
    assert api_call(emulator, token, "GET", stack.path_of(edit.resource))[edit.field] == edit.live
    assert not stack.preview().has_changes


# --- d. drift ---------------------------------------------------------------------------------------------------


def test_out_of_band_change_is_found_by_refresh_and_the_next_up_restores_the_declared_value(
    stack: Stack, emulator: Any, token: str
) -> None:
    drift = stack.example.drift
    stack.up()
    path = stack.path_of(drift.resource)
    api_call(emulator, token, "PUT", path, {drift.field: drift.live})  # someone used the admin console
    clear_log(emulator)

    events = stack.refresh()

    assert sorted(events) == sorted(("refresh-drifted" if name == drift.resource else "refresh", name)
                                    for name in stack.example.resources)  # the provider's diff runs, as in Pulumi
    assert stack.state().resources[drift.resource].outputs[drift.field] == drift.live
    plan = stack.preview()
    assert changes(plan) == [(Action.UPDATE, drift.resource, [drift.field])]
    assert not plan.dials
    assert writes(emulator) == []  # refresh and preview only read

    stack.up()

    assert writes(emulator) == [("PUT", path)]
    assert api_call(emulator, token, "GET", path)[drift.field] == drift.declared
    assert stack.state().resources[drift.resource].outputs[drift.field] == drift.declared
    assert not stack.preview().has_changes


# --- e. out-of-band deletion ------------------------------------------------------------------------------------


def test_out_of_band_deletion_is_found_by_refresh_and_the_next_up_recreates_it(
    stack: Stack, emulator: Any, token: str
) -> None:
    example, gone = stack.example, stack.example.deleted
    stack.up()
    full = account(emulator, token)
    path, old_id = stack.path_of(gone), stack.id_of(gone)
    if (example.statuses or {}).get(gone, "draft") != "draft":
        api_call(emulator, token, "POST", f"{path}/stop")  # the API deletes only campaigns that cannot dial
    api_call(emulator, token, "DELETE", path)

    events = stack.refresh()

    assert ("refresh-gone", gone) in events
    assert sorted(events) == sorted(("refresh-gone" if name == gone else "refresh", name) for name in example.resources)
    assert gone not in stack.state().resources
    plan = stack.preview()
    assert actions(plan) == [(Action.CREATE, gone)]
    assert [step.name for step in plan.dials] == ([gone] if gone in (example.statuses or {}) else [])
    clear_log(emulator)

    stack.up()

    assert stack.id_of(gone) != old_id
    recreated = [("POST", LISTS["campaigns"]), *status_writes(stack, {gone: start_verbs(example).get(gone, ())})]
    assert writes(emulator) == recreated
    assert account(emulator, token) == full
    assert not stack.preview().has_changes


# --- f. destroy -------------------------------------------------------------------------------------------------


def test_destroy_after_edits_leaves_the_account_exactly_as_before_the_first_up(
    stack: Stack, emulator: Any, token: str
) -> None:
    example, seed = stack.example, account(emulator, token)
    stack.up()
    example.edit.apply(stack.project)
    stack.up()
    ids = {name: stack.path_of(name) for name in example.resources}
    records = stack.state().resources
    script_names = {str(records[name].id): name for name in example.declared["scripts"]}
    uses = {name: script_names[str(records[name].outputs["script_id"])] for name in example.declared["campaigns"]}
    clear_log(emulator)

    done = stack.destroy()

    assert sorted(step.name for step in done.steps) == sorted(example.resources)
    assert account(emulator, token) == seed
    assert stack.state().empty
    made = writes(emulator)
    dialing = example.statuses or {}
    assert sorted(made) == sorted([*(("DELETE", path) for path in ids.values()),
                                   *(("POST", f"{ids[name]}/stop") for name in dialing)])
    for name in dialing:  # a campaign that can dial is stopped before it is deleted, and deleted before its script
        assert made.index(("POST", f"{ids[name]}/stop")) < made.index(("DELETE", ids[name]))
    for name, script in uses.items():  # (independent objects may go in any order: the apply ran them at once)
        assert made.index(("DELETE", ids[name])) < made.index(("DELETE", ids[script]))
    assert set(actions(stack.preview())) == {(Action.CREATE, name) for name in example.resources}


# --- a campaign paused in the admin console -------------------------------------------------------------------


@pytest.mark.parametrize("stack", [ex for ex in ALL if ex.statuses], indirect=True, ids=lambda ex: ex.folder)
def test_campaign_paused_out_of_band_is_planned_loudly_as_resuming_and_up_resumes_it(
    stack: Stack, emulator: Any, token: str
) -> None:
    running = next(name for name, status in (stack.example.statuses or {}).items() if status == "running")
    stack.up()
    path = stack.path_of(running)
    api_call(emulator, token, "POST", f"{path}/pause")
    clear_log(emulator)

    stack.refresh()
    plan = stack.preview()

    assert stack.state().resources[running].outputs["status"] == "paused"
    assert actions(plan) == [(Action.UPDATE, running)] and [step.name for step in plan.dials] == [running]
    stack.up()
    assert writes(emulator) == [("POST", f"{path}/resume")]
    assert api_call(emulator, token, "GET", path)["status"] == "running"
