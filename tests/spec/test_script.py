"""Script: the DTMF menu rules, placeholders, defaults, payload and flatten."""

from __future__ import annotations

from typing import Any

import pytest

from spec.support import Said
from pulumi_zorio.spec.script import (
    REPLACE_ON,
    TARGET_OF_ACTION,
    build_script_payload,
    check_script,
    flatten_script,
    normalise_script_inputs,
)
from pulumi_zorio.spec.unknown import UNKNOWN

TARGET_VALUES = {
    "target_audio_url": "/media/thank_you.wav",
    "target_queue_name": "support@default",
    "target_script_id": 7,
}
CONFIRM = {"digit": "1", "label": "Confirm", "action_type": "playback_then_hangup", "target_audio_url": "/media/t.wav"}


def script(**changes: Any) -> dict[str, Any]:
    base = {
        "name": "reminder",
        "voice_id": "vi-VN-female-01",
        "template_text": "Hello {{salutation_name}}. Press 1 to confirm, 2 for an agent.",
        "dtmf_actions": [
            CONFIRM,
            {"digit": "2", "label": "Agent", "action_type": "queue", "target_queue_name": "support@default"},
            {"digit": "0", "label": "Menu", "action_type": "switch_script", "target_script_id": 3},
        ],
    }
    return {**base, **changes}


def test_script_is_never_replaced() -> None:
    assert REPLACE_ON == frozenset()


def test_script_check_accepts_the_design_example() -> None:
    assert check_script(script()) == []


def test_script_defaults_status_active_tier_b_one_repeat() -> None:
    normalised = normalise_script_inputs({"voice_id": "v", "template_text": "t"})
    assert normalised == {
        "voice_id": "v",
        "template_text": "t",
        "tts_tier": "B",
        "max_repeat_per_attempt": 1,
        "status": "active",
        "dtmf_actions": [],
    }


def test_script_normalise_turns_pulumi_floats_and_yaml_int_digits_back() -> None:
    normalised = normalise_script_inputs(
        script(
            max_repeat_per_attempt=2.0,
            dtmf_actions=[{"digit": 1, "action_type": "switch_script", "target_script_id": 3.0, "label": None}],
        )
    )
    assert normalised["max_repeat_per_attempt"] == 2
    assert normalised["dtmf_actions"] == [{"digit": "1", "action_type": "switch_script", "target_script_id": 3}]


def test_script_check_reports_a_duplicate_digit_pointing_to_the_first_use() -> None:
    actions = script()["dtmf_actions"] + [{"digit": "2", "action_type": "hangup"}]
    assert check_script(script(dtmf_actions=actions)) == [
        Said(
            "dtmf_actions.3.digit",
            'digit "2" is already used by dtmf_actions.1; each digit may appear once in a script',
        )
    ]


@pytest.mark.parametrize("digit", ["0", "5", "9", "*", "#"])
def test_script_check_accepts_every_legal_digit(digit: str) -> None:
    assert check_script(script(dtmf_actions=[{"digit": digit, "action_type": "hangup"}])) == []


@pytest.mark.parametrize("digit", ["10", "a", "", "**"])
def test_script_check_rejects_illegal_digits(digit: str) -> None:
    assert check_script(script(dtmf_actions=[{"digit": digit, "action_type": "hangup"}])) == [
        Said("dtmf_actions.0.digit", f'must be one of: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, *, # (got "{digit}")')
    ]


@pytest.mark.parametrize(("action_type", "needed"), sorted(TARGET_OF_ACTION.items()))
def test_script_check_accepts_each_action_with_exactly_its_target(action_type: str, needed: str | None) -> None:
    action = {"digit": "1", "action_type": action_type}
    if needed:
        action[needed] = TARGET_VALUES[needed]
    assert check_script(script(dtmf_actions=[action])) == []


@pytest.mark.parametrize(
    ("action_type", "needed", "hint"),
    [
        ("playback", "target_audio_url", "a media file's file_path, e.g. /media/thank_you.wav"),
        ("playback_then_hangup", "target_audio_url", "a media file's file_path, e.g. /media/thank_you.wav"),
        ("queue", "target_queue_name", "a queue name, e.g. support@default"),
        ("switch_script", "target_script_id", "the id of another script"),
    ],
)
def test_script_check_requires_the_target_of_the_action(action_type: str, needed: str, hint: str) -> None:
    assert check_script(script(dtmf_actions=[{"digit": "4", "action_type": action_type}])) == [
        Said(f"dtmf_actions.0.{needed}", f"is required when action_type is {action_type}: set it to {hint}")
    ]


@pytest.mark.parametrize("action_type", sorted(TARGET_OF_ACTION))
def test_script_check_rejects_targets_the_action_does_not_use(action_type: str) -> None:
    needed = TARGET_OF_ACTION[action_type]
    action = {"digit": "4", "action_type": action_type, **TARGET_VALUES}
    used = f"it uses {needed}" if needed else "it takes no target"
    expected = [
        Said(f"dtmf_actions.0.{target}", f"is not used by action_type {action_type} ({used}); remove it")
        for target in TARGET_VALUES
        if target != needed
    ]
    assert check_script(script(dtmf_actions=[action])) == expected


def test_script_check_reports_invalid_placeholders() -> None:
    assert check_script(script(template_text="Hi {{Name}}")) == [
        Said(
            "template_text",
            "placeholder {{Name}} is not a valid variable code: use lowercase letters, digits and _, "
            "starting with a letter (e.g. {{name}})",
        )
    ]


def test_script_check_rejects_more_than_12_actions() -> None:
    actions = [{"digit": str(index % 10), "action_type": "hangup"} for index in range(13)]
    problems = check_script(script(dtmf_actions=actions))
    assert problems[0] == Said("dtmf_actions", "must have at most 12 items (got 13)")


def test_script_check_ranges_and_enums() -> None:
    assert [str(p) for p in check_script(script(max_repeat_per_attempt=6, tts_tier="C", status="live"))] == [
        "max_repeat_per_attempt: must be between 1 and 5 (got 6)",
        'status: must be one of: draft, active, archived (got "live")',
        'tts_tier: must be one of: A, B (got "C")',
    ]


def test_script_check_skips_rules_whose_values_are_unknown() -> None:
    actions = [
        {"digit": "1", "action_type": "switch_script", "target_script_id": UNKNOWN},
        {"digit": "2", "action_type": UNKNOWN, "target_audio_url": "/media/a.wav"},
        {"digit": "3", "action_type": "playback", "target_audio_url": UNKNOWN},
    ]
    assert check_script(script(dtmf_actions=actions, template_text=UNKNOWN, voice_id=UNKNOWN)) == []
    assert check_script(script(dtmf_actions=UNKNOWN)) == []


def test_script_payload_sends_status_and_leaves_unused_targets_out() -> None:
    payload = build_script_payload(script(adopt_id=3, description=None))
    assert payload == {
        "name": "reminder",
        "description": None,
        "template_text": "Hello {{salutation_name}}. Press 1 to confirm, 2 for an agent.",
        "voice_id": "vi-VN-female-01",
        "tts_tier": "B",
        "max_repeat_per_attempt": 1,
        "status": "active",
        "dtmf_actions": [
            CONFIRM,
            {"digit": "2", "label": "Agent", "action_type": "queue", "target_queue_name": "support@default"},
            {"digit": "0", "label": "Menu", "action_type": "switch_script", "target_script_id": 3},
        ],
    }


def test_script_payload_only_changed_fields() -> None:
    assert build_script_payload(script(), only=["status"]) == {"status": "active"}


def test_script_flatten_maps_actions_and_tolerates_missing_fields() -> None:
    api = {
        "id": 12,
        "tenant_id": 1,
        "name": "reminder",
        "template_text": "Hi {{a}} {{b}} {{a}}",
        "voice_id": "v",
        "dtmf_actions": [{"digit": "1", "action_type": "hangup", "target_audio_url": None, "id": 99}],
        "extra": "ignored",
    }
    flat = flatten_script(api)
    assert flat["dtmf_actions"] == [{"digit": "1", "action_type": "hangup"}]
    assert flat["variables"] == ["a", "b"]  # missing from the response: derived from the template
    assert flat["id"] == 12 and flat["status"] is None and "extra" not in flat


def test_script_flatten_keeps_the_reported_variables() -> None:
    assert flatten_script({"template_text": "{{a}}", "variables": ["a"], "dtmf_actions": None})["variables"] == ["a"]
