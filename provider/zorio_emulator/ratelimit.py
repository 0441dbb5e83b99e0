"""Sliding-window rate limits per token (contract section 4); login is limited per username + client address."""

from __future__ import annotations

import math
import re
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from zorio_emulator import clock, rules
from zorio_emulator.settings import EmulatorSettings

_BUCKETS = tuple((name, method, re.compile(pattern), limit) for name, method, pattern, limit in rules.RATE_BUCKETS)


@dataclass(frozen=True)
class Verdict:
    """The limiter's answer: allowed or not, the headers to send, and Retry-After when refused."""

    allowed: bool
    headers: dict[str, str]
    retry_after: int = 0


class RateLimiter:
    """Counts requests per (bucket, key) inside a sliding window; thread-safe."""

    def __init__(self, settings: Callable[[], EmulatorSettings]) -> None:
        self._settings = settings
        self._lock = threading.Lock()
        self._hits: dict[tuple[str, str], deque[float]] = {}

    def reset(self) -> None:
        """Forget every counted request."""
        with self._lock:
            self._hits.clear()

    def check(self, method: str, path: str, token_key: str, login_key: str) -> Verdict:
        """Count this request against every matching bucket, or refuse it without counting [I]."""
        settings = self._settings()
        if settings.rate_limit_scale is None:
            return Verdict(True, {})
        window = settings.rate_limit_window_s
        buckets = [(name, limit) for name, m, pattern, limit in _BUCKETS if (m is None or m == method)
                   and pattern.search(path)]
        if not buckets:
            return Verdict(True, {})
        now = clock.now()
        with self._lock:
            states = []
            for name, base in buckets:
                hits = self._hits.setdefault((name, login_key if name == rules.LOGIN_BUCKET else token_key), deque())
                while hits and hits[0] <= now - window:
                    hits.popleft()
                states.append((max(1, round(base * settings.rate_limit_scale)), hits))
            full = [(limit, hits) for limit, hits in states if len(hits) >= limit]
            if full:
                wait = max(hits[len(hits) - limit] + window - now for limit, hits in full)
                retry = max(1, math.ceil(wait))
                limit, hits = min(full, key=lambda s: s[0])
                headers = _headers(limit, 0, now, window, hits)
                headers["Retry-After"] = str(retry)
                return Verdict(False, headers, retry)
            for _, hits in states:
                hits.append(now)
            limit, hits = min(states, key=lambda s: (s[0] - len(s[1]), s[0]))
            return Verdict(True, _headers(limit, limit - len(hits), now, window, hits))


def _headers(limit: int, remaining: int, now: float, window: float, hits: deque[float]) -> dict[str, str]:
    """X-RateLimit-* for one bucket; Reset is when its oldest counted request leaves the window."""
    reset_at = (hits[0] if hits else now) + window
    return {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(max(0, remaining)),
        "X-RateLimit-Reset": str(math.ceil(reset_at)),
    }
