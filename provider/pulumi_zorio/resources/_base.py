"""`ZorioProvider`: the shared dynamic-provider base (configuration, lazy client, generic check/diff/CRUD per kind).

Importable and free of side effects, so dill pickles the provider classes by reference (notes §2, §4).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)

from pulumi_zorio.errors import WrappingError
from pulumi_zorio.client import ClientConfig, ConflictError, NotFoundError, Secret, ZorioClient, ZorioError
from pulumi_zorio.resources._host_errors import install_in_host
from pulumi_zorio.resources._convert import outputs, to_pulumi, to_spec
from pulumi_zorio.spec import contains_unknown, diff_resource, get_kind
from pulumi_zorio.spec.shape import input_fields

CONFIG_KEYS = {"base_url": "zorio:baseUrl", "token": "zorio:token", "username": "zorio:username",
               "password": "zorio:password"}
"""Pulumi configuration read in `configure()`; each falls back to its ZORIO_* environment variable."""


_CLIENT_LOCK = threading.Lock()


class ZorioResourceError(WrappingError):
    """An operation on a Zorio object failed; the message names the kind, the id and what to do.

    `left_behind`: a failed create left an object in Zorio that the stack does not record (its undo failed, or it
    is kept as it is), so an engine that journals creates may take it over on the next run.
    """

    left_behind: bool = False


install_in_host(ZorioResourceError, ZorioError)  # in the engine's provider host only: messages, not tracebacks


class ZorioProvider(ResourceProvider):
    """Base of every Zorio dynamic provider.

    Holds configuration only. `configure(req)` runs in the provider process (the engine's host) and
    keeps the credentials in memory; the client is built on first use. Neither is ever pickled
    (`__getstate__`), so the `__provider` blob in the state carries no token even if it is pickled
    after `configure`: the blob holds only the resource's `create_key` (_create_key.py).
    `serialize_as_secret_always` keeps Pulumi's default (True): the blob holds no secret, but encrypting it costs
    nothing and protects against a future capture by mistake.
    """

    serialize_as_secret_always = True
    kind = ""
    """The spec kind (`variable`, `script`, ...): its registry entry (spec.get_kind) says everything else."""

    def __init__(self) -> None:
        super().__init__()
        self.create_key: str | None = None
        """Sent as the create's Idempotency-Key, set where the resource is declared (_create_key.py); None: a
        random key, as every other write."""
        self._settings: dict[str, Any] = {}
        self._client: ZorioClient | None = None

    # --- configuration --------------------------------------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        """The create key only: configuration and the client (credentials, sessions) stay in the provider process.
        (Nothing at all without a key, so blobs written before keys existed stay byte for byte the same.)"""
        return {} if self.create_key is None else {"create_key": self.create_key}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        self.create_key = state.get("create_key")
        self._settings, self._client = {}, None

    def configure(self, req: ConfigureRequest) -> None:
        """Keep `zorio:*` configuration (secrets arrive unwrapped; the token is wrapped in a `Secret`)."""
        settings: dict[str, Any] = {}
        for name, key in CONFIG_KEYS.items():
            value = req.config.get(key)
            if value not in (None, ""):
                settings[name] = Secret(str(value)) if name in ("token", "password") else str(value)
        self._settings, self._client = settings, None

    @property
    def client(self) -> ZorioClient:
        """The API client, built lazily in this process from configuration plus ZORIO_* fallbacks.

        The engine's host serves calls from a thread pool, hence the (module-level, never pickled) lock.
        """
        with _CLIENT_LOCK:
            if self._client is None:
                self._client = ZorioClient(ClientConfig.from_env(**self._settings))
            return self._client

    def _api(self) -> Any:
        return getattr(self.client, get_kind(self.kind).service)

    def expect_many_reads(self) -> None:
        """A refresh of several objects of this kind follows: read them from one listing (the local engine calls
        this; under the Pulumi engine the list cache notices a bulk read by itself, one read later)."""
        self._api().expect_many_reads()

    def conflict_on_create(self, news: dict[str, Any]) -> str | None:
        """Why the account would refuse to create `news` (it already holds an object under the same unique key), or
        None. Asked by the local engine while it plans a create, so the plan does not approve what apply rejects;
        the Pulumi engine has no such call, and the create itself says the same."""
        return None

    # --- check / diff (pure) --------------------------------------------------------------------
    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Normalise the inputs and report every problem the API would reject, naming the field."""
        spec = get_kind(self.kind)
        inputs = to_spec(news)
        problems = spec.check(inputs)
        normalised = spec.normalise(inputs)
        normalised, extra = self._check_more(normalised)
        failures = [CheckFailure(p.path or self.kind, p.message) for p in [*problems, *extra]]
        return CheckResult(to_pulumi(normalised), failures)

    def _check_more(self, inputs: dict[str, Any]) -> tuple[dict[str, Any], list[Any]]:
        """Kind-specific checks needing I/O-free extras (MediaFile: the source file); default none."""
        return inputs, []

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """Only real changes (spec.diff_resource); replacement only where the API cannot update.

        Never refuses, for any kind: the engine also calls Diff on `pulumi refresh` (since 3.120, with the refreshed
        outputs as `olds`), where what changed in the console must be taken in, not turned into an error (a
        campaign started or stopped there, say). A change that cannot be made is refused by `update`, before any
        write."""
        result = diff_resource(self.kind, to_spec(olds), to_spec(news))
        return DiffResult(changes=result.changed, replaces=result.replaces, delete_before_replace=False)

    # --- CRUD -----------------------------------------------------------------------------------
    def create(self, props: dict[str, Any]) -> CreateResult:
        """Create the object, or take over `adopt_id` (update it to the declared state, no POST)."""
        inputs = self._inputs(props)
        adopt_id = inputs.get("adopt_id")
        if adopt_id is not None:
            live = self._adopt(adopt_id, inputs)
        else:
            live = self._create(inputs)
        return CreateResult(str(live["id"]), self._outputs(inputs, live))

    def _create(self, inputs: dict[str, Any]) -> dict[str, Any]:
        return self._api().create(get_kind(self.kind).build_payload(inputs, None), self.create_key)

    def _adopt(self, object_id: int, inputs: dict[str, Any]) -> dict[str, Any]:
        """Read the existing object and PUT only what differs from the declared state."""
        try:
            live = self._api().retrieve(object_id, fresh=True)
        except NotFoundError as error:
            raise ZorioResourceError(
                f"cannot adopt {self.kind} {object_id}: it does not exist in this Zorio account "
                f"({error.api_message}); check adopt_id"
            ) from error
        return self._apply(object_id, self._outputs({}, live), inputs) or live

    def _apply(self, object_id: Any, olds: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any] | None:
        """PUT the fields that differ between `olds` and `inputs`; None when nothing differs."""
        changed = diff_resource(self.kind, olds, inputs).changed_fields
        payload = get_kind(self.kind).build_payload(inputs, changed)
        if not payload:
            return None
        return self._api().update(object_id, payload)

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Live values (so drift shows); a 404 means the object is gone: `ReadResult(None, {})`.

        The refreshed inputs are returned too, as the live values of the declared fields: the engine then diffs
        them against the program's, so after `pulumi refresh` a preview marks each field `up` would put back
        (`~ status: "paused" => "running"`), and `ignore_changes` keeps what was changed in the console.
        """
        try:
            live = self._api().retrieve(id_)
        except NotFoundError:
            return ReadResult(None, {})
        outs = self._outputs(to_spec(props), live)
        return ReadResult(str(live["id"]), outs, self._refreshed_inputs(outs))

    def _refreshed_inputs(self, outs: Mapping[str, Any]) -> dict[str, Any]:
        """The declared fields' live values, as inputs the kind's check accepts."""
        return {field: outs[field] for field in input_fields(self.kind) if field in outs}

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """PUT only the changed fields (`build_x_payload(inputs, only=changed)`)."""
        inputs = self._inputs(news)
        live = self._apply(id_, to_spec(olds), inputs) or self._api().retrieve(id_, fresh=True)
        return UpdateResult(self._outputs(inputs, live))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Delete; gone already is fine; in use elsewhere fails with the API's explanation."""
        try:
            self._api().delete(id_)
        except NotFoundError:
            return
        except ConflictError as error:
            raise ZorioResourceError(f"cannot delete {self.kind} {id_}: {error.api_message}") from error

    # --- helpers --------------------------------------------------------------------------------
    def _inputs(self, props: Mapping[str, Any]) -> dict[str, Any]:
        """Checked inputs in spec form; an UNKNOWN here would be an engine bug (create runs after preview)."""
        inputs = get_kind(self.kind).normalise(to_spec(props))
        if contains_unknown(inputs):
            raise ZorioResourceError(f"{self.kind}: some inputs are still unknown at apply time")
        return inputs

    def _outputs(self, inputs: Mapping[str, Any], live: Mapping[str, Any]) -> dict[str, Any]:
        return outputs(inputs, get_kind(self.kind).flatten(live))
