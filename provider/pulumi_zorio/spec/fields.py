"""Each kind's field lists, read from its JSON Schema (`pulumi_zorio/schemas/<kind>.json`), the one declaration.

Besides JSON Schema's own keywords, a property may say how we treat it (none means an ordinary API field):

- `x-ours`: not an API field (`adopt_id`, a media file's `source`): never sent, never read back.
- `x-sent: false`: the API reports it but a request body never carries it (a campaign's `status`).
- `x-replace`: the API cannot change it after creation, so a new value replaces the object.
- `x-id`: it holds a Zorio id (Python programs may pass another resource's `.id`, a string).
- `x-match`: a lost create is recognised by it (client: the object created with the values sent).
- `x-updatable-while`: the campaign statuses besides draft and paused in which a PUT may change it [I].
- `x-python`: a sentence for Python users only, added to the field's docstring (e.g. "Pass `script.id`.").
- `readOnly`: computed by the provider, not declared (a media file's `content_sha256`).

The top-level `x-outputs` maps each output-only field the API adds to its schema (type and description); the
typed Python classes are generated from all this (`python -m pulumi_zorio.codegen`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

INTERNAL_KEYWORDS = frozenset({"x-ours", "x-sent", "x-replace", "x-id", "x-match", "x-updatable-while", "x-python",
                               "x-outputs"})
"""Our annotations: how the provider treats a field, not what a user may write (the published schema drops them)."""


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of `kind`'s inputs, read once from the package data."""
    folder = resources.files("pulumi_zorio").joinpath("schemas")
    if not folder.joinpath(f"{kind}.json").is_file():
        known = sorted(entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json"))
        raise ValueError(f"unknown resource kind {kind!r}; expected one of {', '.join(known)}")
    text = folder.joinpath(f"{kind}.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@dataclass(frozen=True)
class Fields:
    """The field lists of one kind, each derived from its schema once."""

    inputs: tuple[str, ...]
    """Every input key, in schema order (declared and computed)."""
    payload: tuple[str, ...]
    """What a POST/PUT body may carry."""
    nullable: tuple[str, ...]
    """Payload fields sent as null when unset (the API clears them)."""
    integers: tuple[str, ...]
    """Whole-number fields of the inputs and of an API object (`id` included)."""
    timestamps: tuple[str, ...]
    """`format: date-time` inputs, normalised to UTC."""
    ids: frozenset[str]
    """Fields holding a Zorio id (`x-id`), nested ones (a DTMF action's `target_script_id`) included."""
    replace_on: frozenset[str]
    """`x-replace`: what the API cannot change after creation."""
    api: tuple[str, ...]
    """What `flatten` reads from an API object: `id`, the API's input fields and the output-only ones."""
    match: tuple[str, ...]
    """`x-match`: what recognises the object a lost create made."""


def _types(spec: dict[str, Any]) -> list[str]:
    declared = spec.get("type", [])
    return declared if isinstance(declared, list) else [declared]


def _flagged(properties: dict[str, Any], keyword: str) -> tuple[str, ...]:
    return tuple(name for name, spec in properties.items() if spec.get(keyword))


@cache
def fields(kind: str) -> Fields:
    """The field lists of `kind` (`variable`, `media_file`, `script`, `campaign`)."""
    schema = load_schema(kind)
    properties: dict[str, Any] = schema["properties"]
    outputs: dict[str, Any] = schema.get("x-outputs", {})
    theirs = {name: spec for name, spec in properties.items() if not spec.get("x-ours")}
    payload = tuple(name for name, spec in theirs.items() if spec.get("x-sent", True))
    return Fields(
        inputs=tuple(properties),
        payload=payload,
        nullable=tuple(name for name in payload if "null" in _types(properties[name])),
        integers=("id", *(name for name, spec in {**properties, **outputs}.items() if "integer" in _types(spec))),
        timestamps=tuple(name for name, spec in properties.items() if spec.get("format") == "date-time"),
        ids=frozenset(_flagged(properties, "x-id")) | _nested_ids(schema),
        replace_on=frozenset(_flagged(properties, "x-replace")),
        api=("id", *theirs, *outputs),
        match=_flagged(properties, "x-match") + _flagged(outputs, "x-match"),
    )


def _nested_ids(schema: dict[str, Any]) -> frozenset[str]:
    return frozenset(name for definition in schema.get("$defs", {}).values()
                     for name in _flagged(definition.get("properties", {}), "x-id"))


def updatable_while(kind: str, status: str) -> frozenset[str]:
    """The fields of `kind` whose `x-updatable-while` names `status`."""
    properties = load_schema(kind)["properties"]
    return frozenset(name for name, spec in properties.items() if status in spec.get("x-updatable-while", ()))


def without_internal(schema: Any) -> Any:
    """`schema` with our annotations removed (recursively), as editors and generic checkers should see it."""
    if isinstance(schema, dict):
        return {key: without_internal(value) for key, value in schema.items() if key not in INTERNAL_KEYWORDS}
    if isinstance(schema, list):
        return [without_internal(item) for item in schema]
    return schema
