"""The campaign summary of a review: for each campaign created or changed, the DIALS REAL PEOPLE caution first,
then status before → after, the schedule window in the account's time zone, the script and caller-ID group by
name, concurrency and retries. Markdown; every value in a code span."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_zorio.local.plan import Action, Step
from pulumi_zorio.spec.lifecycle import Refusal, StatusPlan
from pulumi_zorio.spec.unknown import is_unknown

from pulumi_zorio.spec.values import parse_timestamp

from .markup import code_span
from .reader import KNOWN_AFTER_APPLY, Reader
from .zone import zone_label

RETRY_WHEN = {"no_answer": "no answer", "busy": "busy", "failed": "failed calls", "any": "any unsuccessful call"}


def campaign_summary(step: Step, reader: Reader) -> str:
    """One campaign's block: a heading, the caution if it dials, then one row per fact."""
    after: Mapping[str, Any] = step.after or {}
    heading = f"#### Campaign {code_span(step.name)}"
    lines = [heading, ""]
    if step.dials:
        lines += ["> [!CAUTION]", "> **⚠ DIALS REAL PEOPLE:** once this is merged and applied, this campaign "
                                 "calls its leads.", ""]
    rows = [("Status", _status(step)),
            ("Script", code_span(reader.reference(step.name, "script_id", after.get("script_id")), True)),
            ("Caller-ID group", _group(step, reader, after)),
            ("Calling window", _window(reader, after)),
            ("Concurrent calls", f"at most {_code(after.get('max_concurrent'))}"),
            ("Retries", _retries(after))]
    lines += ["| What | Value |", "|---|---|", *(f"| {name} | {value} |" for name, value in rows)]
    return "\n".join(lines)


def _status(step: Step) -> str:
    before = (step.before or {}).get("status") if step.action is not Action.CREATE else None
    desired = (step.after or {}).get("status")
    if isinstance(step.status, Refusal):
        return f"{_code(before)} → {_code(desired)}: **refused** (see below)"
    if isinstance(step.status, StatusPlan):
        live, target = step.status.live, step.status.desired
        start = "new, " + _code(live) if step.action is Action.CREATE else _code(live)
        verbs = {getattr(part, "verb", "") for part in step.status.steps}
        loud = (" — **starts DIALING**" if "start" in verbs else " — **resumes DIALING**") if step.dials else ""
        return f"{start} → **{_code(target)}**{loud}"
    if step.action is Action.CREATE:
        return f"new, {_code(desired)}"
    return f"{_code(before or desired)} (unchanged)"


def _group(step: Step, reader: Reader, after: Mapping[str, Any]) -> str:
    value = after.get("caller_id_group_id")
    if value is None and (step.name, "caller_id_group_id") not in reader.names.references:
        return "none: the default trunk's caller ID"
    return code_span(reader.reference(step.name, "caller_id_group_id", value), True)


def _window(reader: Reader, after: Mapping[str, Any]) -> str:
    start, end = reader.time(after.get("start_at")), reader.time(after.get("end_at"))
    if start is None and end is None:
        return "no window: it dials as soon as it runs, until stopped"
    moment = parse_timestamp(after.get("start_at")) or parse_timestamp(after.get("end_at"))
    shown = f"{_code(start) if start else 'as soon as it runs'} → {_code(end) if end else 'no end'}"
    return f"{shown} ({zone_label(reader.zone, moment)})"


def _retries(after: Mapping[str, Any]) -> str:
    retries, interval, when = after.get("max_retries"), after.get("retry_interval_minutes"), after.get("retry_only_when")
    if retries == 0:
        return "none"
    text = f"up to {_code(retries)}, every {_code(interval)} min"
    if isinstance(when, str):
        text += f", after {code_span(RETRY_WHEN.get(when, when), True)}"
    return text


def _code(value: Any) -> str:
    if value is None:
        return "—"
    return code_span(KNOWN_AFTER_APPLY if is_unknown(value) else str(value), True)


__all__ = ["campaign_summary"]
