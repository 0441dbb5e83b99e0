"""The zorio.yaml file-format JSON Schema, BUILT from the resource schemas so the two can never disagree.

Regenerate the committed copy with `python -m pulumi_zorio.desired.yaml_schema > schema/zorio.schema.json`.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from ..spec.script import TARGET_OF_ACTION, TARGETS
from ..spec.fields import load_schema, without_internal
from ..spec.kinds import kind_of_section
from ..spec.quick_schema import QuickVerdict
from ..spec.shape import FORMATS
from .renames import ACTION_TARGETS, CAMPAIGN_FIELDS, REFERENCE_FIELDS

SCHEMA_ID = "https://pulumi-zorio.dev/schemas/zorio.schema.json"
LOGICAL_NAME_PATTERN = "^[A-Za-z0-9_][A-Za-z0-9_-]{0,99}$"
LOGICAL_NAME_HINT = "letters, digits, _ and -, at most 100 characters (e.g. thank_you)"
_DEFAULT_NAME = "Defaults to the logical name (the key of this item)."

_SECTIONS = {
    "variables": "Template placeholders, keyed by variable_code (used in scripts as {{code}}).",
    "media": "Audio prompts uploaded from local files, keyed by logical name (referenced as audio: name).",
    "scripts": "TTS scripts with their DTMF menu, keyed by logical name (referenced as script: name).",
    "campaigns": "Outbound campaigns, keyed by logical name. Nothing dials unless status says so.",
}
"""What each section holds; its `$defs` entry is named by the kind's reference word (`media`)."""
SECTION_EXAMPLES: dict[str, dict[str, Any]] = {
    "variables": {
        "salutation_name": {"name": "Salutation", "description": "How the called party is addressed",
                            "sample_value": "anh An"},
        "due_date": {"name": "Due date", "sample_value": "25/06"},
    },
    "media": {
        "thank_you": {"source": "audio/thank_you.wav", "category": "announcement", "name": "Thank you"},
    },
    "scripts": {
        "reminder": {
            "voice_id": "vi-VN-female-01",
            "tts_tier": "B",
            "template_text": "Xin chào {{salutation_name}}, hạn thanh toán là {{due_date}}. Bấm 1 để xác nhận, "
                             "bấm 2 để gặp nhân viên, bấm 9 để nghe lại.",
            "max_repeat_per_attempt": 2,
            "dtmf_actions": [
                {"digit": "1", "label": "Confirm", "action_type": "playback_then_hangup", "audio": "thank_you"},
                {"digit": "2", "label": "Agent", "action_type": "queue", "target_queue_name": "support@default"},
                {"digit": "9", "label": "Repeat", "action_type": "repeat_script"},
            ],
        },
    },
    "campaigns": {
        "q3_care": {
            "script": "reminder",
            "caller_id_group": "Group A - Viettel Sales",
            "status": "draft",
            "max_retries": 3,
            "retry_interval_minutes": 120,
            "retry_only_when": "no_answer",
            "max_concurrent": 20,
            "start_at": "2026-06-25T08:00:00+07:00",
            "end_at": "2026-06-30T17:00:00+07:00",
        },
    },
}
"""One complete example per section, as a campaign manager writes it: together they are one valid configuration
(with an audio file at audio/thank_you.wav), which tests/desired/test_reference.py checks as `zorio validate` does."""


@cache
def build_schema() -> dict[str, Any]:
    """The whole file-format schema: top-level sections keyed by logical name, one `$defs` entry per kind."""
    sections = {
        name: _section(name, kind_of_section(name).ref, description) for name, description in _SECTIONS.items()
    }
    sections["variables"]["propertyNames"] = copy.deepcopy(_variable_code())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Zorio AutoCall configuration (zorio.yaml, pulumi-zorio)",
        "description": (
            "Zorio AutoCall configuration as code: variables, media, scripts and campaigns keyed by logical "
            "name; references are by logical name. One file or a folder of files (merged)."
        ),
        "type": "object",
        "additionalProperties": False,
        "properties": sections,
        "$defs": {
            "variable": _variable(),
            "media": _media(),
            "script": _script(),
            "dtmf_action": _dtmf_action(),
            "campaign": _campaign(),
        },
    }


@cache
def validator() -> Draft202012Validator:
    """A validator of whole (plain-data) zorio.yaml documents."""
    return Draft202012Validator(build_schema(), format_checker=FORMATS)


@cache
def quick_verdict() -> QuickVerdict:
    """The compiled verdict on whole documents (see `spec.quick_schema`; compiling this schema costs ~60 ms, so
    `shape_check` asks it only about big documents)."""
    return QuickVerdict(build_schema, FORMATS, worth_after=0)


def _section(name: str, definition: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": "object",
        "propertyNames": {"pattern": LOGICAL_NAME_PATTERN, "x-pattern-hint": LOGICAL_NAME_HINT},
        "additionalProperties": {"$ref": f"#/$defs/{definition}"},
        "examples": [copy.deepcopy(SECTION_EXAMPLES[name])],
    }


TARGET_RULES_NOTE = (
    "The target each action_type takes (and only that one). zorio validate reports these with the file's own "
    "words, so its shape check leaves errors from this allOf to its semantic check; every other checker of this "
    "schema rejects the same files."
)

ITEM_OPTIONS: dict[str, dict[str, Any]] = {
    "protect": {
        "description": (
            "Protect this object: the stack refuses to delete it (`pulumi destroy`, or removing it from the files, "
            "fails) until this is set back to false."
        ),
        "type": "boolean",
        "default": False,
    },
    "delete_on_destroy": {
        "description": (
            "Only with adopt_id: delete the object in Zorio when the stack stops managing it (destroy, or removing "
            "it from the files). Default false: an object taken over with adopt_id existed before the stack and is "
            "released instead, left in Zorio as it is (a running campaign keeps its status and keeps dialing)."
        ),
        "type": "boolean",
        "default": False,
    },
}
"""Keys of every item that are not API fields but how the stack manages the object (Pulumi resource options)."""


def _resource(kind: str) -> dict[str, Any]:
    """A resource schema as an embeddable definition (no `$schema`/`$id`/nested `$defs`), plus the item options."""
    schema = without_internal(load_schema(kind))
    for key in ("$schema", "$id", "$defs"):
        schema.pop(key, None)
    schema["properties"].update(copy.deepcopy(ITEM_OPTIONS))
    return schema


def _variable_code() -> dict[str, Any]:
    code = load_schema("variable")["properties"]["variable_code"]
    return {"pattern": code["pattern"], "x-pattern-hint": code["x-pattern-hint"]}


def _variable() -> dict[str, Any]:
    schema = _resource("variable")
    schema["description"] = "The key of this item is the variable_code. " + schema["description"]
    del schema["properties"]["variable_code"]
    schema["required"] = [field for field in schema.get("required", []) if field != "variable_code"]
    if not schema["required"]:
        del schema["required"]
    return schema


def _media() -> dict[str, Any]:
    schema = _resource("media_file")
    del schema["properties"]["content_sha256"]  # computed from the file by check(), never written by users
    schema["properties"]["source"]["description"] += " In YAML, relative to the file that declares it."
    return schema


ACTION_TYPES = {
    "playback": "Plays an audio prompt (`audio:`), then the menu goes on.",
    "playback_then_hangup": "Plays an audio prompt (`audio:`), then hangs up.",
    "queue": "Transfers the call to an agent queue (`target_queue_name:`, e.g. `support@default`).",
    "switch_script": "Goes on with another script of this configuration (`script:`).",
    "repeat_script": "Reads this script again (at most `max_repeat_per_attempt` times).",
    "hangup": "Ends the call.",
}
CAMPAIGN_STATUSES = {
    "draft": "Configured, never started: **does not dial**. The default.",
    "running": "**DIALS REAL PEOPLE**: started (or resumed), calling its leads. A completed campaign satisfies it.",
    "paused": "**DIALS REAL PEOPLE** when it is first started (a draft is started, then paused); no new calls "
              "while paused.",
    "stopped": "Stopped for good: a stopped campaign **never dials again**.",
    "archived": "Put away; only name and description can change.",
}
SCRIPT_SNIPPET = {
    "label": "Script with a DTMF menu",
    "description": "A TTS script: a greeting with a placeholder and a menu of keys.",
    "body": {
        "voice_id": "vi-VN-female-01",
        "template_text": "${1:Xin chào {{salutation_name}}. Bấm 1 để xác nhận, bấm 2 để gặp nhân viên.}",
        "dtmf_actions": [
            {"digit": "1", "label": "Confirm", "action_type": "playback_then_hangup", "audio": "${2:thank_you}"},
            {"digit": "2", "label": "Agent", "action_type": "queue", "target_queue_name": "support@default"},
        ],
    },
}
CAMPAIGN_SNIPPET = {
    "label": "Draft campaign",
    "description": "A campaign that does not dial until its status is set to running.",
    "body": {
        "script": "${1:reminder}",
        "caller_id_group": "${2:Group A - Viettel Sales}",
        "status": "draft",
        "max_retries": 3,
        "start_at": "${3:2026-06-25T08:00:00+07:00}",
        "end_at": "${4:2026-06-30T17:00:00+07:00}",
    },
}


def _described_enum(spec: dict[str, Any], meanings: dict[str, str]) -> None:
    """What each value means, for editors' completion lists (VS Code's `markdownEnumDescriptions`)."""
    assert list(meanings) == list(spec["enum"]), "every enum value needs its meaning, in order"
    spec["markdownEnumDescriptions"] = list(meanings.values())


def _script() -> dict[str, Any]:
    schema = _resource("script")
    schema["properties"]["dtmf_actions"]["items"] = {"$ref": "#/$defs/dtmf_action"}
    schema["defaultSnippets"] = [SCRIPT_SNIPPET]
    return schema


_ACTION_REFERENCES = {  # (the reference's description, when the raw target serves instead)
    "target_audio_url": ("For playback and playback_then_hangup: the logical name of a media file of this "
                         "configuration (its file_path becomes target_audio_url).", "a media file not managed here"),
    "target_script_id": ("For switch_script: the logical name of another script of this configuration (its id "
                         "becomes target_script_id).", "a script not managed here"),
}
_CAMPAIGN_REFERENCES: dict[str, dict[str, Any]] = {
    "script_id": {
        "description": "The logical name of the script to read (under scripts:); it must be active.",
        "type": "string",
        "minLength": 1,
    },
    "caller_id_group_id": {
        "description": 'The caller-ID rotation group to dial from, by name (e.g. "Group A - Viettel Sales") '
        "or by integer id; it must exist and be active (`zorio caller-id-groups` lists them). Without one, a "
        "campaign that starts (status running or paused) dials from the default trunk's caller ID, or Zorio "
        "refuses to start it: zorio validate warns.",
        "type": ["string", "integer", "null"],
        "minLength": 1,
        "minimum": 1,
        "examples": ["Group A - Viettel Sales"],
    },
}
"""The YAML key of each renamed campaign field (desired.renames), as the schema describes it."""


def _dtmf_action() -> dict[str, Any]:
    action = without_internal(load_schema("script")["$defs"]["dtmf_action"])
    properties = action["properties"]
    action["properties"] = {}
    references = {target.api: target for target in ACTION_TARGETS}
    for name, spec in properties.items():
        if name in references:  # the reference by logical name first, then the raw target it replaces
            (description, raw_use), key = _ACTION_REFERENCES[name], references[name].yaml
            action["properties"][key] = {"description": description, "type": "string", "minLength": 1}
            spec["description"] += f" Only for {raw_use}; prefer {key}."
        if name == "digit":  # YAML users write digit: 1; the loader turns it into "1" after this schema
            spec["type"] = ["string", "integer"]
            spec["enum"] = [*spec["enum"], *range(10)]
            spec["description"] += ' In YAML 0-9 may be written unquoted (digit: 1); quote * and # (digit: "#").'
        if name == "action_type":
            _described_enum(spec, ACTION_TYPES)
        action["properties"][name] = spec
    action["allOf"] = [_target_rule(action_type, target) for action_type, target in TARGET_OF_ACTION.items()]
    action["$comment"] = TARGET_RULES_NOTE
    return action


def _target_rule(action_type: str, target: str | None) -> dict[str, Any]:
    """When action_type is `action_type`: its target, given once (as a reference or raw), and no other target."""
    names = [target, *(ref for ref, raw in REFERENCE_FIELDS.items() if raw == target)] if target else []
    # Absent and null mean the same to zorio validate (and to the API): a target it does not use may be null,
    # the one it needs may not.
    then: dict[str, Any] = {"properties": {field: {"type": "null"} for field in (*TARGETS, *REFERENCE_FIELDS)
                                           if field not in names}}
    if names:
        then["anyOf"] = [{"required": [name], "properties": {name: {"not": {"type": "null"}}}} for name in names]
    if len(names) == 2:
        then["not"] = {"required": names}
    return {"if": {"properties": {"action_type": {"const": action_type}}, "required": ["action_type"]},
            "then": then}


def _campaign() -> dict[str, Any]:
    schema = _resource("campaign")
    renamed = {field.api: field.yaml for field in CAMPAIGN_FIELDS}
    schema["properties"] = {
        renamed.get(name, name): copy.deepcopy(_CAMPAIGN_REFERENCES[name]) if name in renamed else spec
        for name, spec in schema["properties"].items()
    }
    schema["required"] = [renamed.get(field, field) for field in schema["required"]]
    _described_enum(schema["properties"]["status"], CAMPAIGN_STATUSES)
    schema["defaultSnippets"] = [CAMPAIGN_SNIPPET]
    return schema


def render() -> str:
    """The schema as committed under `schema/zorio.schema.json`: 2-space JSON, trailing newline."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(render(), end="")
