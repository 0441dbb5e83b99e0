"""Shape problems of a whole zorio.yaml document against the file-format schema, located at file:line:column."""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import Any

from jsonschema import ValidationError

from ..spec.problems import Code, Problem, join_path
from ..spec.shape import _problems_for  # the one renderer of schema errors, shared with check() (see report)
from .model import SECTIONS, DesiredConfig, LocatedProblem

_NOT_A_MAPPING = "the top level must be a mapping with some of variables:, media:, scripts:, campaigns:"


def shape_problems(config: DesiredConfig, documents: dict[str, Any]) -> list[LocatedProblem]:
    """Every schema error of every file (all at once), one per field, located in its file."""
    problems = []
    for file, data in documents.items():
        if not isinstance(data, dict):
            kind = "a list" if isinstance(data, list) else f"a single value ({data!r})"
            problems.append(LocatedProblem(config.locate(file, ""), "", f"{_NOT_A_MAPPING}, not {kind}"))
            continue
        for problem, at_key in document_problems(data):
            problems.append(LocatedProblem(config.locate(file, problem.path, at_key), problem.path, problem.message))
    return problems


def document_problems(data: dict[str, Any]) -> list[tuple[Problem, bool]]:
    """(Problem, points-at-the-key) pairs for one document; at one field an enum error beats a type error."""
    from .yaml_schema import quick_verdict, validator  # imported late so `python -m ...yaml_schema` runs it fresh

    if _resources_in(data) >= QUICK_FROM and quick_verdict().valid(data):
        return []
    by_path: dict[tuple[Any, ...], list[ValidationError]] = defaultdict(list)
    for error in validator().iter_errors(data):
        if "allOf" in error.schema_path:  # a DTMF target rule: the semantic check words it for the file
            continue
        by_path[(tuple(error.absolute_path), "propertyNames" in error.schema_path)].append(error)
    found = []
    for errors in by_path.values():
        if any(error.validator == "enum" for error in errors):
            errors = [error for error in errors if error.validator != "type"]
        for error in errors:
            found.extend(_render(error))
    return found


QUICK_FROM = 500
"""Resources in a document from which compiling the schema (~60 ms) surely costs less than jsonschema's walk (~0.3 ms a
resource) saves."""


def _resources_in(data: dict[str, Any]) -> int:
    return sum(len(section) for section in data.values() if isinstance(section, dict))


def _render(error: ValidationError) -> list[tuple[Problem, bool]]:
    path = list(error.absolute_path)
    if "propertyNames" in error.schema_path:
        hint = error.schema.get("x-pattern-hint", f"match {error.validator_value}")
        what = "variable code" if path == ["variables"] else "logical name"
        return [(Problem(join_path(*path, error.instance), Code.INVALID_KEY, what=what, pattern_hint=hint), True)]
    if error.instance is None and path and path[-1] == "digit":
        return [(Problem(join_path(*path), Code.BARE_HASH), False)]
    if error.validator == "additionalProperties" and not path:
        return [(_unknown_section(key), True) for key in error.instance if key not in SECTIONS]
    at_key = error.validator == "additionalProperties"
    problems = _problems_for(error)
    if error.instance is None and error.validator == "type":  # `reminder:` with nothing under it
        problems = [Problem(p.path, Code.EMPTY_VALUE, types=p.param("types")) for p in problems]
    return [(problem, at_key) for problem in problems]


def _unknown_section(key: str) -> Problem:
    close = difflib.get_close_matches(str(key), SECTIONS, n=1, cutoff=0.5)
    if close:
        return Problem(str(key), Code.UNKNOWN_SECTION, suggestion=close[0])
    return Problem(str(key), Code.UNKNOWN_SECTION_NO_MATCH, sections=", ".join(SECTIONS))
