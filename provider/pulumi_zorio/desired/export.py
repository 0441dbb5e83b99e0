"""From an account's objects to our YAML format (pure, no I/O): readable logical names, references by name, only
what differs from the defaults, each object with its `adopt_id`, and a comment where a person should look.

`zorio export` (cli/export.py) reads the account and writes what this builds; the round trip is the contract:
the export validates, its first apply adopts everything with zero writes, and the next plan says "No changes."
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..spec.fields import load_schema
from ..spec.kinds import get_kind, kind_of_section
from ..spec.lifecycle import desired_of
from ..spec.placeholders import placeholders
from ..spec.shape import defaults
from .model import SECTIONS
from .yaml_schema import LOGICAL_NAME_PATTERN, REFERENCE_FIELDS


def _plain_fields(kind: str, first: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The API fields of `kind` an export writes as they are (`first` leading, then in schema order): not `name`
    (the logical name stands for it), not ids (written as references), not lists (each has its own writer)."""
    properties = load_schema(kind)["properties"]
    plain = [field for field in get_kind(kind).fields.payload
             if field != "name" and not properties[field].get("x-id") and properties[field].get("type") != "array"]
    return (*first, *(field for field in plain if field not in first))


CAMPAIGN_FIELDS = _plain_fields("campaign")
SCRIPT_FIELDS = _plain_fields("script", first=("description", "voice_id", "tts_tier"))
"""A script reads best voice first, then the text it speaks."""
ACTION_FIELDS = tuple(field for field in load_schema("script")["$defs"]["dtmf_action"]["properties"]
                      if field not in REFERENCE_FIELDS.values())
"""What an exported DTMF action holds as it is; its targets by file path or id become references where they can."""
_LOGICAL_NAME = re.compile(LOGICAL_NAME_PATTERN)


@dataclass(frozen=True)
class Account:
    """What the API lists, per kind (the objects as the API returns them), and the caller-ID groups."""

    variables: list[dict[str, Any]] = field(default_factory=list)
    media: list[dict[str, Any]] = field(default_factory=list)
    scripts: list[dict[str, Any]] = field(default_factory=list)
    campaigns: list[dict[str, Any]] = field(default_factory=list)
    caller_id_groups: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Export:
    """The configuration to write: items per section (in order), a comment per item that needs a person's
    attention, and the audio file each media item's `source` names (media logical name → (id, relative path))."""

    sections: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {s: {} for s in SECTIONS})
    comments: dict[tuple[str, str], str] = field(default_factory=dict)
    audio: dict[str, tuple[Any, str]] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)
    """Per section, the objects exported only because a chosen object uses them."""


def export_config(account: Account, kinds: Iterable[str] = SECTIONS, only_names: str | None = None) -> Export:
    """The account as our YAML format. `kinds` limits the sections; `only_names` (a glob on API names) the items.

    What the chosen objects use comes along (a campaign's script, a script's audio, the scripts it switches to and
    the variables its text uses), so the export always validates; `Export.added` counts those per section.
    """
    chosen, added = _with_dependencies(account, {
        section: [obj for obj in _objects(account, section) if _named(obj, section, only_names)]
        for section in SECTIONS if section in set(kinds)})
    kinds = [section for section in SECTIONS if section in chosen]
    names = {section: _logical_names(chosen[section], section) for section in kinds}
    out = Export(added=added)
    media_by_path = {obj.get("file_path"): names["media"][obj["id"]] for obj in chosen.get("media", [])}
    used_paths = {action.get("target_audio_url") for script in account.scripts
                  for action in script.get("dtmf_actions") or []}
    codes = {obj.get("variable_code") for obj in account.variables}
    groups = {group["id"]: group for group in account.caller_id_groups}
    for obj in chosen.get("variables", []):
        out.sections["variables"][names["variables"][obj["id"]]] = _variable(obj)
    for obj in chosen.get("media", []):
        name = names["media"][obj["id"]]
        source = f"audio/{name}.wav"  # the API stores every upload as WAV [D]
        out.sections["media"][name] = {"source": source, **_media(obj, name)}
        out.audio[name] = (obj["id"], source)
        if obj.get("file_path") not in used_paths:
            out.comments[("media", name)] = "no script of this account plays this audio prompt"
    for obj in chosen.get("scripts", []):
        name = names["scripts"][obj["id"]]
        out.sections["scripts"][name] = _script(obj, name, media_by_path, names.get("scripts", {}))
        missing = [code for code in placeholders(str(obj.get("template_text") or "")) if code not in codes]
        if missing:
            listed = ", ".join("{{%s}}" % code for code in dict.fromkeys(missing))
            out.comments[("scripts", name)] = f"{listed}: no such variable on this account; declare it or fix the text"
    for obj in chosen.get("campaigns", []):
        name = names["campaigns"][obj["id"]]
        out.sections["campaigns"][name] = _campaign(obj, name, names.get("scripts", {}), groups)
        note = _campaign_note(obj, groups)
        if note:
            out.comments[("campaigns", name)] = note
    return out


def _with_dependencies(
    account: Account, chosen: dict[str, list[dict[str, Any]]]
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """`chosen` plus everything it uses, transitively, each section in id order; and how many were added."""
    picked = {section: {obj["id"] for obj in objects} for section, objects in chosen.items()}
    media_ids = {obj.get("file_path"): obj["id"] for obj in account.media}
    variable_ids = {obj.get("variable_code"): obj["id"] for obj in account.variables}
    scripts = {obj["id"]: obj for obj in account.scripts}
    changed = True
    while changed:
        before = sum(len(ids) for ids in picked.values())
        for campaign in account.campaigns:
            if campaign["id"] in picked.get("campaigns", ()) and campaign.get("script_id") in scripts:
                picked.setdefault("scripts", set()).add(campaign["script_id"])
        for script_id in list(picked.get("scripts", ())):
            script = scripts[script_id]
            for action in script.get("dtmf_actions") or []:
                if action.get("target_audio_url") in media_ids:
                    picked.setdefault("media", set()).add(media_ids[action["target_audio_url"]])
                if action.get("target_script_id") in scripts:
                    picked["scripts"].add(action["target_script_id"])
            for code in placeholders(str(script.get("template_text") or "")):
                if code in variable_ids:
                    picked.setdefault("variables", set()).add(variable_ids[code])
        changed = sum(len(ids) for ids in picked.values()) != before
    result = {section: [obj for obj in _objects(account, section) if obj["id"] in picked[section]]
              for section in SECTIONS if section in picked}
    return result, {section: len(result[section]) - len(chosen.get(section, [])) for section in result}


# --- one builder per kind ----------------------------------------------------------------------------------------


def _variable(obj: Mapping[str, Any]) -> dict[str, Any]:
    item = _without_defaults("variable", {"name": obj.get("name"), "description": obj.get("description"),
                                          "sample_value": obj.get("sample_value")}, obj.get("variable_code"))
    return {**item, "adopt_id": obj["id"]}


def _media(obj: Mapping[str, Any], name: str) -> dict[str, Any]:
    item = _without_defaults("media_file", {"name": obj.get("name"), "category": obj.get("category")}, name)
    return {**item, "adopt_id": obj["id"]}


def _script(obj: Mapping[str, Any], name: str, media_by_path: Mapping[Any, str],
            script_names: Mapping[Any, str]) -> dict[str, Any]:
    item = _without_defaults("script", {"name": obj.get("name"), **{f: obj.get(f) for f in SCRIPT_FIELDS}}, name)
    actions = [_action(action, media_by_path, script_names) for action in obj.get("dtmf_actions") or []]
    if actions:
        item["dtmf_actions"] = actions
    return {**item, "adopt_id": obj["id"]}


def _action(action: Mapping[str, Any], media_by_path: Mapping[Any, str],
            script_names: Mapping[Any, str]) -> dict[str, Any]:
    out = {key: action[key] for key in ACTION_FIELDS if action.get(key) not in (None, "")}
    for ref, raw in REFERENCE_FIELDS.items():
        value = action.get(raw)
        if value is None:
            continue
        named = media_by_path.get(value) if ref == "audio" else script_names.get(value)
        out[ref if named else raw] = named or value  # by logical name when the object is exported too
    return out


def _campaign(obj: Mapping[str, Any], name: str, script_names: Mapping[Any, str],
              groups: Mapping[Any, Mapping[str, Any]]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if obj.get("name") != name:
        item["name"] = obj.get("name")
    item["script"] = script_names.get(obj.get("script_id"), obj.get("script_id"))
    group = groups.get(obj.get("caller_id_group_id"))
    if obj.get("caller_id_group_id") is not None:  # by name while the group is active (as lookups need it)
        active = group is not None and group.get("status") == "active"
        item["caller_id_group"] = group["name"] if active else obj["caller_id_group_id"]
    item["status"] = desired_of(obj["status"])  # starting and completed satisfy running
    item.update(_without_defaults("campaign", {f: obj.get(f) for f in CAMPAIGN_FIELDS}, name))
    return {**item, "adopt_id": obj["id"]}


def _campaign_note(obj: Mapping[str, Any], groups: Mapping[Any, Mapping[str, Any]]) -> str | None:
    status = obj.get("status")
    if status in ("running", "starting"):
        return (f"{status.upper()}: this campaign DIALS REAL PEOPLE now. Adopting it changes nothing;\n"
                "another status here pauses or stops it on the next apply")
    if status == "paused":
        return "PAUSED: this campaign has dialed; setting status: running resumes it (DIALS REAL PEOPLE)"
    if status == "completed":
        return "COMPLETED (no pending leads left): exported as running, which a completed campaign satisfies"
    group = groups.get(obj.get("caller_id_group_id"))
    if obj.get("caller_id_group_id") is not None and (group is None or group.get("status") != "active"):
        return "its caller-ID group is not active: written by id; starting the campaign would be refused"
    return None


# --- names and defaults ------------------------------------------------------------------------------------------


def _objects(account: Account, section: str) -> list[dict[str, Any]]:
    return sorted(getattr(account, section), key=lambda obj: int(obj["id"]))


def _named(obj: Mapping[str, Any], section: str, pattern: str | None) -> bool:
    name = obj.get(kind_of_section(section).key_field)
    return pattern is None or fnmatch.fnmatchcase(str(name), pattern)


def _logical_names(objects: list[dict[str, Any]], section: str) -> dict[Any, str]:
    """id → logical name: readable (ASCII, snake_case), unique (`_2`, `_3` by id order), the same every run."""
    kind = kind_of_section(section)
    taken: set[str] = set()
    names = {}
    for obj in objects:  # a variable's key is its code, already a logical name; other names are slugged
        base = str(obj[kind.key_field]) if kind.key_field != "name" else slug(str(obj.get("name") or ""))
        base = base or f"{kind.name}_{obj['id']}"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        names[obj["id"]] = name
    return names


def slug(text: str) -> str:
    """`Nhắc lịch hẹn - Tháng 12` → `nhac_lich_hen_thang_12`: Vietnamese diacritics folded (đ → d)."""
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    name = re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")[:100]
    return name if _LOGICAL_NAME.match(name) else ""


def _without_defaults(kind: str, values: Mapping[str, Any], logical_name: Any) -> dict[str, Any]:
    """The values a person would write: no None, no schema default, no `name` equal to the logical name."""
    kind_defaults = defaults(kind)
    out = {}
    for key, value in values.items():
        if value in (None, "") or (key in kind_defaults and kind_defaults[key] == value):
            continue
        if key == "name" and value == logical_name:
            continue
        out[key] = value
    return out
