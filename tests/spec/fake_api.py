"""A tiny stand-in for the Zorio API's answers (contract §7-§10) and Pulumi's value mangling, for round-trip tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from pulumi_zorio.spec.values import parse_timestamp

STAMP = "2026-06-30T03:30:45.000000Z"


def api_timestamp(value: Any) -> Any:
    """How the API answers a timestamp: UTC with microseconds and `Z` [contract §1]."""
    parsed = parse_timestamp(value)
    return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if parsed else value


def respond(kind: str, payload: dict[str, Any], live_status: str | None = None) -> dict[str, Any]:
    """The object the API would return after a create/update with `payload`, server fields added."""
    body = {"id": 17, "tenant_id": 1, **payload, "created_at": STAMP, "updated_at": STAMP}
    if kind == "media_file":
        body.update(file_path="/media/x.wav", original_filename="x.wav", size_bytes=1024, duration_seconds=1.5)
    if kind == "script":
        body["dtmf_actions"] = [
            {"id": 100 + index, "target_audio_url": None, "target_queue_name": None, "target_script_id": None,
             "label": None, **action}
            for index, action in enumerate(reversed(body.get("dtmf_actions") or []))
        ]
        body["variables"] = []
    if kind == "campaign":
        body.update(status=live_status or "draft", gateway_name=None, leads_count=0)
        for field in ("start_at", "end_at"):
            body[field] = api_timestamp(body.get(field))
    for field in ("description", "sample_value"):  # nullable text comes back as null, not ""
        if body.get(field) == "":
            body[field] = None
    return body


def through_pulumi(values: dict[str, Any]) -> dict[str, Any]:
    """What a provider receives from the engine: ints as floats, None keys dropped (notes §1)."""
    return {key: _floaty(value) for key, value in values.items() if value is not None}


def _floaty(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, dict):
        return through_pulumi(value)
    if isinstance(value, list):
        return [_floaty(item) for item in value]
    return value


def in_offset(stamp: datetime, hours: int) -> str:
    """The same instant written in another offset, as a user might."""
    return stamp.astimezone(timezone(timedelta(hours=hours))).isoformat()
