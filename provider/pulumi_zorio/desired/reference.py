"""docs/reference.md, the field reference for campaign managers, GENERATED from the published file-format schema.

Every word of it about a field (type, range, default, meaning, example) comes from `build_schema()`, the schema editors
show on hover and `zorio validate` applies, and whether a change replaces the object comes from the kinds'
REPLACE_ON; so the reference cannot say anything the checks do not do. Regenerate the committed copy with
`python -m pulumi_zorio.desired.reference > docs/reference.md` (tests/desired/test_reference.py fails when stale).
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from ..spec.kinds import KINDS, get_kind
from ..spec.script import TARGET_OF_ACTION
from ..spec.shape import TIMESTAMP_HINT, load_schema
from .yaml_schema import ACTION_TYPES, ITEM_OPTIONS, REFERENCE_FIELDS, build_schema

COMMAND = "python -m pulumi_zorio.desired.reference > docs/reference.md"
KEY = "*key*"
"""The row of an item's key: the logical name (for variables, the variable_code)."""

SECTIONS = {kind.section: kind.ref for kind in KINDS.values()}
"""Top-level section → its `$defs` entry in the published schema."""
KINDS = {"variables": "variable", "media": "media_file", "scripts": "script", "campaigns": "campaign"}
"""Top-level section → the resource kind it becomes."""
YAML_FIELD_OF = {"variable_code": KEY, "content_sha256": "source"}
"""Where a resource field that forces a replacement is written in YAML: a variable's code is its key, and a media
file's content hash comes from the file its `source` names. A new REPLACE_ON field must be added here (KeyError)."""

TYPE_WORDS = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false",
              "array": "list", "object": "mapping", "null": "null"}
CHANGE_WORDS = {"replace": "**replaces**", "update": "in place", "none": "—", "rename": "remove + add"}
SECTION_NOTES = {
    "campaigns": "On a running campaign, a change Zorio does not take while it dials is made by pausing the campaign, "
                 "changing it and resuming it; the plan shows each step, and refuses a change that no path allows.",
}
"""What a section's table cannot say in a cell."""

INTRO = f"""\
# zorio.yaml field reference

<!-- Generated from the file-format schema by `{COMMAND}`: do not edit by hand. -->

Every field you can write in a zorio YAML configuration: its type, whether you must give it, the values it accepts,
its default, what it means, and whether changing it later replaces the object in Zorio. This page is generated from
[`schema/zorio.schema.json`](../schema/zorio.schema.json), the same schema your editor uses and `zorio validate`
applies, so it always says what the checks do.

A configuration is one YAML file, or a folder of YAML files read together, with up to four sections. Each item is
keyed by a **logical name** of your choosing (letters, digits, `_` and `-`; one item per name in the whole
configuration); items refer to each other by that name (`audio: thank_you`, `script: reminder`). Check your files
before anything else:

```sh
zorio validate path/to/folder      # offline; every problem at file:line:column, with the fix
```

## Contents

- [Reading the tables](#reading-the-tables)
- [Values from your account: voices, queues, caller-ID groups](#values-from-your-account)
- [variables](#variables): template placeholders such as `{{{{salutation_name}}}}`
- [media](#media): audio prompts uploaded from local files
- [scripts](#scripts): what is read to the called party, and its key menu
  - [dtmf_actions](#dtmf_actions): one key of the menu
  - [Action types](#action-types)
- [campaigns](#campaigns): who is called, when, and whether dialing starts
- [A complete file](#a-complete-file)

## Reading the tables

- **Field**: what you write before the colon. *key* is the item's own name under its section (for a variable,
  its variable_code).
- **Required**: *yes* means the item is incomplete without it; *no* means you may leave it out, and the default
  (or what the meaning says) applies.
- **Allowed values**: the range, list of choices or form the value must have; `zorio validate` reports any other.
- **Default**: what an omitted field means. `—`: no default (see the meaning).
- **On change**: what changing the field in a file that was already applied does. *in place*: the object is
  updated. **replaces**: Zorio gets a new object and the old one is deleted (the plan shows it as `-/+`).
  *remove + add*: renaming an item's key is removing the item (its object is deleted, or released if it was
  taken over with `adopt_id`) and adding a new one. *—*: the field tells the stack how to manage the object and
  changes nothing in Zorio.

## Values from your account

Voices, agent queues and caller-ID groups are set up in your Zorio account, not in these files. List the values
your account accepts (with `ZORIO_BASE_URL` and `ZORIO_TOKEN`, or `ZORIO_USERNAME` and `ZORIO_PASSWORD`, set):

| Command | Lists | Used as |
|---|---|---|
| `zorio voices` | the voices you may use | `voice_id:` of a script |
| `zorio queues` | the agent queues calls can be transferred to | `target_queue_name:` of a `queue` action |
| `zorio caller-id-groups` | the caller-ID groups campaigns dial from | `caller_id_group:` of a campaign |

Add `--format json` for scripts.
"""


def render() -> str:
    """The whole reference as committed under `docs/reference.md`."""
    schema = build_schema()
    parts = [INTRO]
    for section in SECTIONS:
        parts.append(_section(schema, section))
        if section == "scripts":
            parts.append(_dtmf_actions(schema))
    parts.append(_complete_file(schema))
    return "\n".join(parts)


def _section(schema: dict[str, Any], section: str) -> str:
    spec = schema["properties"][section]
    definition = schema["$defs"][SECTIONS[section]]
    intro = " ".join([definition["description"], *([SECTION_NOTES[section]] if section in SECTION_NOTES else [])])
    lines = [f"## {section}", "", _text(intro), "", "Example:", "", _yaml({section: spec["examples"][0]}), ""]
    lines += _table(definition, _key_row(schema, section), _change_of(section))
    return "\n".join(lines) + "\n"


def _dtmf_actions(schema: dict[str, Any]) -> str:
    action = schema["$defs"]["dtmf_action"]
    lines = ["### dtmf_actions", "", _text(f"{action['description']} The whole menu updates in place."), "",
             ("The fields `audio:` and `script:` refer to a media file and a script of your configuration by "
              "logical name; use them rather than the raw `target_audio_url` and `target_script_id`."), ""]
    lines += _table(action, None, None)
    lines += ["", "### Action types", "", "| action_type | What pressing the key does | Give |", "|---|---|---|"]
    for action_type, meaning in ACTION_TYPES.items():
        target = TARGET_OF_ACTION[action_type]
        reference = next((name for name, raw in REFERENCE_FIELDS.items() if raw == target), None)
        give = "nothing else" if target is None else (
            f"`{reference}:` (or `{target}:`)" if reference else f"`{target}:`")
        lines.append(f"| `{action_type}` | {_cell(meaning)} | {give} |")
    return "\n".join(lines) + "\n"


def _complete_file(schema: dict[str, Any]) -> str:
    document = {section: schema["properties"][section]["examples"][0] for section in SECTIONS}
    return "\n".join([
        "## A complete file", "",
        ("The examples above together, as one `zorio.yaml` (with the recording at `audio/thank_you.wav` beside "
         "it). Its first line lets your editor check and complete it as you type: the path there leads from the "
         "file to `schema/zorio.schema.json` of this repository (here, for a file two folders down)."), "",
        _yaml(document, first_line="# yaml-language-server: $schema=../../schema/zorio.schema.json"),
    ]) + "\n"


def _key_row(schema: dict[str, Any], section: str) -> list[str]:
    names = schema["properties"][section]["propertyNames"]
    meaning = schema["properties"][section]["description"]
    if section == "variables":
        meaning = load_schema("variable")["properties"]["variable_code"]["description"]
    return [KEY, "text", "yes", _cell(names["x-pattern-hint"]), "—", meaning]


def _change_of(section: str) -> dict[str, str]:
    """What changing each field does: replace (REPLACE_ON), none (how the stack manages it), update (the rest)."""
    kind = get_kind(KINDS[section])
    changes = {KEY: "rename", **{YAML_FIELD_OF[field]: "replace" for field in kind.replace_on}}
    changes.update({field: "none" for field in (*ITEM_OPTIONS, *kind.not_compared) if field not in changes})
    return changes


def _table(definition: dict[str, Any], key_row: list[str] | None, changes: dict[str, str] | None) -> list[str]:
    header = ["Field", "Type", "Required", "Allowed values", "Default", "Meaning"]
    if changes is not None:
        header.insert(5, "On change")
    rows = []
    if key_row is not None:
        rows.append(key_row[:5] + ([CHANGE_WORDS[changes[KEY]]] if changes is not None else [])
                    + [_cell(key_row[5])])
    required = set(definition.get("required", []))
    for name, rule in definition["properties"].items():
        row = [f"`{name}`", _type(rule), "yes" if name in required else "no", _allowed(rule), _default(rule)]
        if changes is not None:
            row.append(CHANGE_WORDS[changes.get(name, "update")])
        row.append(_meaning(rule))
        rows.append(row)
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(r) + " |" for r in rows]


def _type(rule: dict[str, Any]) -> str:
    types = rule.get("type", [])
    types = [types] if isinstance(types, str) else list(types)
    if "enum" in rule:
        return "choice"
    words = [TYPE_WORDS[name] for name in types if name != "null"]
    return " or ".join(words) + (" or null" if "null" in types else "")


def _allowed(rule: dict[str, Any]) -> str:
    parts = []
    if "enum" in rule:
        parts.append("one of " + ", ".join(f"`{value}`" for value in dict.fromkeys(str(v) for v in rule["enum"])))
    text, number = _length(rule), _range(rule)
    if text and number:  # a value that may be a name or an id (caller_id_group)
        parts.append(f"text {text}, or a whole number {number}")
    else:
        parts += [words for words in (number, text) if words]
    if "pattern" in rule:
        parts.append(rule.get("x-pattern-hint") or f"matches `{rule['pattern']}`")
    if rule.get("format") == "date-time":
        parts.append(f"ISO 8601 date and time with a UTC offset, {TIMESTAMP_HINT}")
    if rule.get("maxItems") is not None:
        parts.append(f"at most {rule['maxItems']} items")
    return _cell("; ".join(parts)) if parts else "—"


def _range(rule: dict[str, Any]) -> str:
    low, high = rule.get("minimum"), rule.get("maximum")
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    return f"at most {high}" if high is not None else ""


def _length(rule: dict[str, Any]) -> str:
    shortest, longest = rule.get("minLength") or 0, rule.get("maxLength")
    if longest is not None:
        return {0: f"at most {longest} characters", 1: f"not empty, at most {longest} characters"}.get(
            shortest, f"{shortest} to {longest} characters")
    return {0: "", 1: "not empty"}.get(shortest, f"at least {shortest} characters")


def _default(rule: dict[str, Any]) -> str:
    if "default" not in rule:
        return "—"
    return f"`{json.dumps(rule['default'])}`" if not isinstance(rule["default"], str) else f"`{rule['default']}`"


def _meaning(rule: dict[str, Any]) -> str:
    text = _cell(rule["description"])
    meanings = rule.get("markdownEnumDescriptions")
    if meanings:
        text += "".join(f"<br>`{value}`: {_cell(meaning)}" for value, meaning in zip(rule["enum"], meanings,
                                                                                      strict=True))
    return text


_CODE = re.compile(r"(`[^`]*`)")


def _text(text: str) -> str:
    """Schema prose as Markdown: `<` and `>` outside code spans are shown, not read as HTML."""
    return "".join(part if part.startswith("`") else part.replace("<", "&lt;").replace(">", "&gt;")
                   for part in _CODE.split(text))


def _cell(text: str) -> str:
    """Schema prose inside a table cell: a `|` would end the cell."""
    return _text(text).replace("|", "\\|")


def _yaml(document: dict[str, Any], first_line: str | None = None) -> str:
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
    return "```yaml\n" + (f"{first_line}\n" if first_line else "") + text + "```"


if __name__ == "__main__":
    print(render(), end="")
