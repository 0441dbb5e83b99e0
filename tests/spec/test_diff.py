"""diff_resource: real changes only, update vs replace per field, unknowns, and the round-trip no-diff property."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_zorio.spec.diff import FieldChange, diff_resource
from pulumi_zorio.spec.kinds import KINDS, get_kind
from pulumi_zorio.spec.unknown import UNKNOWN

from .fake_api import respond, through_pulumi

SHA_A, SHA_B = "a" * 64, "b" * 64

BASE: dict[str, dict[str, Any]] = {
    "variable": {"variable_code": "salutation_name", "name": "Salutation", "description": "d", "sample_value": "anh"},
    "media_file": {"name": "thanks", "category": "announcement", "source": "a.wav", "content_sha256": SHA_A},
    "script": {
        "name": "reminder",
        "description": "d",
        "template_text": "Hi {{a}}",
        "voice_id": "vi-VN-female-01",
        "tts_tier": "B",
        "max_repeat_per_attempt": 1,
        "status": "active",
        "dtmf_actions": [{"digit": "1", "label": "Ok", "action_type": "hangup"}],
    },
    "campaign": {
        "name": "q3",
        "description": "d",
        "script_id": 5,
        "caller_id_group_id": 3,
        "max_retries": 3,
        "retry_interval_minutes": 60,
        "retry_only_when": "no_answer",
        "max_concurrent": 10,
        "originate_timeout": 40,
        "write_to_main_cdr": False,
        "start_at": "2026-06-25T08:00:00Z",
        "end_at": "2026-06-26T08:00:00Z",
        "status": "draft",
    },
}

OTHER = {
    "variable_code": "customer_name", "name": "Other", "description": "e", "sample_value": "chi",
    "category": "ivr", "content_sha256": SHA_B, "template_text": "Bye {{b}}", "voice_id": "voice_id_premium_02",
    "tts_tier": "A", "max_repeat_per_attempt": 2, "dtmf_actions": [{"digit": "2", "action_type": "repeat_script"}],
    "script_id": 6, "caller_id_group_id": 4, "max_retries": 0, "retry_interval_minutes": 5,
    "retry_only_when": "any", "max_concurrent": 50, "originate_timeout": 60, "write_to_main_cdr": True,
    "start_at": "2026-06-25T09:00:00Z", "end_at": "2026-06-27T08:00:00Z",
}
"""A different valid value for each field (status is covered separately)."""

FIELD_CASES = [
    (kind, field)
    for kind in KINDS
    for field in get_kind(kind).compared_fields
    if field != "status"
]


def test_field_cases_cover_every_compared_field_of_every_kind() -> None:
    assert {(k, f) for k, f in FIELD_CASES} >= {("variable", "variable_code"), ("media_file", "content_sha256")}
    assert all(field in OTHER for _, field in FIELD_CASES)


@pytest.mark.parametrize(("kind", "field"), FIELD_CASES)
def test_diff_each_field_is_an_update_or_a_replace_per_replace_on(kind: str, field: str) -> None:
    old = through_pulumi({**BASE[kind], "id": 17})
    result = diff_resource(kind, old, {**BASE[kind], field: OTHER[field]})
    assert result.changed
    assert result.changed_fields == [field]
    assert result.replaces == ([field] if field in get_kind(kind).replace_on else [])


def test_diff_replace_sets_per_kind() -> None:
    assert {kind: spec.replace_on for kind, spec in KINDS.items()} == {
        "variable": {"variable_code"},
        "media_file": {"content_sha256"},
        "script": frozenset(),
        "campaign": frozenset(),
    }


@pytest.mark.parametrize("kind", KINDS)
def test_diff_unchanged_resource_after_a_round_trip_is_no_change(kind: str) -> None:
    payload = get_kind(kind).build_payload(BASE[kind], None)
    flat = get_kind(kind).flatten(respond(kind, payload))
    old = {**BASE[kind], **flat} if kind == "media_file" else flat
    assert diff_resource(kind, through_pulumi(old), through_pulumi(BASE[kind])).changes == []


def test_diff_ignores_server_added_fields_and_adopt_id_and_source() -> None:
    old = {**BASE["media_file"], "id": 4, "file_path": "/media/t.wav", "size_bytes": 10, "adopt_id": 4}
    new = {**BASE["media_file"], "source": "moved/a.wav"}
    assert diff_resource("media_file", old, new).changes == []


def test_diff_none_missing_and_default_are_the_same() -> None:
    old = {**BASE["script"], "description": None, "tts_tier": "B"}
    new = {key: value for key, value in BASE["script"].items() if key not in {"description", "tts_tier"}}
    assert diff_resource("script", old, new).changes == []
    assert diff_resource("variable", {"variable_code": "a", "description": ""}, {"variable_code": "a"}).changes == []


def test_diff_ints_and_floats_are_the_same() -> None:
    assert diff_resource("campaign", through_pulumi(BASE["campaign"]), BASE["campaign"]).changes == []


def test_diff_timestamps_in_any_offset_or_precision_are_the_same() -> None:
    old = {**BASE["campaign"], "start_at": "2026-06-25T08:00:00.000000Z"}
    new = {**BASE["campaign"], "start_at": "2026-06-25T15:00:00+07:00"}
    assert diff_resource("campaign", old, new).changes == []


def test_diff_dtmf_order_does_not_matter_but_content_does() -> None:
    one = {"digit": "1", "action_type": "hangup"}
    two = {"digit": "2", "action_type": "queue", "target_queue_name": "support@default"}
    old = {**BASE["script"], "dtmf_actions": [one, two]}
    assert diff_resource("script", old, {**BASE["script"], "dtmf_actions": [two, one]}).changes == []
    changed = {**two, "target_queue_name": "sales@default"}
    assert diff_resource("script", old, {**BASE["script"], "dtmf_actions": [changed, one]}).changes == [
        FieldChange("dtmf_actions[digit=2].target_queue_name", "support@default", "sales@default")
    ]


def test_diff_dtmf_added_and_removed_actions_are_shown_whole() -> None:
    old = {**BASE["script"], "dtmf_actions": [{"digit": "1", "label": "Ok", "action_type": "hangup"}]}
    new = {**BASE["script"], "dtmf_actions": [{"digit": "#", "action_type": "repeat_script"}]}
    assert diff_resource("script", old, new).changes == [
        FieldChange("dtmf_actions[digit=#]", None, {"digit": "#", "action_type": "repeat_script"}),
        FieldChange("dtmf_actions[digit=1]", {"digit": "1", "label": "Ok", "action_type": "hangup"}, None),
    ]


@pytest.mark.parametrize(
    ("live", "desired", "changed"),
    [
        ("completed", "running", False),
        ("starting", "running", False),
        ("running", "running", False),
        ("completed", "stopped", False),
        ("draft", "running", True),
        ("running", "paused", True),
        ("stopped", "running", True),
        ("archived", "draft", True),
    ],
)
def test_diff_campaign_live_status_against_desired(live: str, desired: str, changed: bool) -> None:
    result = diff_resource("campaign", {**BASE["campaign"], "status": live}, {**BASE["campaign"], "status": desired})
    assert result.changes == ([FieldChange("status", live, desired)] if changed else [])
    assert result.replaces == []


def test_diff_script_status_is_a_plain_field() -> None:
    result = diff_resource("script", BASE["script"], {**BASE["script"], "status": "archived"})
    assert result.changes == [FieldChange("status", "active", "archived")]


def test_diff_unknown_values_are_possible_changes_and_replaces() -> None:
    result = diff_resource("variable", BASE["variable"], {**BASE["variable"], "variable_code": UNKNOWN})
    assert result.changes == [FieldChange("variable_code", "salutation_name", UNKNOWN)]
    assert result.changes[0].unknown and result.replaces == ["variable_code"]
    new = {**BASE["campaign"], "script_id": UNKNOWN, "status": UNKNOWN}
    campaign = diff_resource("campaign", BASE["campaign"], new)
    assert campaign.changes == [FieldChange("script_id", 5, UNKNOWN), FieldChange("status", "draft", UNKNOWN)]


def test_diff_unknown_inside_dtmf_actions() -> None:
    action = {"digit": "1", "action_type": "switch_script", "target_script_id": 3}
    old = {**BASE["script"], "dtmf_actions": [action]}
    unknown_target = diff_resource("script", old, {**old, "dtmf_actions": [{**action, "target_script_id": UNKNOWN}]})
    assert unknown_target.changes == [FieldChange("dtmf_actions[digit=1].target_script_id", 3, UNKNOWN)]
    unknown_list = diff_resource("script", old, {**old, "dtmf_actions": UNKNOWN})
    assert unknown_list.changes == [FieldChange("dtmf_actions", [action], UNKNOWN)]
    unknown_digit = diff_resource("script", old, {**old, "dtmf_actions": [{**action, "digit": UNKNOWN}]})
    assert unknown_digit.changed_fields == ["dtmf_actions"] and unknown_digit.changes[0].unknown


def test_diff_changes_follow_the_schema_field_order() -> None:
    new = {**BASE["campaign"], "end_at": "2027-01-01T00:00:00Z", "name": "q4", "max_retries": 4}
    assert diff_resource("campaign", BASE["campaign"], new).changed_fields == ["name", "max_retries", "end_at"]


def test_diff_of_an_unknown_kind_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown resource kind 'lead'"):
        diff_resource("lead", {}, {})
