"""`zorio plan --pulumi-state FILE|-`: the ids of a Pulumi stack (`pulumi stack export`) as the local engine's state,
in memory only, so that the review is computed against what `pulumi up` will change.

Only our dynamic resources (`pulumi-python:dynamic/zorio:Script`, ...) are taken (never the provider resource, whose
outputs hold the stack's configuration): their logical name (the URN's last part),
id, inputs and outputs. Secret values are never read: the pickled provider (`__provider`, a secret) is replaced by
a fresh provider of the object's kind, and any other secret becomes `[secret]`, so ciphertext (or plaintext of an
export made with `--show-secrets`) cannot reach the review.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pulumi_zorio.local.state import PROVIDER_KEY, ResourceState, State, StateError
from pulumi_zorio.spec.kinds import KINDS, get_kind

from .names import kind_of

DYNAMIC_TYPE = "pulumi-python:dynamic"
"""Our resources' types start so: `pulumi-python:dynamic/zorio:Script` (or `pulumi-python:dynamic:Resource`)."""
TYPE_KINDS = {kind.type_name: kind.name for kind in KINDS.values()}
"""`MediaFile` (the end of a resource's type) → `media_file`."""
SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d"
"""The key Pulumi marks a secret value with (`{<signature>: "1b47...", "ciphertext": ...}`)."""
SECRET = "[secret]"


class InMemoryState(State):
    """A state read from elsewhere (a Pulumi stack): the engine may refresh it in memory, never write it."""

    def save(self) -> None:
        raise StateError(f"{self.path} is read from a Pulumi stack export and is never written")


def state_from_export(text: str, source: str) -> InMemoryState:
    """The local State of a `pulumi stack export` document; `source` names it in errors (a file, or stdin)."""
    try:
        document = json.loads(text)
        resources = document["deployment"].get("resources") or []
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise StateError(f"{source} is not the output of `pulumi stack export` ({error})") from None
    state = InMemoryState(Path(f"{source} (pulumi stack export)"))
    for raw in resources:
        if not isinstance(raw, Mapping) or not str(raw.get("type", "")).startswith(DYNAMIC_TYPE) or not raw.get("id"):
            continue
        record = _record(raw)
        if record is None:
            continue
        if raw.get("delete"):
            state.pending_deletes.append(record)
        else:
            state.resources[record.name] = record
    return state


def read_export(path: str) -> InMemoryState:
    """`--pulumi-state FILE` (or `-` for stdin)."""
    if path == "-":
        return state_from_export(sys.stdin.read(), "stdin")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise StateError(f"cannot read {path}: {error.strerror or error}") from None
    return state_from_export(text, path)


def _record(raw: Mapping[str, Any]) -> ResourceState | None:
    outputs = without_secrets(raw.get("outputs") or {})
    inputs = without_secrets(raw.get("inputs") or {})
    kind = TYPE_KINDS.get(str(raw["type"]).rsplit(":", 1)[-1]) or kind_of(outputs) or kind_of(inputs)
    if not kind:
        return None
    blob = provider_blob(kind)
    return ResourceState(
        urn=str(raw["urn"]), name=str(raw["urn"]).rsplit("::", 1)[-1], type=str(raw["type"]), id=str(raw["id"]),
        inputs={**inputs, PROVIDER_KEY: blob}, outputs={**outputs, PROVIDER_KEY: blob},
        protect=bool(raw.get("protect", False)), retain_on_delete=raw.get("retainOnDelete"),
    )


def without_secrets(values: Any) -> Any:
    """`values` with the pickled provider dropped and every secret replaced by `[secret]` (recursively)."""
    if isinstance(values, Mapping):
        if SECRET_SIGNATURE in values:
            return SECRET
        return {key: without_secrets(value) for key, value in values.items() if key != PROVIDER_KEY}
    if isinstance(values, list):
        return [without_secrets(value) for value in values]
    return values


_BLOBS: dict[str, str] = {}


def provider_blob(kind: str) -> str:
    """The pickled provider of `kind`, as a resource of that kind records it (the engine loads it to diff)."""
    if kind not in _BLOBS:
        from pulumi.dynamic.dynamic import serialize_provider

        from pulumi_zorio import resources
        from pulumi_zorio.resources._resource import _pickler_restored

        provider = getattr(resources, f"{get_kind(kind).type_name}Provider")
        with _pickler_restored():
            _BLOBS[kind] = serialize_provider(provider())
    return _BLOBS[kind]


__all__ = ["InMemoryState", "read_export", "state_from_export", "without_secrets"]
