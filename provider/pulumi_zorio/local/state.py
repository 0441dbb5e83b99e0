"""The local JSON state file of `zorio apply`: what a Pulumi stack checkpoint holds, one record per resource.

A run changes it through an append-only journal beside it (`<state file>.journal`, one JSON line per change,
fsync'd before the call it guards is sent), so one step costs one short write whatever the size of the stack; at
the end of the run the journal is compacted into the JSON file (written atomically: temp file + os.replace) and
removed. What a refresh changed goes into the journal with the run's first change (the file is not rewritten for
it). A run that was killed leaves the journal: `State.load` replays it, so nothing a finished step recorded is
lost, and the next run that writes compacts it first.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from collections.abc import Sequence
from typing import IO, Any

from pulumi_zorio import __version__
from pulumi_zorio.collection import collection_paused
from pulumi_zorio.errors import PulumiZorioError

STATE_VERSION = 2
"""2: records may carry `declaration` and `synced` (an older pulumi-zorio refuses the file by its version instead of
failing on the unknown keys); a version 1 file is read as is."""
READABLE_VERSIONS = frozenset({1, STATE_VERSION})


@functools.cache
def planner() -> str:
    """What made a record's `declaration` and `synced` notes: this package's version and a digest of its source (the
    code that turns an item into inputs, checks them and decides what a diff is). A note made by any other code,
    an upgrade or a commit that never changed the version, is not trusted: that record is planned in full."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(__version__.encode(), digest_size=8)
    for source in sorted(package.rglob("*")):
        if source.suffix in (".py", ".json") and "__pycache__" not in source.parts:
            digest.update(source.relative_to(package).as_posix().encode())
            digest.update(source.read_bytes())
    return f"{__version__}+{digest.hexdigest()}"
PROVIDER_KEY = "__provider"
FORBIDDEN_KEYS = frozenset({"zorio:token", "zorio:password", "token", "password"})
"""Keys that must never reach the file; a record holding one is refused when it is recorded (defence in depth)."""
_FORBIDDEN_IN_TEXT = re.compile("[{ ]\"(?:" + "|".join(map(re.escape, sorted(FORBIDDEN_KEYS))) + ")\": ")
"""One of FORBIDDEN_KEYS as a key in the file's text: a key follows `{` or `, `, while a quote inside a string is
always escaped (a value that spells `"token": ` is written `\\"token\\": `)."""
JOURNAL_SUFFIX = ".journal"


class StateError(PulumiZorioError):
    """The state file cannot be read or written; the message names the file."""


@dataclass(slots=True)
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
    declaration: str | None = None
    """The digest of the YAML item that declared exactly these inputs (local/yaml_plan.py `declaration_of`): a plan
    that finds the same declaration takes the inputs from here instead of building and checking them again. None:
    not known (a Python program, an old record, or inputs a refresh replaced)."""
    synced: str | None = None
    """The `planner()` under which a plan last found these outputs to match these inputs (no change): a refresh that
    reads the same outputs skips the diff. None: not known, or either has changed since."""

    @property
    def released_on_delete(self) -> bool:
        if self.retain_on_delete is None:
            return self.outputs.get("adopt_id") is not None
        return self.retain_on_delete

    @property
    def provider_blob(self) -> Any:
        """The pickled provider as stored (`{<secret sig>: ..., "value": base64 dill}` by default)."""
        return self.outputs.get(PROVIDER_KEY, self.inputs.get(PROVIDER_KEY))

    def document(self) -> dict[str, Any]:
        """The record as the file holds it (shallow: nothing is copied, the JSON encoder walks it once); no
        `declaration` or `synced` key when there is none."""
        document = {f.name: getattr(self, f.name) for f in _RECORD_FIELDS}
        for noted in ("declaration", "synced"):
            if document[noted] is None:
                del document[noted]
        return document


_RECORD_FIELDS = fields(ResourceState)


@dataclass
class State:
    """All managed resources in dependency order (dependencies first), plus replaced ones still to delete."""

    path: Path
    pending_deletes: list[ResourceState] = field(default_factory=list)
    creates_in_flight: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Resource name → `{"since": epoch seconds, "inputs": sha256 of its inputs}`, journalled BEFORE its create is
    sent and removed with the record of its id: an entry left by a killed run tells the next one to take over what
    that create made (`client.resuming_interrupted_create`) instead of making a second object, if the inputs are
    still the same."""
    _records: dict[str, ResourceState] = field(default_factory=dict, repr=False)
    _settled: dict[str, None] = field(default_factory=dict, repr=False)
    """Names recorded by `put` since this state was loaded (this run), in the order their steps finished."""
    _unordered: bool = field(default=False, repr=False)
    _journal: IO[str] | None = field(default=None, repr=False)
    _unsaved: dict[str, bool] = field(default_factory=dict, repr=False)
    """Names a refresh changed (True) or found gone (False) since the file was written: journalled with the first
    change of the run."""
    _replayed: bool = field(default=False, repr=False)
    """A killed run's journal was replayed on load: the next write compacts it before journalling anything."""

    # --- file -----------------------------------------------------------------------------------
    @classmethod
    @collection_paused()
    def load(cls, path: Path) -> State:
        """The state in `path` (an empty one if the file does not exist yet), with the journal of a run that did
        not finish replayed on top of it."""
        state = cls(Path(path))
        if state.path.exists():
            try:
                data = json.loads(state.path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise StateError(f"cannot read state file {state.path}: {error}") from error
            if data.get("version") not in READABLE_VERSIONS:
                raise StateError(f"state file {state.path} has version {data.get('version')!r}; "
                                 f"expected {STATE_VERSION}")
            shared: dict[str, str] = {}
            for raw in data.get("resources", []):
                record = _sharing(ResourceState(**raw), shared)
                state._records[record.name] = record
            state.pending_deletes = [ResourceState(**raw) for raw in data.get("pending_deletes", [])]
            state.creates_in_flight = {str(k): dict(v) for k, v in data.get("creates_in_flight", {}).items()
                                       if isinstance(v, dict)}
        state._replay()
        return state

    @property
    def journal_path(self) -> Path:
        return self.path.with_name(self.path.name + JOURNAL_SUFFIX)

    def save(self) -> None:
        """Write the whole state atomically (a crash leaves either the previous file or the new one, never half of
        one), then drop the journal it now contains. Once per run (compaction), or for a change made outside the
        journal."""
        document = {
            "version": STATE_VERSION,
            "resources": [record.document() for record in self.resources.values()],
            "pending_deletes": [record.document() for record in self.pending_deletes],
            "creates_in_flight": self.creates_in_flight,
        }
        text = _state_text(document)
        if _FORBIDDEN_IN_TEXT.search(text):  # (a regex over the text, not a walk of every record)
            # (a resource may be called `token`: the names `creates_in_flight` is keyed by are not credentials)
            _refuse_secrets({**document, "creates_in_flight": list(self.creates_in_flight.values())})
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
        self._close_journal()
        self.journal_path.unlink(missing_ok=True)
        self._unsaved.clear()
        self._replayed = False

    def compact(self) -> None:
        """End of a run: fold the journal into the state file, if this run wrote one, with what a refresh or plan
        noted in memory (as `pulumi up` saves what its refresh read)."""
        if self._journal is not None or self._unsaved:
            self.save()

    # --- changes a run journals -----------------------------------------------------------------
    def record(self, record: ResourceState, settles_create: bool = False) -> None:
        """Put a created or changed resource and journal it (with `settles_create`: its create is no longer in
        flight)."""
        entry: dict[str, Any] = {"put": _checked(record.document())}
        if settles_create:
            entry["settled"] = record.name
        self._append(entry)
        self.put(record)
        if settles_create:
            self.creates_in_flight.pop(record.name, None)

    def forget(self, name: str) -> None:
        """A deleted (or released) resource leaves the state."""
        self._append({"remove": name})
        self.remove(name)

    def add_pending_delete(self, record: ResourceState) -> None:
        """A replaced object, deleted after the program has run."""
        self._append({"pending": _checked(record.document())})
        self.pending_deletes.append(record)

    def drop_pending_delete(self, record: ResourceState) -> None:
        self._append({"unpending": [record.name, record.id]})
        self.pending_deletes.remove(record)

    def begin_create(self, name: str, entry: dict[str, Any]) -> None:
        """Journal a create about to be sent: durable on disk when this returns, before any request leaves."""
        self._append({"in_flight": [name, entry]})
        self.creates_in_flight[name] = entry

    def end_create(self, name: str) -> None:
        """A create whose outcome is known without a record (refused by the API, or no longer declared)."""
        if name in self.creates_in_flight:
            self._append({"settled": name})
            self.creates_in_flight.pop(name, None)

    # --- records --------------------------------------------------------------------------------
    @property
    def resources(self) -> dict[str, ResourceState]:
        """Every record, those this run has recorded first (in the order their steps finished), then those it has
        not reached yet.

        Steps finish dependencies first, so the recorded ones are in dependency order; one not reached (an apply
        that failed half-way) may depend on a recorded one but never the other way round, so it stays after
        them. The order is what `destroy` reverses: dependants are deleted before what they use. (Ordered when
        read, not on every `put`: a step costs O(1).)
        """
        if self._unordered:
            settled = {name: self._records[name] for name in self._settled if name in self._records}
            self._records = {**settled, **{n: r for n, r in self._records.items() if n not in settled}}
            self._unordered = False
        return self._records

    def get(self, name: str) -> ResourceState | None:
        """The record of `name` (a lookup: the order is not computed)."""
        return self._records.get(name)

    def put(self, record: ResourceState) -> None:
        """Record a resource after those this run has already recorded, before those it has not reached yet (in
        memory only: `record` journals it)."""
        self._settled.pop(record.name, None)
        self._settled[record.name] = None
        self._records[record.name] = record
        self._unordered = True

    def settle_in_order(self, names: Sequence[str]) -> None:
        """Order this run's records as `names` (a dependency order, e.g. the declaration order) rather than as their
        steps happened to finish: independent steps run in parallel, and the file should not depend on which won."""
        rank = {name: index for index, name in enumerate(names)}
        self._settled = dict.fromkeys(sorted(self._settled, key=lambda name: rank.get(name, len(rank))))
        self._unordered = True

    def remove(self, name: str) -> None:
        self._records.pop(name, None)
        self._settled.pop(name, None)

    def refreshed(self, record: ResourceState, inputs: dict[str, Any] | None, outputs: dict[str, Any]) -> bool:
        """A refresh read `record` live: take its new inputs (None: unchanged) and outputs in memory, to be saved
        with the run's first change (or by `save`). Returns whether anything differed from the record."""
        changed = outputs != record.outputs or (inputs is not None and inputs != record.inputs)
        if changed:
            record.outputs, record.synced = outputs, None
            if inputs is not None and inputs != record.inputs:
                record.inputs, record.declaration = inputs, None  # no longer what the declaration produced
            self._unsaved[record.name] = True
        return changed

    def noted(self, record: ResourceState, declaration: str | None) -> None:
        """A plan found `record` unchanged: its inputs are what `declaration` produces (when known) and its outputs
        match them. Saved with the run's first change, or by `save`."""
        declaration = declaration or record.declaration
        if (record.declaration, record.synced) != (declaration, planner()):
            record.declaration, record.synced = declaration, planner()
            self._unsaved[record.name] = True

    def gone(self, name: str) -> None:
        """A refresh found `name` deleted from the account: it leaves the state (saved as `refreshed` is)."""
        self.remove(name)
        self._unsaved[name] = False

    @property
    def empty(self) -> bool:
        return not self._records and not self.pending_deletes and not self.creates_in_flight

    # --- journal --------------------------------------------------------------------------------
    def _append(self, entry: dict[str, Any]) -> None:
        """One line, flushed and fsync'd. The first change of a run first journals what a refresh changed in
        memory (a killed run's journal left on disk is compacted first, so a journal only holds one run)."""
        if self._journal is None:
            if self._replayed:
                self.save()
            try:
                self._journal = open(self.journal_path, "a", encoding="utf-8")  # noqa: SIM115 - closed by save()
            except OSError as error:
                raise StateError(f"cannot write the journal {self.journal_path}: {error}") from error
            lines = [{"put": _checked(self._records[name].document())} if present else {"remove": name}
                     for name, present in self._unsaved.items() if not present or name in self._records]
            self._unsaved.clear()
            self._write(lines + [entry])
        else:
            self._write([entry])

    def _write(self, entries: list[dict[str, Any]]) -> None:
        assert self._journal is not None
        self._journal.write("".join(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n"
                                    for entry in entries))
        self._journal.flush()
        _sync(self._journal.fileno())

    def _close_journal(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def _replay(self) -> None:
        """Apply a journal left by a run that did not finish (killed): its records are the newest.

        A record already in the file keeps its place and a new one goes last, so dependencies stay first (a
        created object can only depend on one recorded before it). Replaying twice gives the same state, so a
        crash between writing the compacted file and removing the journal loses nothing. A last line cut short
        was never fsync'd whole: the change it began was never acted on, so it is ignored."""
        try:
            lines = self.journal_path.read_text(encoding="utf-8").splitlines(keepends=True)
        except FileNotFoundError:
            return
        except OSError as error:
            raise StateError(f"cannot read the journal {self.journal_path}: {error}") from error
        self._replayed = True
        for number, line in enumerate(lines, 1):
            try:
                entry = json.loads(line)
            except ValueError as error:
                if number == len(lines) and not line.endswith("\n"):
                    break  # torn by the crash: never durable, so never acted on
                raise StateError(f"journal {self.journal_path} line {number} is damaged: {error}") from error
            self._replay_entry(entry)

    def _replay_entry(self, entry: dict[str, Any]) -> None:
        if "put" in entry:
            record = ResourceState(**entry["put"])
            self._records[record.name] = record
        if "remove" in entry:
            self._records.pop(entry["remove"], None)
        if "pending" in entry:
            record = ResourceState(**entry["pending"])
            if not any(r.name == record.name and r.id == record.id for r in self.pending_deletes):
                self.pending_deletes.append(record)
        if "unpending" in entry:
            name, id_ = entry["unpending"]
            self.pending_deletes = [r for r in self.pending_deletes if (r.name, r.id) != (name, id_)]
        if "in_flight" in entry:
            name, value = entry["in_flight"]
            self.creates_in_flight[name] = dict(value)
        if "settled" in entry:
            self.creates_in_flight.pop(entry["settled"], None)


def _sharing(record: ResourceState, shared: dict[str, str]) -> ResourceState:
    """`record` with the strings most records repeat (its type, the pickled provider in its inputs and outputs, the
    planner of its note) shared with the records loaded before it: the decoder makes a copy of each, about half a
    KiB per record of a big stack."""
    record.type = shared.setdefault(record.type, record.type)
    if record.synced is not None:
        record.synced = shared.setdefault(record.synced, record.synced)
    for bag in (record.inputs, record.outputs):
        blob = bag.get(PROVIDER_KEY)
        if isinstance(blob, str):
            bag[PROVIDER_KEY] = shared.setdefault(blob, blob)
    return record


def _state_text(document: dict[str, Any]) -> str:
    """The file's text: one line per record, so a change reads as a one-line diff. (Written with the C encoder:
    `indent=` makes `json` fall back to its pure-Python encoder, 0.3 s per write at 5,000 records.)"""
    lines = ["{"]
    for number, (key, value) in enumerate(document.items()):
        comma = "," if number < len(document) - 1 else ""
        if isinstance(value, list) and value:
            items = ",\n".join("    " + _compact(item) for item in value)
            lines.append(f"  {_compact(key)}: [\n{items}\n  ]{comma}")
        else:
            lines.append(f"  {_compact(key)}: {_compact(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _sync(fd: int) -> None:
    """Make an appended line durable: data and the size that reaches it (fdatasync where there is one)."""
    (getattr(os, "fdatasync", None) or os.fsync)(fd)


def _checked(document: dict[str, Any]) -> dict[str, Any]:
    _refuse_secrets(document)
    return document


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
