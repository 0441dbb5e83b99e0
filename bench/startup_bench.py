"""Benchmark 5: start-up of `zorio --help` and of `zorio validate` on one small file, against `python -c pass`
(subprocess wall time, best of a few runs).

Run: .venv/bin/python bench/startup_bench.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchtable import Row, print_rows, seconds, times

ROOT = Path(__file__).resolve().parents[1]
SMALL_FILE = ROOT / "examples" / "yaml-quickstart" / "zorio.yaml"


def zorio_command() -> list[str]:
    """The `zorio` console script of this interpreter's environment."""
    beside = Path(sys.executable).with_name("zorio")
    found = str(beside) if beside.exists() else shutil.which("zorio")
    if found is None:
        raise RuntimeError("no `zorio` command: install the project (pip install -e .)")
    return [found]


def best_of(repeat: int, command: Sequence[str]) -> float:
    """The fastest of `repeat` runs of `command` (which must succeed), in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        best = min(best, time.perf_counter() - started)
    return best


def run(repeat: int) -> list[Row]:
    baseline = best_of(repeat, [sys.executable, "-c", "pass"])
    zorio = zorio_command()
    table = []
    for label, args in (("zorio --help", ["--help"]),
                        (f"zorio validate {SMALL_FILE.relative_to(ROOT)}", ["validate", str(SMALL_FILE)])):
        took = best_of(repeat, [*zorio, *args])
        table.append(Row(f"start-up: `{label}`", seconds(took), f"`python -c pass`: {seconds(baseline)}",
                         f"+{seconds(took - baseline)} ({times(took / baseline)})"))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    print_rows(run(parser.parse_args().repeat))


if __name__ == "__main__":
    main()
