"""Names for the ids a plan holds: scripts, audio prompts and caller-ID groups by the names reviewers know.

A plan compares ids (`script_id: 12`, `target_audio_url: /media/ab12.wav`, `caller_id_group_id: 3`). The stack
knows each managed object's logical name (its state), the YAML names every reference (`script: reminder`, `audio:
thank_you`, `caller_id_group: "Group A - Viettel Sales"`) even while the id is known only after apply, and the
account names its caller-ID groups. Pure: the CLI gathers those sources (`review.gather`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi_zorio.desired.renames import ACTION_TARGETS, CAMPAIGN_FIELDS
from pulumi_zorio.spec.unknown import is_unknown

KIND_MARKERS = (("variable", "variable_code"), ("script", "template_text"), ("campaign", "script_id"),
                ("media_file", "content_sha256"), ("media_file", "file_path"))
"""A recorded object's kind, told by a field only that kind stores (a Pulumi stack export types every dynamic
resource alike: `pulumi-python:dynamic:Resource`)."""


def kind_of(outputs: Mapping[str, Any]) -> str:
    """The kind of a recorded object from its outputs, or "" when they say nothing recognisable."""
    return next((kind for kind, marker in KIND_MARKERS if marker in outputs), "")


@dataclass
class Names:
    """Ids → names, plus the YAML's references by name for values not known before apply."""

    scripts: dict[str, str] = field(default_factory=dict)
    """str(script id) → logical name."""
    media: dict[str, str] = field(default_factory=dict)
    """a media file's `file_path` → logical name."""
    groups: dict[str, str] = field(default_factory=dict)
    """str(caller-ID group id) → the group's name on the account."""
    references: dict[tuple[str, str], str] = field(default_factory=dict)
    """(resource name, path) → the name the YAML wrote: `("q3_care", "script_id")` → `"reminder"`,
    `("reminder", "dtmf_actions[digit=1].target_audio_url")` → `"thank_you"`."""

    def add_record(self, name: str, object_id: Any, outputs: Mapping[str, Any]) -> None:
        """A managed object (from the state): its id, and a media file's path, lead to its logical name."""
        kind = kind_of(outputs)
        if kind == "script":
            self.scripts[str(object_id)] = name
        elif kind == "media_file" and isinstance(outputs.get("file_path"), str):
            self.media[outputs["file_path"]] = name

    def add_records(self, records: Iterable[tuple[str, Any, Mapping[str, Any]]]) -> None:
        for name, object_id, outputs in records:
            self.add_record(name, object_id, outputs)

    def add_groups(self, groups: Iterable[Mapping[str, Any]]) -> None:
        """The account's caller-ID groups (`id`, `name`), as the API lists them."""
        for group in groups:
            if group.get("id") is not None and group.get("name"):
                self.groups[str(group["id"])] = str(group["name"])

    def add_desired(self, config: Any) -> None:
        """References by logical name from a loaded YAML configuration (`desired.DesiredConfig`)."""
        for script in config.scripts.values():
            for action in script.actions():
                digit = str(action.get("digit"))
                for target in ACTION_TARGETS:
                    if isinstance(action.get(target.yaml), str):
                        self.references[(script.name, f"dtmf_actions[digit={digit}].{target.api}")] = action[target.yaml]
        for campaign in config.campaigns.values():
            for field in CAMPAIGN_FIELDS:
                if isinstance(campaign.inputs.get(field.yaml), str):
                    self.references[(campaign.name, field.api)] = campaign.inputs[field.yaml]

    def name_of(self, owner: str, path: str, value: Any) -> str | None:
        """The name behind the id or path `value` held at `path` of resource `owner`, or None if not known."""
        leaf = path.rsplit(".", 1)[-1]
        known = {"script_id": self.scripts, "target_script_id": self.scripts, "caller_id_group_id": self.groups,
                 "target_audio_url": self.media}.get(leaf)
        if known is None:
            return None
        if not is_unknown(value) and value is not None and str(value) in known:
            return known[str(value)]
        return self.references.get((owner, path))


REFERENCE_FIELDS = {rename.api: rename.yaml for rename in (*CAMPAIGN_FIELDS, *ACTION_TARGETS)}
"""Id fields and the word the YAML uses for them (a reviewer reads `script: reminder`, not `script_id: 12`)."""

__all__ = ["KIND_MARKERS", "Names", "REFERENCE_FIELDS", "kind_of"]
