"""Laravel 9-style request validation: collect every field error with Laravel's message texts.

Attribute names in messages are the field keys with underscores as spaces (`dtmf actions.1.digit`).
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime, timezone
from typing import Any

from zorio_emulator import errors

MESSAGES = {
    "required": "The {attr} field is required.",
    "string": "The {attr} must be a string.",
    "integer": "The {attr} must be an integer.",
    "boolean": "The {attr} field must be true or false.",
    "array": "The {attr} must be an array.",
    "max.string": "The {attr} must not be greater than {max} characters.",
    "max.array": "The {attr} must not have more than {max} items.",
    "max.numeric": "The {attr} must not be greater than {max}.",
    "min.numeric": "The {attr} must be at least {min}.",
    "between.numeric": "The {attr} must be between {min} and {max}.",
    "in": "The selected {attr} is invalid.",
    "regex": "The {attr} format is invalid.",
    "unique": "The {attr} has already been taken.",
    "date": "The {attr} is not a valid date.",
    "after": "The {attr} must be a date after {other}.",
    "distinct": "The {attr} field has a duplicate value.",
    "prohibited": "The {attr} field is prohibited.",
    "max.file": "The {attr} must not be greater than {max} kilobytes.",
    "file": "The {attr} must be a file.",
}

MISSING = object()
_INT_STRING = re.compile(r"^[+-]?\d+$")
_TRUE = (True, 1, "1", "true")
_FALSE = (False, 0, "0", "false")


def humanise(field: str) -> str:
    """`dtmf_actions.1.digit` → `dtmf actions.1.digit` (Laravel's attribute display name)."""
    return field.replace("_", " ")


def message(rule: str, field: str, **params: Any) -> str:
    """The Laravel message for `rule` on `field`."""
    return MESSAGES[rule].format(attr=humanise(field), **params)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json_object(body: bytes) -> dict[str, Any]:
    """The request body as a JSON object, or 400 "Malformed request body" [D section 2].

    Like PHP's json_decode, NaN/Infinity, numbers too large for a double and unpaired UTF-16 surrogates
    make the body invalid (they could not be answered back as JSON either).
    """
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=_no_constant, parse_float=_finite) if body.strip() else {}
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # rejects lone surrogates
    except (UnicodeError, ValueError, RecursionError):
        raise errors.malformed_body() from None
    if not isinstance(data, dict):
        raise errors.malformed_body()
    return data


def parse_datetime(value: Any) -> datetime | None:
    """An ISO 8601 timestamp (with or without microseconds, `Z` or an offset) as aware UTC, else None."""
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        return None
    text = value.strip().replace("z", "Z")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)  # Laravel reads naive times in the app timezone (UTC)
    try:
        return parsed.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None


class Validator:
    """Checks fields of one request body and collects every error, like Laravel's validator."""

    def __init__(self, data: dict[str, Any], *, partial: bool = False) -> None:
        self.data = data
        self.partial = partial  # PUT: absent fields are skipped even when required on create
        self.errors: dict[str, list[str]] = {}
        self.clean: dict[str, Any] = {}

    def fail(self, field: str, text: str) -> None:
        """Record one error message for `field`."""
        self.errors.setdefault(field, []).append(text)

    def failed(self, field: str) -> bool:
        """Whether `field` already has an error."""
        return field in self.errors

    def raise_if_failed(self) -> None:
        """422 with every collected error."""
        if self.errors:
            raise errors.invalid(self.errors)

    # --- value accessors -------------------------------------------------------
    def present(self, field: str, source: dict[str, Any] | None = None) -> Any:
        """The raw value or MISSING."""
        return (self.data if source is None else source).get(field, MISSING)

    def _start(self, field: str, value: Any, required: bool, nullable: bool) -> tuple[bool, Any]:
        """Common required/nullable handling: (go on checking?, value)."""
        if value is MISSING:
            # PUT skips absent top-level fields; fields inside a sent object (dtmf_actions.0.digit) stay required.
            if required and (not self.partial or "." in field):
                self.fail(field, message("required", field))
            return False, value
        empty = value is None or (isinstance(value, str) and not value.strip()) or value == []
        if empty and required:
            self.fail(field, message("required", field))
            return False, value
        if value is None:
            if not nullable:
                return True, value  # the type rule below reports it
            self.clean[field] = None
            return False, value
        return True, value

    def string(self, field: str, *, required: bool = False, nullable: bool = False, max: int | None = None,
               value: Any = MISSING, key: str | None = None) -> Any:
        """A string field (`required|nullable|string|max:n`); returns the value or MISSING."""
        raw = self.present(key or field) if value is MISSING else value
        go, raw = self._start(field, raw, required, nullable)
        if not go:
            return raw if raw is None else MISSING
        if not isinstance(raw, str):
            self.fail(field, message("string", field))
            return MISSING
        if max is not None and len(raw) > max:
            self.fail(field, message("max.string", field, max=max))
            return MISSING
        self.clean[key or field] = raw
        return raw

    def integer(self, field: str, *, required: bool = False, nullable: bool = False,
                between: tuple[int, int] | None = None, value: Any = MISSING) -> Any:
        """An integer field (Laravel accepts numeric strings too)."""
        raw = self.present(field) if value is MISSING else value
        go, raw = self._start(field, raw, required, nullable)
        if not go:
            return raw if raw is None else MISSING
        number = to_int(raw)
        if number is None:
            self.fail(field, message("integer", field))
            return MISSING
        if between is not None and not between[0] <= number <= between[1]:
            self.fail(field, message("between.numeric", field, min=between[0], max=between[1]))
            return MISSING
        self.clean[field] = number
        return number

    def boolean(self, field: str, *, required: bool = False) -> Any:
        """A boolean field: true/false/0/1/"0"/"1"."""
        go, raw = self._start(field, self.present(field), required, False)
        if not go:
            return MISSING
        if any(raw is v or (type(raw) is type(v) and raw == v) for v in _TRUE):
            self.clean[field] = True
        elif any(raw is v or (type(raw) is type(v) and raw == v) for v in _FALSE):
            self.clean[field] = False
        else:
            self.fail(field, message("boolean", field))
            return MISSING
        return self.clean[field]

    def choice(self, field: str, allowed: tuple[str, ...], *, required: bool = False, value: Any = MISSING) -> Any:
        """A string from a fixed set (`in:`)."""
        raw = self.present(field) if value is MISSING else value
        go, raw = self._start(field, raw, required, False)
        if not go:
            return MISSING
        if not isinstance(raw, str) or raw not in allowed:
            self.fail(field, message("in", field))
            return MISSING
        self.clean[field] = raw
        return raw

    def date(self, field: str, *, nullable: bool = True) -> Any:
        """An ISO 8601 date; returns an aware UTC datetime, None, or MISSING."""
        go, raw = self._start(field, self.present(field), False, nullable)
        if not go:
            return None if raw is None else MISSING
        parsed = parse_datetime(raw)
        if parsed is None:
            self.fail(field, message("date", field))
            return MISSING
        self.clean[field] = parsed
        return parsed


def to_int(raw: Any) -> int | None:
    """Laravel's `integer` rule: ints, integral floats and numeric strings; never booleans."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and len(raw) < 40 and _INT_STRING.match(raw.strip()):
        return int(raw.strip())
    return None
