"""The retry schedule: Retry-After first, else min(1 s * 2^n, 30 s) plus at most 1 s of jitter."""

from __future__ import annotations

from pulumi_zorio.client._backoff import backoff_delay, jitter, retry_delay


def test_backoff_doubles_from_one_second_when_jitter_is_zero() -> None:
    assert [backoff_delay(n, rng=lambda: 0.0) for n in range(1, 6)] == [1.0, 2.0, 4.0, 8.0, 16.0]


def test_backoff_is_capped_at_thirty_seconds_when_attempts_pile_up() -> None:
    assert backoff_delay(10, rng=lambda: 0.0) == 30.0


def test_jitter_adds_at_most_one_second_when_rng_is_at_its_maximum() -> None:
    assert jitter(lambda: 0.999) < 1.0
    assert backoff_delay(1, rng=lambda: 0.5) == 1.5


def test_retry_after_wins_over_backoff_when_the_server_sends_one() -> None:
    assert retry_delay(4, retry_after=3.0, rng=lambda: 0.9) == 3.0


def test_backoff_scale_shrinks_the_whole_schedule_when_configured() -> None:
    assert retry_delay(3, None, scale=0.01, rng=lambda: 0.0) == 0.04
