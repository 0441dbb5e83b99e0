"""From parsed files to a merged DesiredConfig, and from a desired item to the inputs of its resource kind."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..spec.kinds import kind_of_section
from ..spec.script import normalise_dtmf_action
from ..spec.values import normalise_timestamp
from .model import (
    RESOURCE_CLASSES,
    SECTIONS,
    DesiredCampaign,
    DesiredConfig,
    DesiredMedia,
    DesiredResource,
    DesiredScript,
    DesiredVariable,
    LocatedProblem,
    Ref,
    Resolver,
)
from .source import SourceFile
from .renames import ACTION_TARGETS, CAMPAIGN_FIELDS
from .yaml_schema import ITEM_OPTIONS


def normalise_document(data: Any) -> Any:
    """YAML conveniences applied before the schema: `digit: 1` (an int 0-9) becomes "1"."""
    scripts = data.get("scripts") if isinstance(data, dict) else None
    for script in scripts.values() if isinstance(scripts, dict) else ():
        actions = script.get("dtmf_actions") if isinstance(script, dict) else None
        for action in actions if isinstance(actions, list) else ():
            if isinstance(action, dict) and "digit" in action and action["digit"] is not None:
                action["digit"] = normalise_dtmf_action({"digit": action["digit"]})["digit"]
    return data


def build_config(sources: Sequence[SourceFile]) -> tuple[DesiredConfig, list[LocatedProblem]]:
    """Merge the files' sections; a logical name declared twice is reported where it is declared again."""
    config = DesiredConfig(files=tuple(source.name for source in sources))
    problems = []
    for source in sources:
        config.spans[source.name] = source.spans
        config.texts[source.name] = source.text
        data = source.data if isinstance(source.data, dict) else {}
        for section in SECTIONS:
            items = data.get(section)
            for name, declared in items.items() if isinstance(items, dict) else ():
                path = f"{section}.{name}"
                location = source.spans[path].key
                existing = config.section(section).get(name)
                if existing is not None:
                    message = (
                        f"'{name}' is already declared at {existing.location}; a logical name must be unique "
                        f"within {section}: rename one of them"
                    )
                    problems.append(LocatedProblem(location, path, message))
                elif isinstance(declared, dict):
                    config.section(section)[name] = _item(section, name, declared, location, source)
    return config, problems


def _item(section: str, name: str, declared: dict[str, Any], location: Any, source: SourceFile) -> DesiredResource:
    inputs = {key: value for key, value in declared.items() if key not in ITEM_OPTIONS}
    options = {key: value for key, value in declared.items() if key in ITEM_OPTIONS}
    inputs.setdefault("name", name)  # the logical name is the default API name [design.md]
    kind = kind_of_section(section)
    if kind.key_field != "name":  # a variable's key is its code
        inputs = {kind.key_field: name, **inputs}
    for field in kind.fields.timestamps:
        if field in inputs:
            inputs[field] = normalise_timestamp(inputs[field])
    if section == "media":
        raw = inputs.get("source")
        if isinstance(raw, str):
            inputs["source"] = str((source.directory / raw).expanduser().resolve())
        return DesiredMedia(name, location, inputs, declared, options, base_dir=source.directory)
    cls = RESOURCE_CLASSES[section]
    return cls(name, location, inputs, declared, options)


def resource_inputs(item: DesiredResource, resolve: Resolver) -> dict[str, Any]:
    """The inputs of the item's resource kind, each reference replaced by `resolve(ref)`.

    `resolve` returns a media file's `file_path`, a script's id, a caller-ID group's id — real outputs in
    the Pulumi program, stand-ins (`stand_in`) for offline checks.
    """
    inputs = dict(item.inputs)
    if isinstance(item, DesiredScript) and isinstance(inputs.get("dtmf_actions"), list):
        inputs["dtmf_actions"] = [_action_inputs(action, resolve) for action in inputs["dtmf_actions"]]
    for field in CAMPAIGN_FIELDS if isinstance(item, DesiredCampaign) else ():
        value = inputs.pop(field.yaml, None)  # a name to resolve, or an id as the API takes it
        if value is not None:
            inputs[field.api] = resolve(Ref(field.refers_to, value)) if isinstance(value, str) else value
    return inputs


def _action_inputs(action: Any, resolve: Resolver) -> Any:
    if not isinstance(action, Mapping):
        return action
    out = {key: value for key, value in action.items() if key not in {target.yaml for target in ACTION_TARGETS}}
    for target in ACTION_TARGETS:
        name = action.get(target.yaml)
        if isinstance(name, str) and out.get(target.api) is None:
            out[target.api] = resolve(Ref(target.refers_to, name))
    return out


def stand_in(ref: Ref) -> Any:
    """A valid placeholder for a referenced object, so spec's per-resource checks run offline."""
    if ref.kind == "media":
        return f"/media/{ref.name}.wav"
    return 1  # ids of scripts and caller-ID groups


__all__ = [
    "DesiredCampaign",
    "DesiredMedia",
    "DesiredScript",
    "DesiredVariable",
    "build_config",
    "normalise_document",
    "resource_inputs",
    "stand_in",
]
