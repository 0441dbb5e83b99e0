"""The review comment of a plan (`zorio plan --format markdown`): dialing cautions first, the campaign summary, then
each changing resource with one row per field, word diffs of long texts and, for each new or changed script, its
call flow as a Mermaid picture (collapsible). Every value is in a code span or HTML-escaped."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_zorio.local.plan import Action, Plan, Step
from pulumi_zorio.spec.diff import FieldChange
from pulumi_zorio.spec.kinds import kind_words
from pulumi_zorio.spec.lifecycle import DIALING_LIVE, Refusal, StatusPlan

from .campaign import campaign_summary
from .markup import code_span, html_text
from .menu import CHANGE_WORDS, menu_changes, menu_of
from .mermaid import mermaid_block, script_flowchart
from .reader import Reader
from .word_diff import word_diff, worth_a_word_diff

SYMBOLS = {Action.CREATE: "+", Action.UPDATE: "~", Action.REPLACE: "-/+", Action.DELETE: "-"}
HEADLINES = {Action.CREATE: "will be created", Action.UPDATE: "will be updated in-place",
             Action.REPLACE: "must be replaced", Action.DELETE: "will be destroyed"}
CELL_CHARS = 80
"""A value longer than this goes below the table, folded, instead of into a cell."""


def render_review(plan: Plan, reader: Reader) -> str:
    """The whole comment, as Markdown for GitHub."""
    changing = [step for step in plan.steps if step.action is not Action.SAME]
    if not changing:
        return "**No changes.** The Zorio account matches the configuration.\n"
    blocks = [_caution(step) for step in plan.dials]
    blocks += [f"> [!WARNING]\n> {html_text(warning)}" for warning in plan.warnings]
    blocks += [f"> [!CAUTION]\n> **✗ Refused:** {html_text(step.status.message)}" for step in changing
               if isinstance(step.status, Refusal)]
    blocks.append(f"**Plan:** {_counts(plan)}.")
    campaigns = [step for step in changing if step.kind == "campaign" and step.action is not Action.DELETE]
    if campaigns:
        blocks.append("### Campaigns")
        blocks += [campaign_summary(step, reader) for step in campaigns]
    blocks.append("### Changes")
    for step in changing:
        blocks += _step_blocks(step, reader)
    return "\n\n".join(blocks) + "\n"


def _caution(step: Step) -> str:
    status = step.status
    assert isinstance(status, StatusPlan)
    verbs = [s.verb for s in status.steps if getattr(s, "dials", False) and hasattr(s, "verb")]
    what = " and ".join(dict.fromkeys({"start": "started", "resume": "resumed"}[v] for v in verbs)) or \
        "possibly started (its status is known only at apply)"
    desired = status.desired if isinstance(status.desired, str) else "(known after apply)"
    return (f"> [!CAUTION]\n> **⚠ DIALS REAL PEOPLE:** campaign {code_span(step.name)} will be {what} "
            f"({html_text(status.live)} → {html_text(desired)})")


def _counts(plan: Plan) -> str:
    counts = f"{plan.to_add} to add, {plan.to_change} to change, {plan.to_destroy} to destroy"
    return counts + (f", {plan.to_release} to release" if plan.to_release else "")


def _step_blocks(step: Step, reader: Reader) -> list[str]:
    kind = kind_words(step.kind)
    headline = HEADLINES[step.action] if not step.released else _released(step)
    blocks = [f"#### {code_span(SYMBOLS[step.action])} {kind} {code_span(step.name)} {headline}"]
    if step.action is Action.UPDATE and step.changes:
        fields = ", ".join(code_span(reader.field(name)) for name in step.changed_fields)
        blocks.append(f"(because {fields} changed)")
    if step.action is Action.REPLACE:
        blocks.append(f"(because {', '.join(code_span(name) for name in step.replaces)} cannot be updated in place)")
    rows, below = _field_rows(step, reader)
    if rows:
        head = ["| Field | Value |", "|---|---|"] if step.action is Action.CREATE else \
            ["| Field | Before | After |", "|---|---|---|"]
        blocks.append("\n".join([*head, *rows]))
    blocks += below
    if isinstance(step.status, StatusPlan) and step.status.steps:
        path = "\n".join(f"{index}. {html_text(description)}"
                         for index, description in enumerate(step.status.describe(), 1))
        blocks.append(f"Status path {html_text(step.status.live)} → {html_text(str(step.status.desired))}:\n\n{path}")
    if step.kind == "script" and step.action in (Action.CREATE, Action.UPDATE, Action.REPLACE):
        blocks.append(_flow(step, reader))
    return blocks


def _released(step: Step) -> str:
    """A released object stays in Zorio; a live campaign keeps its status, and so goes on dialing."""
    headline = "will be released: it stays in Zorio as it is, no longer managed by this stack"
    if step.live_status in DIALING_LIVE:
        return headline + f"; it keeps its status {code_span(step.live_status)} and goes on **DIALING**"
    return headline + (f"; it keeps its status {code_span(step.live_status)}" if step.live_status else "")


def _field_rows(step: Step, reader: Reader) -> tuple[list[str], list[str]]:
    """Table rows of short values; long ones (and word diffs) as blocks below the table."""
    rows, below = [], []
    for change in step.changes:
        path = reader.field(change.path)
        old = reader.value(step.name, change.path, change.old) if change.old is not None else ""
        new = reader.value(step.name, change.path, change.new) if change.new is not None else "(removed)"
        if step.action is not Action.CREATE and worth_a_word_diff(change.old, change.new):
            rows.append(f"| {code_span(path, True)} | changed: word diff below | |")
            below.append(f"**{html_text(path)}** (word diff: <del>removed</del>, <ins>added</ins>):\n\n"
                         f"{word_diff_html(change.old, change.new)}")
            continue
        if max(len(old), len(new)) > CELL_CHARS:
            rows.append(_row(step, path, "(below)", "(below)"))
            raw_old, raw_new = (value if isinstance(value, str) else shown
                                for value, shown in ((change.old, old), (change.new, new)))
            below.append(_folded(path, change, raw_old, raw_new, step))
            continue
        rows.append(_row(step, path, old, new))
    return rows, below


def _row(step: Step, path: str, old: str, new: str) -> str:
    cells = [code_span(path, True)]
    if step.action is not Action.CREATE:
        cells.append(code_span(old, True) if old and old != "(below)" else (old or "—"))
    cells.append(code_span(new, True) if new != "(below)" else new)
    return "| " + " | ".join(cells) + " |"


def _folded(path: str, change: FieldChange, old: str, new: str, step: Step) -> str:
    body = f"<blockquote>{html_text(new)}</blockquote>"
    if step.action is not Action.CREATE and change.old is not None:
        body = f"Before:<blockquote>{html_text(old)}</blockquote>After:{body}"
    return f"<details><summary>{html_text(path)}</summary>\n\n{body}\n\n</details>"


def word_diff_html(old: str, new: str) -> str:
    """The new text in a quote, removed words in `<del>`, added ones in `<ins>`; everything escaped."""
    parts = []
    for segment in word_diff(old, new):
        text = html_text(segment.text)
        parts.append(f"<del>{text}</del>" if segment.op == "removed" else
                     f"<ins>{text}</ins>" if segment.op == "added" else text)
    return f"<blockquote>{''.join(parts)}</blockquote>"


def _flow(step: Step, reader: Reader) -> str:
    """The script's call flow, folded; a changed menu marks its added, removed and re-targeted keys."""
    new = menu_of(step.name, step.after or {}, reader.name_of(step.name))
    changes: Mapping[str, Any] = {}
    if step.action is not Action.CREATE and step.before is not None:
        changes = menu_changes(menu_of(step.name, step.before, reader.name_of(step.name)), new)
    counts: dict[str, int] = {}
    for change in changes.values():
        counts[change.change] = counts.get(change.change, 0) + 1
    summary = ", ".join(f"{count} key{'s' if count > 1 else ''} {CHANGE_WORDS[kind]}" for kind, count in
                        counts.items())
    if step.action is Action.CREATE:
        summary = f"{len(new.items)} key{'s' if len(new.items) != 1 else ''}"
    title = f"Call flow of <code>{html_text(step.name)}</code>" + (f" ({summary})" if summary else
                                                                    " (menu unchanged)")
    legend = ""
    if changes:
        legend = "\n\nMarked: " + ", ".join(f"**{CHANGE_WORDS[kind]}**" for kind in counts) + \
            " keys (see the legend in the picture)."
    return (f"<details open><summary>{title}</summary>\n\n{mermaid_block(script_flowchart(new, changes))}"
            f"{legend}\n\n</details>")


__all__ = ["render_review", "word_diff_html"]
