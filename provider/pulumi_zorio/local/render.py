"""Render a local Plan as text (rich markup, Terraform-style) or Markdown (PR comments); nothing is computed here."""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from pulumi_zorio.local.plan import Action, Plan, Step
from pulumi_zorio.review.reader import Reader
from pulumi_zorio.review.text import change_lines, zone_note
from pulumi_zorio.spec.lifecycle import Action as StatusAction
from pulumi_zorio.spec.lifecycle import DIALING_LIVE, Refusal, Replan, StatusPlan
from pulumi_zorio.spec.kinds import kind_words
from pulumi_zorio.spec.unknown import is_unknown

SYMBOLS = {Action.CREATE: "+", Action.UPDATE: "~", Action.REPLACE: "-/+", Action.DELETE: "-"}
COLOURS = {Action.CREATE: "green", Action.UPDATE: "yellow", Action.REPLACE: "magenta", Action.DELETE: "red"}
LEGEND = {Action.CREATE: "create", Action.UPDATE: "update in-place", Action.REPLACE: "create replacement and then "
          "destroy", Action.DELETE: "destroy"}
HEADLINES = {Action.CREATE: "will be created", Action.UPDATE: "will be updated in-place",
             Action.REPLACE: "must be replaced", Action.DELETE: "will be destroyed"}
DIAL_VERBS = {"start": "started", "resume": "resumed"}


def render_text(plan: Plan, reader: Reader | None = None) -> list[str]:
    """The plan as lines of rich markup: legend, one block per changing resource, dial warnings, summary; values
    as `reader` shows them (names for ids, the account's time zone, word diffs)."""
    reader = reader or Reader.default()
    changing = [step for step in plan.steps if step.action is not Action.SAME]
    if not changing:
        return ["[bold]No changes.[/bold] The Zorio account matches the configuration."]
    used = [action for action in SYMBOLS if any(step.action is action for step in changing)]
    lines = ["Resource actions are indicated with the following symbols:"]
    lines += [f"  [{COLOURS[a]}]{escape(SYMBOLS[a])}[/{COLOURS[a]}] {LEGEND[a]}" for a in used]
    lines += ["", "Zorio will perform the following actions:"]
    for step in changing:
        lines += ["", *_step_block(step, reader)]
    lines += ["", *zone_note(plan, reader), *dial_warnings(plan), *other_warnings(plan), _summary(plan)]
    if plan.dials:
        count = len(plan.dials)
        lines.append(f"[bold red]⚠ This plan DIALS REAL PEOPLE: {count} campaign{'s' if count > 1 else ''} "
                     f"will start or resume calling leads.[/bold red]")
    return lines


def dial_warnings(plan: Plan) -> list[str]:
    """One loud red line per campaign that will start or resume dialing."""
    return [f"[bold red]⚠ {escape(dial_message(step))}[/bold red]" for step in plan.dials]


def other_warnings(plan: Plan) -> list[str]:
    """One yellow line per warning that does not stop the plan."""
    return [f"[yellow]⚠ {escape(warning)}[/yellow]" for warning in plan.warnings]


def dial_message(step: Step) -> str:
    """`DIALS REAL PEOPLE: campaign q3_care will be started (draft → running)`."""
    status = step.status
    assert isinstance(status, StatusPlan)
    verbs = [DIAL_VERBS[s.verb] for s in status.steps if isinstance(s, StatusAction) and s.dials]
    what = " and ".join(dict.fromkeys(verbs)) if verbs else "possibly started (its status is known only at apply)"
    return f"DIALS REAL PEOPLE: campaign {step.name} will be {what} ({status.live} → {_status(status.desired)})"


def _summary(plan: Plan) -> str:
    return f"[bold]Plan:[/bold] {_counts(plan)}."


def _counts(plan: Plan) -> str:
    """Terraform's counts, plus the objects released (left in Zorio) when there are any."""
    counts = f"{plan.to_add} to add, {plan.to_change} to change, {plan.to_destroy} to destroy"
    return counts + (f", {plan.to_release} to release" if plan.to_release else "")


def _step_block(step: Step, reader: Reader) -> list[str]:
    colour, symbol = COLOURS[step.action], escape(SYMBOLS[step.action])
    ident = f" [dim](id {escape(step.id)})[/dim]" if step.id and step.action is not Action.CREATE else ""
    lines = [f"  [bold]# {_title(step)}[/bold]{ident} {_headline(step)}"]
    if step.action is Action.UPDATE and step.changes:
        lines.append(f"  (because {escape(', '.join(step.changed_fields))} changed)")
    if step.action is Action.REPLACE:
        lines.append(f"  (because {escape(', '.join(step.replaces))} cannot be updated in place)")
    lines += change_lines(step, reader, colour, symbol)
    lines += _status_lines(step)
    return lines


def _headline(step: Step) -> str:
    """What happens to the resource; a released one says it stays, and a live campaign that it keeps dialing."""
    if not step.released:
        return HEADLINES[step.action]
    headline = ("will be released: it stays in Zorio as it is, no longer managed by this stack "
                "(taken over with adopt_id)")
    if step.live_status in DIALING_LIVE:
        headline += f"; it keeps its status {step.live_status} and goes on DIALING"
    elif step.live_status:
        headline += f"; it keeps its status {step.live_status}"
    return headline


def _title(step: Step) -> str:
    kind = kind_words(step.kind)
    return escape(f"{kind} {step.name}" if kind else step.name)


def _status_lines(step: Step) -> list[str]:
    if isinstance(step.status, Refusal):
        return [f"  [bold red]✗ refused: {escape(step.status.message)}[/bold red]"]
    if not isinstance(step.status, StatusPlan) or not step.status.steps:
        return []
    plan = step.status
    lines = [f"    status path {escape(plan.live)} → {escape(_status(plan.desired))}:"]
    for status_step in plan.steps:
        loud = status_step.dials or (isinstance(status_step, Replan) and plan.dials)
        text = escape(status_step.description)
        lines.append(f"      [bold red]▶ {text}[/bold red]" if loud else f"      · {text}")
    return lines


def _status(value: Any) -> str:
    return "(known after apply)" if is_unknown(value) else str(value)


def render_markdown(plan: Plan, reader: Reader | None = None) -> str:
    """The plan as a review comment for a pull request (review.markdown): dialing cautions first."""
    from pulumi_zorio.review.markdown import render_review

    return render_review(plan, reader or Reader.default())
