"""The list-read cache's rules with fake loaders: single-flight loads, eviction, freshness."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from pulumi_zorio.client._cache import ListCache

KEY = ("http://z", "token:x", "variables")
ITEMS = [{"id": i, "name": f"n{i}"} for i in range(50)]


class Loaders:
    """Counts calls like the request log would."""

    def __init__(self) -> None:
        self.singles, self.listings, self.lock = 0, 0, threading.Lock()

    def one(self, object_id: str):
        def load() -> dict:
            with self.lock:
                self.singles += 1
            return {"id": int(object_id), "name": "single"}
        return load

    def all(self) -> list[dict]:
        with self.lock:
            self.listings += 1
        time.sleep(0.05)  # long enough for the other threads to pile up behind the load
        return [dict(item) for item in ITEMS]


def test_threads_share_one_listing_when_they_read_many_ids_at_once() -> None:
    cache, loaders = ListCache(), Loaders()
    cache.read(KEY, "0", 30, loaders.one("0"), loaders.all)
    with ThreadPoolExecutor(8) as pool:
        names = list(pool.map(lambda i: cache.read(KEY, str(i), 30, loaders.one(str(i)), loaders.all)["name"],
                              range(1, 50)))
    assert names == [f"n{i}" for i in range(1, 50)]
    assert (loaders.singles, loaders.listings) == (1, 1)


def test_an_id_written_while_the_listing_loads_is_read_alone_when_asked_for() -> None:
    cache, loaders = ListCache(), Loaders()

    def load_with_concurrent_write() -> list[dict]:
        cache.written("http://z", "variables", 7)
        return loaders.all()

    cache.read(KEY, "0", 30, loaders.one("0"), loaders.all)
    cache.read(KEY, "1", 30, loaders.one("1"), load_with_concurrent_write)
    assert cache.read(KEY, "7", 30, loaders.one("7"), loaders.all)["name"] == "single"
    assert cache.read(KEY, "8", 30, loaders.one("8"), loaders.all)["name"] == "n8"


def test_listing_expires_when_its_ttl_has_passed() -> None:
    now = [0.0]
    cache, loaders = ListCache(clock=lambda: now[0]), Loaders()
    for object_id in ("0", "1", "2"):
        cache.read(KEY, object_id, 30, loaders.one(object_id), loaders.all)
    now[0] = 31.0
    cache.read(KEY, "3", 30, loaders.one("3"), loaders.all)
    assert (loaders.singles, loaders.listings) == (2, 1)  # after expiry, the next read is single again


def test_cached_objects_are_copies_when_a_caller_mutates_one() -> None:
    cache, loaders = ListCache(), Loaders()
    cache.read(KEY, "0", 30, loaders.one("0"), loaders.all)
    cache.read(KEY, "1", 30, loaders.one("1"), loaders.all)["name"] = "changed"
    assert cache.read(KEY, "1", 30, loaders.one("1"), loaders.all)["name"] == "n1"
