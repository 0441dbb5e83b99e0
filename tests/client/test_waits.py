"""A wait of two seconds or more is announced with its reason and length, so a command never stalls in silence."""

from __future__ import annotations

import threading
import time

from pulumi_zorio.client._ratelimit import RateLimiter
from pulumi_zorio.client._waits import Wait, WaitListener, listening, sleep_announced

KEY = ("http://zorio.test", "token:x", "autocall")


class Recorder(WaitListener):
    def __init__(self) -> None:
        self.started: list[Wait] = []
        self.ended: list[Wait] = []

    def wait_started(self, wait: Wait) -> None:
        self.started.append(wait)

    def wait_ended(self, wait: Wait) -> None:
        self.ended.append(wait)


def test_a_full_rate_limit_window_announces_the_limit_and_how_long_the_wait_lasts() -> None:
    limiter, window = RateLimiter(), 2.5
    headers = {"X-RateLimit-Limit": "2", "X-RateLimit-Remaining": "1"}
    for remaining in ("1", "0"):
        limiter.release(limiter.acquire([(KEY, 2)], window), {**headers, "X-RateLimit-Remaining": remaining}, None, 200)
    with listening(Recorder()) as heard:
        began = time.monotonic()
        limiter.release(limiter.acquire([(KEY, 2)], window), headers, None, 200)
        waited = time.monotonic() - began
    assert [w.reason for w in heard.started] == ["rate limit of Zorio reached (2 AutoCall requests per 2.5 s)"]
    assert heard.ended == heard.started
    assert 2.0 <= heard.started[0].until - heard.started[0].started <= window + 0.5 and waited >= 2.0


def test_short_waits_pass_unannounced() -> None:
    with listening(Recorder()) as heard:
        sleep_announced("backoff", 0.05)
    assert heard.started == [] and heard.ended == []


def test_parallel_waiters_each_announce_and_end_their_own_wait() -> None:
    with listening(Recorder()) as heard:
        threads = [threading.Thread(target=sleep_announced, args=("limit", 2.0, lambda s: None)) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(heard.started) == 3 and sorted(map(id, heard.ended)) == sorted(map(id, heard.started))
