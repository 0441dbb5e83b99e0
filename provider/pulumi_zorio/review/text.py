"""The text plan's change lines, as a reviewer reads them (rich markup): names, local times, and word diffs in
which removed words are `[-struck red-]` and added ones `{+green+}` (the markers keep them visible without colour,
in CI logs)."""

from __future__ import annotations

from rich.markup import escape

from pulumi_zorio.local.plan import Action, Plan, Step
from pulumi_zorio.spec.diff import FieldChange

from pulumi_zorio.spec.values import parse_timestamp

from .reader import TIME_FIELDS, Reader
from .word_diff import word_diff, worth_a_word_diff
from .zone import zone_label

INDENT = "      "


def change_lines(step: Step, reader: Reader, colour: str, symbol: str) -> list[str]:
    """One line per changed field (`+ field = value`, `~ field = old → new`); a long text changed in a few words
    as its word diff on the next line."""
    shown = [(reader.field(change.path), change) for change in step.changes]
    width = max((len(path) for path, _ in shown), default=0)
    lines = []
    for path, change in shown:
        mark = f"  [{colour}]{symbol}[/{colour}] "
        if step.action is not Action.CREATE and worth_a_word_diff(change.old, change.new):
            lines.append(mark + escape(f"{path.ljust(width)} = (a word diff, below)"))
            lines.append(INDENT + marked_diff(change.old, change.new))
            continue
        lines.append(mark + escape(f"{path.ljust(width)} = {_values(step, change, reader)}"))
    return lines


def _values(step: Step, change: FieldChange, reader: Reader) -> str:
    if step.action is Action.CREATE:
        return reader.value(step.name, change.path, change.new)
    if change.old is None:
        return f"(added) {reader.value(step.name, change.path, change.new)}"
    old = reader.value(step.name, change.path, change.old)
    if change.new is None:
        return f"(removed) {old}"
    return f"{old} → {reader.value(step.name, change.path, change.new)}"


def marked_diff(old: str, new: str) -> str:
    """The new text with `[-removed-]` struck in red and `{+added+}` in green, the rest as is (rich markup)."""
    parts = []
    for segment in word_diff(old, new):
        text = escape(segment.text)
        if segment.op == "removed":
            parts.append(f"[red strike]\\[-{text}-][/red strike]")
        elif segment.op == "added":
            parts.append(f"[green]{{+{text}+}}[/green]")
        else:
            parts.append(text)
    return "".join(parts)


def zone_note(plan: Plan, reader: Reader) -> list[str]:
    """`Times are in Asia/Ho_Chi_Minh (UTC+07:00) ...` when the plan shows a time."""
    times = [parse_timestamp(value) for step in plan.steps for change in step.changes
             if change.field in TIME_FIELDS for value in (change.new, change.old) if isinstance(value, str)]
    shown = [moment for moment in times if moment is not None]
    if not shown:
        return []
    label = zone_label(reader.zone, shown[0])  # the offset of the times shown (summer time or not)
    return [f"[dim]Times are shown in the account's time zone, {escape(label)} "
            "(--timezone or ZORIO_TIMEZONE to change it).[/dim]"]

