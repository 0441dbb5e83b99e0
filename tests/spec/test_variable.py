"""Variable: normalise, check, payload and flatten."""

from __future__ import annotations

from spec.support import Said
from pulumi_zorio.spec.variable import (
    REPLACE_ON,
    build_variable_payload,
    check_variable,
    flatten_variable,
    normalise_variable_inputs,
)


def test_variable_replace_on_is_the_code() -> None:
    assert REPLACE_ON == {"variable_code"}


def test_variable_check_accepts_a_valid_variable() -> None:
    assert check_variable({"variable_code": "salutation_name", "name": "Salutation", "sample_value": "anh An"}) == []


def test_variable_check_requires_a_valid_code() -> None:
    assert check_variable({"name": "x"}) == [Said("variable_code", "is required")]
    assert check_variable({"variable_code": "1abc"})[0].path == "variable_code"
    assert check_variable({"variable_code": "a" * 65})[0].path == "variable_code"
    assert check_variable({"variable_code": "a" * 64}) == []


def test_variable_check_limits_lengths() -> None:
    problems = check_variable(
        {"variable_code": "a", "name": "n" * 256, "description": "d" * 1001, "sample_value": "s" * 256}
    )
    assert [str(problem) for problem in problems] == [
        "description: must be at most 1000 characters (got 1001)",
        "name: must be at most 255 characters (got 256)",
        "sample_value: must be at most 255 characters (got 256)",
    ]


def test_variable_normalise_drops_none_and_makes_ids_ints() -> None:
    assert normalise_variable_inputs({"variable_code": "a", "description": None, "adopt_id": 4.0}) == {
        "variable_code": "a",
        "adopt_id": 4,
    }


def test_variable_payload_sends_nulls_to_clear_and_never_adopt_id() -> None:
    assert build_variable_payload({"variable_code": "a", "name": "A", "adopt_id": 3}) == {
        "variable_code": "a",
        "name": "A",
        "description": None,
        "sample_value": None,
    }


def test_variable_payload_only_the_changed_fields_for_a_partial_put() -> None:
    assert build_variable_payload({"variable_code": "a", "name": "B"}, only=["name"]) == {"name": "B"}


def test_variable_flatten_maps_the_api_object_and_ignores_unknown_fields() -> None:
    api = {
        "id": 9,
        "variable_code": "a",
        "name": "A",
        "description": None,
        "created_at": "2026-06-30T03:30:45.000000Z",
        "tenant_id": 1,
        "new_field": True,
    }
    assert flatten_variable(api) == {
        "variable_code": "a",
        "name": "A",
        "description": None,
        "sample_value": None,
        "id": 9,
        "created_at": "2026-06-30T03:30:45.000000Z",
        "updated_at": None,
    }
