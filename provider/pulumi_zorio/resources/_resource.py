"""`ZorioResource`: the dynamic `Resource` base of Variable, MediaFile, Script and Campaign.

It exists for one SDK defect. `pulumi.dynamic.serialize_provider` (pulumi 3.272.0) wraps the pure-Python
pickler's `_batch_setitems` in a sorting wrapper on every call and never restores it, so each resource a
program declares adds one level of wrapping: a program of about 950 dynamic resources, or a process that runs
many programs, fails with "maximum recursion depth exceeded" when the next provider is pickled (the symptom of
pulumi/pulumi#17803). Restoring the pickler after each serialisation keeps the depth at one.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

import pulumi
from pulumi.dynamic import Resource, ResourceProvider

from pulumi_zorio.resources._base import ZorioProvider
from pulumi_zorio.resources._create_key import create_key

_PATCHED = ("_batch_setitems", "save_dict")
"""The attributes of `pickle._Pickler` that `serialize_provider` replaces."""


@contextlib.contextmanager
def _pickler_restored() -> Iterator[None]:
    saved = {name: pickle._Pickler.__dict__[name] for name in _PATCHED}  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(pickle._Pickler, name, value)  # type: ignore[attr-defined]


Declarer = Callable[["ZorioResource", ResourceProvider, str, dict[str, Any], "pulumi.ResourceOptions | None"], None]
declaring_to: ContextVar[Declarer | None] = ContextVar("declaring_to", default=None)
"""Set by the local engine's direct YAML plan (local/yaml_plan.py): each resource constructed while it is set is
handed to it (provider, name, props, final options) instead of being registered through the SDK."""


class ZorioResource(Resource):
    """A dynamic resource whose provider serialisation leaves the process's pickler as it found it, and that
    releases (never deletes) an object it took over with `adopt_id`, unless told otherwise."""

    # BEGIN GENERATED: common (from schemas/*.json by `python -m pulumi_zorio.codegen`; edit the schema)
    created_at: pulumi.Output[str]
    """When Zorio created the object."""
    updated_at: pulumi.Output[str]
    """When Zorio last changed the object."""
    # END GENERATED

    def __init__(self, provider: ResourceProvider, name: str, props: Any,
                 opts: pulumi.ResourceOptions | None = None) -> None:
        declare = declaring_to.get()
        if declare is not None:
            declare(self, provider, name, props, released_when_adopted(props, opts))
            return
        if isinstance(provider, ZorioProvider):  # pickled with the provider, before the SDK serialises it
            provider.create_key = create_key(provider.kind, name, opts.parent if opts is not None else None)
        with _pickler_restored():
            super().__init__(provider, name, props, released_when_adopted(props, opts))


def released_when_adopted(props: Any, opts: pulumi.ResourceOptions | None) -> pulumi.ResourceOptions | None:
    """An object taken over with `adopt_id` existed before the stack (a campaign with its call history, say):
    when the stack stops managing it, it is released (Pulumi's `retain_on_delete`), not deleted. An explicit
    `retain_on_delete=False` (YAML: `delete_on_destroy: true`) deletes it as any other."""
    if props.get("adopt_id") is None or (opts is not None and opts.retain_on_delete is not None):
        return opts
    return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(retain_on_delete=True))
