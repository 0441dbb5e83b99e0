"""Shared value normalisers: Pulumi floats, timestamps, defaults and payload selection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from pulumi_zorio.spec.unknown import UNKNOWN
from pulumi_zorio.spec.values import integral, normalise_timestamp, select_payload, with_defaults


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3.0, 3), (3.5, 3.5), (3, 3), (True, True), ("3", "3"), (None, None)],
)
def test_integral_turns_only_whole_floats_into_ints(value: object, expected: object) -> None:
    result = integral(value)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-06-30T03:30:45.000000Z", "2026-06-30T03:30:45Z"),
        ("2026-06-30T10:30:45+07:00", "2026-06-30T03:30:45Z"),
        ("2026-06-30T03:30:45.999999Z", "2026-06-30T03:30:45Z"),
        ("2026-06-29T22:30:45-05:00", "2026-06-30T03:30:45Z"),
        (datetime(2026, 6, 30, 10, 30, 45, tzinfo=timezone(timedelta(hours=7))), "2026-06-30T03:30:45Z"),
        (datetime(2026, 6, 30, 3, 30, 45, tzinfo=UTC), "2026-06-30T03:30:45Z"),
    ],
)
def test_normalise_timestamp_gives_utc_whole_seconds(value: object, expected: str) -> None:
    assert normalise_timestamp(value) == expected


@pytest.mark.parametrize("value", ["2026-06-30T03:30:45", "tomorrow", 5, None, UNKNOWN])
def test_normalise_timestamp_leaves_what_it_cannot_read_for_check_to_report(value: object) -> None:
    assert normalise_timestamp(value) is value


def test_with_defaults_fills_missing_and_none_but_keeps_unknown() -> None:
    assert with_defaults({"a": None, "b": UNKNOWN}, {"a": 1, "b": 2, "c": []}) == {"a": 1, "b": UNKNOWN, "c": []}


def test_with_defaults_does_not_share_mutable_defaults() -> None:
    defaults = {"items": []}
    with_defaults({}, defaults)["items"].append(1)
    assert defaults == {"items": []}


def test_select_payload_sends_null_only_for_nullable_fields() -> None:
    inputs = {"name": None, "description": None, "x": 1}
    assert select_payload(inputs, ("name", "description", "x"), nullable=("description",)) == {
        "description": None,
        "x": 1,
    }
    assert select_payload(inputs, ("name", "description", "x"), only=iter(["x"])) == {"x": 1}
