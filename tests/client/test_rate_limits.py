"""Proactive rate limiting against the emulator's real sliding window (limits scaled to keep it short)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from .conftest import MakeClient, api_calls

VOICES = "/api/autocall/voices"
WINDOW_S = 0.6
LIMIT = 10  # the autocall bucket's 120/min scaled by 1/12


def test_eight_threads_get_no_429_and_wait_for_the_window_when_they_outrun_it(
    emulator, make_client: MakeClient
) -> None:
    emulator.settings(rate_limit_scale=LIMIT / 120, rate_limit_window_s=WINDOW_S)
    token = emulator.token()
    clients = [make_client(token=token, rate_limit_window_s=WINDOW_S) for _ in range(8)]  # one per thread
    requests_per_thread = 5
    total = 8 * requests_per_thread

    def work(index: int) -> None:
        for _ in range(requests_per_thread):
            clients[index].voices.list(fresh=True)

    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(8)))
    elapsed = time.monotonic() - started

    statuses = [e["status"] for e in api_calls(emulator, "GET", VOICES)]
    assert len(statuses) == total and statuses.count(429) == 0
    forced = (total - 1) // LIMIT * WINDOW_S  # request 11 cannot go before one window, 21 before two, ...
    assert forced <= elapsed  # no upper bound: a loaded machine is slower; test_ratelimit.py proves the pace


def test_limits_are_learned_from_headers_when_they_differ_from_the_documented_ones(
    emulator, make_client: MakeClient
) -> None:
    from pulumi_zorio.client._ratelimit import PROCESS_LIMITER

    emulator.settings(rate_limit_scale=0.5)
    client = make_client()
    client.voices.list(fresh=True)
    learned = {key[2]: limit for key, (limit, ok) in PROCESS_LIMITER.snapshot().items() if ok}
    assert learned == {"autocall": 60}


def test_campaign_starts_get_no_429_when_threads_start_more_than_the_start_bucket_allows(
    emulator, make_client: MakeClient
) -> None:
    client = make_client(rate_limit_window_s=1.0)
    script = client.scripts.create({"name": "s", "template_text": "Hi", "voice_id": "vi-VN-female-01",
                                    "status": "active"})
    ids = [client.campaigns.create({"name": f"c{i}", "script_id": script["id"], "caller_id_group_id": 3})["id"]
           for i in range(6)]
    emulator.settings(rate_limit_scale=0.5, rate_limit_window_s=1.0)  # start: 2 per second
    with ThreadPoolExecutor(4) as pool:
        started = list(pool.map(client.campaigns.start, ids))
    assert {c["status"] for c in started} <= {"starting", "running"}
    starts = [e for e in emulator.requests_log() if e["path"].endswith("/start")]
    assert len(starts) == 6 and all(e["status"] == 202 for e in starts)
