"""The `UNKNOWN` sentinel: a value Pulumi does not know yet (preview), mapped here so `spec` needs no pulumi import."""

from __future__ import annotations

from typing import Any


class _Unknown:
    """Type of the one `UNKNOWN` value; compares equal only to itself and survives copy/pickle as the singleton."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __str__(self) -> str:
        return "(known after apply)"

    def __reduce__(self) -> str:
        return "UNKNOWN"

    def __copy__(self) -> _Unknown:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> _Unknown:
        return self


UNKNOWN: Any = _Unknown()
"""During `pulumi preview` an input computed from another resource's output is not known yet.
The Pulumi layer replaces `pulumi.output.Unknown` values by this before calling `spec`; rules that
depend on an unknown value are skipped and diffs report it as a possible change."""


def is_unknown(value: object) -> bool:
    """True for the `UNKNOWN` sentinel."""
    return value is UNKNOWN


def contains_unknown(value: object) -> bool:
    """True if `value` is `UNKNOWN` or holds it anywhere inside (dicts, lists, tuples)."""
    if value is UNKNOWN:
        return True
    if isinstance(value, dict):
        return any(contains_unknown(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(contains_unknown(item) for item in value)
    return False
