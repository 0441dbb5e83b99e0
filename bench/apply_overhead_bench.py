"""Benchmark 3: what `zorio apply` adds per object, rate limits off: the whole command creating N variables, per
variable, against a plain loop of `requests` POSTs creating N variables on the same (reset) emulator. The emulator
runs in its own process, as the real API does (in a thread of this process it would share the GIL with the apply's
parallel workers, and they would slow down the server both are measured against).

Run: .venv/bin/python bench/apply_overhead_bench.py [--objects 300]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from benchlib import Emulator, ProcessEmulator, api_headers, variables_config, zorio
from benchtable import Row, count, print_rows, seconds, times

GOAL_OVERHEAD_S = 0.005


@dataclass(frozen=True)
class OverheadResult:
    objects: int
    apply_s: float
    raw_s: float

    @property
    def per_object_s(self) -> float:
        return self.apply_s / self.objects

    @property
    def raw_per_object_s(self) -> float:
        return self.raw_s / self.objects

    @property
    def overhead_s(self) -> float:
        return self.per_object_s - self.raw_per_object_s


def raw_posts(emu: Emulator, objects: int) -> float:
    """The baseline: one POST per variable over one `requests` session; its wall time."""
    emu.reset(rate_limit_scale=None)
    with requests.Session() as http:
        http.headers.update(api_headers(emu.admin_token()))
        started = time.perf_counter()
        for i in range(objects):
            http.post(f"{emu.base_url}/api/autocall/variables",
                      json={"variable_code": f"var_{i:05d}", "name": f"Variable {i}"}).raise_for_status()
        return time.perf_counter() - started


def measure(objects: int) -> OverheadResult:
    emu = ProcessEmulator(rate_limit_scale=None)
    try:
        with tempfile.TemporaryDirectory() as temp:
            raw = raw_posts(emu, objects)
            emu.reset(rate_limit_scale=None)
            (Path(temp) / "zorio.yaml").write_text(variables_config(objects), encoding="utf-8")
            applied = zorio(["apply", "--yes", temp], emu.base_url, emu.admin_token())
            if applied.exit_code != 0:
                raise RuntimeError(f"zorio apply failed (exit {applied.exit_code}): {applied.output[-600:]}")
            return OverheadResult(objects, applied.seconds, raw)
    finally:
        emu.stop()


def rows(r: OverheadResult) -> list[Row]:
    sign = "+" if r.overhead_s >= 0 else "−"
    return [Row(f"apply of {count(r.objects)} variables, limits off: time per object",
                f"{seconds(r.per_object_s)} ({seconds(r.apply_s)} in all)",
                f"{seconds(r.raw_per_object_s)} per raw `requests` POST",
                f"{sign}{seconds(abs(r.overhead_s))} ({times(r.per_object_s / r.raw_per_object_s)})",
                f"< {GOAL_OVERHEAD_S * 1000:g} ms over the raw call", r.overhead_s < GOAL_OVERHEAD_S)]


def run(objects: int) -> list[Row]:
    return rows(measure(objects))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--objects", type=int, default=300)
    print_rows(run(parser.parse_args().objects))


if __name__ == "__main__":
    main()
