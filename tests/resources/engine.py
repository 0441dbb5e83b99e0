"""A small stand-in for the Pulumi engine under `set_mocks` (pulumi-dynamic-notes.md §1), calling the real providers.

Each `up()` runs a whole program: check → diff → create/update/replace per resource, as the engine does;
replaced and removed resources are deleted after the program, newest first (create-before-delete).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pulumi
from pulumi.dynamic import ResourceProvider
from pulumi.output import Unknown
from pulumi.runtime import Mocks, set_mocks

from pulumi_zorio.local.engine import load_provider, plain  # exactly what the host does with `__provider`

DYNAMIC = "pulumi-python:dynamic"


@dataclass
class Record:
    """One resource in the harness state: what a stack's checkpoint holds."""

    id: str
    type: str
    inputs: dict[str, Any]
    outs: dict[str, Any]
    provider_blob: Any


@dataclass
class EngineMocks(Mocks):
    """Mocks that behave like the engine's step generator for dynamic resources."""

    config: dict[str, Any]
    state: dict[str, Record] = field(default_factory=dict)
    log: list[tuple[str, str]] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)
    pending_deletes: list[tuple[str, Record]] = field(default_factory=list)

    def call(self, args: Any) -> tuple[dict[str, Any], None]:
        return {}, None

    def new_resource(self, args: Any) -> tuple[str | None, dict[str, Any]]:
        if not args.typ.startswith(DYNAMIC):
            return f"{args.name}-id", args.inputs
        self.seen.append(args.name)
        provider = load_provider(args.inputs["__provider"], self.config)
        news = {k: plain(v) for k, v in args.inputs.items() if k != "__provider"}
        old = self.state.get(args.name)
        checked = provider.check(old.inputs if old else {}, news)
        if checked.failures:
            raise Exception("; ".join(f"{f.property}: {f.reason}" for f in checked.failures))
        news = checked.inputs
        if pulumi.runtime.is_dry_run():  # preview: the engine never calls create/update
            changes = old is None or provider.diff(old.id, old.outs, news).changes
            self.log.append(("preview-" + ("change" if changes else "same"), args.name))
            return (old.id if old else None), (old.outs if old and not changes else news)
        if any(isinstance(v, Unknown) for v in news.values()):
            raise Exception(f"{args.name}: unknown inputs at apply time")
        return self._apply(args, provider, old, news)

    def _apply(self, args: Any, provider: ResourceProvider, old: Record | None, news: dict[str, Any]) -> Any:
        blob = args.inputs["__provider"]
        if old is None:
            created = provider.create(news)
            record, step = Record(created.id, args.typ, news, created.outs or {}, blob), "create"
        else:
            diff = provider.diff(old.id, old.outs, news)
            if diff.changes and diff.replaces:
                created = provider.create(news)  # create-before-delete; the old one goes after the program
                self.pending_deletes.append((args.name, old))
                record, step = Record(created.id, args.typ, news, created.outs or {}, blob), "replace"
            elif diff.changes:
                updated = provider.update(old.id, old.outs, news)
                record, step = Record(old.id, args.typ, news, updated.outs or {}, blob), "update"
            else:
                record, step = old, "same"
        self.log.append((step, args.name))
        self.state[args.name] = record
        return record.id, record.outs

    # --- engine steps after the program ----------------------------------------------------------
    def finish(self) -> None:
        """Delete replaced resources, then resources no longer in the program, newest first."""
        for name, record in reversed(self.pending_deletes):
            self._provider(record).delete(record.id, record.outs)
            self.log.append(("delete-replaced", name))
        self.pending_deletes.clear()
        for name in reversed([n for n in list(self.state) if n not in self.seen]):
            record = self.state.pop(name)
            self._provider(record).delete(record.id, record.outs)
            self.log.append(("delete", name))

    def refresh(self) -> None:
        """`pulumi refresh`: read every resource; gone ones leave the state."""
        for name, record in list(self.state.items()):
            result = self._provider(record).read(record.id, {**record.outs, "__provider": record.provider_blob})
            if not result.id:
                del self.state[name]
                self.log.append(("refresh-gone", name))
            else:
                record.outs = result.outs or {}
                self.log.append(("refresh", name))

    def destroy(self) -> None:
        """`pulumi destroy`: delete everything, newest first (dependants before what they use)."""
        for name in reversed(list(self.state)):
            record = self.state.pop(name)
            self._provider(record).delete(record.id, record.outs)
            self.log.append(("delete", name))

    def _provider(self, record: Record) -> ResourceProvider:
        return load_provider(record.provider_blob, self.config)


class Recorder(Mocks):
    """Mocks for constructor tests: no provider is called; each resource's registered inputs are recorded
    (without the pickled provider)."""

    def __init__(self) -> None:
        self.registered: dict[str, dict[str, Any]] = {}

    def new_resource(self, args: Any) -> tuple[str, dict[str, Any]]:
        self.registered[args.name] = {k: v for k, v in args.inputs.items() if k != "__provider"}
        return f"{args.name}-id", args.inputs

    def call(self, args: Any) -> tuple[dict[str, Any], None]:
        return {}, None


def up(program: Callable[[], Any], mocks: EngineMocks, preview: bool = False) -> None:
    """One `pulumi up` (or preview) of `program` against the mocks' state."""
    mocks.seen, mocks.log = [], []
    asyncio.set_event_loop(asyncio.new_event_loop())  # pulumi.runtime.test runs on the current loop
    set_mocks(mocks, project="project", stack="stack", preview=preview)
    pulumi.runtime.test(program)()
    if not preview:
        mocks.finish()
