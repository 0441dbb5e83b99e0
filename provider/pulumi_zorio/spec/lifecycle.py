"""The campaign status planner: one transition table (contract §10), BFS for the shortest legal path,
the PUT rules per status, and the steps (start, wait, pause, update, delete...) that the provider executes."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from .fields import updatable_while
from .unknown import is_unknown

LIVE_STATUSES = ("draft", "starting", "running", "paused", "stopped", "completed", "archived")
DESIRED_STATUSES = ("draft", "running", "paused", "stopped", "archived")
DIALING_DESIRED = frozenset({"running", "paused"})
"""Only these desired statuses may ever plan `start` or `resume`: nothing dials unless the code says so."""


@dataclass(frozen=True)
class Transition:
    """An edge of the status machine: `verb` moves a campaign from any of `sources` to `target`.

    `target` None = not knowable offline (unarchive returns to the status before archiving).
    `by_engine` = nobody calls it; the dialing engine moves the campaign by itself and we wait for it.
    """

    verb: str
    sources: frozenset[str]
    target: str | None
    by_engine: bool = False


TRANSITIONS: tuple[Transition, ...] = (
    Transition("start", frozenset({"draft"}), "starting"),
    Transition("wait_until_running", frozenset({"starting"}), "running", by_engine=True),
    Transition("pause", frozenset({"running"}), "paused"),
    Transition("resume", frozenset({"paused"}), "running"),
    Transition("stop", frozenset({"starting", "running", "paused"}), "stopped"),
    Transition("archive", frozenset({"draft", "stopped", "completed"}), "archived"),
    Transition("unarchive", frozenset({"archived"}), None),
)
"""Contract §10. The engine's own running → completed is never planned, so it is not an edge here."""

_BY_VERB = {transition.verb: transition for transition in TRANSITIONS}
ENGINE_MOVES = {**{source: t.target for t in TRANSITIONS if t.by_engine for source in t.sources}, "running": "completed"}
"""Where the dialing engine moves a campaign by itself (starting → running, and running → completed when no lead
is left); nobody calls these."""


def settles_after(verb: str) -> frozenset[str] | None:
    """The statuses a campaign may be in once `verb` has taken effect: its target and wherever the engine moves
    it from there (start: starting, running or completed); None when that is not knowable offline (unarchive
    returns to the status before archiving). A lost response to the action is recovered by reading the status."""
    status = _BY_VERB[verb].target
    if status is None:
        return None
    found = {status}
    while (status := ENGINE_MOVES.get(status)) is not None:
        found.add(status)
    return frozenset(found)
STOPPABLE = _BY_VERB["stop"].sources
"""Live statuses a campaign must be stopped from before it is deleted or left alone (it may dial in them)."""
DIALING_LIVE = frozenset({"starting", "running"})
"""Live statuses of a campaign that dials already: a path through pause and resume starts nothing new."""
DIALING_VERBS = frozenset({"start", "resume"})

ANY_FIELD = None
UPDATABLE_FIELDS: dict[str, frozenset[str] | None] = {
    "draft": ANY_FIELD,
    "paused": ANY_FIELD,
    **{status: updatable_while("campaign", status)
       for status in ("starting", "running", "stopped", "completed", "archived")},
}
"""PUT rules per live status [I, contract §10], each field's `x-updatable-while` in campaign.json; others → 409
"Pause the campaign before changing <field>."."""

_DESCRIPTIONS = {
    "start": "start the campaign: it begins DIALING leads",
    "wait_until_running": "wait until the dialing engine has it running",
    "pause": "pause it (no new calls)",
    "resume": "resume it: it DIALS leads again",
    "stop": "stop it for good (a stopped campaign never dials again)",
    "archive": "archive it",
    "unarchive": "unarchive it (it returns to the status it had before archiving)",
}


@dataclass(frozen=True)
class Action:
    """Call `POST /api/autocall/campaigns/{id}/<verb>` (empty body)."""

    verb: str

    @property
    def dials(self) -> bool:
        return self.verb in DIALING_VERBS

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self.verb]


@dataclass(frozen=True)
class WaitFor:
    """Poll until the campaign reaches `status` (the engine moves starting → running on its own).

    If it settles somewhere else (e.g. completed, or stopped by someone), the executor re-plans from there.
    """

    status: str

    dials = False

    @property
    def description(self) -> str:
        return _DESCRIPTIONS["wait_until_running"] if self.status == "running" else f"wait until it is {self.status}"


@dataclass(frozen=True)
class Update:
    """`PUT /api/autocall/campaigns/{id}` with these fields (only the changed ones)."""

    fields: tuple[str, ...]

    dials = False

    @property
    def description(self) -> str:
        return f"update {', '.join(self.fields)}"


@dataclass(frozen=True)
class Delete:
    """`DELETE /api/autocall/campaigns/{id}`."""

    dials = False
    description = "delete it"


@dataclass(frozen=True)
class Replan:
    """Read the campaign again and plan the rest from its observed status (after `unarchive`)."""

    dials = False
    description = "re-plan from the status it returns to"


Step = Action | WaitFor | Update | Delete | Replan


@dataclass(frozen=True)
class StatusPlan:
    """The steps that take a campaign from `live` to `desired`, in an order that is legal at every step."""

    live: str
    desired: str
    steps: tuple[Step, ...]

    @property
    def dials(self) -> bool:
        """True if executing the plan may make the campaign call people: the CLI warns loudly about it."""
        if any(step.dials for step in self.steps):
            return True
        replans = any(isinstance(step, Replan) for step in self.steps)
        return replans and (is_unknown(self.desired) or self.desired in DIALING_DESIRED)

    @property
    def is_noop(self) -> bool:
        return not self.steps

    def describe(self) -> list[str]:
        """One line per step, for plans and logs."""
        return [step.description for step in self.steps]


@dataclass(frozen=True)
class Refusal:
    """No legal way exists; `message` says why and what to do instead. Never a silent replace."""

    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ShownPlan:
    """What the plan a user reviewed said of one campaign: the status it was planned from, and whether it
    announced dialing, i.e. a start or resume from a status that does not dial (a running campaign taken through
    pause → update → resume announces nothing: it was dialing before and after)."""

    planned_from: str
    announces_dialing: bool
    moved_meanwhile: bool = False
    """The campaign changed status (someone paused or stopped it) while the update waited for it."""

    @classmethod
    def of(cls, planned_from: str, plan: StatusPlan | Refusal | None) -> ShownPlan:
        """The plan as shown; a Refusal, or no status plan at all, showed no dialing step."""
        announces = isinstance(plan, StatusPlan) and plan.dials and planned_from not in DIALING_LIVE
        return cls(planned_from, announces)


def unannounced_dialing(live: str, plan: StatusPlan, shown: ShownPlan | None) -> bool:
    """The one dialing guard, for every engine: executing `plan` from the `live` status would make the campaign
    dial (start or resume) although it is not dialing now and the plan the user saw did not announce it.

    `shown` None means no earlier plan applies (a create or an adoption, planned from the live status itself).
    """
    if not plan.dials or live in DIALING_LIVE:
        return False
    return shown is not None and not shown.announces_dialing


def satisfies(live: str, desired: str) -> bool:
    """Whether a campaign in `live` status already is what `desired` asks for.

    `completed` satisfies `running` (it ran until no lead was left) and also `stopped` (it will never dial
    again, and stop is not even legal from completed); `starting` counts as `running` (the engine gets it
    there by itself).
    """
    if live == desired:
        return True
    if desired == "running":
        return live in {"starting", "completed"}
    return desired == "stopped" and live == "completed"


def plan_status(live: str, desired: str, *, name: str = "the campaign") -> StatusPlan | Refusal:
    """The shortest legal path from `live` to `desired`, or a Refusal that explains why there is none.

    E.g. draft → paused = start, wait until running, pause. A stopped campaign asked to run is refused
    (it can never dial again); nothing is ever replaced. Check `plan.dials` before executing.
    """
    return plan_campaign_update(live, desired, (), name=name)


def plan_campaign_update(
    live: str, desired: str, changed_fields: Iterable[str], *, name: str = "the campaign"
) -> StatusPlan | Refusal:
    """The status path combined with the PUT of `changed_fields`, in an order legal at every step.

    The update goes as early as possible (before start/resume, so the campaign dials with the new
    settings). Fields that the live status does not allow are applied as pause → update → resume
    (after waiting for running if starting). `status` and `adopt_id` in `changed_fields` are ignored.
    """
    fields = tuple(sorted(set(changed_fields) - {"status", "adopt_id"}))
    if is_unknown(desired):  # preview: the desired status comes from another resource's output
        return StatusPlan(live, desired, (Replan(),))
    _require_status(live, LIVE_STATUSES, "live")
    _require_status(desired, DESIRED_STATUSES, "desired")
    if live == "archived":
        return _plan_from_archived(desired, fields, name)
    if not fields and satisfies(live, desired):
        return StatusPlan(live, desired, ())
    steps = _search(live, desired, fields)
    if steps is not None:
        return StatusPlan(live, desired, steps)
    if fields and _search(live, desired, ()) is not None:
        return Refusal(_fields_refusal(live, fields, name))
    return Refusal(_status_refusal(live, desired, name))


def plan_campaign_delete(live: str) -> StatusPlan:
    """Delete, after stopping the campaign if it is starting, running or paused (else 409 [I])."""
    _require_status(live, LIVE_STATUSES, "live")
    stop = (Action("stop"),) if "stop" in _verbs_from(live) else ()
    return StatusPlan(live, "deleted", (*stop, Delete()))


def _plan_from_archived(desired: str, fields: tuple[str, ...], name: str) -> StatusPlan | Refusal:
    """Unarchive returns to a status unknown offline, so plan it and re-plan from what is observed.

    Unless no status it could return to (the sources of `archive`) leads anywhere: then refuse before
    any call, instead of unarchiving only to refuse and archive it again.
    """
    if desired == "archived" and _allowed("archived", fields):
        return StatusPlan("archived", desired, (Update(fields),) if fields else ())
    returns = sorted(_BY_VERB["archive"].sources, key=LIVE_STATUSES.index)
    if all(isinstance(plan_campaign_update(r, desired, fields, name=name), Refusal) for r in returns):
        changing = f" with {', '.join(fields)} changed" if fields else ""
        return Refusal(
            f"{name} is archived: unarchiving returns it to the status it had before ({', '.join(returns[:-1])} "
            f"or {returns[-1]}), and from none of them can it become {desired}{changing}. Keep status: archived "
            "(only name and description can change then), or create a new campaign (e.g. rename it)"
        )
    return StatusPlan("archived", desired, (Action("unarchive"), Replan()))


def _search(live: str, desired: str, fields: tuple[str, ...]) -> tuple[Step, ...] | None:
    """BFS over (status, fields applied?) for the shortest legal path; the update edge is tried first."""
    goals = {status for status in LIVE_STATUSES if satisfies(status, desired) and status != "starting"}
    may_dial = desired in DIALING_DESIRED
    start = (live, not fields)
    queue: deque[tuple[tuple[str, bool], tuple[Step, ...]]] = deque([(start, ())])
    seen = {start}
    while queue:
        (status, updated), path = queue.popleft()
        if updated and status in goals:
            return path
        edges: list[tuple[Step, str, bool]] = []
        if not updated and _allowed(status, fields):
            edges.append((Update(fields), status, True))
        for transition in TRANSITIONS:
            if status not in transition.sources or transition.target is None:
                continue
            if transition.verb in DIALING_VERBS and not may_dial:
                continue
            step: Step = WaitFor(transition.target) if transition.by_engine else Action(transition.verb)
            edges.append((step, transition.target, updated))
        for step, target, now_updated in edges:
            if (target, now_updated) not in seen:
                seen.add((target, now_updated))
                queue.append(((target, now_updated), (*path, step)))
    return None


def _allowed(status: str, fields: Iterable[str]) -> bool:
    allowed = UPDATABLE_FIELDS[status]
    return allowed is ANY_FIELD or set(fields) <= allowed


def _verbs_from(status: str) -> set[str]:
    return {t.verb for t in TRANSITIONS if status in t.sources and not t.by_engine}


def _require_status(status: str, valid: tuple[str, ...], which: str) -> None:
    if status not in valid:
        raise ValueError(f"unknown {which} campaign status {status!r}; expected one of {', '.join(valid)}")


def _status_refusal(live: str, desired: str, name: str) -> str:
    """Why `desired` cannot be reached from `live`, and what to do instead."""
    if desired == "draft":
        return (
            f"{name} is {live} and a campaign that has been started can never go back to draft; "
            f"keep status: {desired_of(live)} or set status: archived, or create a new campaign (e.g. rename it)"
        )
    if live in {"stopped", "completed"}:
        what = "stopped" if live == "stopped" else "completed (no pending leads are left)"
        return (
            f"{name} is {what} and a {live} campaign can never dial again; "
            "create a new campaign (e.g. rename it) to run it again"
        )
    if live == "draft" and desired == "stopped":
        return (
            f"{name} is a draft that has never dialed; stopping it would mean starting it first, which dials. "
            "Keep status: draft, or set status: archived to put it away"
        )
    return f"{name} cannot go from {live} to {desired}: the status machine has no legal path"


def _fields_refusal(live: str, fields: tuple[str, ...], name: str) -> str:
    """Why `fields` cannot change in `live` (contract §10 PUT rules), and what to do instead."""
    allowed = UPDATABLE_FIELDS[live] or frozenset()
    blocked = [field for field in fields if field not in allowed]
    order = ("name", "description", "max_concurrent", "end_at")
    return (
        f"{name} is {live}: only {' and '.join(sorted(allowed, key=order.index))} can change in status {live}, "
        f"not {', '.join(blocked)}; a {live} campaign can never dial again, so create a new campaign "
        "(e.g. rename it) to use different settings"
    )


def desired_of(live: str) -> str:
    """The desired status that a live one satisfies (starting → running, completed → running); an unknown live
    status is returned as it is."""
    return next((desired for desired in DESIRED_STATUSES if satisfies(live, desired)), live)
