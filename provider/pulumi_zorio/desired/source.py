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
    text: str = ""
    """The file as read, so that a problem inside a long value (a placeholder) can be located in it."""

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
    """One file as a SourceFile, or the problem that stops it from being read.

    Bounded, because a pull request can carry any file: its size, its nesting depth and the nodes that aliases and
    merge keys expand to are limited, so that a few hostile lines are a located error in milliseconds, not a hung
    CI job or a MemoryError.
    """
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, LocatedProblem(Location(name, 1, 1), "", (
                f"this file is {size / 1024 / 1024:.1f} MB; a zorio file may hold at most "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB: split it into several files in one folder"))
        raw = path.read_bytes()
    except OSError as error:
        return None, _whole(path, f"cannot read this file: {error.strerror or error}")
    text, problem = _decoded(name, raw)
    if problem is not None:
        return None, problem
    try:
        document = yaml.compose(text, Loader=_Loader)
    except YAMLError as error:
        return None, syntax_problem(name, error, text)
    except RecursionError:
        return None, _too_deep(name, text)
    if document is None:
        message = "the file is empty; declare at least one of variables:, media:, scripts:, campaigns:"
        return None, LocatedProblem(Location(name, 1, 1), "", message)
    source = SourceFile(name, path.parent, None, text=text)
    source.spans[""] = Span(name, 1, 1, 1, 1)
    try:
        source.data = _PlainData(source).of(document, "", 1, Location(name, 1, 1))
    except _Refused as refused:
        return None, refused.problem
    return source, None


MAX_FILE_BYTES = 4 * 1024 * 1024
"""About 25,000 resources; larger configurations are split into files in one folder."""
MAX_DEPTH = 32
"""Nesting levels a file may have; the format needs 6 (campaigns → name → field, or a script's menu item)."""
ALIAS_BUDGET = 10_000
ALIAS_RATIO = 10
"""Nodes that aliases and merge keys may add: 10,000, or 10 per node of the file if that is more (`<<: *defaults` on
every one of thousands of items is fine; a billion-laughs file, a few dozen nodes, stops at 10,000)."""
_FORBIDDEN_CHARACTER = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
_MERGE_TAG = "tag:yaml.org,2002:merge"
_CORE_TAGS = frozenset(f"tag:yaml.org,2002:{tag}" for tag in (
    "str", "int", "float", "bool", "null", "map", "seq", "merge", "timestamp"))
"""The tags a plain YAML value resolves to; any other (`!vault`, `!!python/object`) is not part of the format."""


def _decoded(name: str, raw: bytes) -> tuple[str, LocatedProblem | None]:
    """The file's text, or the line:column of the first byte that is not UTF-8 or a character YAML refuses."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        at = _location_of(name, raw[: error.start].decode("utf-8"))
        return "", LocatedProblem(at, "", (
            f"byte 0x{raw[error.start]:02x} is not UTF-8 text: save the file as UTF-8 (the editor's encoding "
            "setting), or retype the characters around here"))
    bad = _FORBIDDEN_CHARACTER.search(text)
    if bad is None:
        return text, None
    character = bad.group()
    described = "a NUL byte" if character == "\0" else f"the control character U+{ord(character):04X}"
    return "", LocatedProblem(_location_of(name, text[: bad.start()]), "", (
        f"{described} is not allowed in YAML: delete it (it is often pasted from another program)"))


def _location_of(name: str, before: str) -> Location:
    """The line:column just after `before`, the text that precedes a position in the file."""
    line = before.count("\n") + 1
    return Location(name, line, len(before) - (before.rfind("\n") + 1) + 1)


def _too_deep(name: str, text: str) -> LocatedProblem:
    """Where nesting first goes beyond MAX_DEPTH, found from the parser's events (which do not recurse)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return _deep_problem(name, event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return LocatedProblem(Location(name, 1, 1), "", f"the file is nested too deeply (more than {MAX_DEPTH} levels)")


def _deep_problem(name: str, mark: Any) -> LocatedProblem:
    return LocatedProblem(Location(name, mark.line + 1, mark.column + 1), "", (
        f"nested more than {MAX_DEPTH} levels deep here; a zorio file needs at most 6 (check the indentation)"))


class _Refused(Exception):
    """The file is refused as a whole (too deep, or aliases expanding beyond the budget)."""

    def __init__(self, problem: LocatedProblem) -> None:
        self.problem = problem


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
    elif "flow sequence" in context or "flow mapping" in context:
        opened, closing = ("[", "]") if "sequence" in context else ("{", "}")
        at_end = mark is None or not text[mark.index:].strip()
        where = "the end of the file" if at_end else f"line {mark.line + 1}"
        mark = error.context_mark or mark
        message = (f"the {opened} opened here is not closed before {where}: add the closing {closing}, or the comma "
                   "missing between two of its items")
    elif "another document" in problem:
        message = "a second YAML document (---); keep one document per file, or split it into two files"
    elif _char_at(text, mark) == "\t" or "'\\t'" in problem:
        message = "a tab character: YAML is indented with spaces only; replace the tab by spaces"
    elif "expected key" in problem and "block mapping" in context and mark is not None:
        message = _misplaced_line(text, mark, error.context_mark)
    elif "mapping values are not allowed" in problem:
        message = ('a ": " where YAML does not expect one: if it is inside a value, quote the value (e.g. '
                   'name: "Hẹn: 9h"); if a line above has a key without ":" after it, add the ":"')
    elif "cannot start any token" in problem and mark is not None:
        message = f"a value cannot start with {_char_at(text, mark)!r} in YAML: quote the value"
    else:
        message = f"YAML syntax error: {context}: {problem}" if context else f"YAML syntax error: {problem}"
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return LocatedProblem(Location(name, line, column), "", message)


def _misplaced_line(text: str, mark: Any, mapping: Any) -> str:
    """PyYAML's "while parsing a block mapping: did not find expected key", in terms of what is wrong on the line."""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    indent = len(line) - len(line.lstrip(" "))
    value = line.split(":", 1)[1].strip() if ":" in line else ""
    if value[:1] in ("{", "["):
        return (f"a value that starts with {value[0]} is read as a YAML {'mapping' if value[0] == '{' else 'list'}: "
                f'quote the whole value (e.g. template_text: "{{{{customer_name}}}} ...")')
    above = next((len(text) - len(text.lstrip(" ")) for text in reversed(lines[:mark.line]) if text.strip()), 0)
    block = f", the first key of this block at column {mapping.column + 1}" if mapping is not None else ""
    return (f"this line is indented by {indent} spaces, which lines it up with no key above it: indent it like the "
            f"key it belongs with (the line above starts at column {above + 1}{block}); YAML indents with spaces, "
            "the same number for every key of one block")


def _char_at(text: str, mark: Any) -> str:
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


class _PlainData:
    """Plain data from a composed document, recording the span of each node (and reporting duplicate keys).

    Aliases make the composed graph share nodes; every node produced again through an alias or a merge key counts
    against ALIAS_BUDGET (plus the file's own node count), so a billion-laughs file stops after a few thousand
    nodes, at the line where the budget ran out.
    """

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.seen: set[int] = set()
        self.repeated = 0
        self.merges: dict[int, list[tuple[Node, Node]]] = {}

    def of(self, node: Node, path: str, depth: int, key_at: Location) -> Any:
        """`key_at`: the nearest key above the node, where an alias expansion that runs over budget is reported
        (a node reached through an alias carries the location of its anchor, not of the alias)."""
        if depth > MAX_DEPTH:
            raise _Refused(_deep_problem(self.source.name, node.start_mark))
        self._count(node, key_at)
        self._check_tag(node, path)
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                child_path = f"{path}.{index}"
                at = _loc(self.source.name, child)
                self.source.spans[child_path] = Span.of(at, at)
                items.append(self.of(child, child_path, depth + 1, key_at))
            return items
        return resolve_scalar(node)

    def _count(self, node: Node, key_at: Location) -> None:
        if id(node) not in self.seen:
            self.seen.add(id(node))
            return
        self.repeated += 1
        if self.repeated > max(ALIAS_BUDGET, ALIAS_RATIO * len(self.seen)):
            raise _Refused(LocatedProblem(key_at, "", (
                f"the YAML aliases (*name) or merge keys (<<:) of this value repeat more than "
                f"{max(ALIAS_BUDGET, ALIAS_RATIO * len(self.seen)):,} values in all; write the values out, or "
                "repeat fewer of them")))

    def _check_tag(self, node: Node, path: str) -> None:
        if node.tag not in _CORE_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
            self.source.problems.append(LocatedProblem(_loc(self.source.name, node), path, (
                f"the YAML tag {tag} is not part of the zorio format: remove it and write the value itself")))

    def _mapping(self, node: MappingNode, path: str, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        own = {id(key_node) for key_node, _ in node.value}
        merge_at = next((_loc(self.source.name, key) for key, _ in node.value if key.tag == _MERGE_TAG), None)
        for key_node, value_node in self._merged(node):
            key = str(resolve_scalar(key_node)) if isinstance(key_node, ScalarNode) else str(key_node.value)
            child = f"{path}.{key}" if path else key
            key_at, value_at = _loc(self.source.name, key_node), _loc(self.source.name, value_node)
            if id(key_node) not in own and merge_at is not None:  # merged in: its key is the anchor's, elsewhere
                key_at = value_at = merge_at
            self._check_tag(key_node, child)
            if key in out:
                first = self.source.spans[child].key
                message = f"duplicate key '{key}' (first at line {first.line}); keep only one of them"
                self.source.problems.append(LocatedProblem(key_at, child, message))
                continue
            empty = isinstance(value_node, ScalarNode) and value_node.value == "" and not value_node.style
            if not isinstance(value_node, ScalarNode) or empty:
                value_at = key_at  # a collection, or nothing after the key: point at the key
            self.source.spans[child] = Span.of(key_at, value_at)
            out[key] = self.of(value_node, child, depth + 1, key_at)
        return out

    def _merged(self, node: MappingNode) -> list[tuple[Node, Node]]:
        """The mapping's pairs with YAML merge keys (`<<: *defaults`) expanded: explicit keys win, then the
        earlier merged mapping. Each mapping's expansion is computed once, so nested merges stay linear."""
        if id(node) in self.merges:
            return self.merges[id(node)]
        pairs, merged = [], []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                merged += [pair for source in sources if isinstance(source, MappingNode)
                           for pair in self._merged(source)]
            else:
                pairs.append((key_node, value_node))
        taken = {key.value for key, _ in pairs if isinstance(key, ScalarNode)}
        for key, value in merged:
            if key.value not in taken:
                taken.add(key.value)
                pairs.append((key, value))
        self.merges[id(node)] = pairs
        return pairs


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
