"""Benchmark 6: big stacks. One change into a stack of N managed objects (`zorio apply` of the configuration with
one variable more: refresh, plan, the one create, the state written), against the POST that creates that variable;
the growth from the smallest N to the largest; and the peak memory of `zorio plan` per managed object (the slope
of the peak RSS of a `zorio plan` subprocess between two sizes, so the interpreter and its imports do not count, nor
the schemas a plan compiles once a stack is big: from 1,000 objects to the largest when both were measured).

Seeding as in plan_bench (one real apply of one object per kind, copies written into the emulator and the state,
then one apply that finds nothing to do, as a stack applied by zorio is), into a SQLite file; the change is then
measured against an emulator in its own process serving that file, as the API serves from its own machine (in a
thread of the benchmark the server's work would be counted as the command's).

Run: .venv/bin/python bench/big_stack_bench.py [--sizes 100 1000 5000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import requests

from benchlib import Emulator, ProcessEmulator, api_headers, zorio
from benchtable import Row, count, print_rows, seconds, times
from plan_bench import seed

GOAL_ONE_CHANGE_S = 2.0
"""The issue's goal for one change into 5,000 objects."""
GOAL_BYTES_PER_OBJECT = 7 * 1024
"""A tenth of the 70 KB per object measured before."""
SAME_ONE_TIME_COSTS_FROM = 1000
"""From this size on a plan compiles the schemas (spec/quick_schema.py: ~5 MB once): memory per object is the slope
between two sizes that both pay that, when the run has two (else from the smallest size, one-time costs included)."""
EXTRA = "  var_extra: {name: Variable extra, sample_value: one more}\n"


@dataclass(frozen=True)
class OneChange:
    objects: int
    apply_s: float
    calls: int
    post_s: float
    plan_peak_kib: int


def _add_one_variable(project: Path) -> None:
    config = project / "zorio.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("variables:\n", "variables:\n" + EXTRA, 1),
                      encoding="utf-8")


def one_post(emu: Emulator, token: str) -> float:
    """The baseline: the single POST that creates the new variable (then deleted again)."""
    with requests.Session() as http:
        http.headers.update(api_headers(token))
        started = time.perf_counter()
        made = http.post(f"{emu.base_url}/api/autocall/variables",
                         json={"variable_code": "var_baseline", "name": "Variable baseline"})
        took = time.perf_counter() - started
        made.raise_for_status()
        http.delete(f"{emu.base_url}/api/autocall/variables/{made.json()['data']['id']}").raise_for_status()
    return took


PEAK_SCRIPT = """
import atexit, sys
def peak():
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    sys.stderr.write("PEAK_KIB " + line.split()[1] + "\\n")
atexit.register(peak)
from pulumi_zorio.cli import main
sys.argv = ["zorio", "plan", sys.argv[1]]
main()
"""
"""`zorio plan PATH` that reports its own peak RSS at exit (VmHWM: this address space only; the rusage of a child
would also count the pages of the benchmark process it was forked from)."""


def plan_peak_kib(emu: Emulator, token: str, project: Path) -> int:
    """Peak RSS (KiB) of `zorio plan PROJECT` run as its own process (Linux: /proc/self/status)."""
    env = {**os.environ, "ZORIO_BASE_URL": emu.base_url, "ZORIO_TOKEN": token}
    env.pop("ZORIO_USERNAME", None), env.pop("ZORIO_PASSWORD", None)
    done = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, str(project)], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    peaks = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("PEAK_KIB ")]
    if done.returncode != 0 or not peaks:
        raise RuntimeError(f"zorio plan of the seeded stack failed: {done.stderr[-600:]!r}")
    return int(peaks[-1])


def measure(total: int) -> OneChange:
    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp)
        db = str(project / "emulator.sqlite3")
        seeding = Emulator(db=db, rate_limit_scale=None)
        try:
            token = seeding.admin_token()
            seed(seeding, token, project, total)
        finally:
            seeding.stop()
        emu = ProcessEmulator(db=db)
        try:
            peak = plan_peak_kib(emu, token, project)
            post = one_post(emu, token)
            _add_one_variable(project)
            emu.clear_log()
            applied = zorio(["apply", "--yes", str(project)], emu.base_url, token)
            calls = len(emu.api_log())
        finally:
            emu.stop()
        if applied.exit_code != 0 or "Apply complete: 1 added, 0 changed, 0 destroyed" not in applied.output:
            raise RuntimeError(f"adding one variable to {total} objects failed: {applied.output[-600:]}")
    return OneChange(total, applied.seconds, calls, post, peak)


def memory_base(sizes: Sequence[int]) -> int:
    """The size the memory slope starts from: the smallest from SAME_ONE_TIME_COSTS_FROM below the largest, if any."""
    ordered = sorted(sizes)
    return next((n for n in ordered[:-1] if n >= SAME_ONE_TIME_COSTS_FROM), ordered[0])


def rows(results: Sequence[OneChange]) -> list[Row]:
    table = []
    for r in results:
        goal = r.objects >= 5000
        table.append(Row(f"add one variable to a stack of {count(r.objects)} objects: `zorio apply`",
                         f"{seconds(r.apply_s)} ({r.calls} calls)", f"the POST alone: {seconds(r.post_s)}",
                         times(r.apply_s / r.post_s), f"< {GOAL_ONE_CHANGE_S:g} s" if goal else "",
                         (r.apply_s < GOAL_ONE_CHANGE_S) if goal else None))
    if len(results) > 1:
        small, large = results[0], results[-1]
        grown = large.objects / small.objects
        growth = large.apply_s / small.apply_s
        table.append(Row(f"add one variable: growth {count(small.objects)} → {count(large.objects)} objects",
                         f"time ×{growth:.1f}", f"objects ×{grown:.1f}", f"{growth / grown:.2f} of linear"))
        base = next(r for r in results if r.objects == memory_base([r.objects for r in results]))
        per_object = (large.plan_peak_kib - base.plan_peak_kib) * 1024 / (large.objects - base.objects)
        table.append(Row("peak memory of `zorio plan` per managed object",
                         f"{per_object / 1024:.1f} KiB ({large.plan_peak_kib / 1024:.0f} MiB peak at "
                         f"{count(large.objects)})", f"{base.plan_peak_kib / 1024:.0f} MiB at {count(base.objects)}",
                         f"{times(70 * 1024 / max(per_object, 1))} less than 70 KB",
                         f"< {GOAL_BYTES_PER_OBJECT // 1024} KiB", per_object < GOAL_BYTES_PER_OBJECT))
    return table


def run(sizes: Sequence[int]) -> list[Row]:
    return rows([measure(total) for total in sorted(sizes)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    print_rows(run(parser.parse_args().sizes))


if __name__ == "__main__":
    main()
