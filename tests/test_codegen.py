"""The typed resource classes are generated from the kind schemas: committed and up to date, and what they declare
(Args fields, required inputs, Output properties) is what the schema says."""

from __future__ import annotations

import typing
from dataclasses import MISSING, fields

import pytest

import pulumi_zorio as zorio
from pulumi_zorio.codegen import COMMAND, COMMON, class_name, main, module_path, regenerate
from pulumi_zorio.resources._resource import ZorioResource
from pulumi_zorio.spec import KINDS
from pulumi_zorio.spec.fields import load_schema

RESOURCES = {kind: getattr(zorio, class_name(kind)) for kind in list(KINDS)}


@pytest.mark.parametrize("kind", [*KINDS, COMMON])
def test_committed_resource_module_equals_the_generated_one(kind: str) -> None:
    text = module_path(kind).read_text(encoding="utf-8")
    assert regenerate(text, kind) == text, f"{module_path(kind).name} is stale: run `{COMMAND}`"


def test_check_mode_reports_nothing_stale_and_writes_nothing() -> None:
    before = {kind: module_path(kind).read_text(encoding="utf-8") for kind in [*KINDS, COMMON]}
    assert main(["--check"]) == 0
    assert {kind: module_path(kind).read_text(encoding="utf-8") for kind in [*KINDS, COMMON]} == before


def test_a_module_without_its_markers_is_refused_naming_the_blocks() -> None:
    with pytest.raises(ValueError, match=r"campaign.py must hold the blocks \['args', 'class'\], found \[\]"):
        regenerate("class Campaign: ...\n", "campaign")


@pytest.mark.parametrize("kind", list(KINDS))
def test_args_declare_every_schema_input_and_require_exactly_the_required_ones(kind: str) -> None:
    schema = load_schema(kind)
    args_type = getattr(zorio, f"{class_name(kind)}Args")
    declared = {f.name: f.default is MISSING for f in fields(args_type)}
    inputs = {name for name, spec in schema["properties"].items() if not spec.get("readOnly")}
    assert set(declared) == inputs
    assert {name for name, required in declared.items() if required} == set(schema["required"])


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_input_and_output_is_an_output_property(kind: str) -> None:
    schema = load_schema(kind)
    annotations = {name: hint for cls in RESOURCES[kind].__mro__ if issubclass(cls, ZorioResource)
                   for name, hint in vars(cls).get("__annotations__", {}).items()}  # common outputs: the base's
    assert set(annotations) == {*schema["properties"], *schema.get("x-outputs", {})}
    assert all(str(hint).startswith("pulumi.Output[") for hint in annotations.values())


def test_keyword_docs_say_the_accepted_values_the_default_and_the_python_note() -> None:
    doc = " ".join((typing.get_overloads(RESOURCES["campaign"].__init__)[1].__doc__ or "").split())
    assert ":param max_retries: Retries per lead after the first attempt. 0 to 10; default 3. :param" in doc
    assert "One of draft, running, paused, stopped, archived; default draft. Only running and paused DIAL" in doc
    assert ":param script_id: Id of the script to read; it must be active. Pass `script.id`. :param" in doc
