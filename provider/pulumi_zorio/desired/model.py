"""The loaded YAML configuration: pure dataclasses keyed by logical name, references kept by name, with locations.

Nothing here knows Pulumi: the YAML program turns each item into a resource with `resource_inputs(item, resolve)`,
passing a `resolve(ref)` that returns the referenced resource's output (id, file_path) or a data-source lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any, ClassVar

from ..spec.kinds import KINDS, get_kind, kind_of_ref
from ..spec.placeholders import VARIABLE_CODE, placeholders

SECTIONS = tuple(kind.section for kind in KINDS.values())
"""The top-level keys of a zorio.yaml file, in dependency order (the registry's order)."""


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in a YAML file: 1-based line and column; 0 means the whole file (or folder)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file


@dataclass(frozen=True, order=True)
class LocatedProblem:
    """One finding of `zorio validate`: where, which field (dotted path from the file's top), what to do.

    `severity` is "error" (the configuration cannot be applied) or "warning" (it can, but may surprise).
    """

    location: Location
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        subject = f"{self.path}: " if self.path else ""
        return f"{self.location}: {self.severity}: {subject}{self.message}"


@dataclass(frozen=True, order=True, slots=True)
class Ref:
    """A reference by logical name: `Ref("media", "thank_you")`; `caller_id_group` refs name a live group."""

    kind: str
    name: str


@dataclass(frozen=True, slots=True)
class Span:
    """Where a node sits: its key (or list item) and its value; both are the same for a list item. Kept as numbers,
    each Location made when asked: a big file has one Span per node, and two Locations each took twice the memory."""

    file: str
    key_line: int
    key_column: int
    value_line: int
    value_column: int

    @classmethod
    def of(cls, key: Location, value: Location) -> Span:
        return cls(key.file, key.line, key.column, value.line, value.column)

    @property
    def key(self) -> Location:
        return Location(self.file, self.key_line, self.key_column)

    @property
    def value(self) -> Location:
        return Location(self.file, self.value_line, self.value_column)


@dataclass
class DesiredResource:
    """One item of a section: its logical name, where it was declared, and its inputs as written.

    `inputs` holds the YAML fields normalised (name defaulted to the logical name, timestamps in ISO 8601,
    digits as strings) with references still BY LOGICAL NAME; `declared` is the item exactly as written.
    """

    KIND: ClassVar[str] = ""
    """The spec kind (`variable`, `media_file`, `script`, `campaign`): `spec.get_kind(item.KIND)`."""
    SECTION: ClassVar[str] = ""
    """Its section of the file (the kind's registry entry)."""
    REF_KIND: ClassVar[str] = ""
    """The kind of a `Ref` to this item (`variable`, `media`, `script`, `campaign`; the registry's)."""
    name: str
    location: Location
    inputs: dict[str, Any]
    declared: Mapping[str, Any] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    """How the stack manages the object, not API fields: `protect`, `delete_on_destroy` (yaml_schema.ITEM_OPTIONS)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        kind = get_kind(cls.KIND)
        cls.SECTION, cls.REF_KIND = kind.section, kind.ref

    @property
    def path(self) -> str:
        """The dotted path of this item from the top of its file, e.g. `scripts.reminder`."""
        return f"{self.SECTION}.{self.name}"

    @property
    def file(self) -> str:
        return self.location.file

    @cached_property
    def ref(self) -> Ref:
        """A reference to this item, as other items hold it (made once: an item is not renamed)."""
        return Ref(self.REF_KIND, self.name)

    def references(self) -> list[tuple[str, Ref]]:
        """(sub-path, reference) pairs of this item; the sub-path is where the name is written."""
        return []


@dataclass
class DesiredVariable(DesiredResource):
    """A variable: the logical name is its `variable_code`."""

    KIND: ClassVar[str] = "variable"


@dataclass
class DesiredMedia(DesiredResource):
    """An audio prompt; `inputs["source"]` is resolved against the directory of the YAML file declaring it."""

    KIND: ClassVar[str] = "media_file"
    base_dir: Path = field(default_factory=Path)


@dataclass
class DesiredScript(DesiredResource):
    """A script; DTMF actions may reference media (`audio`) and other scripts (`script`) by logical name."""

    KIND: ClassVar[str] = "script"

    def references(self) -> list[tuple[str, Ref]]:
        refs = []
        for index, action in enumerate(self.actions()):
            for key, kind in (("audio", "media"), ("script", "script")):
                if isinstance(action.get(key), str):
                    refs.append((f"dtmf_actions.{index}.{key}", Ref(kind, action[key])))
        return refs

    def variable_codes(self) -> list[str]:
        """The valid placeholder codes of the template, in order of first use (spec reports invalid ones)."""
        template = self.inputs.get("template_text")
        if not isinstance(template, str):
            return []
        return [code for code in placeholders(template) if VARIABLE_CODE.fullmatch(code)]

    def actions(self) -> list[Mapping[str, Any]]:
        """The DTMF actions that are mappings (others are shape errors reported by the schema)."""
        actions = self.inputs.get("dtmf_actions")
        if not isinstance(actions, list):
            return []
        return [action if isinstance(action, Mapping) else {} for action in actions]


@dataclass
class DesiredCampaign(DesiredResource):
    """A campaign; `script` is a logical name, `caller_id_group` a live group's name (or its integer id)."""

    KIND: ClassVar[str] = "campaign"

    def references(self) -> list[tuple[str, Ref]]:
        refs = []
        if isinstance(self.inputs.get("script"), str):
            refs.append(("script", Ref("script", self.inputs["script"])))
        group = self.inputs.get("caller_id_group")
        if isinstance(group, str):
            refs.append(("caller_id_group", Ref("caller_id_group", group)))
        return refs


RESOURCE_CLASSES: dict[str, type[DesiredResource]] = {
    cls.SECTION: cls for cls in (DesiredVariable, DesiredMedia, DesiredScript, DesiredCampaign)
}


@dataclass
class DesiredConfig:
    """Everything declared in one file or folder, merged: four maps keyed by logical name, plus node locations."""

    variables: dict[str, DesiredVariable] = field(default_factory=dict)
    media: dict[str, DesiredMedia] = field(default_factory=dict)
    scripts: dict[str, DesiredScript] = field(default_factory=dict)
    campaigns: dict[str, DesiredCampaign] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    spans: dict[str, dict[str, Span]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        """The map of one top-level section (`variables`, `media`, `scripts`, `campaigns`)."""
        section: dict[str, Any] = getattr(self, name)
        return section

    def resources(self) -> Iterator[DesiredResource]:
        """Every item, in dependency order of sections and then by logical name."""
        for section in SECTIONS:
            for name in sorted(self.section(section)):
                yield self.section(section)[name]

    def lookup(self, ref: Ref) -> DesiredResource | None:
        """The item a reference names, or None (dangling, or a caller-ID group that lives on the account)."""
        kind = kind_of_ref(ref.kind)  # None for a caller-ID group: it lives on the account, not in files
        return self.section(kind.section).get(ref.name) if kind else None

    def dependencies(self) -> list[tuple[Ref, Ref]]:
        """(dependent, dependency) edges between declared items: what the Pulumi program passes as depends_on.

        Scripts depend on the variables their template uses (created after them, deleted before them),
        the media their actions play and the scripts they switch to; campaigns on their script.
        """
        edges = []
        for item in self.resources():
            targets = [ref for _, ref in item.references()]
            if isinstance(item, DesiredScript):
                targets += [Ref("variable", code) for code in item.variable_codes()]
            edges += [(item.ref, ref) for ref in dict.fromkeys(targets) if self.lookup(ref) is not None]
        return edges

    def in_creation_order(self, dependencies: list[tuple[Ref, Ref]] | None = None) -> list[DesiredResource]:
        """Every item after the items it references, so a program can pass their outputs along.

        Ties keep the `resources()` order. Raises `graphlib.CycleError` on a switch_script cycle, which
        validation reports first. `dependencies`: what `dependencies()` returns, when the caller has it already.
        """
        order = {item.ref: index for index, item in enumerate(self.resources())}
        sorter: TopologicalSorter[Ref] = TopologicalSorter({ref: () for ref in order})
        for dependent, dependency in self.dependencies() if dependencies is None else dependencies:
            sorter.add(dependent, dependency)
        sorter.prepare()
        ordered: list[DesiredResource] = []
        while sorter.is_active():
            ready = sorted(sorter.get_ready(), key=order.__getitem__)
            ordered += [item for ref in ready if (item := self.lookup(ref)) is not None]
            sorter.done(*ready)
        return ordered

    def locate(self, file: str, path: str, at_key: bool = False) -> Location:
        """The location of `path` in `file`: the node itself, else the closest enclosing node that exists."""
        spans = self.spans.get(file, {})
        probe = path
        while probe not in spans and probe:
            probe = probe.rpartition(".")[0]
        span = spans.get(probe)
        if span is None:
            return Location(file, 1, 1) if spans else Location(file)
        return span.key if (at_key or probe != path) else span.value

    def locate_within(self, file: str, path: str, written: str, value: str) -> Location:
        """Where `written` (e.g. a placeholder as the file spells it) first appears inside the value `value` at
        `path`; the value's own location when it cannot be found (an escape sequence in the way)."""
        start = self.locate(file, path)
        lines = self.texts.get(file, "").splitlines(keepends=True)
        if not start.line or start.line > len(lines):
            return start
        offset = sum(map(len, lines[: start.line - 1])) + start.column - 1
        text = "".join(lines)
        reach = len(value) + 8 * (value.count("\n") + 1) + 16  # a block scalar's indentation, quotes
        found = text.find(written, offset, offset + reach + len(written))
        if found < 0:
            return start
        before = text[:found]
        return Location(file, before.count("\n") + 1, found - (before.rfind("\n") + 1) + 1)


Resolver = Callable[[Ref], Any]
