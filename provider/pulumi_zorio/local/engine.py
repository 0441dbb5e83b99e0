"""A faithful local stand-in for the Pulumi engine: runs a program under `set_mocks`, calling the real
dynamic providers in the engine's order (notes §1, §3), against a local JSON state file (state.py).

`preview()` runs check and diff only (read-only) and returns a Plan; `apply()` runs the program for real:
check → diff → create/update/replace per resource as it registers (so dependencies resolve through Outputs
exactly as with the engine), replacements create-before-delete, then deletes of what the program no longer
declares, newest first. `destroy()` deletes everything, dependants first. Every step that changes something is
journalled as it finishes (state.py: O(1) per step), and the journal is compacted into the state file at the end.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import dill
import pulumi
from pulumi.dynamic import ConfigureRequest, DiffResult, ResourceProvider
from pulumi.dynamic.config import Config
from pulumi.output import Unknown
from pulumi.runtime import Mocks, rpc, set_mocks
from pulumi.runtime._serialization import _deserialize

from pulumi_zorio.collection import collection_paused
from pulumi_zorio.desired import InvalidConfig
from pulumi_zorio.errors import WrappingError, causes
from pulumi_zorio.local.lean_sdk import lean_sdk
from pulumi_zorio.program_frames import error_line
from pulumi_zorio.local.plan import Action, Plan, Step, change_step, create_step, delete_step
from pulumi_zorio.local.state import PROVIDER_KEY, ResourceState, State, planner
from pulumi_zorio.resources._base import ZorioResourceError
from pulumi_zorio.spec.kinds import KINDS, status_lifecycle
from pulumi_zorio.spec.lifecycle import ShownPlan, StatusPlan, unannounced_dialing
from pulumi_zorio.spec.unknown import is_unknown

DYNAMIC = "pulumi-python:dynamic"
Listener = Callable[[str, Step, float], None]
"""Called with ("start" | "done", step, seconds elapsed) around every step that writes."""

_QUIET = logging.getLogger("pulumi_zorio.local.pulumi")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False


class EngineError(WrappingError):
    """A step failed (check failure, refusal, API error) or the program raised; `resource` names the culprit."""

    def __init__(self, resource: str | None, message: str) -> None:
        super().__init__(f"{resource}: {message}" if resource else message)
        self.resource, self.message = resource, message

    @classmethod
    def of(cls, resource: str | None, error: BaseException, doing: str = "") -> EngineError:
        """The EngineError for `error`, raised while `doing` something for `resource`. When the API cannot be used at
        all (wrong credentials or base URL, no answer), no resource is to blame: the error says what to fix alone."""
        access = _access_error(error)
        if access is not None:
            engine_error = cls(None, f"cannot use the Zorio API: {access}")
        else:
            engine_error = cls(resource, f"{doing}{error}" if str(error) else f"{doing}{type(error).__name__}")
        engine_error.__cause__ = error
        return engine_error


def _access_error(error: BaseException) -> BaseException | None:
    """The error (in `error`'s cause chain) that says the API cannot be reached or logged in to, if any."""
    from pulumi_zorio.client import AuthenticationError, ConfigurationError, RedirectError, TransportError

    access = (AuthenticationError, ConfigurationError, RedirectError, TransportError)
    return next((cause for cause in causes(error) if isinstance(cause, access)), None)


class _Skipped(Exception):
    """Raised for resources registered after a failure: like the engine, start no new step."""


def plain(value: Any) -> Any:
    """A mock-monitor value without the RPC secret wrappers (the real engine strips them: acceptSecrets=False)."""
    value = rpc.unwrap_rpc_secret(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def load_provider(blob: Any, config: dict[str, Any], project: str = "project") -> ResourceProvider:
    """Exactly what the host does (pulumi/dynamic/__main__.py): unwrap, base64, dill, then configure."""
    raw = rpc.unwrap_rpc_secret(blob)
    provider: ResourceProvider = _deserialize(lambda: dill.loads(base64.b64decode(raw)))
    provider.configure(ConfigureRequest(Config(dict(config), project)))
    return provider


def _refused_by_the_api(error: BaseException) -> bool:
    """Whether a failed create ended on an API answer that refused something (a 4xx other than 429), rather than
    with an unknown outcome (a lost connection, a timeout, 5xx after retries), which the next run must resume."""
    from pulumi_zorio.client import ApiError, RateLimitError

    chain = list(causes(error, implicit=True))
    if any(getattr(link, "left_behind", False) for link in chain):  # e.g. a campaign whose rollback failed
        return False
    return any(isinstance(link, ApiError) and not isinstance(link, RateLimitError) and link.status < 500
               for link in chain)


def _digest(inputs: dict[str, Any]) -> bytes | None:
    """What identifies a resource's inputs between a plan and its apply, in 20 bytes (the plan of a big stack kept
    every resource's inputs otherwise); None for inputs JSON cannot spell (then nothing is reused)."""
    try:
        return hashlib.sha1(json.dumps(inputs, sort_keys=True).encode(), usedforsecurity=False).digest()
    except (TypeError, ValueError):
        return None


def _same(digest: bytes | None, inputs: dict[str, Any]) -> bool:
    return digest is not None and digest == _digest(inputs)


def _without_provider(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != PROVIDER_KEY}


class _Planned(NamedTuple):
    """What a preview planned for a recorded resource, for the apply that follows."""

    inputs: bytes | None
    """Digest of the inputs it was declared with (None: planned from its record): the same inputs and record, the
    same check and diff (deterministic functions of them), which the apply reuses."""
    record: ResourceState
    news: dict[str, Any]
    """Its checked inputs."""
    step: Step
    declaration: str | None
    """Its YAML item's declaration: a YAML apply keeps an unchanged resource declared as planned as it is."""


def _reads_files(kind: str) -> bool:
    """Whether the kind's check reads more than its inputs (`Kind.reads_files`; no kind: a provider not ours)."""
    spec = KINDS.get(kind)
    return spec is not None and spec.reads_files

DEFAULT_PARALLEL = 8
"""Steps of independent resources run at once, as `pulumi up` does (its default is unbounded; 8 keeps a bounded
pool). The client's process-wide rate limiter sets the pace, so more workers never means more 429s."""


@dataclass
class LocalEngine:
    """One stack: its state file, the provider configuration (never written anywhere) and a progress listener."""

    state: State
    config: dict[str, Any] = field(default_factory=dict)
    listener: Listener | None = None
    project: str = "project"
    stack: str = "stack"
    steps: list[Step] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)
    """The program's `pulumi.export`s after the last run (secrets as "[secret]"), as `pulumi up` lists them."""
    _providers: dict[str, ResourceProvider] = field(default_factory=dict)
    _seen: list[str] = field(default_factory=list)
    _declared: list[str] = field(default_factory=list)
    _options: dict[str, tuple[bool, bool]] = field(default_factory=dict)
    """Resource name → (protect, retain_on_delete), as the program's resource options said."""
    _error: EngineError | None = None
    _approved: Plan | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    parallel: int = DEFAULT_PARALLEL
    """How many steps an apply runs at once (Pulumi's `--parallel`); a preview always runs one at a time."""
    _state_lock: threading.RLock = field(default_factory=threading.RLock)
    """Held while a step changes and saves the state: steps of independent resources run in parallel."""
    _listener_lock: threading.Lock = field(default_factory=threading.Lock)
    _previewed: dict[str, _Planned] = field(default_factory=dict)
    """Resource name → what the last preview planned for a recorded resource."""
    _refreshed: dict[str, tuple[dict[str, Any], dict[str, Any], Any]] = field(default_factory=dict)
    """Resource name → (its outputs as read, the inputs it was compared with, the diff) from the last refresh: a
    plan whose inputs are those recorded ones reuses the diff (a deterministic function of both)."""
    _declarations: dict[str, str | None] = field(default_factory=dict)
    """Resource name → the digest of its YAML item as this run declared it (local/yaml_plan.py `declaration_of`;
    None when it holds a value not known yet): what a record's `declaration` is compared with, and written as."""
    plan_yaml_directly: bool = True
    """Plan and apply zorio YAML without the SDK's mock runtime (local/yaml_plan.py); False: through the SDK, as a
    Python program."""

    # --- public operations ----------------------------------------------------------------------
    @collection_paused()  # (thousands of long-lived records and steps, no cycles worth a collection)
    def preview(self, program: Callable[[], Any]) -> Plan:
        """The plan of an apply: providers' check and diff run for real, create/update never run.

        Steps come in the order the program declares the resources: dependencies first (a resource can only
        reference one already declared) and the same on every run, unlike the registration order, which
        depends on when each resource's inputs resolve.
        """
        from pulumi_zorio.local.yaml_plan import YamlProgram, plan_yaml

        if self.plan_yaml_directly and isinstance(program, YamlProgram):  # the same steps without the SDK's mock
            plan_yaml(self, program)  # runtime (yaml_plan.py)
        else:
            self._run(program, preview=True)
        rank = {name: index for index, name in enumerate(self._declared)}
        steps = sorted(self.steps, key=lambda step: rank.get(step.name, len(rank)))
        return Plan((*steps, *self._delete_steps()))

    @collection_paused()
    def apply(self, program: Callable[[], Any], approved: Plan | None = None) -> Plan:
        """Run the program for real; then delete replaced and undeclared resources. Returns the steps run.

        With `approved`, a campaign that would dial although the approved plan did not say so is refused.
        """
        self._approved = approved
        from pulumi_zorio.local.yaml_plan import YamlProgram, apply_yaml

        try:
            if self.plan_yaml_directly and isinstance(program, YamlProgram):  # the same steps without the SDK's
                apply_yaml(self, program)  # mock runtime (yaml_plan.py)
            else:
                self._run(program, preview=False)
            # this run's records in declaration order (a dependency order: a resource can only use one declared
            # before it), not in the order parallel steps happened to finish: the file is the same on every run
            self.state.settle_in_order(self._declared)
            for step in self._delete_steps():
                self._delete(step)
            self._forget_undeclared_creates()
        finally:
            self.state.compact()
        return Plan(tuple(self.steps))

    def plan_destroy(self) -> Plan:
        """Everything the state manages, dependants first (reverse of the order they were recorded)."""
        steps = [self._delete_step(r) for r in reversed(self.state.resources.values())]
        return Plan((*self._pending_steps(), *steps), destroy=True)

    @collection_paused()
    def destroy(self) -> Plan:
        """Delete every managed resource, saving the state after each."""
        self.steps = []
        try:
            for step in self.plan_destroy().steps:
                self._delete(step)
        finally:
            self.state.compact()
        return Plan(tuple(self.steps), destroy=True)

    @collection_paused()
    def refresh(self, save: bool = True) -> list[tuple[str, str]]:
        """`pulumi refresh`: read every resource; gone ones leave the state. Returns (event, name) pairs.

        As the Pulumi engine does (RefreshStep, Pulumi >= 3.120): inputs the provider returns from `read` replace
        the recorded ones, and the provider's `diff` then runs with the refreshed outputs as the old side and the
        recorded inputs as the new one, so a diff that fails fails the refresh (event "refresh-drifted" when it
        reports a difference). With `save=False` the refreshed state stays in memory (a read-only `zorio plan`);
        an apply that follows saves it with its first step, as `pulumi up --refresh` does.
        """
        events = []
        self._announce_reads(list(self.state.resources.values()))
        for name, record in list(self.state.resources.items()):
            provider = self._provider(record.provider_blob)
            try:
                result = provider.read(record.id, dict(record.outputs))
            except Exception as error:  # the API could not be read: say so by name, never a traceback
                raise EngineError.of(name, error, "refresh failed: ") from error
            if not result.id:
                self.state.gone(name)
                events.append(("refresh-gone", name))
            else:
                recorded_inputs = record.inputs
                recorded = _without_provider(recorded_inputs)
                blob = record.provider_blob
                changed = self.state.refreshed(
                    record, None if result.inputs is None else {**result.inputs, PROVIDER_KEY: blob},
                    {**(result.outs or {}), PROVIDER_KEY: blob})
                if not changed and record.synced == planner():  # read as a plan found it: matching its inputs
                    diff = DiffResult(changes=False, replaces=[], delete_before_replace=False)
                else:
                    try:
                        diff = provider.diff(record.id, _without_provider(record.outputs), recorded)
                    except Exception as error:
                        raise EngineError.of(name, error, "refresh failed: ") from error
                self._refreshed[name] = (record.outputs, recorded_inputs, diff)  # (no copies: 5,000 records)
                events.append(("refresh-drifted" if diff.changes else "refresh", name))
        if save:
            self.state.save()
        return events

    def _announce_reads(self, records: list[ResourceState]) -> None:
        """Tell each provider with several objects to read that a bulk read follows: one listing per kind."""
        providers = [self._provider(record.provider_blob) for record in records]
        reads = Counter(map(id, providers))
        for provider in {id(provider): provider for provider in providers}.values():
            expect = getattr(provider, "expect_many_reads", None)
            if reads[id(provider)] > 1 and expect is not None:
                expect()

    # --- running the program --------------------------------------------------------------------
    def _run(self, program: Callable[[], Any], preview: bool) -> None:
        self.steps, self._seen, self._declared, self._error = [], [], [], None
        self._declarations = {}
        loop = asyncio.new_event_loop()
        # A resource registers only once its inputs and depends_on have resolved, so whatever the pool size,
        # dependencies finish first. A preview uses one worker (its steps are sorted afterwards anyway); an apply
        # runs up to `parallel` independent steps at once.
        workers = 1 if preview else max(1, self.parallel)
        executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="zorio-engine")
        loop.set_default_executor(executor)
        # After a failed step the SDK leaves the dependants' futures failed and unread; the error is reported
        # once, by us, with the resource name, not as "Future exception was never retrieved" tracebacks.
        loop.set_exception_handler(lambda _loop, context: _QUIET.debug("%s", context.get("message")))
        asyncio.set_event_loop(loop)
        pulumi.runtime.set_all_config({k: str(v) for k, v in self.config.items()})
        set_mocks(_Mocks(self, preview), project=self.project, stack=self.stack, preview=preview, logger=_QUIET)
        try:
            with lean_sdk():
                pulumi.runtime.test(self._recording(program))()
        except Exception as error:
            if self._error is None:
                raise self._program_failed(error) from error
        finally:
            # The SDK stops waiting at the first failed step; steps already running in other workers finish (and
            # are recorded) before the run reports, so nothing changes the account after the error is shown.
            executor.shutdown(wait=True)
            pulumi.runtime.set_all_config({})
            loop.close()
        if self._error is not None:
            raise self._error

    @staticmethod
    def _program_failed(error: Exception) -> EngineError:
        """The program itself raised (not a step): our own errors say what and where; others get the user's line."""
        told = isinstance(error, (InvalidConfig, ZorioResourceError, pulumi.RunError))
        return EngineError.of(None, error, "" if told else f"the program failed: {error_line(error)}")

    def _recording(self, program: Callable[[], Any]) -> Callable[[], Any]:
        """The program, with every resource's name recorded as its constructor runs (declaration order)."""

        def record(args: Any) -> None:
            self._declared.append(args.name)
            opts = args.opts
            self._options[args.name] = (bool(opts and opts.protect), bool(opts and opts.retain_on_delete))

        exported: dict[str, Any] = {}

        def export(name: str, value: Any) -> None:  # the mock runtime has no stack to hold outputs: keep them here
            exported[name] = value

        def keep(values: dict[str, Any]) -> None:
            self.outputs = {name: "[secret]" if _is_secret(exported[name]) else value for name, value in values.items()}

        def run() -> Any:
            pulumi.runtime.register_stack_transformation(record)
            real_export, pulumi.export = pulumi.export, export
            try:
                program()
            finally:
                pulumi.export = real_export
            return pulumi.Output.from_input(exported).apply(keep)  # resolved once every resource is

        return run

    def register(self, args: Any, preview: bool) -> tuple[str | None, dict[str, Any]]:
        """The engine's step for one resource registration (called by the mocks, one at a time)."""
        if self._error is not None:
            raise _Skipped(args.name)
        try:
            return self._register(args, preview)
        except _Skipped:
            raise
        except EngineError as error:
            self._first_error(error)
            raise
        except Exception as error:
            self._first_error(EngineError.of(args.name, error))
            raise

    def _first_error(self, error: EngineError) -> None:
        """The run reports the first failure (steps in other workers may fail after it)."""
        with self._lock:
            if self._error is None:
                self._error = error

    def _register(self, args: Any, preview: bool) -> tuple[str | None, dict[str, Any]]:
        self._seen.append(args.name)
        blob = args.inputs[PROVIDER_KEY]
        provider = self._provider(blob)
        kind = getattr(provider, "kind", "")
        inputs = _without_provider({k: plain(v) for k, v in args.inputs.items()})
        old = self.state.get(args.name)
        planned = None if preview else self._previewed.get(args.name)
        if planned is not None and _same(planned.inputs, inputs) and planned.record is old \
                and not _reads_files(kind):
            news, step = planned.news, planned.step  # what the plan computed from the very same inputs and record
        else:
            news = self._check(args.name, provider, inputs)
            step = self._plan_step(args.name, kind, provider, old, news)
        if preview:
            self._refuse_taken(args.name, step, provider, news)
            if old is None:  # (a create's step may read the account: an apply plans it again)
                self.steps.append(step)
                return None, news
            return self._previewed_step(
                _Planned(_digest(inputs), old, news, step, self._declarations.get(args.name)), args.name)
        if any(isinstance(v, Unknown) for v in news.values()):
            raise EngineError(args.name, "some inputs are still unknown at apply time")
        self._guard_dialing(step)
        return self._execute(step, args, provider, old, news, blob)

    def _refuse_taken(self, name: str, step: Step, provider: ResourceProvider, news: dict[str, Any]) -> None:
        """A create the account would refuse (a variable code it already has) fails the plan, naming the adoption,
        unless it resumes a create this state journaled (that object is ours: the apply takes it back)."""
        if step.action is not Action.CREATE or name in self.state.creates_in_flight:
            return
        conflict = getattr(provider, "conflict_on_create", lambda _news: None)(news)
        if conflict:
            raise EngineError(name, conflict)

    def _check(self, name: str, provider: ResourceProvider, news: dict[str, Any]) -> dict[str, Any]:
        old = self.state.get(name)
        checked = provider.check(_without_provider(old.inputs) if old else {}, news)
        if checked.failures:
            raise EngineError(name, "; ".join(f"{f.property}: {f.reason}" for f in checked.failures))
        return dict(checked.inputs or {})

    def _plan_step(self, name: str, kind: str, provider: ResourceProvider, old: ResourceState | None,
                   news: dict[str, Any]) -> Step:
        from pulumi_zorio.resources._convert import to_spec  # the providers' own conversion

        if old is None:
            spec = to_spec(news) if kind else news
            return create_step(name, kind, spec, live=self._adopted_status(name, provider, kind, spec))
        olds = _without_provider(old.outputs)
        refreshed = self._refreshed.get(name)
        if refreshed is not None and refreshed[0] is old.outputs and _without_provider(refreshed[1]) == news:
            diff = refreshed[2]  # the refresh compared these very outputs with these very inputs
        else:
            diff = provider.diff(old.id, olds, news)
        changed = bool(diff.changes) if diff.changes is not None else olds != news
        replaces = list(diff.replaces or []) if changed else []
        return change_step(name, kind, old.id, to_spec(olds) if kind else olds, to_spec(news) if kind else news,
                           changed, replaces)

    @staticmethod
    def _adopted_status(name: str, provider: ResourceProvider, kind: str, spec: dict[str, Any]) -> str:
        """The live status of a campaign taken over with `adopt_id` (its plan starts there, not at draft)."""
        from pulumi_zorio.resources._campaign_executor import not_in_account

        adopt_id = spec.get("adopt_id")
        if status_lifecycle(kind) is None or adopt_id is None or is_unknown(adopt_id):
            return "draft"
        live = provider.read(str(adopt_id), {})
        if not live.id:
            raise EngineError(name, not_in_account(adopt_id))
        return str((live.outs or {}).get("status") or "draft")

    def _guard_dialing(self, step: Step) -> None:
        """Never dial unless the plan the user approved said so: the providers' own guard
        (`spec.lifecycle.unannounced_dialing`), fed with the approved plan's step for this resource."""
        if self._approved is None or not isinstance(step.status, StatusPlan):
            return
        approved = next((s.status for s in self._approved.steps if s.name == step.name), None)
        planned_from = approved.live if isinstance(approved, StatusPlan) else step.status.live
        if unannounced_dialing(step.status.live, step.status, ShownPlan.of(planned_from, approved)):
            raise EngineError(step.name, "would start or resume dialing, but the approved plan did not say so; "
                                         "nothing was changed for it: run the apply again to see the new plan")

    def plan_as_declared(self, name: str, old: ResourceState) -> tuple[str, dict[str, Any]] | None:
        """A preview's step for a resource declared exactly as when `old` was written (its `declaration`): its
        checked inputs are the recorded ones (check is a function of the declaration), so only the diff against
        what the refresh read is left (and usually the refresh's own). None for a kind whose check reads files.
        Returns what `register` returns."""
        provider = self._provider(old.provider_blob)
        kind = str(getattr(provider, "kind", ""))
        if _reads_files(kind):
            return None
        self._seen.append(name)
        news = _without_provider(old.inputs)
        step = self._plan_step(name, kind, provider, old, news)
        return self._previewed_step(_Planned(None, old, news, step, old.declaration), name)

    def _previewed_step(self, planned: _Planned, name: str) -> tuple[str, dict[str, Any]]:
        """A preview's step for a recorded resource: kept for the apply, and noted on the record when it found the
        record unchanged (the next plan takes what it can from it). Returns what `register` returns."""
        self._previewed[name] = planned
        old, news, step = planned.record, planned.news, planned.step
        same = step.action is Action.SAME
        if same and (planned.inputs is None or news == _without_provider(old.inputs)):  # (None: they are the same)
            self.state.noted(old, planned.declaration)
        self.steps.append(step)
        return old.id, (_without_provider(old.outputs) if same else news)

    # --- steps that write -----------------------------------------------------------------------
    def unchanged_as_planned(self, name: str, declaration: str) -> ResourceState | None:
        """The record of a resource the plan found unchanged, if the apply declares it as the plan did (the same
        `declaration`) and it is still the record the plan saw (a YAML apply then keeps it as it is)."""
        planned = self._previewed.get(name)
        if self._error is not None or planned is None or planned.step.action is not Action.SAME \
                or _reads_files(planned.step.kind) or planned.declaration != declaration:
            return None
        old = self.state.get(name)
        return old if planned.record is old else None

    def keep_unchanged(self, name: str, old: ResourceState) -> tuple[str, dict[str, Any]]:
        """The apply's step for a resource the plan found unchanged (`unchanged_as_planned`)."""
        self._seen.append(name)
        return self._keep(self._previewed[name].step, name, old)

    def _execute(self, step: Step, args: Any, provider: ResourceProvider, old: ResourceState | None,
                 news: dict[str, Any], blob: Any) -> tuple[str, dict[str, Any]]:
        if step.action is Action.SAME:
            assert old is not None
            return self._keep(step, args.name, old)
        started = self._notify("start", step)
        if step.action is Action.UPDATE:
            assert old is not None
            outs = provider.update(old.id, _without_provider(old.outputs), news).outs or {}
            new_id = old.id
        else:
            created = self._create(args.name, args.typ, provider, news)
            outs, new_id = created.outs or {}, str(created.id)
            if old is not None and str(old.id) != new_id:  # replace: the old one goes after the program
                with self._state_lock:
                    self.state.add_pending_delete(old)
        urn = f"urn:pulumi:{self.stack}::{self.project}::{args.typ}::{args.name}"
        protect, retain = self._options.get(args.name, (False, False))
        record = ResourceState(urn, args.name, args.typ, new_id, {**news, PROVIDER_KEY: blob},
                               {**outs, PROVIDER_KEY: blob}, protect=protect, retain_on_delete=retain,
                               declaration=self._declarations.get(args.name))
        with self._state_lock:
            self.state.record(record, settles_create=args.name in self.state.creates_in_flight)
        self.steps.append(step)  # only finished steps count ("Stopped after ..." after a failure)
        live = outs.get("status") if isinstance(step.status, StatusPlan) else None  # where a campaign ended up
        self._notify("done", Step(step.action, step.name, step.kind, new_id, step.changes, step.replaces,
                                  step.status, live_status=live), started)
        return new_id, outs

    def _keep(self, step: Step, name: str, old: ResourceState) -> tuple[str, dict[str, Any]]:
        """An unchanged resource: nothing sent, nothing written unless its protect/retain options changed."""
        self.steps.append(step)
        options = self._options.get(name, (False, False))
        with self._state_lock:
            if (old.protect, old.retain_on_delete) != options:
                old.protect, old.retain_on_delete = options
                self.state.record(old)
            else:
                self.state.put(old)  # nothing written: only keeps the recorded order topological for this run
        return old.id, _without_provider(old.outputs)

    def _known_ids(self, typ: str) -> frozenset[str]:
        """Ids of this type the state already holds (an interrupted create never made one of them)."""
        with self._state_lock:
            records = [*self.state.resources.values(), *self.state.pending_deletes]
        return frozenset(str(record.id) for record in records if record.type == typ)

    def _create(self, name: str, typ: str, provider: ResourceProvider, news: dict[str, Any]) -> Any:
        """Journal the create before sending it; if an earlier run's create of this resource was interrupted
        (its journal entry is still there), take over the object it made rather than make a second one."""
        from pulumi_zorio.client._service import resuming_interrupted_create

        digest = hashlib.sha256(json.dumps(news, sort_keys=True, default=str).encode()).hexdigest()
        with self._state_lock:
            interrupted = self.state.creates_in_flight.get(name)
        try:
            if interrupted is None or interrupted.get("inputs") != digest:
                # (inputs changed since the interrupted run: what it made is not what is declared now; the new
                # entry replaces the old one, and the plan never takes over an object made from other inputs)
                with self._state_lock:  # durable before the request is sent
                    self.state.begin_create(name, {"since": time.time(), "inputs": digest})
                return provider.create(news)
            with resuming_interrupted_create(float(interrupted["since"]), self._known_ids(typ)):
                return provider.create(news)
        except Exception as error:
            if _refused_by_the_api(error):  # the outcome is known (and any half-done work undone): no resume
                with self._state_lock:
                    self.state.end_create(name)
            raise

    def _forget_undeclared_creates(self) -> None:
        """Journal entries of resources the program no longer declares: nothing will resume them."""
        undeclared = [name for name in self.state.creates_in_flight if name not in self._seen]
        for name in undeclared:
            self.state.end_create(name)

    def _delete_steps(self) -> list[Step]:
        """Replaced resources still to delete (newest first), then undeclared ones in reverse order."""
        seen = set(self._seen)
        gone = [r for r in reversed(self.state.resources.values()) if r.name not in seen]
        return [*self._pending_steps(), *(self._delete_step(r) for r in gone)]

    def _delete_step(self, record: ResourceState) -> Step:
        """Delete, or release when retained; a protected resource cannot be deleted (as `pulumi` refuses it)."""
        if record.protect:
            raise EngineError(record.name, "is protected, so it cannot be deleted: set protect to false (YAML: "
                                           "`protect: false`) and apply that first, then delete it")
        return delete_step(record.name, self._kind(record), record.id, record.outputs,
                           released=record.released_on_delete)

    def _pending_steps(self) -> list[Step]:
        """Replaced objects still to delete: protected and retained ones are refused and released like any."""
        return [self._delete_step(r) for r in reversed(self.state.pending_deletes)]

    def record_options(self) -> list[str]:
        """After a preview with no change: store changed `protect` / `retain_on_delete` options (no API call),
        and what the refresh read, as `pulumi up` does. Returns the names whose options changed."""
        changed = []
        for name, (protect, retain) in self._options.items():
            record = self.state.get(name)
            if record is not None and (record.protect, record.retain_on_delete) != (protect, retain):
                record.protect, record.retain_on_delete = protect, retain
                changed.append(name)
        if changed:
            self.state.save()
        else:
            self.state.compact()  # what the refresh read and the plan noted
        return changed

    def _delete(self, step: Step) -> None:
        pending = next((r for r in self.state.pending_deletes if r.id == step.id and r.name == step.name), None)
        record = pending or self.state.resources[step.name]
        started = self._notify("start", step)
        try:
            if not step.released:  # a released object stays in Zorio as it is: no call at all
                self._provider(record.provider_blob).delete(record.id, _without_provider(record.outputs))
        except Exception as error:
            raise EngineError.of(step.name, error) from error
        if pending is not None:
            self.state.drop_pending_delete(pending)
        else:
            self.state.forget(step.name)
        self.steps.append(step)
        self._notify("done", step, started)

    # --- helpers --------------------------------------------------------------------------------
    def _provider(self, blob: Any) -> ResourceProvider:
        """One configured provider per `__provider` blob, as the host caches them."""
        key = str(rpc.unwrap_rpc_secret(blob))
        with self._lock:
            if key not in self._providers:
                self._providers[key] = load_provider(blob, self.config, self.project)
            return self._providers[key]

    def _kind(self, record: ResourceState) -> str:
        return str(getattr(self._provider(record.provider_blob), "kind", ""))

    def _notify(self, event: str, step: Step, started: float | None = None) -> float:
        """Tell the listener, one event at a time (steps run in parallel; the progress output is not re-entrant)."""
        now = time.monotonic()
        if self.listener is not None:
            with self._listener_lock:
                self.listener(event, step, now - started if started is not None else 0.0)
        return now


def _is_secret(value: Any) -> bool:
    """Whether an exported value is a secret Output (shown as [secret], as `pulumi up` shows it)."""
    flag = getattr(value, "_is_secret", None)
    return bool(flag is not None and flag.done() and not flag.exception() and flag.result())


class _Mocks(Mocks):
    """The mock monitor's callbacks: dynamic resources go to the engine; anything else is echoed."""

    def __init__(self, engine: LocalEngine, preview: bool) -> None:
        self.engine, self.preview = engine, preview

    def call(self, args: Any) -> tuple[dict[str, Any], None]:
        return {}, None

    def new_resource(self, args: Any) -> tuple[str | None, dict[str, Any]]:
        if not args.typ.startswith(DYNAMIC):
            return f"{args.name}-id", args.inputs
        return self.engine.register(args, self.preview)
