"""Time helpers: the contract's response timestamp format (section 1)."""

from __future__ import annotations

import time
from datetime import datetime, timezone


def now() -> float:
    """Seconds since the epoch (one place, so tests could freeze it)."""
    return time.time()


def iso(when: float | datetime | None = None) -> str:
    """`2026-06-30T03:30:45.000000Z`: UTC, second precision, zero microseconds [D section 1]."""
    if when is None:
        when = now()
    moment = when if isinstance(when, datetime) else datetime.fromtimestamp(when, tz=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000000Z")


def parse_iso(text: str) -> float:
    """Epoch seconds of a timestamp this module wrote."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
