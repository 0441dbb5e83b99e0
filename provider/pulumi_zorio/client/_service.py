"""`ResourceService`: create / retrieve / update / delete / list for one kind, with safe creates.

After an ambiguous failure, a create looks for the object it would have made before sending again. A create
given a `create_key` (the Pulumi engine's: see resources/_create_key.py) sends it as its Idempotency-Key, so a
re-run of a create whose answer a killed run never recorded gets that create's object back instead of a second one.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pulumi_zorio.client import _api_rules as rules
from pulumi_zorio.client import _pagination
from pulumi_zorio.client._cache import PROCESS_CACHE, ListCache
from pulumi_zorio.client._transport import Call, Transport
from pulumi_zorio.client.errors import NotFoundError, ValidationError
from pulumi_zorio.spec.kinds import get_kind
from pulumi_zorio.spec.values import parse_timestamp

Obj = dict[str, Any]
DELETED: Obj = {"deleted": True}  # what a recovered DELETE returns

# Ids that a create in this process already returned, per (base_url, kind): a recovery never hands
# out an object that another create (say, a twin with the same name and fields) already owns.
_claimed: set[tuple[str, str, str]] = set()
_claimed_lock = threading.Lock()
_taken_back: set[tuple[str, str, str]] = set()
"""(base URL, kind, id) of objects a keyed create of this process got back from a replayed answer."""


_interrupted: ContextVar[tuple[float, frozenset[str]] | None] = ContextVar("zorio_interrupted_create", default=None)
RESUME_WINDOW_S = 15 * 60
"""How long after its journal entry an interrupted create's object may have been made (its retries and waits)."""
CREATE_KEY_GENERATIONS = 16
"""How many keys a keyed create tries (`<key>`, `<key>.1`, ...) before it sends an unkeyed one: each earlier
generation names an object this resource created from the same inputs and that was deleted since, within 24 h."""


@contextmanager
def resuming_interrupted_create(since: float, known_ids: frozenset[str] = frozenset()) -> Iterator[None]:
    """Creates in this block first take over the object that an earlier, interrupted run of the same create made.

    A run killed between the API's commit and the recording of the id (SIGKILL, a lost CI runner) leaves an object
    no state knows; sending the create again would make a second one (a second campaign may dial). The local engine
    journals each create before sending it and, when the next run finds the journal entry, wraps that resource's
    create in this block with the entry's time: an object matching the payload's identifying fields, created within
    RESUME_WINDOW_S after it, not among `known_ids` and not claimed by another create of this process, is the lost
    one. An object that existed before the first attempt is never taken (the time bound holds even for kinds with a
    unique key, such as variable codes).
    """
    token = _interrupted.set((since, known_ids))
    try:
        yield
    finally:
        _interrupted.reset(token)


def reset_claims() -> None:
    """Forget which ids creates returned (tests only)."""
    with _claimed_lock:
        _claimed.clear()
        _taken_back.clear()


def data_of(body: Any) -> Obj:
    """The `data` object of a single-resource answer (tolerating a bare object)."""
    if isinstance(body, dict) and isinstance(body.get("data"), dict):
        return body["data"]
    return body if isinstance(body, dict) else {}


def epoch_seconds(value: Any) -> float | None:
    """Epoch seconds of an API timestamp (`2026-06-30T03:30:45.000000Z` or with an offset), read as spec reads
    every timestamp (spec.values.parse_timestamp: one without an offset is ambiguous, so None)."""
    parsed = parse_timestamp(value)
    return None if parsed is None else parsed.timestamp()


def same_value(sent: Any, live: Any) -> bool:
    """Loose equality for recovery matching: 3 == 3.0 == "3", None == "" for optional text."""
    if sent in (None, "") and live in (None, ""):
        return True
    if isinstance(sent, (int, float)) and not isinstance(sent, bool) and isinstance(live, (int, float, str)):
        try:
            return float(sent) == float(live)
        except ValueError:
            return False
    return bool(sent == live)


class ResourceService:
    """Shared CRUD for a kind living at `path`; subclasses name the kind and its recovery key."""

    kind = ""
    path = ""
    # Fields of the create payload that identify the object it created (compared loosely).
    match_fields: tuple[str, ...] = ()
    # Whether a match must also have been created since the first attempt began.
    match_requires_recent = True

    def __init_subclass__(cls, spec_kind: str | None = None, **kwargs: Any) -> None:
        """`class XService(ResourceService, spec_kind="x")`: the kind's registry entry gives the client attribute,
        the path and the fields that recognise a lost create (`x-match` in its schema)."""
        super().__init_subclass__(**kwargs)
        if spec_kind is not None:
            kind = get_kind(spec_kind)
            cls.kind, cls.path, cls.match_fields = kind.service, kind.api_path, kind.fields.match

    def __init__(self, transport: Transport, cache: ListCache = PROCESS_CACHE) -> None:
        self._transport = transport
        self._cache = cache

    # --- reads ----------------------------------------------------------------------------
    def list(self, **filters: Any) -> Iterator[Obj]:
        """Every object of the kind (live, page by page), optionally filtered by the API's query params."""
        params = {k: v for k, v in filters.items() if v is not None}
        return _pagination.iterate(self._transport, self.path, params)

    def retrieve(self, object_id: int | str, *, fresh: bool = False) -> Obj:
        """One object by id; NotFoundError when it does not exist. Served from a fresh full listing when
        one is cached (see _cache), so a refresh of N objects costs about N/200 calls."""
        load_one = lambda: data_of(self._transport.call(Call("GET", self._item_path(object_id))))  # noqa: E731
        if fresh:
            return load_one()
        ttl = self._transport.config.list_cache_ttl_s
        return self._cache.read(self._cache_key(), str(object_id), ttl, load_one, lambda: self.list())

    def listed(self) -> list[Obj]:
        """Every object of the kind, from this process's listing while it is fresh (see _cache): a refresh has
        usually just read them all."""
        return self._cache.listing(self._cache_key(), self._transport.config.list_cache_ttl_s, lambda: self.list())

    def expect_many_reads(self) -> None:
        """Many `retrieve`s of this kind follow (a refresh): the first one loads the listing (see _cache)."""
        if self._transport.config.list_cache_ttl_s > 0:
            self._cache.expect_bulk(self._cache_key())

    # --- writes ---------------------------------------------------------------------------
    def create(self, payload: Mapping[str, Any], create_key: str | None = None) -> Obj:
        """Create one object and return it; never creates two, even when a response is lost (and, with a
        `create_key`, even when the process that sent it was killed: see `_create_keyed`)."""
        body = dict(payload)
        if create_key is None:
            return self._create(Call("POST", self.path, json=body), body)
        encoded = json.dumps(body, sort_keys=True, allow_nan=False).encode()  # the same bytes on every run
        return self._create_keyed(lambda key: Call("POST", self.path, body=encoded, content_type="application/json",
                                                   idempotency_key=key), body, request_key(create_key, encoded))

    def update(self, object_id: int | str, payload: Mapping[str, Any]) -> Obj:
        """Partial update (omitted fields keep their value); retries repeat the same Idempotency-Key."""
        try:
            return data_of(self._transport.call(Call("PUT", self._item_path(object_id), json=dict(payload))))
        finally:
            self._written(object_id)

    def delete(self, object_id: int | str) -> None:
        """Delete one object. If an earlier attempt's answer was lost and the object is gone, that is success.

        An object a keyed create of this process got back (a replayed answer) is not deleted: the resource that
        created it holds it now. That is `pulumi up --replace` of a resource created under the same key and inputs
        in the last 24 h: Pulumi creates the replacement (which Zorio answers with the object itself) and then
        deletes the old one — the same object, still in use."""
        if self._key(object_id) in _taken_back:
            return
        call = Call("DELETE", self._item_path(object_id), recover=lambda: self._gone(object_id))
        try:
            self._transport.call(call)
        finally:
            self._written(object_id)

    # --- helpers for subclasses -------------------------------------------------------------
    def _item_path(self, object_id: int | str) -> str:
        return f"{self.path}/{object_id}"

    def _cache_key(self) -> tuple[str, str, str]:
        config = self._transport.config
        return (config.base_url, config.identity(), self.kind)

    def _written(self, object_id: Any = None) -> None:
        self._cache.written(self._transport.config.base_url, self.kind, object_id)

    def _gone(self, object_id: int | str) -> Obj | None:
        try:
            self._transport.call(Call("GET", self._item_path(object_id)))
        except NotFoundError:
            return DELETED
        return None

    def _create(self, call: Call, sent: Mapping[str, Any]) -> Obj:
        interrupted = _interrupted.get()
        if interrupted is not None:
            found = self._find_interrupted(sent, *interrupted)
            if found is not None:
                return found
        started = time.time()
        call.recover = lambda: self._find_created(sent, started)
        created = data_of(self._transport.call(call))
        self._claim(created.get("id"))
        self._written(created.get("id"))
        return created

    def _create_keyed(self, call_with: Callable[[str | None], Call], sent: Mapping[str, Any], key: str) -> Obj:
        """Create under a key a re-run reproduces (`request_key`): the API replays the answer to a create it already
        committed under it (within its 24 h), so a run killed before it recorded the id gets the same object back,
        not a second.

        A replayed answer is only believed if its object still exists, and the live object is returned (a campaign
        may have been started since: its status comes from the account, not from the old answer). A key whose
        object is gone (deleted since, then declared again), or that the API says was used for another request, is
        spent: the next generation of the key is tried, so the sequence stays the same on every run. After
        CREATE_KEY_GENERATIONS the create is sent under a fresh random key.
        """
        for generation in range(CREATE_KEY_GENERATIONS):
            call = call_with(key if generation == 0 else f"{key}.{generation}")
            call.shared_key = True
            try:
                created = self._create(call, sent)
            except ValidationError as error:
                if rules.IDEMPOTENCY_KEY_REUSED.search(error.api_message or ""):
                    continue
                raise
            if not call.replayed:
                return created
            try:
                live = self.retrieve(created["id"], fresh=True)
            except (KeyError, NotFoundError):
                continue
            with _claimed_lock:
                _taken_back.add(self._key(live["id"]))
            return live
        return self._create(call_with(None), sent)

    def _claim(self, object_id: Any) -> None:
        """Record that a create (sent or recovered) returned `object_id`."""
        with _claimed_lock:
            _claimed.add(self._key(object_id))

    def _key(self, object_id: Any) -> tuple[str, str, str]:
        """An object of this kind on this API, as this process's records of creates name it."""
        return (self._transport.config.base_url, self.kind, str(object_id))

    def _find_created(self, sent: Mapping[str, Any], started: float) -> Obj | None:
        """The object an earlier attempt of this create made, if any: the oldest unclaimed match, as the
        lost attempt ran right after `started`."""
        threshold = self._recent_threshold(started) if self.match_requires_recent else None
        matches = [obj for obj in self._candidates(sent) if self._matches(obj, sent, threshold)]
        found = self._claim_oldest(matches)
        return None if found is None else {"data": found}

    def _find_interrupted(self, sent: Mapping[str, Any], since: float, known_ids: frozenset[str]) -> Obj | None:
        """The object an interrupted run's create made: matching fields, a `created_at` within the window after
        its journal entry (an object without one, or older, or younger, is never taken), not one the state already
        knows (`known_ids`: say, the object a replacement replaces), and not claimed by another create."""
        earliest = self._recent_threshold(since)
        latest = since + (self._transport.server_clock_offset or 0.0) + RESUME_WINDOW_S
        matches = []
        for obj in self._candidates(sent):
            created = epoch_seconds(obj.get("created_at"))
            if created is None or not earliest <= created <= latest or str(obj.get("id")) in known_ids:
                continue
            if self._matches(obj, sent, None):
                matches.append(obj)
        found = self._claim_oldest(matches)
        if found is not None:
            self._written(found.get("id"))
        return found

    def _claim_oldest(self, matches: list[Obj]) -> Obj | None:
        """The oldest match no create of this process has claimed, claimed now (atomically: two creates running at
        once never take the same object)."""
        with _claimed_lock:
            for obj in sorted(matches, key=lambda obj: _id_order(obj.get("id"))):
                key = self._key(obj.get("id"))
                if key not in _claimed:
                    _claimed.add(key)
                    return obj
        return None

    def _candidates(self, sent: Mapping[str, Any]) -> Iterator[Obj]:
        """Where to look for a lost create; subclasses narrow it with list filters."""
        return self.list()

    def _matches(self, obj: Obj, sent: Mapping[str, Any], threshold: float | None) -> bool:
        if any(not same_value(sent[f], obj.get(f)) for f in self.match_fields if f in sent):
            return False
        if threshold is None:
            return True
        created = epoch_seconds(obj.get("created_at"))
        return created is None or created >= threshold

    def _recent_threshold(self, started: float) -> float:
        """Server time at which the first attempt began, minus a clock-skew allowance."""
        offset = self._transport.server_clock_offset
        if offset is None:
            return started - rules.CREATE_RECOVERY_SKEW_UNKNOWN_S
        return started + offset - rules.CREATE_RECOVERY_SKEW_S


def request_key(create_key: str, request: bytes) -> str:
    """The Idempotency-Key of a keyed create: the resource's create key and a digest of the exact request. Other
    inputs (an edit since the killed run, a replacement) make another key, so they neither cost a refused request
    nor ever get an object made from other inputs back."""
    return f"{create_key}-{hashlib.sha256(request).hexdigest()[:24]}"


def _id_order(value: Any) -> tuple[int, str]:
    try:
        return (int(value), "")
    except (TypeError, ValueError):
        return (0, str(value))

