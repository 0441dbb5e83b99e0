"""The JSON Schemas of resource inputs: valid 2020-12, closed, described, shipped as package data."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from pulumi_zorio.spec import KINDS
from pulumi_zorio.spec.shape import defaults, load_schema

ROOT = Path(__file__).resolve().parents[2]


def _objects(schema: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every object schema inside `schema` (the root, $defs, items)."""
    found = []
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            found.append((path, schema))
        for key, value in schema.items():
            found += _objects(value, f"{path}/{key}")
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = load_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_objects_reject_unknown_keys_and_describe_every_property(kind: str) -> None:
    for path, obj in _objects(load_schema(kind)):
        assert obj.get("additionalProperties") is False, path
        for name, prop in obj["properties"].items():
            assert prop.get("description"), f"{path}/{name} has no description"


@pytest.mark.parametrize("kind", KINDS)
def test_schema_defaults_are_valid_values(kind: str) -> None:
    schema = load_schema(kind)
    for name, value in defaults(kind).items():
        Draft202012Validator(schema["properties"][name]).validate(value)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_package_data_readable_through_importlib_resources(kind: str) -> None:
    text = resources.files("pulumi_zorio").joinpath("schemas", f"{kind}.json").read_text(encoding="utf-8")
    assert json.loads(text)["title"].startswith("Zorio ")


def test_pyproject_ships_the_schemas_as_package_data() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "schemas/*.json" in pyproject["tool"]["setuptools"]["package-data"]["pulumi_zorio"]


def test_variables_and_media_files_have_no_defaults() -> None:
    """Script and campaign defaults are checked against what the API fills in (tests/resources/test_crud.py)."""
    assert defaults("variable") == {} and defaults("media_file") == {}


def test_load_schema_of_an_unknown_kind_names_the_kinds() -> None:
    with pytest.raises(ValueError, match="unknown resource kind 'lead'; expected one of campaign, media_file, script, variable"):
        load_schema("lead")
