"""Run every benchmark and write the results table into README.md (between `<!-- bench:start -->` and
`<!-- bench:end -->`); the table is printed too. Each figure is set against a baseline measured in the same run.

Run: .venv/bin/python bench/run.py [--quick] [--only NAME ...] [--plan-sizes 1000 5000] [--no-write]
A full run takes a few minutes (the paced apply alone about 2.5: 300 variables at the contract's 2 requests per
second). `--quick` and `--only` print the table without writing the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmark modules beside this file

import apply_overhead_bench  # noqa: E402
import apply_pace_bench  # noqa: E402
import big_stack_bench  # noqa: E402
import plan_bench  # noqa: E402
import startup_bench  # noqa: E402
import validate_bench  # noqa: E402
import benchtable  # noqa: E402
from benchtable import Row, count, markdown, write_readme  # noqa: E402

README = Path(__file__).resolve().parents[1] / "README.md"


@dataclass(frozen=True)
class Sizes:
    """How big each benchmark runs."""

    plan: tuple[int, ...] = (1000, 5000)
    pace_objects: int = 300
    pace_window_s: float = 6.0
    overhead_objects: int = 300
    validate: tuple[int, ...] = (1000, 10000)
    validate_repeat: int = 3
    startup_repeat: int = 5
    big_stack: tuple[int, ...] = (100, 1000, 5000)


FULL = Sizes()
QUICK = Sizes(plan=(100, 500), pace_objects=10, pace_window_s=1.0, overhead_objects=30, validate=(100, 1000),
              validate_repeat=1, startup_repeat=2, big_stack=(20, 100))

BENCHMARKS: dict[str, Callable[[Sizes], list[Row]]] = {
    "plan": lambda s: plan_bench.run(s.plan),
    "pace": lambda s: apply_pace_bench.run(s.pace_objects, s.pace_window_s),
    "overhead": lambda s: apply_overhead_bench.run(s.overhead_objects),
    "validate": lambda s: validate_bench.run(s.validate, s.validate_repeat),
    "startup": lambda s: startup_bench.run(s.startup_repeat),
    "bigstack": lambda s: big_stack_bench.run(s.big_stack),
}
"""Name (for --only) → the benchmark, in the table's order."""


def collect(sizes: Sizes, names: Sequence[str] = tuple(BENCHMARKS), log: Callable[[str], None] = print) -> list[Row]:
    """The rows of the named benchmarks; one that fails gives a row saying so instead of stopping the others."""
    rows: list[Row] = []
    for name in BENCHMARKS:
        if name not in names:
            continue
        started = time.perf_counter()
        try:
            rows += BENCHMARKS[name](sizes)
        except Exception as error:  # noqa: BLE001 - reported in the table, the other benchmarks still run
            rows.append(Row(f"{name}: not measured", f"error: {error}".splitlines()[0][:200], "—", "—", "runs", False))
        log(f"{name}: {time.perf_counter() - started:.1f} s")
    return rows


def notes(sizes: Sizes, names: Sequence[str], took_s: float, load: str) -> list[str]:
    """How the table was measured."""
    plan = " and ".join(count(n) for n in sizes.plan)
    scale = sizes.pace_window_s / apply_pace_bench.CONTRACT_WINDOW_S
    limit = max(1, round(apply_pace_bench.CONTRACT_LIMIT * scale))
    described = {
        "plan": f"plan: `zorio plan` (refresh included) of {plan} managed objects (70 % variables, 20 % scripts, "
                "10 % draft campaigns), rate limits off. Seeded, not applied: a real `zorio apply` of one object of "
                "each kind, the others copied into the emulator's store and the state file (applying them through "
                "the local engine would take many minutes), then one `zorio apply` that finds no change and so "
                "saves what its plan noted on each record, as after any apply. Baseline: one GET per object over "
                "one `requests` session.",
        "pace": f"pace: `zorio apply` of {count(sizes.pace_objects)} new variables at the contract's rate "
                f"(120 per 60 s) with the window scaled to {limit} per {sizes.pace_window_s:g} s; the client is told "
                "that window. Achieved rate = the least time the limit allows for the answered requests ÷ the "
                "time from the first request sent to the last answer.",
        "overhead": f"overhead: `zorio apply` of {count(sizes.overhead_objects)} new variables, rate limits off, "
                    "whole command ÷ objects, against a loop of `requests` POSTs on the same reset emulator, which "
                    "here runs in its own process, as the API does (in a thread of the benchmark it would share the "
                    "GIL with the apply's parallel workers, which then slowed the server both are measured against).",
        "validate": f"validate: `validate_paths` in process, and `zorio validate` as a subprocess, on generated files "
                    f"of {' and '.join(count(n) for n in sizes.validate)} resources (variables, media, scripts with "
                    f"3-key menus, campaigns), best of {sizes.validate_repeat} at the smallest size, one run above. "
                    "Baseline: `yaml.load` with the C loader + jsonschema validation against the published schema "
                    "(in process, and as `python -c`).",
        "startup": f"start-up: subprocess wall time, best of {sizes.startup_repeat}.",
        "bigstack": f"big stacks: stacks of {' / '.join(count(n) for n in sizes.big_stack)} objects seeded as for "
                    "plan, then `zorio apply` of the configuration with one variable more (refresh, plan, the "
                    "create, the state written), against that POST alone, both with the emulator in its own process "
                    "(serving the seeded SQLite file), as the API runs on its own machine. Memory: peak RSS of a "
                    "`zorio plan` "
                    f"subprocess, (largest − {count(big_stack_bench.memory_base(sizes.big_stack))}) ÷ (objects between "
                    "them), from 1,000 objects where measured: sizes that both pay the one-time costs of a big stack "
                    "(the schemas compiled for the quick validity check, ~5 MB).",
    }
    return [
        f"Machine: `nproc` {_nproc()}, Python {platform.python_version()} on {platform.system()} {platform.machine()}; the emulator runs in the "
        f"same process unless said otherwise (loopback HTTP, SQLite in memory); load average {load} at the start (a shared machine: "
        f"compare ratios, not seconds); the whole run took {took_s / 60:.1f} min.",
        *[described[name] for name in BENCHMARKS if name in names],
    ]


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "unknown"


def _nproc() -> int:
    """What `nproc` prints: the CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run (does not write README)")
    parser.add_argument("--only", action="append", choices=list(BENCHMARKS), metavar="NAME",
                        help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}")
    parser.add_argument("--plan-sizes", type=int, nargs="+", metavar="N",
                        help=f"objects for the plan benchmark (default {' '.join(map(str, FULL.plan))})")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    if args.plan_sizes:
        sizes = replace(sizes, plan=tuple(args.plan_sizes))
    names = args.only or list(BENCHMARKS)
    load, started = _load(), time.perf_counter()
    rows = collect(sizes, names, log=lambda line: print(line, file=sys.stderr, flush=True))
    table = markdown(rows, notes(sizes, names, time.perf_counter() - started, load))
    print(table, end="")
    if not (args.quick or args.only or args.no_write):
        write_readme(README, table)
        print(f"(written to {README.name})", file=sys.stderr)


if __name__ == "__main__":
    main()
