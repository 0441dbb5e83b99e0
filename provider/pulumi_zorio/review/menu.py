"""A script's DTMF menu as a reviewer reads it: the greeting, and what each key press does, targets by name; and
what changed between two menus (digits added, removed, re-targeted or relabelled). Pure."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_zorio.spec.unknown import is_unknown

DIGIT_ORDER = "1234567890*#"
TARGET_FIELDS = {"playback": "target_audio_url", "playback_then_hangup": "target_audio_url",
                 "queue": "target_queue_name", "switch_script": "target_script_id"}

NameOf = Callable[[str, Any], "str | None"]
"""(path inside the script, value) → the name behind it, or None."""


@dataclass(frozen=True)
class MenuItem:
    """One key: its label, action type and the target's display name ("" for repeat and hang-up)."""

    digit: str
    label: str
    action_type: str
    target: str = ""

    @property
    def what(self) -> str:
        """`play audio thank_you, then hang up`: what pressing the key does."""
        return describe_action(self.action_type, self.target)


@dataclass(frozen=True)
class Menu:
    """A script's menu: its logical name, greeting template, repeat limit and keys in keypad order."""

    script: str
    template: str
    max_repeat: int | None
    items: tuple[MenuItem, ...]

    def item(self, digit: str) -> MenuItem | None:
        return next((item for item in self.items if item.digit == digit), None)

    @property
    def switches_to(self) -> list[str]:
        """The scripts this menu's keys switch to (by name), in key order, each once."""
        return list(dict.fromkeys(i.target for i in self.items if i.action_type == "switch_script" and i.target))


def describe_action(action_type: str, target: str = "") -> str:
    """What one key press does, in a reviewer's words."""
    shown = target or "(known after apply)"
    return {
        "playback": f"play audio {shown}",
        "playback_then_hangup": f"play audio {shown}, then hang up",
        "queue": f"transfer to queue {shown}",
        "switch_script": f"switch to script {shown}",
        "repeat_script": "repeat the message",
        "hangup": "hang up",
    }.get(action_type, f"{action_type} {target}".strip())


def menu_of(script: str, values: Mapping[str, Any], name_of: NameOf) -> Menu:
    """The menu declared by a script's values (spec vocabulary: ids and file paths, resolved by `name_of`)."""
    actions = values.get("dtmf_actions")
    items = []
    for action in actions if isinstance(actions, list) else []:
        if not isinstance(action, Mapping) or not isinstance(action.get("digit"), str):
            continue
        items.append(_item(action, name_of))
    template = values.get("template_text")
    repeat = values.get("max_repeat_per_attempt")
    return Menu(script, template if isinstance(template, str) else "", repeat if isinstance(repeat, int) else None,
                tuple(sorted(items, key=lambda item: digit_order(item.digit))))


def _item(action: Mapping[str, Any], name_of: NameOf) -> MenuItem:
    digit, action_type = str(action["digit"]), str(action.get("action_type") or "")
    target_field = TARGET_FIELDS.get(action_type)
    target = ""
    if target_field is not None:
        value = action.get(target_field)
        path = f"dtmf_actions[digit={digit}].{target_field}"
        named = name_of(path, value)
        target = named or ("" if is_unknown(value) or value is None else str(value))
    label = action.get("label")
    return MenuItem(digit, label if isinstance(label, str) else "", action_type, target)


def digit_order(digit: str) -> tuple[int, str]:
    """Keypad order: 1-9, 0, *, #."""
    return (DIGIT_ORDER.index(digit) if digit in DIGIT_ORDER else len(DIGIT_ORDER), digit)


ADDED, REMOVED, RETARGETED, RELABELLED = "added", "removed", "retargeted", "relabelled"
CHANGE_WORDS = {ADDED: "added", REMOVED: "removed", RETARGETED: "re-targeted", RELABELLED: "relabelled"}


@dataclass(frozen=True)
class MenuChange:
    """How one digit changed: `before` is the old item (None when added), `after` the new (None when removed)."""

    digit: str
    change: str
    before: MenuItem | None
    after: MenuItem | None


def menu_changes(old: Menu, new: Menu) -> dict[str, MenuChange]:
    """Digit → its change; digits that did not change are absent."""
    changes = {}
    for digit in sorted({i.digit for i in (*old.items, *new.items)}, key=digit_order):
        before, after = old.item(digit), new.item(digit)
        if before == after:
            continue
        if before is None:
            kind = ADDED
        elif after is None:
            kind = REMOVED
        elif (before.action_type, before.target) != (after.action_type, after.target):
            kind = RETARGETED
        else:
            kind = RELABELLED
        changes[digit] = MenuChange(digit, kind, before, after)
    return changes


__all__ = ["CHANGE_WORDS", "Menu", "MenuChange", "MenuItem", "describe_action", "digit_order", "menu_changes",
           "menu_of"]
