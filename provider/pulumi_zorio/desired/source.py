"""Reading zorio YAML: one file or a folder of `*.yaml`/`*.yml`, as plain data plus the location of every node.

Parsed by libyaml (PyYAML's C composer) for speed, with scalars resolved by YAML 1.2 core rules (`no` is text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.error import MarkedYAMLError, YAMLError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .model import LocatedProblem, Location, Span

YAML_SUFFIXES = (".yaml", ".yml")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the pure-Python loader when libyaml is missing


def is_zorio_file(path: Path) -> bool:
    """A folder's YAML files, minus Pulumi's own project and stack files that often sit beside zorio.yaml."""
    pulumi_file = path.name in ("Pulumi.yaml", "Pulumi.yml") or path.name.startswith("Pulumi.")
    return path.is_file() and path.suffix in YAML_SUFFIXES and not pulumi_file


@dataclass
class SourceFile:
    """One parsed file: plain data (dicts, lists, str, int, float, bool, None), node locations, YAML problems."""

    name: str
    directory: Path
    data: Any
    spans: dict[str, Span] = field(default_factory=dict)
    problems: list[LocatedProblem] = field(default_factory=list)

def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[LocatedProblem]]:
    """Files as given, folders as their `*.yaml`/`*.yml` files sorted by name (not recursive, no `Pulumi.*`)."""
    files: list[Path] = []
    problems = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(child for child in path.iterdir() if is_zorio_file(child))
            if not found:
                problems.append(_whole(path, "no .yaml or .yml files in this folder; add a zorio.yaml"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(_whole(path, "no such file or folder"))
    return list(dict.fromkeys(files)), problems


def read_sources(paths: Sequence[str | Path]) -> tuple[list[Path], list[SourceFile], list[LocatedProblem]]:
    """(files found, files parsed, problems): a file with a YAML error is reported at its line:column and left out."""
    files, problems = expand_paths(paths)
    sources = []
    for path in files:
        source, problem = read_source(path)
        if problem is not None:
            problems.append(problem)
        if source is not None:
            sources.append(source)
            problems.extend(source.problems)
    return files, sources, problems


def read_source(path: Path) -> tuple[SourceFile | None, LocatedProblem | None]:
    """One file as a SourceFile, or the problem that stops it from being read."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, _whole(path, f"cannot read this file: {error}")
    try:
        document = yaml.compose(text, Loader=_Loader)
    except YAMLError as error:
        return None, syntax_problem(name, error, text)
    if document is None:
        message = "the file is empty; declare at least one of variables:, media:, scripts:, campaigns:"
        return None, LocatedProblem(Location(name, 1, 1), "", message)
    source = SourceFile(name, path.parent, None)
    source.spans[""] = Span(Location(name, 1, 1), Location(name, 1, 1))
    source.data = _plain(document, "", source)
    return source, None


def syntax_problem(name: str, error: YAMLError, text: str = "") -> LocatedProblem:
    """A YAML error at its line:column, with a hint for the mistakes campaign managers actually make."""
    if not isinstance(error, MarkedYAMLError):
        return LocatedProblem(Location(name), "", f"YAML error: {error}")
    context = str(error.context or "")
    problem = str(error.problem or "").split("\n")[0]
    mark = error.problem_mark
    if "alias" in context:
        mark = error.context_mark or mark
        message = 'a bare * starts a YAML alias; quote the value, e.g. digit: "*"'
    elif "quoted scalar" in context:
        mark = error.context_mark or mark
        message = "this quoted text is never closed; add the closing quote"
    elif "another document" in problem:
        message = "a second YAML document (---); keep one document per file, or split it into two files"
    elif _char_at(text, mark) == "\t" or "'\\t'" in problem:
        message = "a tab character: YAML is indented with spaces only; replace the tab by spaces"
    else:
        message = f"YAML syntax error: {context}: {problem}" if context else f"YAML syntax error: {problem}"
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return LocatedProblem(Location(name, line, column), "", message)


def _char_at(text: str, mark: Any) -> str:
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def _plain(node: Node, path: str, source: SourceFile) -> Any:
    """Plain data from a node, recording the span of each child node (and reporting duplicate keys)."""
    if isinstance(node, MappingNode):
        return _plain_mapping(node, path, source)
    if isinstance(node, SequenceNode):
        items = []
        for index, child in enumerate(node.value):
            child_path = f"{path}.{index}"
            at = _loc(source.name, child)
            source.spans[child_path] = Span(at, at)
            items.append(_plain(child, child_path, source))
        return items
    return resolve_scalar(node)


def _plain_mapping(node: MappingNode, path: str, source: SourceFile) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key_node, value_node in _merged(node):
        key = str(resolve_scalar(key_node)) if isinstance(key_node, ScalarNode) else str(key_node.value)
        child = f"{path}.{key}" if path else key
        key_at, value_at = _loc(source.name, key_node), _loc(source.name, value_node)
        if key in out:
            first = source.spans[child].key
            message = f"duplicate key '{key}' (first at line {first.line}); keep only one of them"
            source.problems.append(LocatedProblem(key_at, child, message))
            continue
        empty = isinstance(value_node, ScalarNode) and value_node.value == "" and not value_node.style
        if not isinstance(value_node, ScalarNode) or empty:
            value_at = key_at  # a collection, or nothing after the key: point at the key
        source.spans[child] = Span(key_at, value_at)
        out[key] = _plain(value_node, child, source)
    return out


def _merged(node: MappingNode) -> list[tuple[Node, Node]]:
    """The mapping's pairs with YAML merge keys (`<<: *defaults`) expanded; explicit keys win."""
    pairs, merged = [], []
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            merged += [pair for source in sources if isinstance(source, MappingNode) for pair in _merged(source)]
        else:
            pairs.append((key_node, value_node))
    explicit = {key.value for key, _ in pairs if isinstance(key, ScalarNode)}
    return pairs + [(key, value) for key, value in merged if key.value not in explicit]


_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_INT_BASE = re.compile(r"0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


def resolve_scalar(node: Node) -> Any:
    """A scalar by the YAML 1.2 core schema: quoted text stays text; `yes`/`no`/`on` are text (not 1.1 booleans).

    Timestamps stay as written (`start_at: 2026-06-25T08:00:00Z` is the text the API accepts).
    """
    value = str(node.value)
    if node.style:  # quoted or block text
        return value
    if _NULL.fullmatch(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value)
    if _INT_BASE.fullmatch(value):
        return int(value[2:], 8 if value[1] == "o" else 16)
    if _FLOAT.fullmatch(value):
        return float(value.replace(".", "", 1) if value.lower().lstrip("+-").startswith((".inf", ".nan")) else value)
    return value


def _loc(name: str, node: Node) -> Location:
    return Location(name, node.start_mark.line + 1, node.start_mark.column + 1)


def _whole(path: Path, message: str) -> LocatedProblem:
    return LocatedProblem(Location(str(path)), "", message)
