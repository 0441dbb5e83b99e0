"""Campaign: defaults, timestamps, caller-ID group rule, payload (never a status) and flatten (live status)."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_zorio.spec.campaign import (
    REPLACE_ON,
    build_campaign_payload,
    campaign_warnings,
    check_campaign,
    flatten_campaign,
    normalise_campaign_inputs,
)
from pulumi_zorio.spec.shape import defaults
from pulumi_zorio.spec.unknown import UNKNOWN
from spec.support import Said


def campaign(**changes: Any) -> dict[str, Any]:
    return {"name": "q3_care", "script_id": 5, "caller_id_group_id": 3, **changes}


def test_campaign_is_never_replaced() -> None:
    assert REPLACE_ON == frozenset()


def test_campaign_normalise_applies_defaults_ints_and_utc_timestamps() -> None:
    normalised = normalise_campaign_inputs(
        {"script_id": 5.0, "start_at": "2026-06-25T15:00:00.123456+07:00", "description": None}
    )
    assert normalised == {"script_id": 5, "start_at": "2026-06-25T08:00:00Z", **defaults("campaign")}


def test_campaign_check_accepts_a_valid_campaign() -> None:
    schedule = {"start_at": "2026-06-25T08:00:00Z", "end_at": "2026-06-26T08:00:00Z"}
    assert check_campaign(campaign(status="running", **schedule)) == []


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("max_retries", -1, "between 0 and 10"),
        ("max_retries", 11, "between 0 and 10"),
        ("retry_interval_minutes", 0, "between 1 and 43200"),
        ("retry_interval_minutes", 43201, "between 1 and 43200"),
        ("max_concurrent", 0, "between 1 and 200"),
        ("max_concurrent", 201, "between 1 and 200"),
        ("originate_timeout", 9, "between 10 and 180"),
        ("originate_timeout", 181, "between 10 and 180"),
    ],
)
def test_campaign_check_ranges_from_the_contract(field: str, value: int, rule: str) -> None:
    assert check_campaign(campaign(**{field: value})) == [Said(field, f"must be {rule} (got {value})")]


@pytest.mark.parametrize(
    ("field", "value"),
    [("max_retries", 0), ("max_retries", 10), ("retry_interval_minutes", 43200), ("max_concurrent", 200),
     ("originate_timeout", 10), ("originate_timeout", 180)],
)
def test_campaign_check_accepts_range_bounds(field: str, value: int) -> None:
    assert check_campaign(campaign(**{field: value})) == []


def test_campaign_check_rejects_an_undesirable_status() -> None:
    assert check_campaign(campaign(status="completed")) == [
        Said("status", 'must be one of: draft, running, paused, stopped, archived (got "completed")')
    ]


def test_campaign_check_end_at_must_be_after_start_at_across_offsets() -> None:
    problems = check_campaign(campaign(start_at="2026-06-25T15:00:00+07:00", end_at="2026-06-25T08:00:00Z"))
    assert problems == [Said("end_at", "must be after start_at (2026-06-25T08:00:00Z), got 2026-06-25T08:00:00Z")]


def test_campaign_check_timestamps_need_a_utc_offset() -> None:
    """The schema's `format: date-time` (what every checker of the published schema enforces), in path order."""
    assert check_campaign(campaign(start_at="2026-06-25T08:00:00", end_at="tomorrow")) == [
        Said(
            "end_at",
            "must be an ISO 8601 timestamp with a UTC offset, e.g. 2026-06-25T08:00:00Z or "
            '2026-06-25T15:00:00+07:00 (got "tomorrow")',
        ),
        Said(
            "start_at",
            "must be an ISO 8601 timestamp with a UTC offset, e.g. 2026-06-25T08:00:00Z or "
            '2026-06-25T15:00:00+07:00 (got "2026-06-25T08:00:00")',
        ),
    ]


@pytest.mark.parametrize("status", ["running", "paused"])
def test_campaign_that_starts_without_a_caller_id_group_is_warned_about_not_refused(status: str) -> None:
    # AutoCall documents caller_id_group_id as optional (the default trunk); the 422 is documented for Telesales only
    assert check_campaign({"script_id": 5, "status": status}) == []
    assert campaign_warnings({"script_id": 5, "status": status}) == [
        Said(
            "caller_id_group_id",
            f"is not set, but status {status} starts the campaign: Zorio then dials from the default trunk's caller "
            "ID (numbers not chosen here), or refuses to start it if the account requires a group; set "
            "caller_id_group_id to choose the numbers people see (or keep status: draft)",
        )
    ]


@pytest.mark.parametrize("status", ["draft", "stopped", "archived"])
def test_campaign_in_other_statuses_needs_no_caller_id_group(status: str) -> None:
    assert check_campaign({"script_id": 5, "status": status}) == []
    assert campaign_warnings({"script_id": 5, "status": status}) == []


def test_campaign_with_a_caller_id_group_or_unknown_values_is_not_warned_about() -> None:
    assert campaign_warnings(campaign(status="running")) == []
    assert campaign_warnings({"script_id": 5, "status": UNKNOWN}) == []
    assert campaign_warnings({"script_id": 5, "status": "running", "caller_id_group_id": UNKNOWN}) == []


def test_campaign_check_skips_rules_whose_values_are_unknown() -> None:
    inputs = {"script_id": UNKNOWN, "caller_id_group_id": UNKNOWN, "status": "running", "start_at": UNKNOWN,
              "end_at": "2020-01-01T00:00:00Z"}
    assert check_campaign(inputs) == []
    assert check_campaign({"script_id": 1, "status": UNKNOWN}) == []


def test_campaign_payload_never_sends_status_or_adopt_id() -> None:
    payload = build_campaign_payload(campaign(status="running", adopt_id=9, max_retries=5.0))
    assert payload == {
        "name": "q3_care",
        "description": None,
        "script_id": 5,
        "caller_id_group_id": 3,
        **{field: value for field, value in defaults("campaign").items() if field != "status"},
        "max_retries": 5,
        "start_at": None,
        "end_at": None,
    }


def test_campaign_payload_only_changed_fields_even_if_status_is_asked() -> None:
    assert build_campaign_payload(campaign(), only=["max_concurrent", "status"]) == {"max_concurrent": 10}


def test_campaign_flatten_reports_the_live_status_and_output_fields() -> None:
    api = {
        "id": 21,
        "tenant_id": 1,
        "name": "q3_care",
        "script_id": 5,
        "status": "starting",
        "gateway_name": None,
        "leads_count": 120,
        "start_at": "2026-06-25T08:00:00.000000Z",
        "created_at": "2026-06-01T00:00:00.000000Z",
        "unexpected": {"x": 1},
    }
    flat = flatten_campaign(api)
    assert flat["status"] == "starting" and flat["leads_count"] == 120 and flat["gateway_name"] is None
    assert flat["start_at"] == "2026-06-25T08:00:00Z" and flat["end_at"] is None
    assert flat["created_at"] == "2026-06-01T00:00:00.000000Z"
    assert "unexpected" not in flat and flat["max_retries"] is None


@pytest.mark.parametrize(("value", "expected"), [(1, True), (0.0, False), (True, True), ("yes", "yes")])
def test_campaign_normalise_reads_0_and_1_as_booleans(value: object, expected: object) -> None:
    result = normalise_campaign_inputs({"script_id": 1, "write_to_main_cdr": value})["write_to_main_cdr"]
    assert result == expected and type(result) is type(expected)
