"""The local engine against the emulator: preview writes nothing, apply in dependency order, convergence,
updates of only what changed, create-before-delete, deletes, destroy back to the seed, the dialing guard."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from pulumi_zorio.local import Action, EngineError, LocalEngine, State

from .support import account, clear_log, stack, write_wav, writes


def engine(project: Path, zorio_config: dict[str, str]) -> LocalEngine:
    """A fresh engine on the project's state file: each call is a new `zorio apply` process."""
    return LocalEngine(State.load(project / ".zorio-state.json"), zorio_config)


def actions(plan: Any) -> list[tuple[str, str]]:
    return [(step.action.value, step.name) for step in plan.steps]


def test_preview_of_a_new_stack_plans_every_create_and_writes_nothing(
    emulator: Any, project: Path, zorio_config: dict[str, str]
) -> None:
    plan = engine(project, zorio_config).preview(stack("running"))
    assert actions(plan) == [("create", "customer_name"), ("create", "thank_you"), ("create", "reminder"),
                             ("create", "q3_care")]
    assert [step.name for step in plan.dials] == ["q3_care"]
    assert plan.dials[0].status.describe()[0] == "start the campaign: it begins DIALING leads"
    assert writes(emulator) == [] and not (project / ".zorio-state.json").exists()


def test_apply_creates_in_dependency_order_and_second_apply_writes_nothing(
    emulator: Any, project: Path, zorio_config: dict[str, str]
) -> None:
    done = engine(project, zorio_config).apply(stack())
    # the variable and the audio prompt are independent (they run at once); the script uses both, the campaign it
    assert sorted(actions(done)[:2]) == [("create", "customer_name"), ("create", "thank_you")]
    assert actions(done)[2:] == [("create", "reminder"), ("create", "q3_care")]
    clear_log(emulator)
    again = engine(project, zorio_config)
    assert not again.preview(stack()).has_changes
    assert {step.action for step in again.apply(stack()).steps} == {Action.SAME}
    assert writes(emulator) == []


def test_edit_updates_only_the_changed_resource_and_field(emulator: Any, project: Path, zorio_config: dict[str, str]) -> None:
    engine(project, zorio_config).apply(stack())
    clear_log(emulator)
    plan = engine(project, zorio_config).preview(stack(sample="chị Bình"))
    changed = [step for step in plan.steps if step.action is not Action.SAME]
    assert [(s.action, s.name, s.changed_fields) for s in changed] == [(Action.UPDATE, "customer_name",
                                                                        ["sample_value"])]
    engine(project, zorio_config).apply(stack(sample="chị Bình"))
    assert writes(emulator) == [("PUT", "/api/autocall/variables/1")]


def test_new_audio_replaces_create_before_delete_and_repoints_the_script(
    emulator: Any, project: Path, zorio_config: dict[str, str]
) -> None:
    engine(project, zorio_config).apply(stack())
    clear_log(emulator)
    write_wav(project / "audio" / "thank_you.wav", tone=700)
    plan = engine(project, zorio_config).preview(stack())
    assert ("replace", "thank_you") in actions(plan) and plan.to_add == 1 and plan.to_destroy == 1
    engine(project, zorio_config).apply(stack())
    assert writes(emulator) == [("POST", "/api/media-files"), ("PUT", "/api/autocall/scripts/1"),
                                ("DELETE", "/api/media-files/1")]
    state = json.loads((project / ".zorio-state.json").read_text())
    assert state["pending_deletes"] == [] and [r["name"] for r in state["resources"]][1] == "thank_you"


def test_removed_resources_are_deleted_after_the_program_dependants_first(
    emulator: Any, project: Path, zorio_config: dict[str, str]
) -> None:
    engine(project, zorio_config).apply(stack("running"))
    plan = engine(project, zorio_config).preview(stack(with_campaign=False))
    assert actions(plan)[-1] == ("delete", "q3_care") and not plan.dials
    assert plan.steps[-1].status.describe() == ["stop it for good (a stopped campaign never dials again)",
                                                "delete it"]
    clear_log(emulator)
    engine(project, zorio_config).apply(stack(with_campaign=False))
    assert writes(emulator) == [("POST", "/api/autocall/campaigns/1/stop"), ("DELETE", "/api/autocall/campaigns/1")]


def test_destroy_removes_everything_and_the_account_is_back_to_seed(
    emulator: Any, project: Path, zorio_config: dict[str, str], token: str
) -> None:
    seed = account(emulator, token)
    applying = engine(project, zorio_config)
    applying.parallel = 1  # independent objects settle in declaration order: the destroy order below is fixed
    applying.apply(stack("running"))
    assert account(emulator, token) != seed
    local = engine(project, zorio_config)
    assert actions(local.plan_destroy()) == [("delete", "q3_care"), ("delete", "reminder"), ("delete", "thank_you"),
                                             ("delete", "customer_name")]
    local.destroy()
    assert account(emulator, token) == seed
    assert json.loads((project / ".zorio-state.json").read_text())["resources"] == []


def test_state_file_never_holds_the_token(emulator: Any, project: Path, zorio_config: dict[str, str], token: str) -> None:
    engine(project, zorio_config).apply(stack("running"))
    text = (project / ".zorio-state.json").read_text()
    assert token not in text and token.split("|")[1] not in text and "zorio:token" not in text
    for record in json.loads(text)["resources"]:
        blob = record["outputs"]["__provider"]
        pickled = base64.b64decode(blob["value"] if isinstance(blob, dict) else blob)
        assert token.split("|")[1].encode() not in pickled
    assert not list(project.glob(".zorio-state.json.*.tmp"))  # the atomic write left no temp file


def test_interrupted_apply_leaves_a_state_from_which_the_next_apply_converges(
    emulator: Any, project: Path, zorio_config: dict[str, str], token: str
) -> None:
    rule = {"method": "POST", "path": "/api/autocall/campaigns", "status": 422, "times": 100}
    assert emulator.control("POST", "faults", rule).status_code == 201
    interrupted = engine(project, zorio_config)
    interrupted.parallel = 1  # independent steps finish in declaration order: the lists below are exact
    with pytest.raises(EngineError) as failure:
        interrupted.apply(stack())
    assert failure.value.resource == "q3_care"
    # finished only; the variable and the audio are independent, so they may finish in either order
    finished = [step.name for step in interrupted.steps]
    assert sorted(finished[:2]) == ["customer_name", "thank_you"] and finished[2:] == ["reminder"]
    recorded = [r["name"] for r in json.loads((project / ".zorio-state.json").read_text())["resources"]]
    assert recorded == finished
    assert emulator.control("DELETE", "faults").status_code == 204
    done = engine(project, zorio_config).apply(stack())
    assert sorted(actions(done)[:2]) == [("same", "customer_name"), ("same", "thank_you")]
    assert actions(done)[2:] == [("same", "reminder"), ("create", "q3_care")]
    assert {kind: len(names) for kind, names in account(emulator, token).items()} == {
        "variables": 1, "media": 1, "scripts": 1, "campaigns": 1}


def test_apply_refuses_to_dial_when_the_approved_plan_did_not_say_so(
    emulator: Any, project: Path, zorio_config: dict[str, str]
) -> None:
    approved = engine(project, zorio_config).preview(stack("draft"))
    with pytest.raises(EngineError, match="would start or resume dialing"):
        engine(project, zorio_config).apply(stack("running"), approved=approved)
    assert not [path for _, path in writes(emulator) if path.endswith("/start")]


def test_check_failure_is_reported_with_the_resource_name_before_any_write(
    emulator: Any, project: Path, zorio_config: dict[str, str]
) -> None:
    import pulumi_zorio as zorio

    def broken() -> None:
        zorio.Variable("bad", zorio.VariableArgs(variable_code="Not A Code", sample_value="x"))

    with pytest.raises(EngineError) as failure:
        engine(project, zorio_config).preview(broken)
    assert failure.value.resource == "bad" and "variable_code" in failure.value.message
    assert writes(emulator) == []


@pytest.mark.parametrize(("desired", "path"), [("paused", []), ("stopped", ["stop it for good (a stopped campaign "
                                                                            "never dials again)"])])
def test_adopted_campaign_is_planned_from_its_live_status_not_as_a_new_draft(
    emulator: Any, project: Path, zorio_config: dict[str, str], token: str, desired: str, path: list[str]
) -> None:
    api, base = emulator.api(token), emulator.base_url
    script = api.post(f"{base}/api/autocall/scripts", json={"name": "s", "template_text": "Hi",
                                                          "voice_id": "vi-VN-female-01", "status": "active"}).json()
    campaign = api.post(f"{base}/api/autocall/campaigns", json={"name": "legacy", "script_id": script["data"]["id"],
                                                                "caller_id_group_id": 3}).json()["data"]
    assert api.post(f"{base}/api/autocall/campaigns/{campaign['id']}/start").status_code == 202
    assert emulator.control("POST", f"campaigns/{campaign['id']}/status", {"status": "paused"}).ok
    import pulumi_zorio as zorio

    def adopt() -> None:
        zorio.Campaign("legacy", script_id=script["data"]["id"], caller_id_group_id=3, status=desired,
                       adopt_id=campaign["id"])

    plan = engine(project, zorio_config).preview(adopt)
    step = plan.steps[0]
    assert not plan.dials
    assert (step.status.describe() if step.status is not None else []) == path


def test_adopting_a_campaign_that_is_not_in_the_account_says_so_before_any_write(
    emulator: Any, project: Path, zorio_config: dict[str, str], token: str
) -> None:
    """Not "is a draft that has never dialed": a missing campaign has no status to plan from."""
    import pulumi_zorio as zorio

    def adopt() -> None:
        zorio.Campaign("legacy", script_id=1, caller_id_group_id=3, status="stopped", adopt_id=99999)

    with pytest.raises(EngineError) as raised:
        engine(project, zorio_config).preview(adopt)
    assert str(raised.value) == (
        "legacy: cannot adopt campaign 99999: it does not exist in this Zorio account; check adopt_id")
    assert writes(emulator) == []


def test_a_failing_python_program_is_reported_at_its_own_file_and_line(
    emulator: Any, project: Path, zorio_config: dict[str, str]
) -> None:
    from pulumi_zorio.local import load_program

    main = project / "__main__.py"
    main.write_text("import pulumi_zorio as zorio\n\n"
                    "zorio.Variable('greeting', zorio.VariableArgs(variable_code='greeting', sampel_value='x'))\n")
    with pytest.raises(EngineError) as failure:
        engine(project, zorio_config).preview(load_program(project).callable())
    assert failure.value.message.startswith(f"the program failed: {main}:3: ")
    assert "sampel_value" in failure.value.message
    assert writes(emulator) == []
