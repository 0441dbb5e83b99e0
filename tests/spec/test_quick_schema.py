"""The compiled "is it valid?" (fastjsonschema, draft 7) never accepts what jsonschema (2020-12) rejects: on every
document of the examples and corpora, on every resource in them, and on each of those resources with one field
given a wrong value. If it did, a big configuration would pass `zorio validate` with a problem a small one reports.
(Whole documents: `desired.yaml_schema.quick_verdict`; resources: `spec.shape.check_shape`, once a run has checked
more than `QUICK_AFTER` of a kind.)"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest

from pulumi_zorio.desired.build import resource_inputs, stand_in
from pulumi_zorio.desired.model import DesiredConfig
from pulumi_zorio.desired.source import read_sources
from pulumi_zorio.desired.validate import validate_paths
from pulumi_zorio.desired.yaml_schema import quick_verdict, validator
from pulumi_zorio.spec import shape
from pulumi_zorio.spec.kinds import KINDS, get_kind
from pulumi_zorio.spec.quick_schema import compile_schema

ROOT = Path(__file__).resolve().parents[2]
CORPORA = [ROOT / "examples", ROOT / "tests" / "desired" / "good", ROOT / "tests" / "desired" / "bad"]
READER_BOMBS = {"alias_bomb.yaml", "merge_key_bomb.yaml", "template_text_alias_bomb.yaml", "deep_nesting.yaml"}
FILES = sorted(path for folder in CORPORA for path in folder.rglob("*.y*ml")
               if not path.name.startswith("Pulumi.") and ".github" not in path.parts and path.name not in READER_BOMBS)
WRONG_VALUES: list[Any] = [None, 7, -1, 2.5, True, "", "x" * 6000, "not-a-date", "2026-02-30T08:00:00Z",
                           "2026-06-25T08:00:00", "2026-06-25 08:00:00Z", [], [{}], {}, {"a": 1}]


def documents() -> Iterator[tuple[str, Any]]:
    for path in FILES:
        _, sources, problems = read_sources([path])
        for source in sources if not problems else []:
            yield f"{path.relative_to(ROOT)}", source.data


def resources() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(id, kind, inputs) of every resource the corpora declare, as written and as normalised."""
    for path in FILES:
        config: DesiredConfig | None = validate_paths([path]).config
        for item in config.resources() if config is not None else []:
            kind = get_kind(item.KIND)
            inputs = resource_inputs(item, stand_in)
            yield f"{path.relative_to(ROOT)}:{item.path}", kind.name, inputs
            try:
                yield f"{path.relative_to(ROOT)}:{item.path}(normalised)", kind.name, kind.normalise(inputs)
            except Exception:  # noqa: BLE001 - an input normalise cannot read is still a case for the verdicts
                continue


def jsonschema_accepts(kind: str, inputs: dict[str, Any]) -> bool:
    return not list(shape._validator(kind).iter_errors(inputs))  # noqa: SLF001 - the verdict being compared


@cache
def compiled(kind: str) -> Any:
    return compile_schema(shape.load_schema(kind), shape.FORMATS)


def compiled_accepts(kind: str, inputs: dict[str, Any]) -> bool:
    try:
        compiled(kind)(inputs)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@pytest.mark.parametrize(("name", "data"), list(documents()), ids=lambda value: value if isinstance(value, str) else "")
def test_a_document_is_quickly_valid_exactly_when_jsonschema_finds_no_error(name: str, data: Any) -> None:
    assert quick_verdict().valid(data) == (not list(validator().iter_errors(data))), name


def test_the_corpora_hold_resources_of_every_kind_valid_and_not() -> None:
    cases = list(resources())
    assert {kind for _, kind, _ in cases} == set(KINDS)
    verdicts = {jsonschema_accepts(kind, inputs) for _, kind, inputs in cases}
    assert verdicts == {True, False}


@pytest.mark.parametrize("kind", KINDS)
def test_a_resource_is_quickly_valid_exactly_when_jsonschema_finds_no_error(kind: str) -> None:
    compared = 0
    for name, case_kind, inputs in resources():
        if case_kind != kind:
            continue
        variants = [inputs] + [{**inputs, field: wrong} for field in inputs for wrong in WRONG_VALUES]
        variants += [{**inputs, "not_a_field": 1}, {k: v for k, v in list(inputs.items())[1:]}]
        for variant in variants:
            assert compiled_accepts(kind, variant) == jsonschema_accepts(kind, variant), (name, variant)
            compared += 1
    assert compared > 100


def test_check_shape_reports_the_same_problems_once_the_schema_is_compiled() -> None:
    """Past QUICK_AFTER resources of a kind the compiled verdict is asked first; an invalid one still gets every
    problem, worded by jsonschema as before."""
    bad = {"variable_code": "Bad Code", "name": "x" * 300}
    before = shape.check_shape("variable", bad)
    for _ in range(shape.QUICK_AFTER + 1):
        assert shape.check_shape("variable", {"variable_code": "due_day", "name": "Due day"}) == []
    assert shape.check_shape("variable", bad) == before
    assert {problem.path for problem in before} == {"variable_code", "name"}


def test_compiling_leaves_the_shared_schemas_as_they_were() -> None:
    """fastjsonschema rewrites `$ref`s in place; the schemas `load_schema` shares feed the published schema."""
    import copy

    before = {kind: copy.deepcopy(shape.load_schema(kind)) for kind in KINDS}
    for kind in KINDS:
        compile_schema(shape.load_schema(kind), shape.FORMATS)
    assert {kind: shape.load_schema(kind) for kind in KINDS} == before


def test_a_ref_with_a_rule_beside_it_is_refused_when_compiling() -> None:
    """Draft 7 (fastjsonschema) ignores what stands beside a `$ref`; 2020-12 applies it: such a schema must never
    be compiled into a verdict laxer than jsonschema's."""
    schema = {"$defs": {"code": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/code", "maxLength": 3}}}
    with pytest.raises(ValueError, match="maxLength"):
        compile_schema(schema, shape.FORMATS)
    assert compile_schema({**schema, "properties": {"a": {"$ref": "#/$defs/code", "description": "x"}}},
                          shape.FORMATS)({"a": "abcd"}) == {"a": "abcd"}
