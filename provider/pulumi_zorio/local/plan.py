"""The plan of a local apply/destroy: one Step per resource (create/update/replace/delete/same), computed
here and rendered elsewhere (render.py). Pure: no I/O; field changes come from the planning core (spec)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pulumi_zorio.local.state import PROVIDER_KEY
from pulumi_zorio.spec import diff_resource
from pulumi_zorio.spec.campaign import start_without_group_warning
from pulumi_zorio.spec.diff import FieldChange
from pulumi_zorio.spec.lifecycle import Action as StatusAction
from pulumi_zorio.spec.kinds import StatusLifecycle, kind_words, status_lifecycle
from pulumi_zorio.spec.lifecycle import Refusal, StatusPlan
from pulumi_zorio.spec.unknown import UNKNOWN, is_unknown


class Action(str, Enum):
    """What the engine does to one resource; the values are the words the plan uses."""

    CREATE = "create"
    UPDATE = "update"
    REPLACE = "replace"
    DELETE = "delete"
    SAME = "same"


@dataclass(frozen=True)
class Step:
    """One resource's step. `status` is a campaign's status path (None for other kinds or no status change)."""

    action: Action
    name: str
    kind: str
    id: str | None = None
    changes: tuple[FieldChange, ...] = ()
    replaces: tuple[str, ...] = ()
    status: StatusPlan | Refusal | None = None
    released: bool = False
    """A delete that only releases the object (retain_on_delete: e.g. taken over with adopt_id): no API call."""
    live_status: str | None = None
    """A released campaign's status, which it keeps (running or paused: it goes on dialing)."""
    warnings: tuple[str, ...] = ()
    """What may surprise without stopping the plan (a campaign that starts without a caller-ID group)."""
    before: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    """The recorded (or refreshed) values, for a review that shows whole objects (a script's menu)."""
    after: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    """The declared values after check (UNKNOWN where known only at apply)."""

    @property
    def dials(self) -> bool:
        """True if this step may make a campaign call real people (start or resume)."""
        return isinstance(self.status, StatusPlan) and self.status.dials

    @property
    def changed_fields(self) -> list[str]:
        return list(dict.fromkeys(change.field for change in self.changes))


@dataclass(frozen=True)
class Plan:
    """All steps in the order the engine runs them (creates/updates in program order, then deletes)."""

    steps: tuple[Step, ...] = field(default_factory=tuple)
    destroy: bool = False

    @property
    def dials(self) -> tuple[Step, ...]:
        """The steps that will start or resume a campaign: every render says so loudly."""
        return tuple(step for step in self.steps if step.dials)

    @property
    def warnings(self) -> tuple[str, ...]:
        """Every step's warnings, in step order."""
        return tuple(warning for step in self.steps for warning in step.warnings)

    @property
    def has_changes(self) -> bool:
        return any(step.action is not Action.SAME for step in self.steps)

    def count(self, *actions: Action) -> int:
        return sum(1 for step in self.steps if step.action in actions)

    @property
    def to_add(self) -> int:
        """Terraform's counting: a replacement is one add and one destroy."""
        return self.count(Action.CREATE, Action.REPLACE)

    @property
    def to_change(self) -> int:
        return self.count(Action.UPDATE)

    @property
    def to_destroy(self) -> int:
        return self.count(Action.DELETE, Action.REPLACE) - self.to_release

    @property
    def to_release(self) -> int:
        """Deletes that only release the object (it stays in Zorio)."""
        return sum(1 for step in self.steps if step.released)


def create_step(name: str, kind: str, news: Mapping[str, Any], live: str = "draft") -> Step:
    """A new resource; a campaign is created as a draft (or adopted in its `live` status) and then walked to its
    declared status."""
    lifecycle = status_lifecycle(kind)
    status = None
    if lifecycle is not None:
        status = _status_path(lifecycle, live, news.get("status", lifecycle.initial), (), f"{kind_words(kind)} {name}")
    return Step(Action.CREATE, name, kind, changes=_new_values(kind, news), status=status,
                warnings=_warnings(name, news, status), after=news)


def change_step(
    name: str, kind: str, id_: str, old_outputs: Mapping[str, Any], news: Mapping[str, Any],
    changed: bool, replaces: list[str] | tuple[str, ...],
) -> Step:
    """An existing resource: `changed`/`replaces` are the provider's own diff verdict; the field detail and a
    campaign's status path come from the same planning core the provider uses."""
    if not changed:
        return Step(Action.SAME, name, kind, id=id_, before=old_outputs, after=news)
    changes = tuple(diff_resource(kind, old_outputs, news).changes) if kind else ()
    if replaces:
        status = create_step(name, kind, news).status
        return Step(Action.REPLACE, name, kind, id_, changes, tuple(replaces), status,
                    warnings=_warnings(name, news, status), before=old_outputs, after=news)
    lifecycle = status_lifecycle(kind)
    status = None
    if lifecycle is not None:
        fields = [change.field for change in changes if change.field != "status"]
        live = str(old_outputs.get("status", lifecycle.initial))
        status = _status_path(lifecycle, live, news.get("status", lifecycle.initial), fields,
                              f"{kind_words(kind)} {name}")
    return Step(Action.UPDATE, name, kind, id_, changes, (), status, warnings=_warnings(name, news, status),
                before=old_outputs, after=news)


def delete_step(name: str, kind: str, id_: str, old_outputs: Mapping[str, Any], released: bool = False) -> Step:
    """A resource no longer declared (or a destroy). Deleting a live campaign stops it first: never dials.
    A released one (retain_on_delete) is left as it is, and keeps its status."""
    lifecycle = status_lifecycle(kind)
    if released:
        live = old_outputs.get("status") if lifecycle is not None else None
        return Step(Action.DELETE, name, kind, id=id_, released=True, live_status=str(live) if live else None,
                    before=_recorded(old_outputs))
    status = None
    if lifecycle is not None and old_outputs.get("status") in lifecycle.stoppable:
        status = lifecycle.plan_delete(str(old_outputs["status"]))
    return Step(Action.DELETE, name, kind, id=id_, status=status, before=_recorded(old_outputs))


def _recorded(outputs: Mapping[str, Any]) -> dict[str, Any]:
    """Recorded outputs without the pickled provider (which a review never shows)."""
    return {key: value for key, value in outputs.items() if key != PROVIDER_KEY}


def _status_path(
    lifecycle: StatusLifecycle, live: str, desired: Any, fields: Any, name: str
) -> StatusPlan | Refusal | None:
    desired = UNKNOWN if is_unknown(desired) else str(desired)
    try:
        plan = lifecycle.plan_update(live, desired, tuple(fields), name=name)
    except ValueError:  # an invalid status is a check failure, reported by the provider itself
        return None
    return None if isinstance(plan, StatusPlan) and plan.is_noop else plan


def _warnings(name: str, news: Mapping[str, Any], status: StatusPlan | Refusal | None) -> tuple[str, ...]:
    """A campaign this step starts without a caller-ID group: the API decides whether it may (spec.campaign)."""
    starts = isinstance(status, StatusPlan) and StatusAction("start") in status.steps
    if starts and news.get("caller_id_group_id") is None:
        return (start_without_group_warning(name),)
    return ()


def _new_values(kind: str, news: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """A create shows every declared value (old None), like Terraform's `+ field = value`."""
    if not kind:
        return ()
    return tuple(diff_resource(kind, {}, news).changes)
