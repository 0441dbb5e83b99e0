"""Pulumi property bags ↔ the planning core's plain values: `__provider` dropped, Unknown ↔ spec.UNKNOWN, ids to ints."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, fields, is_dataclass
from difflib import get_close_matches
from typing import Any

import pulumi
import pulumi.output

from pulumi_zorio.spec import KINDS, UNKNOWN, is_unknown

PROVIDER_KEY = "__provider"

IdInput = pulumi.Input[int | str]
"""A Zorio id input: an int, or another resource's `.id` (an `Output[str]`, accepted as is: see ID_FIELDS)."""

ID_FIELDS = frozenset().union(*(kind.fields.ids for kind in KINDS.values()))
"""Fields holding a Zorio id (`x-id` in the schemas). A Pulumi id is a string (`script.id` is `Output[str]`), so `"12"` is accepted
for them and turned into 12: users can pass `script_id=script.id` without an `apply(int)`."""


def to_spec(value: Any, key: str | None = None) -> Any:
    """A Pulumi value as the planning core expects it (recursively): `Unknown()` → UNKNOWN, id strings → ints."""
    exact = type(value)  # the JSON types first, by type (isinstance of an ABC is most of a refresh's diff)
    if exact is dict:
        return {k: to_spec(v, k) for k, v in value.items() if k != PROVIDER_KEY}
    if exact is str:
        return int(value) if key in ID_FIELDS and value.isdigit() else value
    if exact is list:
        return [to_spec(item) for item in value]
    if value is None or exact in (int, float, bool):
        return value
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


def split_constructor_args(
    kind: str, args_type: type, positional: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, pulumi.ResourceOptions | None]:
    """`(XArgs, opts)` from the ways a resource may be called, as in Pulumi's generated SDKs:
    `X(name, XArgs(...), opts)`, `X(name, args=XArgs(...), opts=...)` or `X(name, opts, field=..., ...)`.

    A keyword that is not an input is a TypeError listing the valid ones (a typo must not be dropped
    silently), as is mixing `args` with keyword inputs or leaving a required input out.
    """
    inputs = {name: kwargs.pop(name) for name in list(kwargs) if name not in ("args", "opts")}
    args, opts = _positional(kind, positional, kwargs)
    names = [f.name for f in fields(args_type)]
    unknown = [name for name in inputs if name not in names]
    if unknown:
        hints = [_hint(name, names) for name in unknown]
        raise TypeError(f"{kind}() got unknown input(s) {', '.join(hints)}; valid inputs: {', '.join(names)}")
    if args is not None and inputs:
        raise TypeError(f"{kind}(): pass the inputs either as {args_type.__name__} (args=) or as keywords, "
                        f"not both (got args and {', '.join(inputs)})")
    if args is None:
        required = [f.name for f in fields(args_type) if f.default is MISSING and f.default_factory is MISSING]
        missing = [name for name in required if inputs.get(name) is None]
        if missing:
            raise TypeError(f"{kind}() missing required input(s): {', '.join(missing)}")
        args = args_type(**inputs)
    if not isinstance(args, args_type):
        raise TypeError(f"{kind}(): args must be a {args_type.__name__}, got {type(args).__name__}")
    if opts is not None and not isinstance(opts, pulumi.ResourceOptions):
        raise TypeError(f"{kind}(): opts must be a pulumi.ResourceOptions, got {type(opts).__name__}")
    return args, opts


def _positional(kind: str, positional: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any]:
    """`args` and `opts` given by position or keyword (a lone positional ResourceOptions is `opts`)."""
    if len(positional) > 2:
        raise TypeError(f"{kind}() takes the resource name, args and opts by position; pass inputs as keywords")
    values = list(positional)
    if len(values) == 1 and isinstance(values[0], pulumi.ResourceOptions):
        values = [None, values[0]]
    values += [None] * (2 - len(values))
    found = []
    for key, value in zip(("args", "opts"), values):
        if value is not None and key in kwargs:
            raise TypeError(f"{kind}() got multiple values for {key!r}")
        found.append(kwargs.get(key, value))
    return found[0], found[1]


def _hint(name: str, names: list[str]) -> str:
    close = get_close_matches(name, names, 1)
    return f"{name!r} (did you mean {close[0]!r}?)" if close else repr(name)


def constructor_props(
    kind: str, args_type: type, output_keys: tuple[str, ...], resource_name: str, positional: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> tuple[Any, dict[str, Any], pulumi.ResourceOptions | None]:
    """`(XArgs, props, opts)` of a resource constructor call (see `split_constructor_args`); the resource name is
    the default `name`."""
    args, opts = split_constructor_args(kind, args_type, positional, kwargs)
    props = props_from_args(args, output_keys)
    if props.get("name") is None:
        props["name"] = resource_name
    return args, props, opts


def props_from_args(args: Any, output_keys: tuple[str, ...]) -> dict[str, Any]:
    """The property bag of a resource from its `*Args`, then every output-only key as None, because
    Pulumi creates an `Output` attribute only for keys present in the props (notes §1)."""
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
