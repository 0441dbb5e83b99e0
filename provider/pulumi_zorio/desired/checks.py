"""Semantic checks of a DesiredConfig after the schema: pure functions returning located Problems.

Per-resource rules (digits, targets, ranges, timestamps, caller-ID group for dialing) are spec's, run on the
resource inputs with references replaced by stand-ins; the cross-resource rules of the YAML format live here.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

from ..spec.kinds import KINDS, get_kind, kind_of_ref
from ..spec.media_source import inspect_media_source
from ..spec.placeholders import written_placeholder
from ..spec.problems import Problem, render
from ..spec.shape import check_shape, defaults
from .build import resource_inputs, stand_in
from .model import DesiredConfig, DesiredResource, DesiredScript, LocatedProblem
from .renames import ACTION_TARGETS, YamlTerms

_ANCHORS = {("campaign", "caller_id_group"): "status"}


def semantic_problems(
    config: DesiredConfig, shaped: Collection[str] = (), account_variables: Mapping[str, Any] | None = None
) -> list[LocatedProblem]:
    """All semantic problems; `shaped` = paths already reported by the schema (not reported twice)."""
    return [
        *resource_problems(config, shaped),
        *media_source_problems(config, shaped),
        *undefined_placeholder_problems(config, account_variables),
        *reference_problems(config),
        *cycle_problems(config),
        *inactive_script_problems(config),
        *duplicate_name_problems(config),
        *shared_logical_name_problems(config),
    ]


def semantic_warnings(config: DesiredConfig) -> list[LocatedProblem]:
    """What may surprise without being wrong (a campaign that starts without a caller-ID group), located."""
    found = []
    for item in config.resources():
        for problem in get_kind(item.KIND).warnings(resource_inputs(item, stand_in)):
            found.append(_located(config, item, problem, severity="warning"))
    return found


def locate(
    config: DesiredConfig, item: DesiredResource, subpath: str, message: str, severity: str = "error",
    placeholder: str | None = None,
) -> LocatedProblem:
    """A problem about `subpath` of `item` (dotted, "" = the item), located in the item's file.

    A problem about `placeholder` (a variable code) of the template is located at that placeholder. A missing
    field that another field makes necessary is located at that field (`caller_id_group` at `status`).
    """
    path = f"{item.path}.{subpath}" if subpath else item.path
    template = item.inputs.get("template_text") if subpath == "template_text" else None
    written = written_placeholder(template, placeholder) if isinstance(template, str) and placeholder else None
    if written is not None:  # at the placeholder itself, not at the start of a 300-character template
        return LocatedProblem(config.locate_within(item.file, path, written, template), path, message, severity)
    anchor = _ANCHORS.get((item.KIND, subpath))
    if anchor and subpath not in item.declared and anchor in item.declared:
        return LocatedProblem(config.locate(item.file, f"{item.path}.{anchor}"), path, message, severity)
    return LocatedProblem(config.locate(item.file, path, at_key=not subpath), path, message, severity)


def resource_problems(config: DesiredConfig, shaped: Collection[str] = ()) -> Iterator[LocatedProblem]:
    """spec's check of each item's resource inputs (references as stand-ins), in the YAML vocabulary."""
    items_with_shape_errors = {".".join(path.split(".")[:2]) for path in shaped}
    for item in config.resources():
        kind = get_kind(item.KIND)
        inputs = resource_inputs(item, stand_in)
        found = kind.check(inputs)
        if item.path in items_with_shape_errors:  # the schema said it already, in the file's own terms
            known = set(check_shape(kind.name, kind.normalise(inputs)))
            found = [problem for problem in found if problem not in known]
        for problem in found:
            yield _located(config, item, problem)


def _located(config: DesiredConfig, item: DesiredResource, problem: Problem, severity: str = "error") -> LocatedProblem:
    """A spec Problem about the item's resource inputs, in the file's words and at its place in the file."""
    subpath, message = render(problem, YamlTerms(item.KIND, item.declared))
    return locate(config, item, subpath, message, severity, placeholder=problem.param("placeholder"))


def media_source_problems(config: DesiredConfig, shaped: Collection[str] = ()) -> Iterator[LocatedProblem]:
    """Each media `source` must exist and be audio the API accepts (filesystem only, no network)."""
    for item in config.media.values():
        source = item.declared.get("source")
        if isinstance(source, str) and f"{item.path}.source" not in shaped:
            for problem in inspect_media_source(source, item.base_dir).problems:
                yield _located(config, item, problem)


def undefined_placeholder_problems(
    config: DesiredConfig, account_variables: Mapping[str, Any] | None = None
) -> Iterator[LocatedProblem]:
    """`{{code}}` must be declared under variables:. The API does not check this; an undefined code only fails
    when audio is rendered, on a live call [D].

    A variable that exists on the account but is not declared is still an error: if the stack used it without
    managing it, removing the variable from the files would make the next apply delete it from under the script.
    `account_variables` (code → id, when checked online) turns the advice into the exact adoption to declare.
    """
    known = set(config.variables)
    for item in config.scripts.values():
        for code in item.variable_codes():
            if code in known:
                continue
            if account_variables is not None and code in account_variables:
                found = account_variables[code]
                message = (f"placeholder {{{{{code}}}}} is a variable on the account (id {found}) that these files do "
                           f"not declare; to use it, take it under management: add `{code}: {{adopt_id: {found}}}` "
                           "under variables:")
            else:
                where = "a declared variable" if account_variables is None else "declared, nor a variable on the account"
                message = f"placeholder {{{{{code}}}}} is not {where}; {_advice(code, known, '{{%s}}', 'variables')}"
            yield locate(config, item, "template_text", message, placeholder=code)


def reference_problems(config: DesiredConfig) -> Iterator[LocatedProblem]:
    """References must name declared items; a DTMF action names its target once (reference or raw value)."""
    for item in config.resources():
        for subpath, ref in item.references():
            kind = kind_of_ref(ref.kind)
            section = kind.section if kind else None
            if section is None or config.lookup(ref) is not None:
                continue  # caller-ID groups live on the account: checked online
            advice = _advice(ref.name, config.section(section), "'%s'", section)
            message = f"unknown {ref.kind} '{ref.name}'; {advice}"
            yield locate(config, item, subpath, message)
        if isinstance(item, DesiredScript):
            yield from _double_targets(config, item)


def _double_targets(config: DesiredConfig, item: DesiredScript) -> Iterator[LocatedProblem]:
    for index, action in enumerate(item.actions()):
        for target in ACTION_TARGETS:
            if action.get(target.api) is not None and action.get(target.yaml) is not None:
                message = (f"give either {target.yaml} (a name in this file) or {target.api} (an object not managed "
                           "here), not both")
                yield locate(config, item, f"dtmf_actions.{index}.{target.yaml}", message)


def cycle_problems(config: DesiredConfig) -> Iterator[LocatedProblem]:
    """`switch_script` references must not loop: each script needs the other's id before it can exist."""
    graph = {
        name: [ref.name for _, ref in item.references() if ref.kind == "script" and ref.name in config.scripts]
        for name, item in sorted(config.scripts.items())
    }
    for cycle in find_cycles(graph):
        item = config.scripts[cycle[0]]
        index = next(i for i, action in enumerate(item.actions()) if action.get("script") == cycle[1])
        message = (
            f"switch_script cycle {' → '.join(cycle)}: each script needs the other's id before it can be "
            "created; break the cycle (e.g. repeat_script or hangup on one side)"
        )
        yield locate(config, item, f"dtmf_actions.{index}.script", message)


def find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Distinct cycles found by an iterative depth-first search, each as `[a, b, a]` starting at its least name."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles: dict[tuple[str, ...], list[str]] = {}
    for root in graph:
        if root in state:
            continue
        stack, path = [(root, iter(graph[root]))], [root]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(child) == 1:
                loop = path[path.index(child):]
                start = loop.index(min(loop))
                loop = loop[start:] + loop[:start]
                cycles.setdefault(tuple(loop), loop + [loop[0]])
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(graph[child])))
                path.append(child)
    return list(cycles.values())


def inactive_script_problems(config: DesiredConfig) -> Iterator[LocatedProblem]:
    """A campaign can only use an `active` script [D]; the create would fail with a 422 half-way through `up`."""
    default = defaults("script").get("status")
    for item in config.campaigns.values():
        name = item.inputs.get("script")
        script = config.scripts.get(name) if isinstance(name, str) else None
        status = script.inputs.get("status", default) if script else None
        if script is not None and status in ("draft", "archived"):
            message = (
                f"script '{script.name}' has status {status}, but a campaign can only use an active script; "
                f"set status: active on {script.path}"
            )
            yield locate(config, item, "script", message)


def duplicate_name_problems(config: DesiredConfig) -> Iterator[LocatedProblem]:
    """Two media files, scripts or campaigns with the same API `name` could not be told apart on the account."""
    for section, word in ((kind.section, kind.plural) for kind in KINDS.values() if kind.key_field == "name"):
        seen: dict[str, DesiredResource] = {}
        for item in sorted(config.section(section).values(), key=lambda item: item.location):
            name = item.inputs.get("name")
            if not isinstance(name, str):
                continue
            if name in seen:
                first = seen[name]
                message = (
                    f"API name '{name}' is already used by {first.path} ({first.location}); two {word} cannot "
                    "share a name: give one of them a different name"
                )
                yield locate(config, item, "name", message)
            else:
                seen[name] = item


def shared_logical_name_problems(config: DesiredConfig) -> Iterator[LocatedProblem]:
    """Two items of different kinds with one logical name: a state records each object under its logical name, so
    one would be planned against the other's record (an apply then updated the wrong object, or failed)."""
    first: dict[str, DesiredResource] = {}
    for item in sorted(config.resources(), key=lambda item: item.location):
        earlier = first.setdefault(item.name, item)
        if earlier is not item:
            message = (f"the name '{item.name}' is already used by {earlier.path} ({earlier.location}); items of "
                       "different kinds cannot share a logical name either: rename one of them (and the references "
                       "to it)")
            yield locate(config, item, "", message)


def _advice(name: str, candidates: Iterable[str], form: str, section: str) -> str:
    """"did you mean 'x'? If not, declare it under media:" or "declare it under media: or fix the name"."""
    close = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.6)
    if close:
        return f"did you mean {form % close[0]}? If not, declare it under {section}:"
    return f"declare it under {section}: or fix the name"


__all__ = ["find_cycles", "semantic_problems", "semantic_warnings"]
