"""bench/run.py on tiny sizes: every benchmark runs, the table has every row with a ratio, the README markers are
respected. Nothing here asserts a timing (the machine is shared)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from pulumi_zorio.client import ClientConfig

BENCH = Path(__file__).resolve().parents[2] / "bench"
README = BENCH.parent / "README.md"


@pytest.fixture(scope="module")
def run() -> Iterator[ModuleType]:
    """bench/run.py as a module (it puts bench/ on sys.path for its siblings; taken off again afterwards)."""
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]
    while str(BENCH) in sys.path:
        sys.path.remove(str(BENCH))


def test_every_benchmark_gives_its_rows_with_a_ratio_on_tiny_sizes(run: ModuleType) -> None:
    tiny = run.Sizes(plan=(10, 30), pace_objects=4, pace_window_s=1.0, overhead_objects=5, validate=(8, 40),
                     validate_repeat=1, startup_repeat=1, big_stack=(10, 30))
    from_env = ClientConfig.__dict__["from_env"]

    rows = run.collect(tiny, log=lambda line: None)

    assert ClientConfig.__dict__["from_env"] is from_env  # the pace benchmark's window override is undone
    names = [row.name for row in rows]
    assert not [row for row in rows if row.name.endswith("not measured")], rows
    expected = [
        "plan of 10 managed objects: API calls", "plan of 10 managed objects: wall time",
        "plan of 30 managed objects: API calls", "plan of 30 managed objects: wall time",
        "plan growth 10 → 30 objects",
        "apply of 4 variables at 2 requests per 1 s: achieved rate", "apply of 4 variables at 2 requests per 1 s: 429s",
        "apply of 5 variables, limits off: time per object",
        "validate 8 resources", "validate 8 resources: whole", "validate 40 resources",
        "validate 40 resources: whole", "validate growth 8 → 40 resources",
        "start-up: `zorio --help`", "start-up: `zorio validate",
        "add one variable to a stack of 10 objects", "add one variable to a stack of 30 objects",
        "add one variable: growth 10 → 30 objects", "peak memory of `zorio plan` per managed object",
    ]
    assert len(names) == len(expected)
    for name, prefix in zip(names, expected):
        assert name.startswith(prefix)
    table = run.markdown(rows, run.notes(tiny, list(run.BENCHMARKS), 1.0, "0.5"))
    lines = table.splitlines()
    assert lines[0] == "| what | result | baseline (same run) | ratio | goal |"
    body = lines[2:2 + len(rows)]
    for line, row in zip(body, rows):
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        assert len(cells) == 5 and cells[0] == row.name
        assert cells[3] and cells[3] != "—"  # every figure is a ratio against its baseline
    assert "`nproc`" in table and "Python " in table and "load average 0.5 at the start" in table


def test_the_readme_section_between_the_markers_is_all_that_is_replaced(run: ModuleType) -> None:
    text = f"before\n{run.benchtable.START}\nold table\n{run.benchtable.END}\nafter\n"

    replaced = run.benchtable.replace_section(text, "| new |\n")

    assert replaced == f"before\n{run.benchtable.START}\n| new |\n{run.benchtable.END}\nafter\n"
    readme = README.read_text(encoding="utf-8")
    assert readme.count(run.benchtable.START) == 1 and readme.count(run.benchtable.END) == 1


def test_quick_and_only_print_the_table_without_writing_the_readme(
        run: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    before = README.read_text(encoding="utf-8")

    run.main(["--quick", "--only", "startup"])

    printed = capsys.readouterr().out
    assert printed.startswith("| what | result |") and "start-up: `zorio --help`" in printed
    assert README.read_text(encoding="utf-8") == before
