"""Proactive rate limiting: one sliding-window limiter per bucket of api-contract.md section 4.

Shared by every client and thread in the process; how it counts is on `WindowState`.
"""

from __future__ import annotations

import bisect
import contextlib
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from pulumi_zorio.client import _api_rules as rules
from pulumi_zorio.client._waits import ANNOUNCE_AFTER_S, announced

_LABELS = {bucket.name: bucket.label for bucket in rules.BUCKETS}

# When we cannot compute a wait (a slot is held by a request still in flight), re-check this often anyway.
_IDLE_RECHECK_S = 0.5


@dataclass
class WindowState:
    """One bucket's bookkeeping. Pure and single-threaded: `RateLimiter` serialises access.

    Before the first response has told us the real limit, only one request at a time may be in
    flight (a probe), so even a limit far below the documented one is never overshot.

    A request holds a slot from the moment it is sent until `window` seconds after its answer arrived:
    the server counted it somewhere in between, so our own requests are never undercounted. Limits are
    learned from X-RateLimit-Limit; a Remaining lower than our own count reveals requests another
    process sent with the same token, which are then counted as `foreign`.
    """

    limit: int
    window_s: float
    learned: bool = False
    unlimited: bool = False  # the last answer carried no rate headers: the server does not limit this
    in_flight: int = 0
    done: deque[float] = field(default_factory=deque)  # completion times, ascending
    foreign: deque[float] = field(default_factory=deque)  # times we noticed requests we did not send
    blocked_until: float = 0.0

    def capacity(self) -> int:
        """Requests allowed per window: the limit minus a small headroom, never below one."""
        return max(1, self.limit - math.floor(self.limit * rules.RATE_HEADROOM_FRACTION))

    def _expire(self, now: float) -> None:
        horizon = now - self.window_s - rules.RATE_WINDOW_MARGIN_S
        for queue in (self.done, self.foreign):
            while queue and queue[0] <= horizon:
                queue.popleft()

    def used(self, now: float) -> int:
        """Slots taken right now: requests in flight plus those answered within the window."""
        self._expire(now)
        return self.in_flight + len(self.done) + len(self.foreign)

    def wait_time(self, now: float) -> float | None:
        """Seconds until one more request may be sent: 0 = now, None = when an in-flight one completes."""
        if now < self.blocked_until:
            return self.blocked_until - now
        if self.unlimited:
            return 0.0
        if not self.learned and self.in_flight:
            return None
        excess = self.used(now) - self.capacity()
        if excess < 0:
            return 0.0
        expiries = sorted([*self.done, *self.foreign])
        if excess >= len(expiries):
            return None  # every slot is held by a request in flight
        return max(0.0, expiries[excess] + self.window_s + rules.RATE_WINDOW_MARGIN_S - now)

    def on_send(self) -> None:
        """A request was let through."""
        self.in_flight += 1

    def on_complete(self, now: float) -> None:
        """The request's response (or failure) arrived: from now on it ages out of the window."""
        self.in_flight = max(0, self.in_flight - 1)
        bisect.insort(self.done, now)

    def observe(self, limit: int | None, remaining: int | None, now: float) -> None:
        """Learn from the headers the server sent for this bucket."""
        if limit is not None and limit > 0:
            if self.unlimited:
                self.done.clear()  # what we sent while unlimited was not counted by the server
            self.limit, self.learned, self.unlimited = limit, True, False
        if remaining is None:
            return
        server_used = self.limit - remaining
        unexplained = server_used - self.used(now)
        self.foreign.extend([now] * max(0, unexplained))

    def block(self, until: float) -> None:
        """Send nothing on this bucket before `until` (after a 429's Retry-After)."""
        self.blocked_until = max(self.blocked_until, until)


BucketKey = tuple[str, str, str]  # (base_url, identity, bucket name)


@dataclass
class Ticket:
    """The slots one request holds; hand it back with `RateLimiter.release`."""

    states: dict[str, WindowState]
    released: bool = False


def _header_int(headers: Mapping[str, str], name: str) -> int | None:
    try:
        return int(float(headers[name]))
    except (KeyError, TypeError, ValueError):
        return None


def _attribute(states: Mapping[str, WindowState], limit: int | None) -> WindowState | None:
    """The bucket the headers describe: the one whose current limit is nearest the reported one.

    The server reports only the request's tightest bucket [D] and does not name it.
    """
    if not states:
        return None
    if limit is None or limit <= 0:
        return min(states.values(), key=lambda s: s.limit)
    return min(states.values(), key=lambda s: (abs(math.log(s.limit / limit)), s.limit))


class RateLimiter:
    """Process-wide registry of `WindowState`s behind one condition variable."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._cond = threading.Condition()
        self._states: dict[BucketKey, WindowState] = {}

    def _state(self, key: BucketKey, default_limit: int, window_s: float) -> WindowState:
        state = self._states.get(key)
        if state is None:
            state = self._states[key] = WindowState(limit=default_limit, window_s=window_s)
        state.window_s = window_s
        return state

    def acquire(self, buckets: Iterable[tuple[BucketKey, int]], window_s: float) -> Ticket:
        """Block until every bucket has a free slot, then take one in each (all at once, so no
        request holds one bucket while it waits for another)."""
        with self._cond, contextlib.ExitStack() as announcement:
            states = {key[2]: self._state(key, limit, window_s) for key, limit in buckets}
            announcing = False
            while True:
                now = self._clock()
                waits = {name: s.wait_time(now) for name, s in states.items()}
                if all(w == 0 for w in waits.values()):
                    for state in states.values():
                        state.on_send()
                    return Ticket(states)
                known = {name: w for name, w in waits.items() if w}
                if known and not announcing and max(known.values()) >= ANNOUNCE_AFTER_S:  # once per request
                    name = max(known, key=known.__getitem__)
                    announcement.enter_context(announced(_why(name, states[name], now), known[name]))
                    announcing = True
                self._cond.wait(timeout=max(known.values()) if known else _IDLE_RECHECK_S)

    def release(
        self, ticket: Ticket, headers: Mapping[str, str] | None, retry_after: float | None, status: int = 0
    ) -> None:
        """The request is over: age its slots, learn from the headers, honour a 429's Retry-After.

        Every API answer carries X-RateLimit-* [D]; a success without them means the server does not
        rate-limit these buckets (e.g. an emulator with limits off), so we stop pacing them until headers
        appear again. An error may come from a proxy or from before the throttle and teaches nothing.
        """
        with self._cond:
            if ticket.released:
                return
            ticket.released = True
            now = self._clock()
            for state in ticket.states.values():
                state.on_complete(now)
            limit = _header_int(headers or {}, rules.HEADER_LIMIT)
            described = _attribute(ticket.states, limit) if limit is not None else None
            if limit is None and headers is not None and status in rules.SUCCESS_STATUSES:
                for state in ticket.states.values():
                    state.learned = state.unlimited = True
            if described is not None:
                described.observe(limit, _header_int(headers or {}, rules.HEADER_REMAINING), now)
            if retry_after is not None:
                for state in [described] if described is not None else ticket.states.values():
                    state.block(now + retry_after)
            self._cond.notify_all()

    def snapshot(self) -> dict[BucketKey, tuple[int, bool]]:
        """(limit, learned) per bucket, for diagnostics and tests."""
        with self._cond:
            return {key: (s.limit, s.learned) for key, s in self._states.items()}

    def reset(self) -> None:
        """Forget everything (tests only: a new emulator has fresh windows)."""
        with self._cond:
            self._states.clear()
            self._cond.notify_all()


def _why(name: str, state: WindowState, now: float) -> str:
    """The reason of a wait on bucket `name`, as the user reads it."""
    label = _LABELS.get(name, "requests")
    if now < state.blocked_until:
        return f"Zorio answered 429 Too Many Requests ({label}) and asked to wait"
    per = "per minute" if state.window_s == 60 else f"per {state.window_s:g} s"
    return f"rate limit of Zorio reached ({state.limit} {label} {per})"


def bucket_keys(base_url: str, identity: str, username: str | None, method: str, path: str) -> list[tuple[BucketKey, int]]:
    """Every bucket a request counts against, with its documented limit as the starting estimate."""
    keys = []
    for bucket in rules.BUCKETS:
        if bucket.matches(method, path):
            who = f"user:{username or '-'}" if bucket.per_username else identity
            keys.append(((base_url, who, bucket.name), bucket.limit))
    return keys


PROCESS_LIMITER = RateLimiter()
