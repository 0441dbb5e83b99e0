"""The local JSON state file of `zorio apply`: what a Pulumi stack checkpoint holds, one record per resource.

Written atomically (temp file + os.replace) after every step, so an interrupted apply loses nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pulumi_zorio.errors import PulumiZorioError

STATE_VERSION = 1
PROVIDER_KEY = "__provider"
FORBIDDEN_KEYS = frozenset({"zorio:token", "zorio:password", "token", "password"})
"""Keys that must never reach the file; `save()` refuses a state holding one (defence in depth)."""


class StateError(PulumiZorioError):
    """The state file cannot be read or written; the message names the file."""


@dataclass
class ResourceState:
    """One managed resource, as the engine records it: inputs and outputs both carry `__provider`."""

    urn: str
    name: str
    type: str
    id: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    protect: bool = False
    """Pulumi's `protect`: the engine refuses to delete it."""
    retain_on_delete: bool | None = None
    """Pulumi's `retain_on_delete`: deleting it only releases it (leaves the state, stays in Zorio). None = a
    record written before the option was kept: released if it was taken over with adopt_id."""

    @property
    def released_on_delete(self) -> bool:
        if self.retain_on_delete is None:
            return self.outputs.get("adopt_id") is not None
        return self.retain_on_delete

    @property
    def provider_blob(self) -> Any:
        """The pickled provider as stored (`{<secret sig>: ..., "value": base64 dill}` by default)."""
        return self.outputs.get(PROVIDER_KEY, self.inputs.get(PROVIDER_KEY))


@dataclass
class State:
    """All managed resources in dependency order (dependencies first), plus replaced ones still to delete."""

    path: Path
    resources: dict[str, ResourceState] = field(default_factory=dict)
    pending_deletes: list[ResourceState] = field(default_factory=list)
    _settled: list[str] = field(default_factory=list, repr=False)
    """Names recorded by `put` since this state was loaded (this run), in the order their steps finished."""
    creates_in_flight: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Resource name → `{"since": epoch seconds, "inputs": sha256 of its inputs}`, written BEFORE its create is
    sent and removed with the record of its id: an entry left by a killed run tells the next one to take over what
    that create made (`client.resuming_interrupted_create`) instead of making a second object, if the inputs are
    still the same."""

    # --- file -----------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> State:
        """The state in `path`, or an empty one if the file does not exist yet."""
        state = cls(Path(path))
        if not state.path.exists():
            return state
        try:
            data = json.loads(state.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise StateError(f"cannot read state file {state.path}: {error}") from error
        if data.get("version") != STATE_VERSION:
            raise StateError(f"state file {state.path} has version {data.get('version')!r}; expected {STATE_VERSION}")
        for raw in data.get("resources", []):
            record = ResourceState(**raw)
            state.resources[record.name] = record
        state.pending_deletes = [ResourceState(**raw) for raw in data.get("pending_deletes", [])]
        state.creates_in_flight = {str(k): dict(v) for k, v in data.get("creates_in_flight", {}).items()
                                   if isinstance(v, dict)}
        return state

    def save(self) -> None:
        """Write atomically: a crash leaves either the previous file or the new one, never half of one."""
        document = {
            "version": STATE_VERSION,
            "resources": [asdict(record) for record in self.resources.values()],
            "pending_deletes": [asdict(record) for record in self.pending_deletes],
            "creates_in_flight": self.creates_in_flight,
        }
        _refuse_secrets(document)
        text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        directory = self.path.parent if str(self.path.parent) else Path(".")
        directory.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    # --- records --------------------------------------------------------------------------------
    def put(self, record: ResourceState) -> None:
        """Record a resource after those this run has already recorded, before those it has not reached yet.

        Steps finish dependencies first, so the recorded ones are in dependency order; one not reached (an apply
        that failed half-way) may depend on a recorded one but never the other way round, so it stays after
        them. The order is what `destroy` reverses: dependants are deleted before what they use.
        """
        if record.name in self._settled:
            self._settled.remove(record.name)
        self._settled.append(record.name)
        self.resources[record.name] = record
        settled = set(self._settled)
        self.resources = {**{name: self.resources[name] for name in self._settled if name in self.resources},
                          **{name: other for name, other in self.resources.items() if name not in settled}}

    def remove(self, name: str) -> None:
        self.resources.pop(name, None)

    @property
    def empty(self) -> bool:
        return not self.resources and not self.pending_deletes and not self.creates_in_flight


def _refuse_secrets(document: Any, path: str = "") -> None:
    """Raise if a credential key is about to be written (the providers never capture one; this proves it)."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key in FORBIDDEN_KEYS:
                raise StateError(f"refusing to write a credential ({path}{key}) to the state file")
            _refuse_secrets(value, f"{path}{key}.")
    elif isinstance(document, list):
        for item in document:
            _refuse_secrets(item, path)
