"""The process-wide list-read cache: one full listing of a kind answers many single reads.

The freshness rule is on `ListCache`.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

CacheKey = tuple[str, str, str]  # (base_url, identity, kind)


@dataclass
class _Entry:
    items: dict[str, str] | None = None
    """Id → the object as JSON text: each hit decodes its own copy (a third of the cost of deep-copying the dict, and
    a third of the memory of a listing of thousands)."""
    loaded_at: float = 0.0
    evicted: dict[str, float] = field(default_factory=dict)  # id -> when it was written
    generation: int = 0
    last_single_read: float | None = None
    loading: threading.Event | None = None
    plain: list[dict[str, Any]] | None = None  # whole small lists (voices, queues, ...)

    def fresh(self, now: float, ttl: float) -> bool:
        return self.items is not None and now - self.loaded_at < ttl


class ListCache:
    """Full listings per (base URL, identity, kind), shared by every client and thread in the process.

    Freshness rule: a listing is fresh for `ttl` seconds from the moment its first page was requested.
    Any write through any client in this process evicts the written id (the next read of it is a single
    GET), and a write whose id is unknown drops the whole listing. A second single read of a kind within
    `ttl` is taken as the start of a bulk read (a refresh or a plan) and loads the full listing, so N
    reads cost about N/200 list calls. Changes made outside this process show after at most `ttl` s.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[CacheKey, _Entry] = {}

    def read(
        self,
        key: CacheKey,
        object_id: str,
        ttl: float,
        load_one: Callable[[], dict[str, Any]],
        load_all: Callable[[], Iterable[dict[str, Any]]],
    ) -> dict[str, Any]:
        """One object: from a fresh listing when possible, else a single GET (which raises 404s)."""
        if ttl <= 0:
            return load_one()
        while True:
            action, payload = self._decide(key, object_id, ttl)
            if action == "hit":
                return payload
            if action == "single":
                return load_one()
            if action == "wait":
                payload.wait(timeout=300)
            else:
                self._load(key, payload, load_all)

    def _decide(self, key: CacheKey, object_id: str, ttl: float) -> tuple[str, Any]:
        """Under the lock, pick what `read` does next; the network is only used outside the lock."""
        with self._lock:
            entry = self._entries.setdefault(key, _Entry())
            now = self._clock()
            if object_id in entry.evicted:
                return "single", None
            if entry.fresh(now, ttl):
                item = entry.items.get(object_id) if entry.items is not None else None
                return ("hit", json.loads(item)) if item is not None else ("single", None)
            if entry.loading is not None:
                return "wait", entry.loading
            if entry.last_single_read is None or now - entry.last_single_read >= ttl:
                entry.last_single_read = now
                return "single", None
            entry.loading = threading.Event()
            return "load", entry

    def listing(self, key: CacheKey, ttl: float,
                load_all: Callable[[], Iterable[dict[str, Any]]]) -> list[dict[str, Any]]:
        """Every object of the kind: the fresh listing when nothing was written since it was loaded (a refresh has
        usually just loaded it), else a full listing, loaded now and kept for the reads that follow."""
        if ttl <= 0:
            return list(load_all())
        while True:
            with self._lock:
                entry = self._entries.setdefault(key, _Entry())
                if entry.fresh(self._clock(), ttl) and not entry.evicted:
                    assert entry.items is not None
                    return [json.loads(item) for item in entry.items.values()]
                loading = entry.loading
                if loading is None:
                    entry.loading = threading.Event()
            if loading is not None:
                loading.wait(timeout=300)
                continue
            self._load(key, entry, load_all)
            with self._lock:
                items = entry.items
            if items is None:  # the whole kind was written while it loaded: that listing was not kept
                return list(load_all())
            return [json.loads(item) for item in items.values()]

    def expect_bulk(self, key: CacheKey) -> None:
        """The caller is about to read many objects of the kind (a refresh): its next read loads the full listing
        instead of being the single GET that the freshness rule otherwise spends before recognising a bulk read."""
        with self._lock:
            entry = self._entries.setdefault(key, _Entry())
            entry.last_single_read = self._clock()

    def _load(self, key: CacheKey, entry: _Entry, load_all: Callable[[], Iterable[dict[str, Any]]]) -> None:
        with self._lock:
            generation, started = entry.generation, self._clock()
        items: dict[str, str] | None = None
        try:
            items = {str(item["id"]): json.dumps(item) for item in load_all()
                     if isinstance(item, dict) and "id" in item}
        finally:
            with self._lock:
                if items is not None and entry.generation == generation:
                    entry.items, entry.loaded_at = items, started
                    entry.evicted = {i: t for i, t in entry.evicted.items() if t >= started}
                done, entry.loading = entry.loading, None
                if done is not None:
                    done.set()

    def plain(self, key: CacheKey, ttl: float, load: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """A whole small list, reloaded at most every `ttl` seconds."""
        with self._lock:
            entry = self._entries.setdefault(key, _Entry())
            if entry.plain is not None and self._clock() - entry.loaded_at < ttl:
                return copy.deepcopy(entry.plain)
        started = self._clock()
        items = load()
        with self._lock:
            entry.plain, entry.loaded_at = items, started
        return copy.deepcopy(items)

    def written(self, base_url: str, kind: str, object_id: Any = None) -> None:
        """A write happened: evict that id (or, without an id, the whole kind) for every identity."""
        with self._lock:
            now = self._clock()
            for (url, _, entry_kind), entry in self._entries.items():
                if url != base_url or entry_kind != kind:
                    continue
                if object_id is None:
                    entry.items, entry.plain = None, None
                    entry.generation += 1
                else:
                    entry.evicted[str(object_id)] = now

    def reset(self) -> None:
        """Forget everything (tests only)."""
        with self._lock:
            self._entries.clear()


PROCESS_CACHE = ListCache()
