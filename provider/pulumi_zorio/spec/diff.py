"""Field-level diff of a resource's old OUTPUTS against its new INPUTS (what Pulumi's diff receives), with deepdiff."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


from .kinds import Keyed, Kind, get_kind
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
        changes.append(FieldChange(name, _as_written(spec.keyed.get(name), old.pop(name, None)), new.pop(name)))
    changes += _deep_changes(old, new, spec.keyed)
    order = {name: index for index, name in enumerate(spec.compared_fields)}
    changes.sort(key=lambda change: (order.get(change.field, len(order)), change.path))
    replaces = sorted({change.field for change in changes} & spec.replace_on)
    return ResourceDiff(changes, replaces)


def canonical(spec: Kind, values: Mapping[str, Any]) -> dict[str, Any]:
    """The compared fields of `values`, normalised; a keyed list (DTMF actions) becomes a mapping by its key."""
    normalised = spec.normalise(values)
    out = {name: _blank_as_none(normalised.get(name)) for name in spec.compared_fields}
    for name, keyed in spec.keyed.items():
        if name in out:
            out[name] = _by_key(out[name], keyed)
    return out


def _blank_as_none(value: Any) -> Any:
    """`""` and None mean the same for optional text: APIs commonly return one for the other."""
    return None if value == "" else value


def _by_key(items: Any, keyed: Keyed) -> Any:
    """`{key: {field: value}}` (DTMF actions by digit): the API does not care about order, so neither does the diff.

    If any key is not known yet (preview) the whole list is reported as unknown.
    """
    if items is None:
        return {}
    if not isinstance(items, list):
        return items
    by_key: dict[str, dict[str, Any]] = {}
    for item in items:
        key = item.get(keyed.key) if isinstance(item, Mapping) else UNKNOWN
        if not isinstance(key, str):
            return UNKNOWN
        by_key[key] = {name: _blank_as_none(item.get(name)) for name in keyed.fields if name != keyed.key}
    return by_key


def _status_change(satisfies: Callable[[str, str], bool], live: Any, desired: Any) -> list[FieldChange]:
    """A live status against the desired one: no change when the live one satisfies it."""
    if is_unknown(desired) or not isinstance(live, str) or not isinstance(desired, str):
        return [FieldChange("status", live, desired)] if live != desired else []
    return [] if satisfies(live, desired) else [FieldChange("status", live, desired)]


def _deep_changes(old: dict[str, Any], new: dict[str, Any], keyed: Mapping[str, Keyed]) -> list[FieldChange]:
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
            if len(parts) == 2 and parts[0] in keyed:  # a whole item (DTMF action) added or removed
                item = keyed[parts[0]]
                old_value, new_value = _item(item, parts[1], old_value), _item(item, parts[1], new_value)
            changes.append(FieldChange(_render_path(parts, keyed), old_value, new_value))
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


def _item(keyed: Keyed, key: str, fields: Any) -> Any:
    """A whole item as the user wrote it: its key first (the DTMF action's digit), without the unset values."""
    if not isinstance(fields, dict):
        return fields
    return {keyed.key: key, **{name: value for name, value in fields.items() if value is not None}}


def _as_written(keyed: Keyed | None, value: Any) -> Any:
    """A canonical value back in the user's vocabulary (a keyed mapping becomes a list again)."""
    if keyed is not None and isinstance(value, dict):
        return [_item(keyed, key, fields) for key, fields in value.items()]
    return value


def _render_path(parts: list[Any], keyed: Mapping[str, Keyed]) -> str:
    """`["dtmf_actions", "1", "label"] -> "dtmf_actions[digit=1].label"`; other paths are dotted."""
    if len(parts) > 1 and parts[0] in keyed:
        head = f"{parts[0]}[{keyed[parts[0]].key}={parts[1]}]"
        return ".".join([head, *map(str, parts[2:])])
    return ".".join(map(str, parts))


def _plain(value: Any) -> Any:
    """deepdiff's "not present" marker becomes None, so callers see only their own values."""
    from deepdiff.helper import notpresent

    return None if value is notpresent else value
