"""A compiled "is it valid?" for a JSON Schema, asked before jsonschema words the problems.

Why: jsonschema walks the schema for every value (about 0.3 ms a resource), and a big configuration is valid nearly
every time it is checked: validate, plan and the provider's `check` paid that walk 1,000s of times per run for no
problem found. fastjsonschema compiles the schema to Python once and answers valid/invalid ~7x faster, but its
messages are not ours and it knows JSON Schema only up to draft 7; so it only ever answers "valid", and anything it
rejects is validated again by jsonschema (2020-12), which finds and words every problem as before. Our schemas use
only keywords whose meaning is the same in draft 7 and 2020-12 (tests/spec/test_quick_schema.py holds both
validators to the same verdict on every file and resource of the corpora).

Instances are JSON data (what the YAML loader and the SDK's round trip give: lists, never tuples, which
fastjsonschema would take for arrays and jsonschema would not). A `$ref` with validating keywords beside it is
refused when compiling: draft 7 ignores them, 2020-12 applies them.

Compiling costs tens of milliseconds, so a schema is compiled only once it has been asked about `worth_after` times:
a small file never pays for it.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Mapping
from typing import Any

from jsonschema import FormatChecker


class QuickVerdict:
    """`valid(instance)`: True when the compiled schema accepts it; False when it does not, or when compiling is not
    worth it yet (then the caller's jsonschema run decides)."""

    def __init__(self, schema: Callable[[], Mapping[str, Any]], formats: FormatChecker, worth_after: int) -> None:
        self._schema, self._formats, self._worth_after = schema, formats, worth_after
        self._asked = 0
        self._compiled: Callable[[Any], Any] | None = None
        self._lock = threading.Lock()

    def valid(self, instance: Any) -> bool:
        compiled = self._compiled or self._compile_when_worth_it()
        if compiled is None:
            return False
        try:
            compiled(instance)
        except Exception:  # noqa: BLE001 - fastjsonschema's JsonSchemaException (imported only when compiling)
            return False
        return True

    def _compile_when_worth_it(self) -> Callable[[Any], Any] | None:
        with self._lock:
            self._asked += 1
            if self._compiled is None and self._asked > self._worth_after:
                self._compiled = compile_schema(self._schema(), self._formats)
            return self._compiled


def compile_schema(schema: Mapping[str, Any], formats: FormatChecker) -> Callable[[Any], Any]:
    """The compiled validator (raises `JsonSchemaException` when invalid), with the same `format` checks and without
    filling in defaults (fastjsonschema would write them into the instance). Compiled from a copy: fastjsonschema
    rewrites each `$ref` of the schema it is given in place, and the schemas are shared (`spec.fields.load_schema`)."""
    import fastjsonschema  # ~30 ms: only a run that compiles pays it (`zorio --help`, a small file, never)

    checks = {name: _conforms(formats, name) for name in formats.checkers}
    compiled = fastjsonschema.compile(_const_as_enum(schema), formats=checks, use_default=False,
                                      detailed_exceptions=False)
    return compiled  # type: ignore[no-any-return]


_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})
_VALUES = frozenset({"enum", "const", "default", "examples", "required"})
_NOT_VALIDATING = frozenset({"$ref", "description", "title", "$comment", "default", "examples", "markdownDescription",
                             "markdownEnumDescriptions", "defaultSnippets", "deprecated", "readOnly", "writeOnly"})


def _const_as_enum(node: Any, schema_map: bool = False) -> Any:
    """A copy of the schema with each `const: X` written `enum: [X]` (the same rule). Without the rules' text in
    its messages (`detailed_exceptions=False`) the compiled code is a quarter of the size and a sixth of the memory
    (4 MB, not 17, for the whole-file schema), but fastjsonschema 2.x cannot compile `const` that way."""
    if isinstance(node, list):
        return [_const_as_enum(item) for item in node]
    if not isinstance(node, dict):
        return node
    if schema_map:
        return {key: _const_as_enum(value) for key, value in node.items()}
    beside_ref = set(node) - _NOT_VALIDATING if "$ref" in node else set()
    if beside_ref:
        raise ValueError(f"a $ref with {sorted(beside_ref)} beside it means another rule in draft 7 than in 2020-12")
    copied: dict[str, Any] = {}
    for key, value in node.items():
        if key == "const":
            copied["enum"] = [copy.deepcopy(value)]
        elif key in _VALUES:
            copied[key] = copy.deepcopy(value)
        else:
            copied[key] = _const_as_enum(value, schema_map=key in _SCHEMA_MAPS)
    return copied


def _conforms(formats: FormatChecker, name: str) -> Callable[[Any], bool]:
    return lambda value: formats.conforms(value, name)
