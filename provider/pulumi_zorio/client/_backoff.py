"""How long to wait before a retry: Retry-After when the server gave one, else capped exponential backoff.

Jitter lives in its own function so tests can pin it (stripe-python style).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from pulumi_zorio.client import _api_rules as rules


def jitter(rng: Callable[[], float] = random.random) -> float:
    """Up to BACKOFF_JITTER_S extra seconds, so clients that failed together do not retry together."""
    return rng() * rules.BACKOFF_JITTER_S


def backoff_delay(attempt: int, scale: float = 1.0, rng: Callable[[], float] = random.random) -> float:
    """Seconds to wait after failed attempt number `attempt` (1-based): min(1 s * 2^attempt, 30 s) + jitter.

    The contract's formula counts attempts from 0, so the first retry waits about 1 s. `scale`
    shrinks the whole schedule (tests against a local emulator use a small one).
    """
    exponent = max(0, attempt - 1)
    return scale * (min(rules.BACKOFF_BASE_S * (2**exponent), rules.BACKOFF_CAP_S) + jitter(rng))


def retry_delay(
    attempt: int, retry_after: float | None, scale: float = 1.0, rng: Callable[[], float] = random.random
) -> float:
    """The wait before the next attempt: the server's Retry-After (capped) wins over our backoff."""
    if retry_after is not None:
        return min(retry_after, rules.RETRY_AFTER_CAP_S)
    return backoff_delay(attempt, scale, rng)
