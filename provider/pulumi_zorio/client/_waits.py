"""The client's own long pauses (rate-limit pacing, a 429's Retry-After, backoff before a retry), told to whoever
listens, so that a command never sits silent for a minute.

The CLI listens and shows a countdown ("rate limit of Zorio reached (120 AutoCall requests per minute): continuing
in 57 s"); every announced wait is also logged at INFO on `pulumi_zorio.client`, which is what a Pulumi provider's
log shows. Waits shorter than `ANNOUNCE_AFTER_S` pass unannounced: they are normal pacing, not a stall.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

ANNOUNCE_AFTER_S = 2.0

logger = logging.getLogger("pulumi_zorio.client")


@dataclass(frozen=True, eq=False)
class Wait:
    """One pause: why (a sentence that ends where "continuing in N s" can follow) and until when (monotonic)."""

    reason: str
    until: float
    started: float = field(default_factory=time.monotonic)

    def remaining(self, now: float | None = None) -> float:
        """Seconds left, never below zero."""
        return max(0.0, self.until - (time.monotonic() if now is None else now))


class WaitListener:
    """What a display implements; both calls may come from any thread."""

    def wait_started(self, wait: Wait) -> None:
        """A pause of at least ANNOUNCE_AFTER_S begins."""

    def wait_ended(self, wait: Wait) -> None:
        """That pause is over (whether it ran to `until` or ended early)."""


_listeners: list[WaitListener] = []
_lock = threading.Lock()


def add_listener(listener: WaitListener) -> None:
    """Tell `listener` about every announced wait from now on."""
    with _lock:
        _listeners.append(listener)


def remove_listener(listener: WaitListener) -> None:
    """Stop telling `listener` (a no-op when it was not listening)."""
    with _lock:
        if listener in _listeners:
            _listeners.remove(listener)


@contextlib.contextmanager
def listening(listener: WaitListener) -> Iterator[WaitListener]:
    """Tell `listener` about every announced wait while the block runs."""
    add_listener(listener)
    try:
        yield listener
    finally:
        remove_listener(listener)


@contextlib.contextmanager
def announced(reason: str, seconds: float) -> Iterator[None]:
    """Run the block (the pause itself) with `reason` announced when it is expected to last `seconds` or more."""
    if seconds < ANNOUNCE_AFTER_S:
        yield
        return
    wait = Wait(reason, time.monotonic() + seconds)
    logger.info("%s: continuing in %.0f s", reason, seconds)
    _tell(lambda listener: listener.wait_started(wait))
    try:
        yield
    finally:
        _tell(lambda listener: listener.wait_ended(wait))


def sleep_announced(reason: str, seconds: float, sleep: Callable[[float], None] = time.sleep) -> None:
    """`sleep(seconds)`, announced as `reason` when it is long."""
    with announced(reason, seconds):
        sleep(seconds)


def _tell(call: Callable[[WaitListener], None]) -> None:
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        call(listener)
