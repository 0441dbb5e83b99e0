"""Value normalisers shared by every kind: Pulumi's floats back to ints, timestamps to one UTC form, defaults."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def integral(value: Any) -> Any:
    """`8080.0 -> 8080`: Pulumi sends every number as a float (pulumi#13830). Anything else is returned as is.

    Booleans are left alone (`True` is an int in Python but never an id or a count here).
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def integral_fields(inputs: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """A copy of `inputs` with `integral()` applied to the listed fields that are present."""
    out = dict(inputs)
    for field in fields:
        if field in out:
            out[field] = integral(out[field])
    return out


def parse_timestamp(value: Any) -> datetime | None:
    """An aware datetime for an ISO 8601 string (any precision, `Z` or an offset) or datetime; else None.

    A timestamp without an offset is not accepted (returns None): the API's timezone is unknown to us,
    so its meaning would be ambiguous.
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    return parsed if parsed.tzinfo is not None else None


def normalise_timestamp(value: Any) -> Any:
    """`2026-06-30T10:30:45.000000+07:00 -> 2026-06-30T03:30:45Z`; unparsable values (and UNKNOWN) unchanged.

    The API answers with microseconds and `Z` but accepts any offset [contract §1], so every side is
    brought to one form: UTC, whole seconds.
    """
    parsed = parse_timestamp(value)
    if parsed is None:
        return value
    return parsed.astimezone(UTC).strftime(TIMESTAMP_FORMAT)


def without_none(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Drop keys whose value is None: Pulumi drops them anyway, so None and missing must mean the same."""
    return {key: value for key, value in inputs.items() if value is not None}


def with_defaults(inputs: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """Fill in the schema defaults for missing (or None) keys; UNKNOWN values are kept (they are not missing)."""
    out = without_none(inputs)
    for key, default in defaults.items():
        if key not in out:
            out[key] = list(default) if isinstance(default, list) else default
    return out


def pick(source: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The listed keys of `source` (missing ones as None), for payloads and flattened objects."""
    return {field: source.get(field) for field in fields}




def select_payload(
    inputs: Mapping[str, Any],
    payload_fields: Iterable[str],
    nullable: Iterable[str] = (),
    only: Iterable[str] | None = None,
) -> dict[str, Any]:
    """The request body: `payload_fields` of `inputs` (restricted to `only` for a partial PUT).

    A missing nullable field is sent as null so that removing it from the code clears it on the server
    (PUT is partial: an omitted field would keep its old value [I, contract §9]); a missing required
    field is simply left out and the API names it in its 422.
    """
    only_set = None if only is None else set(only)
    wanted = [field for field in payload_fields if only_set is None or field in only_set]
    nullable_fields = set(nullable)
    body: dict[str, Any] = {}
    for field in wanted:
        value = inputs.get(field)
        if value is not None or field in nullable_fields:
            body[field] = value
    return body


__all__ = [
    "TIMESTAMP_FORMAT",
    "integral",
    "integral_fields",
    "normalise_timestamp",
    "parse_timestamp",
    "pick",
    "select_payload",
    "with_defaults",
    "without_none",
]
