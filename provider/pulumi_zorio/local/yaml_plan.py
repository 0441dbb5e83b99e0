"""Plan and apply a zorio YAML configuration without the SDK's mock runtime: each resource the YAML program declares
is handed straight to the engine's own step (`LocalEngine.register`), in declaration order for a plan, and for an
apply on a bounded pool where each step starts once the steps it references or depends on have finished.

Why: declaring a resource through the Pulumi SDK (Outputs, futures, the mock monitor) costs several times what
planning it costs, so at 1,000 objects `zorio plan` was slower than reading every object one GET at a time, and one
change into a big stack paid for declaring all of it twice. Exact: the program is the same
(`from_yaml.declare_from_paths`: validation, lookups, the resource classes and their props), the step is the same
(check, diff, the step and its warnings; create/update and the state journal on apply), and so are the values the
SDK would carry between them, reproduced here as the mock runtime produces them:
- a resource's inputs are its props serialised and deserialised by the SDK's own functions (numbers become
  floats, None leaves the bag, an unknown value is `Unknown` in a preview);
- in a preview, a reference to another resource is its id when the step returned one and unknown otherwise (a
  create), and a media file's `file_path` the value in the state the step returned, unknown when absent (a preview
  resolves a missing output as unknown); on apply, the id and the output, or else the input, or None.
Python programs still run through the SDK (`LocalEngine._run`); tests/local/test_yaml_plan.py compares both paths.

An item declared exactly as when its state record was written (the record's `declaration`: a digest of the item's
inputs with its references resolved, its kind and the planner's version) is not built at all: its checked inputs
are the recorded ones, so its step is the diff against what the refresh read (`LocalEngine.plan_as_declared`), and
an apply keeps it as planned unless it uses something the apply changes. One change into a stack of thousands of
objects then costs the refresh and the items that changed, not a resource object and a check per item.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pulumi
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.output import Unknown
from pulumi.runtime import rpc, set_mocks
from pulumi.runtime.mocks import MockResourceArgs
from pulumi.runtime.settings import SETTINGS
from pulumi.runtime.stack import wait_for_rpcs

from pulumi_zorio.local.state import PROVIDER_KEY, planner

if TYPE_CHECKING:
    from pulumi_zorio.local.engine import LocalEngine


class YamlProgram:
    """What `zorio plan/apply` runs for zorio YAML: callable as a Pulumi program, and run directly.

    An apply runs the program twice (plan, then apply); the second run validates the files again only if their
    bytes changed in between: validating is most of a big configuration's run."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(paths)
        self._validated: tuple[tuple[tuple[str, bytes], ...], Any] | None = None
        self.recorded_scripts: dict[str, dict[str, Any]] = {}
        """Script name → the inputs the engine's state records: their unchanged voices need no account read."""

    def __call__(self) -> None:
        from pulumi_zorio.resources import from_yaml  # imports pulumi: only when a program runs

        config = self.config()
        from_yaml.check_against_account(config, self.paths, self.recorded_scripts)
        from_yaml.declare_from_config(config)

    def config(self) -> Any:
        """The validated `DesiredConfig` (or the `ZorioConfigError` listing every problem)."""
        from pulumi_zorio.resources import from_yaml

        snapshot = _snapshot(self.paths)
        if snapshot is not None and self._validated is not None and self._validated[0] == snapshot:
            return self._validated[1]
        config = from_yaml.load_paths(self.paths)
        self._validated = (snapshot, config) if snapshot is not None else None
        return config


def _snapshot(paths: Sequence[Path]) -> tuple[tuple[str, bytes], ...] | None:
    """Every configuration file with its bytes, or None when one cannot be read (then nothing is reused)."""
    from pulumi_zorio.desired.source import expand_paths

    files, problems = expand_paths(paths)
    if problems:
        return None
    try:
        return tuple((str(file), file.read_bytes()) for file in files)
    except OSError:
        return None


def plan_yaml(engine: LocalEngine, program: YamlProgram) -> None:
    """Fill the engine's preview (steps, declared names and options) as `LocalEngine._run(preview=True)` does."""
    with _running(engine, preview=True) as loop:
        _declare(engine, program, _Previewer(engine, loop), loop)


def apply_yaml(engine: LocalEngine, program: YamlProgram) -> None:
    """Run every step as `LocalEngine._run(preview=False)` does: up to `engine.parallel` at once, each after the
    steps it uses; after a failure no new step starts, and those running finish before the error is raised."""
    with _running(engine, preview=False) as loop:
        applier = _Applier(engine, loop)
        try:
            _declare(engine, program, applier, loop)
        finally:
            applier.pool.shutdown(wait=True)


def _declare(engine: LocalEngine, program: YamlProgram, declarer: Any, loop: asyncio.AbstractEventLoop) -> None:
    from pulumi_zorio.resources._resource import declaring_to

    program.recorded_scripts = {record.name: record.inputs for record in engine.state.resources.values()
                                if record.type.rsplit(":", 1)[-1] == "Script"}

    token = declaring_to.set(declarer)
    try:
        program()
        # what the program's own Outputs still have to run, as the SDK runs them before a program ends
        loop.run_until_complete(wait_for_rpcs())
    except Exception as error:
        if engine._error is None:  # noqa: SLF001
            raise engine._program_failed(error) from error  # noqa: SLF001
    finally:
        declaring_to.reset(token)
    engine.outputs = {}  # a YAML configuration exports nothing (as the SDK path records it)


@contextmanager
def _running(engine: LocalEngine, preview: bool) -> Iterator[asyncio.AbstractEventLoop]:
    """The SDK settings of a run under the mocks (dry run or not, the stack's config), as `LocalEngine._run`."""
    from pulumi_zorio.local.engine import _QUIET, _Mocks

    engine.steps, engine._seen, engine._declared, engine._error = [], [], [], None  # noqa: SLF001
    engine._declarations = {}  # noqa: SLF001
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    pulumi.runtime.set_all_config({k: str(v) for k, v in engine.config.items()})
    set_mocks(_Mocks(engine, preview), project=engine.project, stack=engine.stack, preview=preview, logger=_QUIET)
    SETTINGS.rpc_manager.clear()
    SETTINGS.outputs.clear()
    try:
        yield loop
    finally:
        pulumi.runtime.set_all_config({})
        loop.close()
    if engine._error is not None:  # noqa: SLF001
        raise engine._error  # noqa: SLF001


def declaration_of(cls: type, inputs: Mapping[str, Any]) -> str | None:
    """The digest of an item declared as a `cls` with these `inputs` (references resolved to ids) by this `planner()`:
    the same digest, the same resource inputs after check. None when an input is not known yet (an output of a step
    of this run)."""
    try:
        text = json.dumps([planner(), cls.__name__, inputs], sort_keys=True, allow_nan=False)
    except (TypeError, ValueError):
        return None
    if rpc.UNKNOWN in text:  # the id of an object the plan creates
        return None
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _resource_type(cls: type) -> str:
    return f"pulumi-python:{getattr(cls, '_resource_type_name', '')}"


def _stand_in(cls: type, id_: str, outputs: Mapping[str, Any]) -> Any:
    """A resource of `cls` that was not built: what its dependants read (its id and outputs), as the SDK resolves
    them for a resource it registered."""
    resource = cls.__new__(cls)
    resource.__dict__.update(outputs)
    resource.__dict__["id"] = id_
    return resource


class _Declarer:
    """Receives each resource as its constructor runs (`ZorioResource.__init__`), as the engine's stack
    transformation and the mock monitor would."""

    def __init__(self, engine: LocalEngine) -> None:
        self.engine = engine
        self._blobs: dict[type, str] = {}
        self._lock = threading.Lock()

    def declared(self, cls: type, name: str, inputs: Mapping[str, Any]) -> str | None:
        """The item's declaration (for `keep`), noted for the record the engine writes."""
        declaration = self.engine._declarations[name] = declaration_of(cls, inputs)  # noqa: SLF001
        return declaration

    def record(self, name: str, opts: pulumi.ResourceOptions | None) -> None:
        engine = self.engine
        engine._declared.append(name)  # noqa: SLF001 - what the engine's stack transformation records
        engine._options[name] = (bool(opts and opts.protect), bool(opts and opts.retain_on_delete))  # noqa: SLF001

    def args(self, loop: asyncio.AbstractEventLoop, resource: Any, provider: Any, name: str,
             props: dict[str, Any]) -> MockResourceArgs:
        """What the mock monitor hands to the engine for this registration."""
        try:
            inputs = {**plain_round_trip(props), PROVIDER_KEY: self._blob(provider)}
        except _NotPlain:  # an Output, a resource, an asset...: the SDK's own functions
            struct = loop.run_until_complete(rpc.serialize_properties(props, {}))
            inputs = {**rpc.deserialize_properties(struct), PROVIDER_KEY: self._blob(provider)}
        return MockResourceArgs(f"pulumi-python:{type(resource)._resource_type_name}", name, inputs, "", "", True, [])

    def _blob(self, provider: Any) -> str:
        """The serialised provider, once per provider class (it holds no state: the blobs are the same)."""
        from pulumi_zorio.resources._resource import _pickler_restored

        kind = type(provider)
        with self._lock:
            if kind not in self._blobs:
                with _pickler_restored():
                    self._blobs[kind] = serialize_provider(provider)
            return self._blobs[kind]


class _NotPlain(Exception):
    """A value only the SDK's serialisation knows how to carry."""


def plain_round_trip(props: dict[str, Any]) -> dict[str, Any]:
    """What `rpc.deserialize_properties(await rpc.serialize_properties(props))` returns, for props made of JSON values
    only (what a YAML configuration declares): numbers become floats (a protobuf Struct holds doubles), None leaves
    every mapping (it stays in lists), the rest is kept. Raises `_NotPlain` for anything else. (Awaiting the SDK's
    coroutine on an event loop per resource was a third of planning a big stack.)"""
    return {key: _plain(value) for key, value in props.items() if value is not None}


def _plain(value: Any) -> Any:
    if value is None or type(value) is bool or (type(value) is str and value != rpc.UNKNOWN):
        return value
    if type(value) in (int, float):  # (not a subclass: an IntEnum is the SDK's to carry)
        return float(value)
    if type(value) is dict and all(type(key) is str for key in value):
        return {key: _plain(item) for key, item in value.items() if item is not None}
    if type(value) in (list, tuple):
        return [_plain(item) for item in value]
    raise _NotPlain


class _Previewer(_Declarer):
    """A preview: one step at a time, as declared; references resolved as a preview resolves them."""

    def __init__(self, engine: LocalEngine, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(engine)
        self.loop = loop

    def __call__(self, resource: Any, provider: Any, name: str, props: dict[str, Any],
                 opts: pulumi.ResourceOptions | None) -> None:
        self.record(name, opts)
        id_, state = self.engine.register(self.args(self.loop, resource, provider, name, props), preview=True)
        resource.__dict__["id"] = id_ if id_ else rpc.UNKNOWN
        for key in props:
            value = state.get(key)
            resource.__dict__[key] = rpc.UNKNOWN if value is None or isinstance(value, Unknown) else value


    def keep(self, cls: type, name: str, inputs: Mapping[str, Any], opts: pulumi.ResourceOptions | None) -> Any:
        """An item declared as its record says (`declaration`): planned from the record, not built (None: build it)."""
        declaration = self.declared(cls, name, inputs)
        old = self.engine.state.get(name)
        if declaration is None or old is None or old.declaration != declaration or old.type != _resource_type(cls):
            return None
        planned = self.engine.plan_as_declared(name, old)
        if planned is None:
            return None
        self.record(name, opts)
        return _stand_in(cls, *planned)


class _Pending:
    """An output of a resource whose step has not finished yet (in a dependant's props until it starts)."""

    def __init__(self, step: Future[dict[str, Any]], key: str) -> None:
        self.step, self.key = step, key


class _Applier(_Declarer):
    """An apply: each step on the pool once the steps whose outputs its props hold, and those it `depends_on`,
    have finished."""

    def __init__(self, engine: LocalEngine, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(engine)
        self.loop = loop
        self.pool = ThreadPoolExecutor(max_workers=max(1, engine.parallel), thread_name_prefix="zorio-engine")
        self._loops = threading.local()
        self._awaiting: dict[str, tuple[type, Mapping[str, Any]]] = {}
        """Name → (class, inputs) of an item whose inputs hold outputs of steps of this apply."""

    def __call__(self, resource: Any, provider: Any, name: str, props: dict[str, Any],
                 opts: pulumi.ResourceOptions | None) -> None:
        self.record(name, opts)
        # an Output the resource class made of a declared value (a script's placeholder check) belongs to this
        # thread's loop: settle it here, before the step moves to a worker
        props = {key: self.loop.run_until_complete(value.future()) if isinstance(value, pulumi.Output) else value
                 for key, value in props.items()}
        waits = [pending.step for pending in _pending_in(props)] + _steps_depended_on(opts)
        step = self.pool.submit(self._step, resource, provider, name, props, waits)
        resource.__dict__["_zorio_step"] = step
        resource.__dict__["id"] = _Pending(step, "id")
        for key in props:
            resource.__dict__[key] = _Pending(step, key)

    def keep(self, cls: type, name: str, inputs: Mapping[str, Any], opts: pulumi.ResourceOptions | None) -> Any:
        """A resource the plan found unchanged, declared as the plan declared it (no reference to a resource this
        apply changes: those are pending) and depending on no step of this apply: kept as it is, in this thread,
        its outputs known at once (None: build it). (One that depends on a step waits for it, as every step does:
        kept before its dependency, it would be recorded before it, and a failed apply would leave a state that
        destroy reverses in the wrong order.)"""
        declaration = self.declared(cls, name, inputs)
        if declaration is None:  # it uses an output of a step of this apply: its declaration is known once that
            self._awaiting[name] = (cls, inputs)  # step has finished (`_step`)
            return None
        if _steps_depended_on(opts):
            return None
        old = self.engine.unchanged_as_planned(name, declaration)
        if old is None:
            return None
        self.record(name, opts)
        id_, state = self.engine.keep_unchanged(name, old)
        return _stand_in(cls, id_, {**inputs, **{key: value for key, value in state.items() if value is not None}})

    def _step(self, resource: Any, provider: Any, name: str, props: dict[str, Any],
              waits: list[Future[dict[str, Any]]]) -> dict[str, Any]:
        from pulumi_zorio.local.engine import EngineError, _Skipped

        for wait in waits:
            if wait.exception() is not None:  # a failed dependency: like the SDK, this step never starts
                raise _Skipped(name)
        try:
            args = self.args(self._loop(), resource, provider, name, _resolved(props))
        except Exception as error:  # not a step's failure (those the engine records itself): still the first one
            self.engine._first_error(EngineError.of(name, error))  # noqa: SLF001
            raise
        props = _resolved(props)
        awaiting = self._awaiting.pop(name, None)
        if awaiting is not None:
            self.engine._declarations[name] = declaration_of(awaiting[0], _resolved(awaiting[1]))  # noqa: SLF001
        id_, state = self.engine.register(args, preview=False)
        outputs = {key: value for key, value in props.items() if value is not None}  # inputs the engine kept
        outputs.update({key: value for key, value in state.items() if value is not None})
        return {**outputs, "id": id_}

    def _loop(self) -> asyncio.AbstractEventLoop:
        """One event loop per worker thread, for the SDK's (async) serialisation."""
        loop = getattr(self._loops, "loop", None)
        if loop is None:
            loop = self._loops.loop = asyncio.new_event_loop()
        return loop


def _steps_depended_on(opts: pulumi.ResourceOptions | None) -> list[Future[dict[str, Any]]]:
    """The steps of this apply that a resource's `depends_on` names (a kept resource has none)."""
    if opts is None or not isinstance(opts.depends_on, list):
        return []
    return [dep.__dict__["_zorio_step"] for dep in opts.depends_on if "_zorio_step" in dep.__dict__]


def _pending_in(value: Any) -> Iterator[_Pending]:
    if isinstance(value, _Pending):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _pending_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _pending_in(item)


def _resolved(value: Any) -> Any:
    """`value` with each pending output replaced by what its step returned (None when it returned none)."""
    if isinstance(value, _Pending):
        return value.step.result().get(value.key)
    if isinstance(value, dict):
        return {key: _resolved(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolved(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_resolved(item) for item in value)
    return value
