"""Benchmark 2: `zorio apply` of 300 variables under the contract's rate limit (120 requests per 60 s per token).

The window is scaled down to keep the run short, at the same rate: 12 requests per 6 s by default (the emulator's
`rate_limit_scale` 0.1 and `rate_limit_window_s` 6). The client assumes the contract's 60 s window and no setting
exposes it, so this benchmark tells it the scaled one (`client_window`), as the tests of the client do; otherwise it
would wait ten times too long. Measures the achieved rate as a fraction of the bucket (the least time the limit
allows for the requests the emulator answered, over the time from the first request sent to the last answer
received, so the command's start-up and planning do not count) and the 429s: answered by the emulator (retried by
the client) against those that reached the user (an error, or a line of output that mentions them, other than the
client's own announcement of a wait: "rate limit of Zorio reached (…): continuing in 4 s").

Run: .venv/bin/python bench/apply_pace_bench.py [--objects 300] [--window 6]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from requests.adapters import HTTPAdapter

from benchlib import emulator, variables_config, zorio
from client_pace import minimum_seconds
from pulumi_zorio.client import ClientConfig
from benchtable import Row, count, print_rows, seconds

CONTRACT_LIMIT, CONTRACT_WINDOW_S = 120, 60.0
GOAL_FRACTION = 0.95
MENTIONS_429 = re.compile(r"\b429\b|too many requests|rate.?limit", re.IGNORECASE)
ANNOUNCED_WAIT = re.compile(r": continuing in \d+ s$")
"""A wait the client says it makes (pacing, or a 429 it retries): information, not a 429 reaching the user."""


@contextmanager
def client_window(window_s: float) -> Iterator[None]:
    """Clients built in this block assume a `window_s` rate-limit window instead of the contract's 60 s."""
    original = ClientConfig.__dict__["from_env"]

    def from_env(cls: type[ClientConfig], env: Any = None, **overrides: Any) -> ClientConfig:
        overrides.setdefault("rate_limit_window_s", window_s)
        return original.__func__(cls, env, **overrides)

    ClientConfig.from_env = classmethod(from_env)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        ClientConfig.from_env = original  # type: ignore[method-assign]


@contextmanager
def request_spans(url_prefix: str) -> Iterator[list[tuple[float, float]]]:
    """(sent, answered) perf_counter times of every HTTP request to `url_prefix` made in this block, retries too."""
    spans: list[tuple[float, float]] = []
    original = HTTPAdapter.send

    def send(self: HTTPAdapter, request: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(self, request, *args, **kwargs)
        finally:
            if str(request.url).startswith(url_prefix):
                spans.append((started, time.perf_counter()))

    HTTPAdapter.send = send  # type: ignore[method-assign]
    try:
        yield spans
    finally:
        HTTPAdapter.send = original  # type: ignore[method-assign]


@dataclass(frozen=True)
class PaceResult:
    objects: int
    limit: int
    window_s: float
    answered: int
    """Requests of the limited bucket the emulator answered (a 429 is not counted by its window)."""
    refused: int
    """429 answers in the emulator's request log."""
    reached_user: int
    seconds: float
    """The command's wall time."""
    requests_s: float
    """From the first request sent to the last answer received."""

    @property
    def minimum_s(self) -> float:
        return minimum_seconds(self.answered, self.limit, self.window_s)

    @property
    def fraction(self) -> float:
        return self.minimum_s / self.requests_s


def measure(objects: int, window_s: float) -> PaceResult:
    """Apply `objects` new variables with the limit scaled to `window_s` at the contract's rate."""
    scale = window_s / CONTRACT_WINDOW_S
    limit = max(1, round(CONTRACT_LIMIT * scale))
    with emulator(rate_limit_scale=scale, rate_limit_window_s=window_s) as emu, \
            tempfile.TemporaryDirectory() as temp:
        token = emu.admin_token()
        (Path(temp) / "zorio.yaml").write_text(variables_config(objects), encoding="utf-8")
        with client_window(window_s), request_spans(f"{emu.base_url}/api/autocall/") as spans:
            applied = zorio(["apply", "--yes", temp], emu.base_url, token)
        log = emu.api_log()
    reached = sum(1 for line in applied.output.splitlines()
                  if MENTIONS_429.search(line) and not ANNOUNCED_WAIT.search(line))
    if applied.exit_code != 0 and not reached:
        raise RuntimeError(f"zorio apply failed (exit {applied.exit_code}): {applied.output[-600:]}")
    limited = [e for e in log if e["path"].startswith("/api/autocall/")]
    refused = sum(e["status"] == 429 for e in log)
    answered = sum(e["status"] != 429 for e in limited)
    span = max(end for _, end in spans) - min(start for start, _ in spans)
    return PaceResult(objects, limit, window_s, answered, refused, reached, applied.seconds, span)


def rows(r: PaceResult) -> list[Row]:
    what = f"apply of {count(r.objects)} variables at {r.limit} requests per {r.window_s:g} s"
    return [
        Row(f"{what}: achieved rate",
            f"{count(r.answered)} requests in {seconds(r.requests_s)} (whole command {seconds(r.seconds)})",
            f"least time the limit allows: {seconds(r.minimum_s)}", f"{r.fraction:.3f} of the bucket",
            f"≥ {GOAL_FRACTION}", r.fraction >= GOAL_FRACTION),
        Row(f"{what}: 429s", f"{r.reached_user} reached the user", f"{r.refused} answered by the emulator",
            f"{r.reached_user} of {r.refused}", "0 reach the user", r.reached_user == 0),
    ]


def run(objects: int, window_s: float) -> list[Row]:
    return rows(measure(objects, window_s))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--objects", type=int, default=300)
    parser.add_argument("--window", type=float, default=6.0, help="seconds; the limit keeps the contract's rate")
    args = parser.parse_args()
    print_rows(run(args.objects, args.window))


if __name__ == "__main__":
    main()
