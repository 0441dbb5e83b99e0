"""The one table of YAML keys that name a resource input differently (API field ↔ YAML key), and the YAML
vocabulary that renders spec's Problems with it.

`resource_inputs` turns the YAML keys into the inputs with this table, and `YamlTerms` turns a Problem about the
inputs back into the file's words with the same table, so the two cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rename:
    """A resource input the YAML file gives under another key."""

    api: str
    """The resource input (`script_id`)."""
    yaml: str
    """The YAML key (`script`); "" = the item's own key (a variable's code)."""
    refers_to: str = ""
    """The kind of item the YAML value names (`Ref.kind`), when the YAML gives a name where the API takes an id."""
    hint: str | None = None
    """What to write there, for a message that asks for it."""


CAMPAIGN_FIELDS = (
    Rename("script_id", "script", "script"),
    Rename("caller_id_group_id", "caller_id_group", "caller_id_group"),
)
ACTION_TARGETS = (
    Rename("target_audio_url", "audio", "media", "the logical name of a media file declared under media:"),
    Rename("target_script_id", "script", "script", "the logical name of a script declared under scripts:"),
)
"""A DTMF action may also give the raw target (an object not managed here): then the API name stays."""
VARIABLE_FIELDS = (Rename("variable_code", ""),)

RENAMES: dict[tuple[str, str], tuple[Rename, ...]] = {
    ("variable", ""): VARIABLE_FIELDS,
    ("campaign", ""): CAMPAIGN_FIELDS,
    ("script", "dtmf_actions.#"): ACTION_TARGETS,
}
"""(kind, API path of the object with # for a list index) → the renamed fields of that object."""


def renames_at(kind: str, parent: str) -> tuple[Rename, ...]:
    """The renamed fields of the object at API path `parent` of a `kind` resource."""
    pattern = ".".join("#" if part.isdigit() else part for part in parent.split("."))
    return RENAMES.get((kind, pattern), ())


class YamlTerms:
    """The vocabulary of one YAML item: renamed fields get their YAML key, unless the file wrote the API key."""

    def __init__(self, kind: str, declared: Mapping[str, Any]) -> None:
        self.kind, self.declared = kind, declared

    def field(self, parent: str, name: str) -> str:
        rename = self._rename(parent, name)
        return name if rename is None else rename.yaml

    def hint(self, parent: str, name: str) -> str | None:
        rename = self._rename(parent, name)
        return None if rename is None else rename.hint

    def _rename(self, parent: str, name: str) -> Rename | None:
        rename = next((rename for rename in renames_at(self.kind, parent) if rename.api == name), None)
        written = _at(self.declared, parent)
        return None if isinstance(written, Mapping) and name in written else rename


def _at(data: Any, path: str) -> Any:
    """The value at dotted `path` of the declared data, or None."""
    for part in path.split(".") if path else ():
        if isinstance(data, Mapping):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


REFERENCE_FIELDS = {rename.yaml: rename.api for rename in ACTION_TARGETS}
"""A DTMF action's reference by logical name → the resource input it becomes once the referenced object exists."""
