"""Shape validation turns every JSON Schema error into a friendly Problem naming the field."""

from __future__ import annotations

import pytest

from spec.support import Said
from pulumi_zorio.spec.shape import check_shape, load_schema
from pulumi_zorio.spec.unknown import UNKNOWN


def test_shape_range_error_says_between_and_the_value() -> None:
    problems = check_shape("campaign", {"script_id": 1, "max_retries": 12})
    assert problems == [Said("max_retries", "must be between 0 and 10 (got 12)")]
    assert str(problems[0]) == "max_retries: must be between 0 and 10 (got 12)"


def test_shape_minimum_only_says_at_least() -> None:
    assert check_shape("campaign", {"script_id": 0}) == [Said("script_id", "must be at least 1 (got 0)")]


def test_shape_enum_error_lists_the_allowed_values() -> None:
    assert check_shape("campaign", {"script_id": 1, "retry_only_when": "never"}) == [
        Said("retry_only_when", 'must be one of: no_answer, busy, failed, any (got "never")')
    ]


def test_shape_unknown_key_suggests_the_closest_field() -> None:
    assert check_shape("campaign", {"script_id": 1, "max_retry": 2}) == [
        Said("max_retry", "is not a known field; did you mean max_retries?")
    ]


def test_shape_unknown_key_without_a_close_match_lists_the_fields() -> None:
    assert check_shape("variable", {"variable_code": "a", "zzz": 1}) == [
        Said("zzz", "is not a known field; allowed fields: adopt_id, description, name, sample_value, variable_code")
    ]


def test_shape_reports_all_errors_at_once_in_path_order() -> None:
    problems = check_shape(
        "script",
        {
            "voice_id": "",
            "tts_tier": "C",
            "dtmf_actions": [{"digit": "1", "action_type": "hangup"}] * 2
            + [{"digit": "x", "action_type": "hangup", "label": "a" * 101}] * 9
            + [{"digit": "2"}] * 2,
        },
    )
    assert [str(problem) for problem in problems] == [
        "dtmf_actions: must have at most 12 items (got 13)",
        'dtmf_actions.2.digit: must be one of: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, *, # (got "x")',
        "dtmf_actions.2.label: must be at most 100 characters (got 101)",
    ] + [
        line
        for index in range(3, 11)
        for line in (
            f'dtmf_actions.{index}.digit: must be one of: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, *, # (got "x")',
            f"dtmf_actions.{index}.label: must be at most 100 characters (got 101)",
        )
    ] + [
        "dtmf_actions.11.action_type: is required",
        "dtmf_actions.12.action_type: is required",
        "template_text: is required",
        'tts_tier: must be one of: A, B (got "C")',
        "voice_id: must not be empty",
    ]


def test_shape_type_error_says_what_is_expected() -> None:
    assert check_shape("campaign", {"script_id": "7", "write_to_main_cdr": "yes"}) == [
        Said("script_id", 'must be a whole number (got "7")'),
        Said("write_to_main_cdr", 'must be true or false (got "yes")'),
    ]


def test_shape_non_integral_number_is_not_an_id() -> None:
    assert check_shape("campaign", {"script_id": 7.5}) == [Said("script_id", "must be a whole number (got 7.5)")]


def test_shape_accepts_integral_floats_as_pulumi_sends_them() -> None:
    assert check_shape("campaign", {"script_id": 7.0, "max_retries": 3.0}) == []


def test_shape_pattern_error_uses_the_schema_hint() -> None:
    assert check_shape("variable", {"variable_code": "Customer"}) == [
        Said(
            "variable_code",
            "must be lowercase letters, digits and _, starting with a letter, at most 64 characters "
            '(e.g. customer_name) (got "Customer")',
        )
    ]


def test_shape_skips_errors_about_unknown_values() -> None:
    inputs = {
        "script_id": UNKNOWN,
        "caller_id_group_id": UNKNOWN,
        "name": UNKNOWN,
    }
    assert check_shape("campaign", inputs) == []
    script = {"template_text": "x", "voice_id": "v", "dtmf_actions": [UNKNOWN, {"digit": "1", "action_type": UNKNOWN}]}
    assert check_shape("script", script) == []
    assert check_shape("script", {"template_text": "x", "voice_id": "v", "dtmf_actions": UNKNOWN}) == []


def test_shape_long_values_are_shortened_in_messages() -> None:
    problems = check_shape("campaign", {"script_id": 1, "retry_only_when": "n" * 100})
    assert problems[0].message.endswith('(got "' + "n" * 56 + '...)')


def _minimal(kind: str) -> dict[str, object]:
    return {
        "variable": {"variable_code": "a"},
        "media_file": {"source": "a.wav", "category": "ivr"},
        "script": {"template_text": "t", "voice_id": "v"},
        "campaign": {"script_id": 1},
    }[kind]


LENGTH_LIMITS = [
    (kind, name, spec["maxLength"])
    for kind in ("variable", "media_file", "script", "campaign")
    for name, spec in load_schema(kind)["properties"].items()
    if "maxLength" in spec
]


def test_length_limits_are_the_contract_ones() -> None:
    assert sorted(LENGTH_LIMITS) == [
        ("campaign", "description", 2000),
        ("campaign", "name", 255),
        ("media_file", "name", 255),
        ("script", "description", 2000),
        ("script", "name", 255),
        ("script", "template_text", 5000),
        ("variable", "description", 1000),
        ("variable", "name", 255),
        ("variable", "sample_value", 255),
    ]


@pytest.mark.parametrize(("kind", "field", "limit"), LENGTH_LIMITS)
def test_shape_length_limit_allows_the_limit_and_rejects_one_more(kind: str, field: str, limit: int) -> None:
    assert check_shape(kind, {**_minimal(kind), field: "x" * limit}) == []
    assert check_shape(kind, {**_minimal(kind), field: "x" * (limit + 1)}) == [
        Said(field, f"must be at most {limit} characters (got {limit + 1})")
    ]
