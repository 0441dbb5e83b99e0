"""The results table of `bench/run.py`: one `Row` per figure, how figures are written, the markdown table and the
README section it replaces (between `<!-- bench:start -->` and `<!-- bench:end -->`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
HEADER = ("what", "result", "baseline (same run)", "ratio", "goal")


@dataclass(frozen=True)
class Row:
    """One line of the results table: a figure, its baseline measured in the same run, and the goal if any."""

    name: str
    result: str
    baseline: str
    ratio: str
    goal: str = ""
    met: bool | None = None
    """True / False when there is a goal, None when the row only reports."""

    @property
    def goal_cell(self) -> str:
        if not self.goal:
            return "—"
        return f"{self.goal} {'✓' if self.met else '✗'}"


def seconds(value: float) -> str:
    """A duration as the table shows it."""
    if value < 0.01:
        return f"{value * 1000:.1f} ms"
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def times(value: float) -> str:
    """A ratio as the table shows it."""
    return f"{value:.2f}×" if value < 10 else f"{value:.0f}×"


def speed(baseline_s: float, ours_s: float) -> str:
    """How much faster (or slower) ours ran than the baseline."""
    if ours_s <= baseline_s:
        return f"{times(baseline_s / ours_s)} faster"
    return f"{times(ours_s / baseline_s)} slower"


def count(value: int) -> str:
    return f"{value:,}"


def markdown(rows: Sequence[Row], notes: Sequence[str] = ()) -> str:
    """The table, then one line per note (how it was measured)."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        cells = (row.name, row.result, row.baseline, row.ratio, row.goal_cell)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    if notes:
        lines.append("")
        lines += [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def replace_section(text: str, table: str) -> str:
    """`text` with only what lies between the markers replaced by `table`."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no {START} ... {END} section")
    return text[: start + len(START)] + "\n" + table + text[end:]


def write_readme(path: Path, table: str) -> None:
    path.write_text(replace_section(path.read_text(encoding="utf-8"), table), encoding="utf-8")


def print_rows(rows: Sequence[Row]) -> None:
    """For running one benchmark module on its own."""
    for row in rows:
        goal = f"; goal {row.goal_cell}" if row.goal else ""
        print(f"{row.name}: {row.result} (baseline {row.baseline}) -> {row.ratio}{goal}")
