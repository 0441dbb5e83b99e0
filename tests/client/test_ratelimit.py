"""The proactive limiter's pacing, driven by a simulated clock and a simulated sliding-window server."""

from __future__ import annotations

from collections import deque

from pulumi_zorio.client._ratelimit import RateLimiter, WindowState, bucket_keys


class FakeServer:
    """A sliding-window counter like the API's: counts arrivals, refuses when the window is full."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window, self.hits, self.refused = limit, window, deque(), 0

    def arrive(self, now: float) -> dict[str, str]:
        while self.hits and self.hits[0] <= now - self.window:
            self.hits.popleft()
        if len(self.hits) >= self.limit:
            self.refused += 1
            return {"X-RateLimit-Limit": str(self.limit), "X-RateLimit-Remaining": "0"}
        self.hits.append(now)
        return {"X-RateLimit-Limit": str(self.limit), "X-RateLimit-Remaining": str(self.limit - len(self.hits))}


def _run_sequential(state: WindowState, server: FakeServer, count: int, latency: float) -> float:
    """Send `count` requests one after another as fast as the state allows; return the elapsed time."""
    now = 0.0
    for _ in range(count):
        wait = state.wait_time(now)
        assert wait is not None
        now += wait
        assert state.wait_time(now) == 0
        state.on_send()
        headers = server.arrive(now + latency / 2)
        now += latency
        state.on_complete(now)
        state.observe(int(headers["X-RateLimit-Limit"]), int(headers["X-RateLimit-Remaining"]), now)
    return now


def test_pacing_sees_no_refusal_and_keeps_the_limits_pace_when_the_real_limit_is_lower() -> None:
    state, server = WindowState(limit=120, window_s=3.0), FakeServer(limit=10, window=3.0)
    elapsed = _run_sequential(state, server, count=50, latency=0.02)
    assert server.refused == 0
    forced = (50 - 1) // 10 * 3.0  # the 11th request cannot go before 3 s, the 21st before 6 s, ...
    assert forced <= elapsed <= forced * 1.1
    assert state.limit == 10 and state.learned


def test_only_one_probe_is_in_flight_when_the_limit_is_not_learned_yet() -> None:
    state = WindowState(limit=120, window_s=60.0)
    assert state.wait_time(0.0) == 0
    state.on_send()
    assert state.wait_time(0.0) is None  # wait for the first answer
    state.on_complete(0.1)
    state.observe(5, 4, 0.1)
    assert state.wait_time(0.1) == 0


def test_requests_of_another_process_count_when_remaining_is_lower_than_ours_explain() -> None:
    state = WindowState(limit=10, window_s=60.0, learned=True)
    state.on_send()
    state.on_complete(1.0)
    state.observe(10, remaining=2, now=1.0)  # the server saw 8 requests; we sent 1
    assert state.used(1.0) == 8
    for _ in range(2):
        state.on_send()
    assert 60.0 <= state.wait_time(1.0) <= 60.1  # full: wait until the oldest counted request ages out


def test_a_window_full_of_answered_requests_waits_until_the_oldest_ages_out() -> None:
    state = WindowState(limit=2, window_s=10.0, learned=True)
    for at in (1.0, 2.0):
        state.on_send()
        state.on_complete(at)
    assert 9.0 < state.wait_time(2.0) <= 9.1  # first answer at 1.0 + window 10 (+ margin) - now 2.0


def test_retry_after_blocks_the_bucket_when_a_429_arrives() -> None:
    clock = [100.0]
    limiter = RateLimiter(clock=lambda: clock[0])
    keys = bucket_keys("http://z", "token:x", None, "GET", "/api/autocall/voices")
    ticket = limiter.acquire(keys, 60.0)
    limiter.release(ticket, {"X-RateLimit-Limit": "120", "X-RateLimit-Remaining": "0"}, retry_after=7.0)
    state = ticket.states["autocall"]
    assert state.wait_time(clock[0]) == 7.0


def test_the_described_bucket_learns_the_limit_when_a_request_matches_two_buckets() -> None:
    limiter = RateLimiter(clock=lambda: 0.0)
    keys = bucket_keys("http://z", "token:x", None, "POST", "/api/autocall/campaigns/4/start")
    assert sorted(name for (_, _, name), _ in keys) == ["autocall", "campaign_start"]
    ticket = limiter.acquire(keys, 60.0)
    limiter.release(ticket, {"X-RateLimit-Limit": "1", "X-RateLimit-Remaining": "0"}, None)
    assert ticket.states["campaign_start"].limit == 1 and ticket.states["autocall"].limit == 120


def test_login_counts_per_username_when_matching_buckets() -> None:
    keys = bucket_keys("http://z", "user:admin", "admin", "POST", "/api/auth/login")
    assert [key for key, _ in keys] == [("http://z", "user:admin", "login")]
    media = bucket_keys("http://z", "token:x", None, "POST", "/api/media-files")
    assert [key[2] for key, _ in media] == ["media_groups"]


def test_pacing_stops_when_answers_carry_no_rate_headers() -> None:
    limiter = RateLimiter(clock=lambda: 0.0)
    keys = bucket_keys("http://z", "token:x", None, "GET", "/api/autocall/voices")
    for _ in range(200):  # far beyond the documented 120 per window
        limiter.release(limiter.acquire(keys, 60.0), {}, None, status=200)
    ticket = limiter.acquire(keys, 60.0)
    limiter.release(ticket, {"X-RateLimit-Limit": "120", "X-RateLimit-Remaining": "119"}, None, status=200)
    assert ticket.states["autocall"].wait_time(0.0) == 0 and not ticket.states["autocall"].unlimited
