"""Field-level diff of a resource's old OUTPUTS against its new INPUTS (what Pulumi's diff receives), with deepdiff."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


from .kinds import Kind, get_kind
from .script import ACTION_FIELDS
from .unknown import UNKNOWN, is_unknown


@dataclass(frozen=True)
class FieldChange:
    """One changed value. `path` is dotted; DTMF actions are addressed by digit: `dtmf_actions[digit=1].label`.

    `old` None = it was not set (or the action did not exist); `new` None = it is removed; `new` UNKNOWN =
    not known until apply (preview), so possibly a change.
    """

    path: str
    old: Any
    new: Any

    @property
    def field(self) -> str:
        """The top-level input field this change belongs to (what a partial PUT has to send)."""
        return self.path.split(".", 1)[0].split("[", 1)[0]

    @property
    def unknown(self) -> bool:
        return is_unknown(self.new)


@dataclass(frozen=True)
class ResourceDiff:
    """The changes between the live/recorded resource and the code; `replaces` ⊆ the kind's REPLACE_ON."""

    changes: list[FieldChange] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def changed_fields(self) -> list[str]:
        """The top-level fields with a change, in order, each once (the `only` of a build_x_payload)."""
        return list(dict.fromkeys(change.field for change in self.changes))


def diff_resource(kind: str, old_outputs: Mapping[str, Any], new_inputs: Mapping[str, Any]) -> ResourceDiff:
    """The real changes from `old_outputs` (stored or refreshed outputs) to `new_inputs` (after check).

    Both sides are normalised first, so none of these is a change: a field the server added, None vs
    missing vs the default, 3 vs 3.0, the same instant in another offset or precision, DTMF actions in
    another order, a campaign whose live status satisfies the desired one (completed/starting for running).
    """
    spec = get_kind(kind)
    old, new = canonical(spec, old_outputs), canonical(spec, new_inputs)
    changes: list[FieldChange] = []
    if spec.status is not None:  # a desired status, reached through actions: compared with the live one
        changes += _status_change(spec.status.satisfies, old.pop("status", None), new.pop("status", None))
    for name in [name for name, value in new.items() if is_unknown(value)]:  # known after apply
        changes.append(FieldChange(name, _as_written(name, old.pop(name, None)), new.pop(name)))
    changes += _deep_changes(old, new)
    order = {name: index for index, name in enumerate(spec.compared_fields)}
    changes.sort(key=lambda change: (order.get(change.field, len(order)), change.path))
    replaces = sorted({change.field for change in changes} & spec.replace_on)
    return ResourceDiff(changes, replaces)


def canonical(spec: Kind, values: Mapping[str, Any]) -> dict[str, Any]:
    """The compared fields of `values`, normalised; DTMF actions become a mapping keyed by digit."""
    normalised = spec.normalise(values)
    out = {name: _blank_as_none(normalised.get(name)) for name in spec.compared_fields}
    if "dtmf_actions" in out:
        out["dtmf_actions"] = _actions_by_digit(out["dtmf_actions"])
    return out


def _blank_as_none(value: Any) -> Any:
    """`""` and None mean the same for optional text: APIs commonly return one for the other."""
    return None if value == "" else value


def _actions_by_digit(actions: Any) -> Any:
    """`{digit: {field: value}}`: the API does not care about order, so neither does the diff.

    If any digit is not known yet (preview) the whole list is reported as unknown.
    """
    if actions is None:
        return {}
    if not isinstance(actions, list):
        return actions
    keyed: dict[str, dict[str, Any]] = {}
    for action in actions:
        digit = action.get("digit") if isinstance(action, Mapping) else UNKNOWN
        if not isinstance(digit, str):
            return UNKNOWN
        keyed[digit] = {name: _blank_as_none(action.get(name)) for name in ACTION_FIELDS if name != "digit"}
    return keyed


def _status_change(satisfies: Callable[[str, str], bool], live: Any, desired: Any) -> list[FieldChange]:
    """A live status against the desired one: no change when the live one satisfies it."""
    if is_unknown(desired) or not isinstance(live, str) or not isinstance(desired, str):
        return [FieldChange("status", live, desired)] if live != desired else []
    return [] if satisfies(live, desired) else [FieldChange("status", live, desired)]


def _deep_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    if _same(old, new):  # most resources of a plan: no need to walk them with DeepDiff
        return []
    from deepdiff import DeepDiff  # imported on the first diff: `zorio validate` and `--help` never need it

    # threshold 0: always descend (deepdiff would otherwise report a whole menu changed when few digits match)
    tree = DeepDiff(old, new, view="tree", ignore_numeric_type_changes=True, threshold_to_diff_deeper=0)
    changes = []
    for levels in tree.values():
        for level in levels:
            parts = level.path(output_format="list")
            old_value, new_value = _plain(level.t1), _plain(level.t2)
            if len(parts) == 2 and parts[0] == "dtmf_actions":  # a whole action added or removed
                old_value, new_value = _action(parts[1], old_value), _action(parts[1], new_value)
            changes.append(FieldChange(_render_path(parts), old_value, new_value))
    return changes


def _same(old: Any, new: Any) -> bool:
    """Equal by a strict flat comparison, where DeepDiff could not find a change either: the same types (any mix
    of int and float, which the diff ignores), equal values. When False, DeepDiff decides (e.g. True against 1)."""
    numbers = (int, float)
    if isinstance(old, numbers) and isinstance(new, numbers) and not isinstance(old, bool) \
            and not isinstance(new, bool):
        return bool(old == new)
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        return old.keys() == new.keys() and all(_same(value, new[key]) for key, value in old.items())
    if isinstance(old, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new))
    if isinstance(old, (str, bytes, bool, type(None))):
        return bool(old == new)
    return False


def _action(digit: str, keyed: Any) -> Any:
    """A whole action as the user wrote it: its digit first, without the unset targets."""
    if not isinstance(keyed, dict):
        return keyed
    return {"digit": digit, **{name: value for name, value in keyed.items() if value is not None}}


def _as_written(name: str, value: Any) -> Any:
    """A canonical value back in the user's vocabulary (the DTMF mapping becomes a list again)."""
    if name == "dtmf_actions" and isinstance(value, dict):
        return [_action(digit, action) for digit, action in value.items()]
    return value


def _render_path(parts: list[Any]) -> str:
    """`["dtmf_actions", "1", "label"] -> "dtmf_actions[digit=1].label"`; other paths are dotted."""
    if parts and parts[0] == "dtmf_actions" and len(parts) > 1:
        head = f"dtmf_actions[digit={parts[1]}]"
        return ".".join([head, *map(str, parts[2:])])
    return ".".join(map(str, parts))


def _plain(value: Any) -> Any:
    """deepdiff's "not present" marker becomes None, so callers see only their own values."""
    from deepdiff.helper import notpresent

    return None if value is notpresent else value
