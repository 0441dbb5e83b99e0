"""The published file-format schema: committed copy up to date, built from (and agreeing with) the resource schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from pulumi_zorio.desired import validate_paths
from pulumi_zorio.desired.build import normalise_document
from pulumi_zorio.desired.source import read_source
from pulumi_zorio.desired.yaml_schema import build_schema, render
from pulumi_zorio.spec.shape import load_schema

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
    theirs = load_schema(DEFS[definition])["properties"]
    shared = {name for name in theirs if name not in REPLACED} - {"dtmf_actions"}
    assert shared <= set(ours)
    for name in shared:
        assert _rule(ours[name]) == _rule(theirs[name]), name
        assert ours[name]["description"].startswith(theirs[name]["description"]), name


def _rule(rule: dict) -> dict:
    return {key: value for key, value in rule.items() if key != "description"}


def test_dtmf_action_agrees_with_resource_rules_and_adds_references() -> None:
    ours = build_schema()["$defs"]["dtmf_action"]["properties"]
    theirs = load_schema("script")["$defs"]["dtmf_action"]["properties"]
    for name, rule in theirs.items():
        assert _rule(ours[name]) == _rule(rule)
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
