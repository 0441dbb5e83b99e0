"""Properties over generated inputs: valid inputs pass check, a round trip through the API is no change,
and UNKNOWN anywhere never crashes check or diff and never hides a change."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pulumi_zorio.spec.diff import diff_resource
from pulumi_zorio.spec.kinds import KINDS, get_kind
from pulumi_zorio.spec.unknown import UNKNOWN

from .fake_api import respond, through_pulumi
from .strategies import VALID_INPUTS

LIVE_FOR_DESIRED = {
    "draft": ["draft"],
    "running": ["running", "starting", "completed"],
    "paused": ["paused"],
    "stopped": ["stopped", "completed"],
    "archived": ["archived"],
}
"""The live statuses that the status planner may leave behind for each desired status."""


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_valid_generated_inputs_pass_check(kind: str, data: st.DataObject) -> None:
    inputs = data.draw(VALID_INPUTS[kind])
    assert get_kind(kind).check(inputs) == []
    assert get_kind(kind).check(through_pulumi(inputs)) == []


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_round_trip_build_api_flatten_is_no_change(kind: str, data: st.DataObject) -> None:
    spec = get_kind(kind)
    inputs = data.draw(VALID_INPUTS[kind])
    desired = spec.normalise(inputs).get("status", "draft")
    live = data.draw(st.sampled_from(LIVE_FOR_DESIRED[desired])) if kind == "campaign" else None
    flat = spec.flatten(respond(kind, spec.build_payload(through_pulumi(inputs), None), live))
    # Providers return {**inputs, **flatten(api)} as outputs; media files need the inputs the API does not echo.
    outputs = {**inputs, **flat} if kind == "media_file" else flat
    result = diff_resource(kind, through_pulumi(outputs), through_pulumi(inputs))
    assert result.changes == []
    assert result.replaces == []


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_unknown_anywhere_never_crashes_and_is_reported_as_a_change(kind: str, data: st.DataObject) -> None:
    spec = get_kind(kind)
    inputs = data.draw(VALID_INPUTS[kind])
    field = data.draw(st.sampled_from(sorted(spec.compared_fields)))
    with_unknown: dict[str, Any] = {**inputs, field: UNKNOWN}
    assert spec.check(with_unknown) == []
    result = diff_resource(kind, inputs, with_unknown)
    assert [change.path for change in result.changes if change.unknown] == [field]
    assert result.replaces == ([field] if field in spec.replace_on else [])


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_unknown_inside_dtmf_actions_never_crashes_check(data: st.DataObject) -> None:
    inputs = data.draw(VALID_INPUTS["script"])
    actions = inputs.get("dtmf_actions") or []
    if not actions:
        return
    index = data.draw(st.integers(0, len(actions) - 1))
    key = data.draw(st.sampled_from(sorted(actions[index])))
    actions = [dict(action) for action in actions]
    actions[index][key] = UNKNOWN
    assert get_kind("script").check({**inputs, "dtmf_actions": actions}) == []
    assert diff_resource("script", inputs, {**inputs, "dtmf_actions": actions}).changed


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10) | st.just(UNKNOWN),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_check_and_diff_never_crash_on_garbage(kind: str, data: st.DataObject) -> None:
    spec = get_kind(kind)
    fields = sorted(spec.compared_fields)
    garbage = data.draw(st.dictionaries(st.sampled_from([*fields, "dtmf_actions", "extra"]), json_values, max_size=5))
    if kind == "script" and data.draw(st.booleans()):
        garbage["dtmf_actions"] = data.draw(
            st.lists(st.dictionaries(st.sampled_from(["digit", "action_type", "target_script_id"]), json_values))
        )
    problems = spec.check(garbage)
    assert all(problem.message for problem in problems)
    diff_resource(kind, garbage, garbage)
    diff_resource(kind, {}, garbage)
