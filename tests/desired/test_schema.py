"""The published file-format schema: committed copy up to date, built from (and agreeing with) the resource schemas."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from pulumi_zorio.cli.main import COMMANDS
from pulumi_zorio.desired import validate_paths
from pulumi_zorio.desired.build import normalise_document
from pulumi_zorio.desired.source import read_source
from pulumi_zorio.desired.yaml_schema import build_schema, render
from pulumi_zorio.spec import KINDS
from pulumi_zorio.spec.fields import load_schema, without_internal

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "schema" / "zorio.schema.json"
ZORIO_FILES = sorted(
    path for path in (ROOT / "examples").rglob("*.y*ml") if not path.name.startswith("Pulumi.") and ".github" not in path.parts
)
"""Every zorio YAML file of the examples (not Pulumi's project/stack files, not CI workflows)."""
EXAMPLES = sorted({path.parent for path in ZORIO_FILES})
"""Each example's configuration: its folder, whose files are merged (references may cross files)."""
GOOD = Path(__file__).parent / "good"
DEFS = {"variable": "variable", "media": "media_file", "script": "script", "campaign": "campaign"}
REPLACED = {"variable_code", "content_sha256", "script_id", "caller_id_group_id"}


def test_committed_schema_equals_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == render(), (
        "schema/zorio.schema.json is stale: run "
        "`python -m pulumi_zorio.desired.yaml_schema > schema/zorio.schema.json`"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(json.loads(COMMITTED.read_text(encoding="utf-8")))


@pytest.mark.parametrize("definition", sorted(DEFS))
def test_schema_fields_agree_with_resource_check_rules(definition: str) -> None:
    """Every field the file shares with the resource has the resource's exact rule (range, enum, default...)."""
    ours = build_schema()["$defs"][definition]["properties"]
    theirs = without_internal(load_schema(DEFS[definition]))["properties"]
    shared = {name for name in theirs if name not in REPLACED} - {"dtmf_actions"}
    assert shared <= set(ours)
    for name in shared:
        assert _rule(ours[name]) == _rule(theirs[name]), name
        assert ours[name]["description"].startswith(theirs[name]["description"]), name


EDITOR_ONLY = {"description", "markdownEnumDescriptions"}
"""Keys for people (hover, completion), not rules: the published schema words them for campaign managers."""


def _rule(rule: dict) -> dict:
    return {key: value for key, value in rule.items() if key not in EDITOR_ONLY}


INTERNAL_NOTES = re.compile(r"\[[DI]\b|api-contract|§|design\.md|\bseeds?\b|contract section", re.IGNORECASE)
"""Our provenance marks ([D] documented, [I] inferred) and pointers to the project's own notes: for maintainers."""
COMMAND = re.compile(r"\bzorio ([a-z][a-z-]*)")


def _texts_for_people(node: Any, path: str = "") -> list[tuple[str, str]]:
    """(where, text) of every description, enum meaning and comment in a schema: what editors and readers see."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("description", "$comment", "title") and isinstance(value, str):
                found.append((f"{path}/{key}", value))
            elif key == "markdownEnumDescriptions":
                found += [(f"{path}/{key}/{index}", text) for index, text in enumerate(value)]
            else:
                found += _texts_for_people(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _texts_for_people(item, f"{path}/{index}")
    return found


SCHEMAS = {"schema/zorio.schema.json": lambda: json.loads(COMMITTED.read_text(encoding="utf-8")),
           **{f"schemas/{kind}.json": (lambda kind=kind: load_schema(kind)) for kind in KINDS}}


@pytest.mark.parametrize("schema", sorted(SCHEMAS))
def test_descriptions_hold_no_internal_notes(schema: str) -> None:
    noted = [f"{where}: {text}" for where, text in _texts_for_people(SCHEMAS[schema]()) if INTERNAL_NOTES.search(text)]
    assert noted == []


@pytest.mark.parametrize("schema", sorted(SCHEMAS))
def test_descriptions_name_only_commands_that_exist(schema: str) -> None:
    unknown = [f"{where}: zorio {command}" for where, text in _texts_for_people(SCHEMAS[schema]())
               for command in COMMAND.findall(text) if command not in COMMANDS]
    assert unknown == []


def test_every_action_type_and_campaign_status_says_what_it_does_in_completion_lists() -> None:
    schema = build_schema()["$defs"]
    action_type = schema["dtmf_action"]["properties"]["action_type"]
    status = schema["campaign"]["properties"]["status"]
    for spec in (action_type, status):
        assert len(spec["markdownEnumDescriptions"]) == len(spec["enum"])
    meanings = dict(zip(status["enum"], status["markdownEnumDescriptions"], strict=True))
    assert "DIALS REAL PEOPLE" in meanings["running"] and "DIALS REAL PEOPLE" in meanings["paused"]
    assert "does not dial" in meanings["draft"] and "never dials again" in meanings["stopped"]


def test_dtmf_action_agrees_with_resource_rules_and_adds_references() -> None:
    ours = build_schema()["$defs"]["dtmf_action"]["properties"]
    theirs = without_internal(load_schema("script"))["$defs"]["dtmf_action"]["properties"]
    for name, rule in theirs.items():
        if name != "digit":
            assert _rule(ours[name]) == _rule(rule)
    # The one YAML convenience: `digit: 1` unquoted. The file format accepts exactly the resource's digits plus
    # the integers 0-9 (which the loader turns into "0"-"9"), so editors and `zorio validate` agree on it.
    assert ours["digit"]["enum"] == [*theirs["digit"]["enum"], *range(10)]
    assert ours["digit"]["type"] == ["string", "integer"]
    assert ours["audio"]["type"] == ours["script"]["type"] == "string"


def test_every_field_has_a_description() -> None:
    for definition in build_schema()["$defs"].values():
        for name, rule in definition["properties"].items():
            assert rule.get("description"), name


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: str(path.relative_to(ROOT)))
def test_example_validates(example: Path, no_network: None) -> None:
    report = validate_paths([example])
    assert [str(problem) for problem in report.problems] == []


def test_examples_exist() -> None:
    assert {"yaml-quickstart", "appointment-reminders"} <= {path.name for path in EXAMPLES}


@pytest.mark.parametrize("example", [*ZORIO_FILES, *sorted(GOOD.glob("**/*.y*ml"))], ids=lambda path: path.name)
def test_example_validates_against_the_published_schema_alone(example: Path) -> None:
    """Editors only see schema/zorio.schema.json: what the loader accepts, the schema accepts too."""
    source, problem = read_source(example)
    assert problem is None and source is not None
    errors = list(Draft202012Validator(json.loads(COMMITTED.read_text(encoding="utf-8"))).iter_errors(
        normalise_document(source.data)
    ))
    assert errors == []
