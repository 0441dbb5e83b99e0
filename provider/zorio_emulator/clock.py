"""Time helpers: the emulator's clock, which tests may move forward (POST /_emulator/clock), and the contract's
response timestamp format (section 1)."""

from __future__ import annotations

import time
from datetime import datetime, timezone

_ahead_s = 0.0
"""How far the emulator's time runs ahead of the wall clock: tests advance it instead of sleeping."""


def now() -> float:
    """Seconds since the epoch, on the emulator's clock: every delay and window of the emulator reads this."""
    return time.time() + _ahead_s


def advance(seconds: float) -> float:
    """Move the emulator's time forward, as if `seconds` had passed (starting campaigns start, rate windows slide,
    idempotency keys age); returns the new `now()`. Time never runs backwards while objects exist."""
    global _ahead_s
    if seconds < 0:
        raise ValueError("the emulator's clock only moves forward")
    _ahead_s += seconds
    return now()


def back_to_wall_clock() -> None:
    """On reset (nothing stored survives it): the emulator's time is the wall clock again."""
    global _ahead_s
    _ahead_s = 0.0


def iso(when: float | datetime | None = None) -> str:
    """`2026-06-30T03:30:45.000000Z`: UTC, second precision, zero microseconds [D section 1]."""
    if when is None:
        when = now()
    moment = when if isinstance(when, datetime) else datetime.fromtimestamp(when, tz=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000000Z")


def parse_iso(text: str) -> float:
    """Epoch seconds of a timestamp this module wrote."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
