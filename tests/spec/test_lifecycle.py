"""The campaign status planner: every (live x desired) pair, updates per status, delete, and legality properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pulumi_zorio.spec.lifecycle import (
    DESIRED_STATUSES,
    LIVE_STATUSES,
    Action,
    Delete,
    Refusal,
    Replan,
    StatusPlan,
    Update,
    WaitFor,
    plan_campaign_delete,
    plan_campaign_update,
    plan_status,
    satisfies,
)
from pulumi_zorio.spec.unknown import UNKNOWN
from zorio_emulator import lifecycle as api_machine
from zorio_emulator import rules as api_rules

START, WAIT, PAUSE, RESUME = Action("start"), WaitFor("running"), Action("pause"), Action("resume")
STOP, ARCHIVE, UNARCHIVE = Action("stop"), Action("archive"), Action("unarchive")

NEVER_DRAFT = "a campaign that has been started can never go back to draft"
STOPPED_FOREVER = (
    "q3 is stopped and a stopped campaign can never dial again; create a new campaign (e.g. rename it) to run it again"
)
COMPLETED_FOREVER = (
    "q3 is completed (no pending leads are left) and a completed campaign can never dial again; "
    "create a new campaign (e.g. rename it) to run it again"
)

EXPECTED: dict[tuple[str, str], tuple | str] = {
    ("draft", "draft"): (),
    ("draft", "running"): (START, WAIT),
    ("draft", "paused"): (START, WAIT, PAUSE),
    ("draft", "stopped"): "q3 is a draft that has never dialed; stopping it would mean starting it first, which "
    "dials. Keep status: draft, or set status: archived to put it away",
    ("draft", "archived"): (ARCHIVE,),
    ("starting", "draft"): f"q3 is starting and {NEVER_DRAFT}; keep status: running or set status: archived, "
    "or create a new campaign (e.g. rename it)",
    ("starting", "running"): (),
    ("starting", "paused"): (WAIT, PAUSE),
    ("starting", "stopped"): (STOP,),
    ("starting", "archived"): (STOP, ARCHIVE),
    ("running", "draft"): f"q3 is running and {NEVER_DRAFT}; keep status: running or set status: archived, "
    "or create a new campaign (e.g. rename it)",
    ("running", "running"): (),
    ("running", "paused"): (PAUSE,),
    ("running", "stopped"): (STOP,),
    ("running", "archived"): (STOP, ARCHIVE),
    ("paused", "draft"): f"q3 is paused and {NEVER_DRAFT}; keep status: paused or set status: archived, "
    "or create a new campaign (e.g. rename it)",
    ("paused", "running"): (RESUME,),
    ("paused", "paused"): (),
    ("paused", "stopped"): (STOP,),
    ("paused", "archived"): (STOP, ARCHIVE),
    ("stopped", "draft"): f"q3 is stopped and {NEVER_DRAFT}; keep status: stopped or set status: archived, "
    "or create a new campaign (e.g. rename it)",
    ("stopped", "running"): STOPPED_FOREVER,
    ("stopped", "paused"): STOPPED_FOREVER,
    ("stopped", "stopped"): (),
    ("stopped", "archived"): (ARCHIVE,),
    ("completed", "draft"): f"q3 is completed and {NEVER_DRAFT}; keep status: running or set status: archived, "
    "or create a new campaign (e.g. rename it)",
    ("completed", "running"): (),
    ("completed", "paused"): COMPLETED_FOREVER,
    ("completed", "stopped"): (),
    ("completed", "archived"): (ARCHIVE,),
    ("archived", "draft"): (UNARCHIVE, Replan()),
    ("archived", "running"): (UNARCHIVE, Replan()),
    ("archived", "paused"): (UNARCHIVE, Replan()),
    ("archived", "stopped"): (UNARCHIVE, Replan()),
    ("archived", "archived"): (),
}


def test_expected_table_covers_every_live_and_desired_pair() -> None:
    assert set(EXPECTED) == {(live, desired) for live in LIVE_STATUSES for desired in DESIRED_STATUSES}
    assert len(EXPECTED) == 7 * 5


@pytest.mark.parametrize(("live", "desired"), sorted(EXPECTED))
def test_plan_status_gives_the_exact_path_or_refusal_for_every_pair(live: str, desired: str) -> None:
    plan = plan_status(live, desired, name="q3")
    expected = EXPECTED[(live, desired)]
    if isinstance(expected, str):
        assert plan == Refusal(expected)
    else:
        assert isinstance(plan, StatusPlan)
        assert plan.steps == expected


@pytest.mark.parametrize(("live", "desired"), sorted(EXPECTED))
def test_plan_dials_only_when_it_starts_or_resumes_or_may_after_unarchive(live: str, desired: str) -> None:
    plan = plan_status(live, desired)
    if isinstance(plan, Refusal):
        return
    dialing_step = any(step in (START, RESUME) for step in plan.steps)
    may_after_unarchive = live == "archived" and desired in {"running", "paused"}
    assert plan.dials == (dialing_step or may_after_unarchive)


@pytest.mark.parametrize("desired", ["draft", "stopped", "archived"])
@pytest.mark.parametrize("live", LIVE_STATUSES)
def test_plan_never_starts_or_resumes_when_desired_does_not_dial(live: str, desired: str) -> None:
    plan = plan_status(live, desired)
    if isinstance(plan, StatusPlan):
        assert START not in plan.steps and RESUME not in plan.steps
        assert not plan.dials


ENDS_SATISFYING = {"draft": {"draft"}, "running": {"starting", "running", "completed"}, "paused": {"paused"},
                   "stopped": {"stopped", "completed"}, "archived": {"archived"}}
"""Where a plan for each desired status may end (completed ran out of leads: it neither runs again nor stops)."""


def _walk(live: str, plan: StatusPlan) -> str | None:
    """The status after the plan's steps, each checked against the emulator's own rules (its separate copy of
    contract §10, so the planner is not judged by its own table); None where the plan re-plans (unarchive)."""
    status = live
    for step in plan.steps:
        if isinstance(step, Replan):
            return None
        if isinstance(step, Action):
            assert api_machine.allowed(step.verb, status), f"{step} is illegal in {status}"
            status = api_machine.target(step.verb, status, None)
        elif isinstance(step, WaitFor):
            assert (status, step.status) == ("starting", "running"), f"nothing moves {status} to {step.status}"
            status = step.status
        elif isinstance(step, Update):
            editable = api_rules.EDITABLE_IN_STATUS[status]
            assert editable is None or set(step.fields) <= editable, f"{step} is refused in {status}"
        else:
            assert isinstance(step, Delete) and status in api_rules.DELETABLE_STATUSES, f"{step} is refused in {status}"
    return status


@given(
    live=st.sampled_from(LIVE_STATUSES),
    desired=st.sampled_from(DESIRED_STATUSES),
    fields=st.sets(st.sampled_from(["name", "description", "max_concurrent", "end_at", "max_retries", "script_id"])),
)
def test_every_planned_path_is_legal_step_by_step_and_ends_satisfying_desired(
    live: str, desired: str, fields: set[str]
) -> None:
    plan = plan_campaign_update(live, desired, fields)
    if isinstance(plan, Refusal):
        assert plan.message
        return
    end = _walk(live, plan)
    if end is None:  # unarchive: the rest is planned once the status is observed
        assert plan.steps[-2:] == (UNARCHIVE, Replan())
        return
    assert end in ENDS_SATISFYING[desired]
    updates = [step for step in plan.steps if isinstance(step, Update)]
    assert updates == ([Update(tuple(sorted(fields)))] if fields else [])


REFUSED = "refused"
AFTER_UNARCHIVE: dict[tuple[str, tuple[str, ...]], dict[str, tuple | str]] = {
    ("draft", ()): {"draft": (), "stopped": REFUSED, "completed": REFUSED},
    ("running", ()): {"draft": (START, WAIT), "stopped": REFUSED, "completed": ()},
    ("paused", ()): {"draft": (START, WAIT, PAUSE), "stopped": REFUSED, "completed": REFUSED},
    ("stopped", ()): {"draft": REFUSED, "stopped": (), "completed": ()},
    ("draft", ("max_retries",)): {"draft": (Update(("max_retries",)),), "stopped": REFUSED, "completed": REFUSED},
    ("running", ("max_retries",)): {"draft": (Update(("max_retries",)), START, WAIT), "stopped": REFUSED,
                                    "completed": REFUSED},
    ("stopped", ("max_retries",)): {"draft": REFUSED, "stopped": REFUSED, "completed": REFUSED},
    ("archived", ("max_retries",)): {"draft": (Update(("max_retries",)), ARCHIVE), "stopped": REFUSED,
                                     "completed": REFUSED},
}
"""(desired, changed fields) -> for each status unarchive may return to (the statuses archive is allowed from), the
re-planned steps or a refusal; derived by hand from §10 (a stopped or completed campaign takes only name and
description and never dials again; a draft is never stopped)."""


@pytest.mark.parametrize(("desired", "fields"), sorted(AFTER_UNARCHIVE))
def test_archived_campaign_unarchives_and_replans_from_where_it_returns_or_refuses_up_front(
    desired: str, fields: tuple[str, ...]
) -> None:
    outcomes = AFTER_UNARCHIVE[(desired, fields)]
    plan = plan_campaign_update("archived", desired, fields, name="q3")
    if all(outcome == REFUSED for outcome in outcomes.values()):
        assert isinstance(plan, Refusal) and str(plan).startswith("q3 is archived: unarchiving returns it")
    else:
        assert plan == StatusPlan("archived", desired, (UNARCHIVE, Replan()))
    for returned, outcome in outcomes.items():  # the re-plan once unarchive has shown where the campaign is
        replanned = plan_campaign_update(returned, desired, fields, name="q3")
        if outcome == REFUSED:
            assert isinstance(replanned, Refusal) and not str(replanned).startswith("q3 is archived")
        else:
            assert replanned == StatusPlan(returned, desired, outcome)


def test_update_in_running_of_a_field_running_forbids_is_pause_update_resume() -> None:
    plan = plan_campaign_update("running", "running", ["max_retries"])
    assert isinstance(plan, StatusPlan)
    assert plan.steps == (PAUSE, Update(("max_retries",)), RESUME)
    assert plan.dials


def test_update_in_starting_waits_for_running_before_pausing() -> None:
    plan = plan_campaign_update("starting", "running", ["script_id"])
    assert isinstance(plan, StatusPlan)
    assert plan.steps == (WAIT, PAUSE, Update(("script_id",)), RESUME)


@pytest.mark.parametrize("field", ["name", "description", "max_concurrent", "end_at"])
def test_update_in_running_of_a_field_running_allows_is_a_plain_update(field: str) -> None:
    plan = plan_campaign_update("running", "running", [field])
    assert isinstance(plan, StatusPlan)
    assert plan.steps == (Update((field,)),)
    assert not plan.dials


def test_update_before_start_so_the_campaign_dials_with_the_new_settings() -> None:
    plan = plan_campaign_update("draft", "running", ["script_id", "max_retries"])
    assert isinstance(plan, StatusPlan)
    assert plan.steps == (Update(("max_retries", "script_id")), START, WAIT)


def test_update_before_resume_when_paused_campaign_is_resumed() -> None:
    plan = plan_campaign_update("paused", "running", ["originate_timeout"])
    assert isinstance(plan, StatusPlan)
    assert plan.steps == (Update(("originate_timeout",)), RESUME)


def test_update_then_pause_lands_in_paused() -> None:
    plan = plan_campaign_update("running", "paused", ["max_retries"])
    assert isinstance(plan, StatusPlan)
    assert plan.steps == (PAUSE, Update(("max_retries",)))


@pytest.mark.parametrize("live", ["stopped", "completed"])
def test_update_of_settings_of_a_finished_campaign_is_refused_naming_the_fields(live: str) -> None:
    desired = "stopped"
    plan = plan_campaign_update(live, desired, ["max_retries", "name"], name="q3")
    assert plan == Refusal(
        f"q3 is {live}: only name and description can change in status {live}, not max_retries; "
        f"a {live} campaign can never dial again, so create a new campaign (e.g. rename it) to use different settings"
    )


@pytest.mark.parametrize("live", ["stopped", "completed", "archived"])
def test_update_of_name_and_description_works_in_every_final_status(live: str) -> None:
    desired = "archived" if live == "archived" else "stopped"
    plan = plan_campaign_update(live, desired, ["name", "description"])
    assert isinstance(plan, StatusPlan)
    assert plan.steps == (Update(("description", "name")),)


def test_update_of_settings_of_an_archived_campaign_unarchives_and_replans() -> None:
    plan = plan_campaign_update("archived", "archived", ["max_retries"])
    assert isinstance(plan, StatusPlan)
    assert plan.steps == (UNARCHIVE, Replan())
    assert plan_campaign_update("draft", "archived", ["max_retries"]) == StatusPlan(
        "draft", "archived", (Update(("max_retries",)), ARCHIVE)
    )


RETURNS_FROM_ARCHIVE = ("draft", "stopped", "completed")
"""Where unarchive may return a campaign to: the statuses `archive` is allowed from."""


def test_archived_campaign_is_refused_up_front_when_no_return_status_allows_the_change() -> None:
    plan = plan_campaign_update("archived", "stopped", ["max_retries"], name="q3")
    assert plan == Refusal(
        "q3 is archived: unarchiving returns it to the status it had before (draft, stopped or completed), and "
        "from none of them can it become stopped with max_retries changed. Keep status: archived (only name and "
        "description can change then), or create a new campaign (e.g. rename it)"
    )


@pytest.mark.parametrize("desired", DESIRED_STATUSES)
@pytest.mark.parametrize("fields", [(), ("name",), ("max_concurrent",), ("max_retries",), ("max_retries", "name")])
def test_archived_plan_unarchives_exactly_when_some_return_status_can_reach_the_goal(
    desired: str, fields: tuple[str, ...]
) -> None:
    plan = plan_campaign_update("archived", desired, fields)
    reachable = [r for r in RETURNS_FROM_ARCHIVE if isinstance(plan_campaign_update(r, desired, fields), StatusPlan)]
    if isinstance(plan, Refusal):
        assert reachable == []
    elif plan.steps and plan.steps[0] == UNARCHIVE:
        assert reachable, f"unarchiving to {desired} with {fields} can only end in a refusal"


def test_update_ignores_status_and_adopt_id_in_changed_fields() -> None:
    plan = plan_campaign_update("draft", "draft", ["status", "adopt_id"])
    assert plan == StatusPlan("draft", "draft", ())


def test_status_refusal_wins_over_fields_refusal() -> None:
    plan = plan_campaign_update("stopped", "running", ["max_retries"], name="q3")
    assert plan == Refusal(STOPPED_FOREVER)


@pytest.mark.parametrize(
    ("live", "steps"),
    [
        ("draft", (Delete(),)),
        ("starting", (STOP, Delete())),
        ("running", (STOP, Delete())),
        ("paused", (STOP, Delete())),
        ("stopped", (Delete(),)),
        ("completed", (Delete(),)),
        ("archived", (Delete(),)),
    ],
)
def test_delete_stops_a_dialing_campaign_first(live: str, steps: tuple) -> None:
    plan = plan_campaign_delete(live)
    assert plan.steps == steps
    assert _walk(live, plan) is not None
    assert not plan.dials


def test_unknown_desired_status_is_planned_after_apply_and_may_dial() -> None:
    plan = plan_status("draft", UNKNOWN)
    assert isinstance(plan, StatusPlan)
    assert plan.steps == (Replan(),)
    assert plan.dials


def test_unknown_status_names_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown desired campaign status 'runing'"):
        plan_status("draft", "runing")
    with pytest.raises(ValueError, match="unknown live campaign status 'deleted'"):
        plan_campaign_delete("deleted")


def test_describe_lists_each_step_for_the_plan_output() -> None:
    plan = plan_campaign_update("draft", "paused", ["max_retries"])
    assert isinstance(plan, StatusPlan)
    assert plan.describe() == [
        "update max_retries",
        "start the campaign: it begins DIALING leads",
        "wait until the dialing engine has it running",
        "pause it (no new calls)",
    ]


def test_satisfies_treats_completed_and_starting_as_running() -> None:
    assert satisfies("completed", "running") and satisfies("starting", "running")
    assert satisfies("completed", "stopped")
    assert not satisfies("starting", "paused") and not satisfies("stopped", "running")
