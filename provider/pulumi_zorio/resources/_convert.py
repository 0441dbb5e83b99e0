"""Pulumi property bags ↔ the planning core's plain values: `__provider` dropped, Unknown ↔ spec.UNKNOWN, ids to ints."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from typing import Any

import pulumi.output

from pulumi_zorio.spec import UNKNOWN, is_unknown

PROVIDER_KEY = "__provider"

ID_FIELDS = frozenset({"script_id", "caller_id_group_id", "adopt_id", "target_script_id"})
"""Fields holding a Zorio id. A Pulumi id is a string (`script.id` is `Output[str]`), so `"12"` is accepted
for them and turned into 12: users can pass `script_id=script.id` without an `apply(int)`."""


def to_spec(value: Any, key: str | None = None) -> Any:
    """A Pulumi value as the planning core expects it (recursively): `Unknown()` → UNKNOWN, id strings → ints."""
    if isinstance(value, pulumi.output.Unknown):
        return UNKNOWN
    if isinstance(value, Mapping):
        return {k: to_spec(v, k) for k, v in value.items() if k != PROVIDER_KEY}
    if isinstance(value, (list, tuple)):
        return [to_spec(item) for item in value]
    if key in ID_FIELDS and isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def to_pulumi(value: Any) -> Any:
    """The reverse for what goes back to the engine: UNKNOWN → `pulumi.output.Unknown()`."""
    if is_unknown(value):
        return pulumi.output.Unknown()
    if isinstance(value, Mapping):
        return {k: to_pulumi(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_pulumi(item) for item in value]
    return value


def outputs(inputs: Mapping[str, Any], flattened: Mapping[str, Any]) -> dict[str, Any]:
    """The stored outputs: the inputs (diff and update receive old OUTPUTS, so they must hold the inputs)
    overlaid with the live values, minus `id` (Pulumi's own `id` is the Zorio id) and None values."""
    merged = {**inputs, **flattened}
    return {k: v for k, v in merged.items() if k not in ("id", PROVIDER_KEY) and v is not None}


def props_from_args(args: Any, args_type: type, kwargs: Mapping[str, Any], output_keys: tuple[str, ...]) -> dict[str, Any]:
    """The property bag of a resource: its `*Args` (given whole or as keywords), then every output-only key
    as None, because Pulumi creates an `Output` attribute only for keys present in the props (notes §1)."""
    if args is None:
        args = args_type(**kwargs)
    elif kwargs:
        raise TypeError(f"pass either {args_type.__name__} or keyword arguments, not both")
    props: dict[str, Any] = {f.name: _plain(getattr(args, f.name)) for f in fields(args)}
    for key in output_keys:
        props.setdefault(key, None)
    return props


def _plain(value: Any) -> Any:
    """Nested `*Args` dataclasses (DTMF actions) as dicts without None values, which Pulumi serialises."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value) if getattr(value, f.name) is not None}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
