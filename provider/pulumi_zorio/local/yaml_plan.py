"""The plan of a YAML configuration without the SDK's mock runtime: each resource the YAML program declares is
handed straight to the engine's own preview step, in declaration order.

Why: declaring a resource through the Pulumi SDK (Outputs, futures, the mock monitor) costs several times what
planning it costs, so at 1,000 objects `zorio plan` was slower than reading every object one GET at a time. Exact:
the program is the same (`from_yaml.declare_from_paths`: validation, lookups, the resource classes and their props),
the step is the same (`LocalEngine.register`: check, diff, the step and its warnings), and so are the values that
the SDK would carry between them, reproduced here as the mock runtime produces them in a preview:
- a resource's inputs are its props serialised and deserialised by the SDK's own functions (numbers become
  floats, None leaves the bag, an unknown value is `Unknown`);
- a reference to another resource is its id when the step returned one and unknown otherwise (a create), and a
  media file's `file_path` is the value in the state the step returned, unknown when absent or unknown (a preview
  resolves a missing output as unknown).
Python programs still run through the SDK (`LocalEngine._run`); tests/local/test_yaml_plan.py compares both paths.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pulumi
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.output import Unknown
from pulumi.runtime import rpc, set_mocks
from pulumi.runtime.mocks import MockResourceArgs
from pulumi.runtime.settings import SETTINGS
from pulumi.runtime.stack import wait_for_rpcs

from pulumi_zorio.local.state import PROVIDER_KEY

if TYPE_CHECKING:
    from pulumi_zorio.local.engine import LocalEngine


class YamlProgram:
    """What `zorio plan/apply` runs for zorio YAML: callable as a Pulumi program, and planned directly."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(paths)

    def __call__(self) -> None:
        from pulumi_zorio.resources import from_yaml  # imports pulumi: only when a program runs

        from_yaml.declare_from_paths(self.paths)


def plan_yaml(engine: LocalEngine, paths: Sequence[Path]) -> None:
    """Fill the engine's preview (steps, declared names and options) as `LocalEngine._run(preview=True)` does."""
    from pulumi_zorio.local.engine import _QUIET, EngineError, _Mocks, program_location
    from pulumi_zorio.resources import from_yaml
    from pulumi_zorio.resources._resource import declaring_to

    engine.steps, engine._seen, engine._declared, engine._error = [], [], [], None  # noqa: SLF001
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    pulumi.runtime.set_all_config({k: str(v) for k, v in engine.config.items()})
    set_mocks(_Mocks(engine, True), project=engine.project, stack=engine.stack, preview=True, logger=_QUIET)
    token = declaring_to.set(_Declarer(engine, loop))
    SETTINGS.rpc_manager.clear()
    SETTINGS.outputs.clear()
    try:
        from_yaml.declare_from_paths(paths)
        # what the program's own Outputs still have to run (the campaigns' preview warnings, which the local
        # engine's quiet log receives), as the SDK runs them before a program ends
        loop.run_until_complete(wait_for_rpcs())
    except Exception as error:
        if engine._error is None:  # noqa: SLF001
            raise EngineError(None, f"the program failed: {program_location(error)}{error}") from error
    finally:
        declaring_to.reset(token)
        pulumi.runtime.set_all_config({})
        loop.close()
    if engine._error is not None:  # noqa: SLF001
        raise engine._error  # noqa: SLF001


class _Declarer:
    """Receives each resource as its constructor runs (`ZorioResource.__init__`) and previews it at once."""

    def __init__(self, engine: LocalEngine, loop: asyncio.AbstractEventLoop) -> None:
        self.engine, self.loop = engine, loop
        self._blobs: dict[type, str] = {}

    def __call__(self, resource: Any, provider: Any, name: str, props: dict[str, Any],
                 opts: pulumi.ResourceOptions | None) -> None:
        engine = self.engine
        engine._declared.append(name)  # noqa: SLF001 - what the engine's stack transformation records
        engine._options[name] = (bool(opts and opts.protect), bool(opts and opts.retain_on_delete))  # noqa: SLF001
        struct = self.loop.run_until_complete(rpc.serialize_properties(props, {}))
        inputs = {**rpc.deserialize_properties(struct), PROVIDER_KEY: self._blob(provider)}
        typ = f"pulumi-python:{type(resource)._resource_type_name}"
        id_, state = engine.register(MockResourceArgs(typ, name, inputs, "", "", True, []), preview=True)
        resource.__dict__["id"] = id_ if id_ else rpc.UNKNOWN
        for key in props:
            value = state.get(key)
            resource.__dict__[key] = rpc.UNKNOWN if value is None or isinstance(value, Unknown) else value

    def _blob(self, provider: Any) -> str:
        """The serialised provider, once per provider class (it holds no state: the blobs are the same)."""
        from pulumi_zorio.resources._resource import _pickler_restored

        kind = type(provider)
        if kind not in self._blobs:
            with _pickler_restored():
                self._blobs[kind] = serialize_provider(provider)
        return self._blobs[kind]
