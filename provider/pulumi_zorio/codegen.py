"""The typed Python surface of each resource, generated from its JSON Schema: `*Args`, Output annotations, overloads.

A field is declared once, in `pulumi_zorio/schemas/<kind>.json`; this writes the blocks of `resources/<kind>.py`
between `# BEGIN GENERATED: <block>` and `# END GENERATED` (real source code, which IDEs and type checkers read),
as Pulumi's own SDKs are generated from one schema. After a schema edit run
`python -m pulumi_zorio.codegen`; `--check` (and a test) fails while a module is stale.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

from pulumi_zorio.spec.fields import load_schema
from pulumi_zorio.spec.kinds import KINDS

COMMAND = "python -m pulumi_zorio.codegen"
WIDTH = 118
_MARKER = re.compile(r"^(?P<indent> *)# BEGIN GENERATED: (?P<block>\w+).*?\n.*?^(?P=indent)# END GENERATED\n",
                     re.M | re.S)
_PLAIN = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def class_name(name: str) -> str:
    """`media_file` → `MediaFile` (a kind's registered type name, or a nested definition's `dtmf_action`)."""
    return KINDS[name].type_name if name in KINDS else "".join(part.title() for part in name.split("_"))


def module_path(kind: str) -> Path:
    """The resource module that holds `kind`'s generated blocks (COMMON: `ZorioResource`'s module)."""
    return Path(__file__).parent / "resources" / ("_resource.py" if kind == COMMON else f"{kind}.py")


def _types(spec: dict[str, Any]) -> list[str]:
    declared = spec.get("type", "string")  # an enum without a type is a string enum in our schemas
    return declared if isinstance(declared, list) else [declared]


def _value_type(spec: dict[str, Any], *, as_input: bool) -> str:
    """The Python type of one value (no Input/Output wrapper, no None)."""
    if spec.get("x-id"):
        return "IdInput" if as_input else "int"
    kind = next(name for name in _types(spec) if name != "null")
    if kind != "array":
        return _PLAIN[kind]
    item = spec["items"]
    if "$ref" in item:
        nested = class_name(item["$ref"].rsplit("/", 1)[1])
        return f"Sequence[{nested}Args | dict[str, Any]]" if as_input else "list[dict[str, Any]]"
    return f"list[{_value_type(item, as_input=as_input)}]"


def _input_type(spec: dict[str, Any]) -> str:
    plain = _value_type(spec, as_input=True)
    return plain if plain == "IdInput" else f"pulumi.Input[{plain}]"


def _doc(spec: dict[str, Any]) -> str:
    """The field's description, the values it accepts and its default, and the note for Python users."""
    parts = (spec.get("description", ""), _accepted(spec), spec.get("x-python", ""))
    return " ".join(part for part in parts if part)


def _accepted(spec: dict[str, Any]) -> str:
    rules = []
    if "enum" in spec:
        rules.append("one of " + ", ".join(str(value) for value in spec["enum"]))
    if "minimum" in spec and "maximum" in spec:
        rules.append(f"{spec['minimum']} to {spec['maximum']}")
    if spec.get("default") not in (None, []):
        rules.append(f"default {json.dumps(spec['default'])}".replace('"', ""))
    text = "; ".join(rules)
    return f"{text[:1].upper()}{text[1:]}." if rules else ""


def _docstring(text: str, indent: str) -> list[str]:
    lines = textwrap.wrap(f'"""{text}"""', WIDTH - len(indent), break_long_words=False, break_on_hyphens=False)
    return [indent + line for line in lines]


def _declared(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any], bool]]:
    """The fields a user declares, `(name, spec, required)`: required first, then in schema order."""
    required = schema.get("required", [])
    properties = {name: spec for name, spec in schema["properties"].items() if not spec.get("readOnly")}
    ordered = [name for name in required if name in properties] + [n for n in properties if n not in required]
    return [(name, properties[name], name in required) for name in ordered]


def _args_class(name: str, schema: dict[str, Any]) -> list[str]:
    lines = ["@dataclass(frozen=True, kw_only=True)", f"class {name}:", *_docstring(schema["description"], "    "), ""]
    for field, spec, required in _declared(schema):
        lines.append(f"    {field}: {_input_type(spec)}" + ("" if required else " | None = None"))
        lines += _docstring(_doc(spec), "    ")
    return lines


def args_block(kind: str) -> str:
    """The module-level block: nested `*Args` (DTMF actions), the kind's `*Args` and its output keys."""
    schema = load_schema(kind)
    lines: list[str] = []
    for nested, definition in schema.get("$defs", {}).items():
        lines += [*_args_class(f"{class_name(nested)}Args", definition), "", ""]
    lines += [*_args_class(f"{class_name(kind)}Args", schema), "", ""]
    computed = [name for name, spec in schema["properties"].items() if spec.get("readOnly")]
    keys = [f'"{key}"' for key in [*computed, *schema.get("x-outputs", {})]]
    lines += textwrap.wrap(f"OUTPUT_KEYS = ({', '.join(keys)}{',' if len(keys) == 1 else ''})", WIDTH,
                           subsequent_indent=" " * len("OUTPUT_KEYS = ("))
    lines.append('"""The properties that are not `*Args` fields: Pulumi makes an Output only for keys in the props."""')
    return "\n".join(lines) + "\n"


def _output_type(name: str, spec: dict[str, Any], required: bool) -> str:
    """`name` always has a value (the resource name by default); any other optional field without a default, or
    one that may be null, may be None."""
    optional = "null" in _types(spec) or not (required or "default" in spec or name == "name")
    return f"pulumi.Output[{_value_type(spec, as_input=False)}{' | None' if optional else ''}]"


def common_outputs() -> dict[str, dict[str, Any]]:
    """The outputs every kind reports alike (`created_at`, ...): annotated once, on `ZorioResource`."""
    per_kind = [load_schema(kind).get("x-outputs", {}) for kind in KINDS]
    return {field: spec for field, spec in per_kind[0].items() if all(other.get(field) == spec for other in per_kind)}


def _output_lines(outputs: list[tuple[str, dict[str, Any]]]) -> list[str]:
    lines = []
    for field, spec in outputs:
        lines.append(f"    {field}: {_output_type(field, spec, True)}")
        lines += _docstring(_doc(spec), "    ")
    return lines


def common_block() -> str:
    """`ZorioResource`'s block: the Output annotations of `common_outputs`."""
    return "\n".join(_output_lines(list(common_outputs().items()))) + "\n"


def class_block(kind: str) -> str:
    """The class-level block: one Output annotation per property (but the common ones), and the two typed
    constructor overloads."""
    schema, name = load_schema(kind), class_name(kind)
    required, common = schema.get("required", []), common_outputs()
    lines = [f"    {field}: {_output_type(field, spec, field in required)}"
             for field, spec in schema["properties"].items() if not spec.get("readOnly")]
    lines += _output_lines([*((f, s) for f, s in schema["properties"].items() if s.get("readOnly")),
                            *((f, s) for f, s in schema.get("x-outputs", {}).items() if f not in common)])
    head = "    def __init__(self, resource_name: str, "
    lines += ["", "    @overload", f"{head}args: {name}Args, opts: pulumi.ResourceOptions | None = None) -> None: ...",
              "", "    @overload", f"{head}opts: pulumi.ResourceOptions | None = None, *,"]
    keywords = [f"{field}: {_input_type(spec)}" + ("," if is_required else " | None = None,")
                for field, spec, is_required in _declared(schema)]
    lines += [" " * 17 + keyword for keyword in keywords]
    lines += ["    ) -> None:", *_docstring_block(kind, schema)]
    return "\n".join(lines) + "\n"


def _docstring_block(kind: str, schema: dict[str, Any]) -> list[str]:
    words = KINDS[kind].words
    params = [("resource_name", "The Pulumi resource name; also the default `name`."),
              ("opts", "Pulumi resource options (e.g. `protect`, `depends_on`)."),
              *((field, _doc(spec)) for field, spec, _ in _declared(schema))]
    lines = [f'        """A Zorio {words}, its inputs as keywords (or pass a `{class_name(kind)}Args`).', ""]
    for field, text in params:
        lines += textwrap.wrap(f":param {field}: {text}", WIDTH - 8, initial_indent=" " * 8,
                               subsequent_indent=" " * 12, break_long_words=False, break_on_hyphens=False)
    return [*lines, '        """']


BLOCKS = {"args": args_block, "class": class_block}
COMMON = "common"
"""The one block of `resources/_resource.py` (the `kind` of `regenerate` for that module)."""


def regenerate(text: str, kind: str) -> str:
    """`text` (a resource module, or with `kind` COMMON the base module) with each generated block rewritten from
    the schemas; the markers stay."""
    blocks: dict[str, Any] = {COMMON: lambda _kind: common_block()} if kind == COMMON else BLOCKS
    source = "schemas/*.json" if kind == COMMON else f"schemas/{kind}.json"

    def replace(match: re.Match[str]) -> str:
        indent, block = match["indent"], match["block"]
        header = f"{indent}# BEGIN GENERATED: {block} (from {source} by `{COMMAND}`; edit the schema)\n"
        return header + blocks[block](kind) + f"{indent}# END GENERATED\n"

    found = {match["block"] for match in _MARKER.finditer(text)}
    if found != set(blocks):
        raise ValueError(f"{module_path(kind).name} must hold the blocks {sorted(blocks)}, found {sorted(found)}")
    return _MARKER.sub(replace, text)


def main(argv: list[str]) -> int:
    """Rewrite every resource module (or with `--check`, list the stale ones and exit 1)."""
    stale = []
    for kind in [*KINDS, COMMON]:
        path = module_path(kind)
        current = path.read_text(encoding="utf-8")
        wanted = regenerate(current, kind)
        if wanted != current:
            stale.append(path.name)
            if "--check" not in argv:
                path.write_text(wanted, encoding="utf-8")
    if stale and "--check" in argv:
        print(f"stale: {', '.join(stale)}; run `{COMMAND}`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
