"""Shape validation: a resource's inputs against its JSON Schema (`pulumi_zorio/schemas/<kind>.json`), as Problems."""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from .fields import load_schema
from .problems import Code, Problem, join_path
from .quick_schema import QuickVerdict
from .unknown import is_unknown
from .values import parse_timestamp

_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "string": "a string",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "empty",
}


FORMATS = FormatChecker(formats=())
"""The schema's `format`s, enforced as every standard checker of the published schema enforces them."""
TIMESTAMP_HINT = "e.g. 2026-06-25T08:00:00Z or 2026-06-25T15:00:00+07:00"


RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
"""RFC 3339 date-time, as editors and generic schema checkers read `format: date-time` (seconds and offset)."""


@FORMATS.checks("date-time")
def _is_timestamp(value: Any) -> bool:
    """ISO 8601 / RFC 3339 with a UTC offset [D]; non-strings are the type rule's business."""
    return not isinstance(value, str) or (RFC3339.fullmatch(value) is not None and parse_timestamp(value) is not None)


@cache
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(kind), format_checker=FORMATS)


def defaults(kind: str) -> dict[str, Any]:
    """The top-level `default` values of `kind`'s schema: the one place defaults are written down."""
    properties = load_schema(kind)["properties"]
    return {name: copy.deepcopy(spec["default"]) for name, spec in properties.items() if "default" in spec}


def input_fields(kind: str) -> tuple[str, ...]:
    """The input keys of `kind`, in schema order."""
    return tuple(load_schema(kind)["properties"])


@cache
def _quick(kind: str) -> QuickVerdict:
    """The compiled verdict on `kind`'s inputs, once a run has checked QUICK_AFTER of them."""
    return QuickVerdict(lambda: load_schema(kind), FORMATS, worth_after=QUICK_AFTER)


QUICK_AFTER = 100
"""Resources of one kind checked before its schema is compiled (compiling one costs 2-12 ms)."""


def check_shape(kind: str, inputs: Mapping[str, Any]) -> list[Problem]:
    """Every shape error of `inputs` (all at once, not only the first), each as a friendly Problem.

    Errors about a value that is UNKNOWN (or inside one) are dropped: it may well be valid once known.
    """
    problems: list[Problem] = []
    if _quick(kind).valid(inputs):
        return problems
    for error in _validator(kind).iter_errors(dict(inputs)):
        if _about_unknown(inputs, list(error.absolute_path)):
            continue
        problems.extend(_problems_for(error))
    return sorted(set(problems), key=problem_order)


def problem_order(problem: Problem) -> tuple[Any, ...]:
    """Sort key: by path with list indexes in numeric order (`dtmf_actions.2` before `dtmf_actions.10`)."""
    parts = tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in problem.path.split("."))
    return (parts, problem.message)


def _about_unknown(inputs: Any, path: list[str | int]) -> bool:
    """True if the value at `path`, or any value on the way to it, is UNKNOWN."""
    node = inputs
    for part in path:
        if is_unknown(node):
            return True
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    return is_unknown(node)


def _problems_for(error: ValidationError) -> list[Problem]:
    path = join_path(*error.absolute_path)
    render = _RENDERERS.get(str(error.validator))
    if render is None:
        return [Problem(path, Code.SCHEMA, text=error.message)]
    return render(error, path)


def _required(error: ValidationError, path: str) -> list[Problem]:
    present = error.instance if isinstance(error.instance, dict) else {}
    missing = [name for name in error.validator_value if name not in present]
    return [Problem(join_path(path, name), Code.REQUIRED) for name in missing]


def _additional(error: ValidationError, path: str) -> list[Problem]:
    allowed = sorted(error.schema.get("properties", {}))
    extras = [key for key in error.instance if key not in allowed]
    problems = []
    for key in extras:
        close = difflib.get_close_matches(str(key), allowed, n=1)
        field = join_path(path, key)
        problems.append(Problem(field, Code.UNKNOWN_FIELD, suggestion=close[0]) if close
                        else Problem(field, Code.UNKNOWN_FIELD_NO_MATCH, allowed=allowed))
    return problems


def _type(error: ValidationError, path: str) -> list[Problem]:
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    words = " or ".join(_TYPE_WORDS.get(str(name), str(name)) for name in wanted if name != "null")
    return [Problem(path, Code.WRONG_TYPE, types=words, got=_show(error.instance))]


def _enum(error: ValidationError, path: str) -> list[Problem]:
    allowed = ", ".join(dict.fromkeys(str(value) for value in error.validator_value))  # 1 and "1" read the same
    return [Problem(path, Code.NOT_ONE_OF, allowed=allowed, got=_show(error.instance))]


def _bounds(error: ValidationError, path: str) -> list[Problem]:
    low, high = error.schema.get("minimum"), error.schema.get("maximum")
    code = Code.BETWEEN if low is not None and high is not None else Code.AT_LEAST if low is not None else Code.AT_MOST
    return [Problem(path, code, low=low, high=high, got=_show(error.instance))]


def _length(error: ValidationError, path: str) -> list[Problem]:
    if error.validator == "minLength" and error.validator_value == 1:
        return [Problem(path, Code.EMPTY)]
    code = Code.TOO_SHORT if error.validator == "minLength" else Code.TOO_LONG
    return [Problem(path, code, limit=error.validator_value, count=len(error.instance))]


def _items(error: ValidationError, path: str) -> list[Problem]:
    code = Code.TOO_FEW_ITEMS if error.validator == "minItems" else Code.TOO_MANY_ITEMS
    return [Problem(path, code, limit=error.validator_value, count=len(error.instance))]


def _pattern(error: ValidationError, path: str) -> list[Problem]:
    hint, got = error.schema.get("x-pattern-hint"), _show(error.instance)
    if hint is None:
        return [Problem(path, Code.NO_MATCH, pattern=error.validator_value, got=got)]
    return [Problem(path, Code.PATTERN, pattern_hint=hint, got=got)]


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _format(error: ValidationError, path: str) -> list[Problem]:
    return [Problem(path, Code.TIMESTAMP, example=TIMESTAMP_HINT, got=error.instance)]


_RENDERERS = {
    "format": _format,
    "required": _required,
    "additionalProperties": _additional,
    "type": _type,
    "enum": _enum,
    "minimum": _bounds,
    "maximum": _bounds,
    "minLength": _length,
    "maxLength": _length,
    "minItems": _items,
    "maxItems": _items,
    "pattern": _pattern,
}
