"""Values as a reviewer reads them: names instead of ids, times in the account's time zone, a DTMF action as what
pressing the key does. Returns plain text; each output format escapes it its own way."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from pulumi_zorio.spec.unknown import is_unknown
from pulumi_zorio.spec.values import parse_timestamp

from .menu import describe_action, menu_of
from .names import REFERENCE_FIELDS, Names
from .zone import account_zone, local_time

TIME_FIELDS = frozenset({"start_at", "end_at"})
KNOWN_AFTER_APPLY = "(known after apply)"
_ACTION_PATH = re.compile(r"^dtmf_actions\[digit=(?P<digit>[^\]]+)\]$")


@dataclass(frozen=True)
class Reader:
    """How this review shows values: in `zone`, with `names` for the ids."""

    zone: ZoneInfo
    names: Names = field(default_factory=Names)

    @classmethod
    def default(cls) -> Reader:
        """The configured (or default) time zone, and no names: ids are shown as ids."""
        return cls(account_zone())

    def field(self, path: str) -> str:
        """A change's path in the YAML's words: `script_id` → `script`, `...target_audio_url` → `...audio`."""
        head, _, leaf = path.rpartition(".")
        renamed = REFERENCE_FIELDS.get(leaf, leaf)
        return f"{head}.{renamed}" if head else renamed

    def value(self, owner: str, path: str, value: Any) -> str:
        """`value`, held at `path` of the resource `owner`, as a reviewer reads it."""
        leaf = path.rsplit(".", 1)[-1]
        if leaf in REFERENCE_FIELDS:
            return self.reference(owner, path, value)
        if is_unknown(value):
            return KNOWN_AFTER_APPLY
        if leaf in TIME_FIELDS and (moment := parse_timestamp(value)) is not None:
            return local_time(moment, self.zone)
        if _ACTION_PATH.match(path) and isinstance(value, Mapping):
            return self.action(owner, value)
        if path == "dtmf_actions" and isinstance(value, list):
            return "; ".join(self.action(owner, action) for action in value if isinstance(action, Mapping)) or "none"
        if isinstance(value, str):
            return json.dumps(value, ensure_ascii=False)
        return json.dumps(value, ensure_ascii=False, default=str)

    def reference(self, owner: str, path: str, value: Any) -> str:
        """A referenced object by name; its id when no name is known; "known after apply" when neither is."""
        name = self.names.name_of(owner, path, value)
        if name is not None:
            return name
        if is_unknown(value):
            return KNOWN_AFTER_APPLY
        return f"id {value}" if path.endswith(("_id", "_id]")) else str(value)

    def action(self, owner: str, action: Mapping[str, Any]) -> str:
        """`press 1 "Paid" → play audio payment_received, then hang up`."""
        items = menu_of(owner, {"dtmf_actions": [dict(action)]}, self.name_of(owner)).items
        if not items:  # no digit: shown as written
            return json.dumps(dict(action), ensure_ascii=False, default=str)
        item = items[0]
        label = f" {json.dumps(item.label, ensure_ascii=False)}" if item.label else ""
        return f"press {item.digit}{label} → {describe_action(item.action_type, item.target)}"

    def name_of(self, owner: str) -> Any:
        """The `name_of(path, value)` that `menu_of` takes, for the script `owner`."""
        return lambda path, value: self.names.name_of(owner, path, value)

    def time(self, value: Any) -> str | None:
        """A timestamp in the account's zone, or None for no (or no valid) time."""
        moment = parse_timestamp(value) if not is_unknown(value) else None
        return local_time(moment, self.zone) if moment is not None else None


__all__ = ["KNOWN_AFTER_APPLY", "Reader", "TIME_FIELDS"]
