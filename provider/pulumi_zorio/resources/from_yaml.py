"""The YAML program's bridge: a loaded `DesiredConfig` declared as the same Variable, MediaFile, Script and Campaign
resources a Python program would create, its references by name turned into Outputs and `depends_on`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

import pulumi

from pulumi_zorio.desired import (
    DesiredCampaign,
    DesiredConfig,
    DesiredMedia,
    DesiredResource,
    DesiredScript,
    DesiredVariable,
    InvalidConfig,
    Ref,
    load_config,
    resource_inputs,
)
from pulumi_zorio.desired.online import AccountCatalog, catalog_problems, needs, settled_scripts
from pulumi_zorio.resources.campaign import Campaign, CampaignArgs
from pulumi_zorio.resources.lookups import CallerIdGroup, ZorioLookupError, get_caller_id_group, program_client
from pulumi_zorio.resources.media_file import MediaFile, MediaFileArgs
from pulumi_zorio.resources._resource import declaring_to, released_when_adopted
from pulumi_zorio.resources.program_checks import checked_by_the_loader
from pulumi_zorio.resources.script import Script, ScriptArgs
from pulumi_zorio.resources.variable import Variable, VariableArgs
from pulumi_zorio.spec.kinds import kind_of_ref

PathsArg = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
R = TypeVar("R", bound=pulumi.Resource)


class ZorioConfigError(InvalidConfig):
    """The YAML configuration is invalid; raised before any API call, listing every `file:line:col: error: ...`."""

    def __init__(self, problems: list[Any], files: Sequence[str] = ()) -> None:
        super().__init__(problems)
        where = ", ".join(files) or "the zorio configuration"
        count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
        self.args = (f"{where}: {count}; nothing was created or changed:\n" + "\n".join(map(str, problems)),)

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass
class DeclaredStack:
    """The resources declared from one configuration, by kind and logical name, plus the looked-up groups.

    Pulumi resource names are the logical names, unprefixed, so a stack moved from a Python program to YAML keeps
    its state (validation keeps them unique across kinds: `zorio apply`'s state records each object by name).
    """

    config: DesiredConfig
    variables: dict[str, Variable] = field(default_factory=dict)
    media: dict[str, MediaFile] = field(default_factory=dict)
    scripts: dict[str, Script] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    caller_id_groups: dict[str, CallerIdGroup] = field(default_factory=dict)
    """Groups looked up by name at program time (never resources, never in the state)."""

    def section(self, name: str) -> dict[str, pulumi.CustomResource]:
        """The resources of one YAML section (`variables`, `media`, `scripts`, `campaigns`)."""
        section: dict[str, pulumi.CustomResource] = getattr(self, name)
        return section

    def resource(self, ref: Ref) -> pulumi.CustomResource | None:
        """The resource a reference names (`Ref("media", "thank_you")`), or None."""
        kind = kind_of_ref(ref.kind)
        return self.section(kind.section).get(ref.name) if kind is not None else None

    def outputs(self) -> dict[str, Any]:
        """What a stack exports: ids by logical name, media paths, and each campaign's LIVE status."""
        return {
            "variables": {name: res.id for name, res in self.variables.items()},
            "media": {name: {"id": res.id, "file_path": res.file_path} for name, res in self.media.items()},
            "scripts": {name: res.id for name, res in self.scripts.items()},
            "campaigns": {
                name: {"id": res.id, "status": res.status} for name, res in self.campaigns.items()
            },
        }

    def export(self) -> None:
        """`pulumi.export` every output group (`pulumi stack output campaigns` shows who is dialing)."""
        for key, value in self.outputs().items():
            pulumi.export(key, value)


def declare_from_paths(paths: PathsArg, opts: pulumi.ResourceOptions | None = None) -> DeclaredStack:
    """Load and validate one YAML file or folder (or several), then declare its resources.

    Validation is offline and complete: an invalid configuration raises `ZorioConfigError` listing every
    problem at `file:line:col` before any resource is declared. Only for `{{placeholders}}` that no file declares
    are the account's variables read, so that the error names the `adopt_id` to declare.
    """
    config = load_paths(paths)
    check_against_account(config, paths)
    return declare_from_config(config, opts)


def load_paths(paths: PathsArg) -> DesiredConfig:
    """The validated configuration of `declare_from_paths` (offline), or `ZorioConfigError` listing every problem."""
    listed = _listed(paths)
    try:
        return load_config(listed, account_variables=_account_variables)
    except InvalidConfig as error:
        raise ZorioConfigError(error.problems, [str(p) for p in listed]) from None


def check_against_account(config: DesiredConfig, paths: PathsArg,
                          recorded: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """What the API would refuse half-way through an apply (voices, queues, groups it lacks), said before anything
    is declared: `ZorioConfigError` at the YAML lines. Online, so run on every program run. `recorded` (script name →
    the inputs a state records, when the engine knows them) spares the scripts whose voice and queues are unchanged."""
    settled = settled_scripts(config, recorded or {})
    wanted = needs(config, settled)
    if wanted:
        with program_client() as client:
            problems = catalog_problems(config, AccountCatalog.read(client, wanted), settled)
        if problems:
            raise ZorioConfigError(problems, [str(p) for p in _listed(paths)])


def _listed(paths: PathsArg) -> list[Any]:
    return [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)


DECLARED: list[DesiredConfig] = []
"""Every configuration declared in this process, newest last: `zorio plan` names the references of a Python program
that declares YAML (which a plan only knows as ids, or as "known after apply") with it. The CLI clears it first."""


def declare_from_config(config: DesiredConfig, opts: pulumi.ResourceOptions | None = None) -> DeclaredStack:
    """Declare every item after the items it references (`in_creation_order`), wiring references as Outputs.

    Each resource also `depends_on` every declared item it references, so a script is created after the
    variables its `{{placeholders}}` use and deleted before them, though no Output links the two.
    Caller-ID groups named in campaigns are looked up first, so an unusable group fails before anything
    is declared. `opts` (e.g. a parent or `protect=True`) applies to every resource.
    """
    stack = DeclaredStack(config)
    del DECLARED[:-7]  # a long-lived process (tests) keeps the last few only
    DECLARED.append(config)
    _look_up_groups(stack)
    dependencies = config.dependencies()
    edges: dict[Ref, list[Ref]] = {}
    for dependent, dependency in dependencies:
        edges.setdefault(dependent, []).append(dependency)
    with checked_by_the_loader():
        for item in config.in_creation_order(dependencies):
            depends_on = [res for ref in edges.get(item.ref, []) if (res := stack.resource(ref)) is not None]
            _DECLARERS[type(item)](stack, item, _options(item, opts, depends_on))
    return stack


# --- one declarer per kind --------------------------------------------------------------------------------------


def _declare_variable(stack: DeclaredStack, item: DesiredResource, opts: pulumi.ResourceOptions) -> None:
    stack.variables[item.name] = _declare(Variable, VariableArgs, item, item.inputs, opts)


def _declare_media(stack: DeclaredStack, item: DesiredResource, opts: pulumi.ResourceOptions) -> None:
    inputs = dict(item.inputs)
    if isinstance(inputs.get("source"), str):
        inputs["source"] = _project_relative(inputs["source"])
    stack.media[item.name] = _declare(MediaFile, MediaFileArgs, item, inputs, opts)


def _declare_script(stack: DeclaredStack, item: DesiredResource, opts: pulumi.ResourceOptions) -> None:
    inputs = resource_inputs(item, _resolver(stack, item))
    stack.scripts[item.name] = _declare(Script, ScriptArgs, item, inputs, opts)


def _declare_campaign(stack: DeclaredStack, item: DesiredResource, opts: pulumi.ResourceOptions) -> None:
    inputs = resource_inputs(item, _resolver(stack, item))
    stack.campaigns[item.name] = _declare(Campaign, CampaignArgs, item, inputs, opts)


def _declare(cls: type[R], args_cls: type[Any], item: DesiredResource, inputs: Mapping[str, Any],
             opts: pulumi.ResourceOptions) -> R:
    """The item's resource. The local engine's direct YAML plan may keep it as its state records it instead
    (`keep`: declared exactly as when that record was written, so neither built nor checked again)."""
    keep = getattr(declaring_to.get(), "keep", None)
    if keep is not None:
        kept = keep(cls, item.name, inputs, released_when_adopted(inputs, opts))
        if kept is not None:
            return kept  # type: ignore[no-any-return]
    return cls(item.name, _args(args_cls, inputs, item), opts)


_DECLARERS: dict[type[DesiredResource], Callable[[DeclaredStack, DesiredResource, pulumi.ResourceOptions], None]] = {
    DesiredVariable: _declare_variable,
    DesiredMedia: _declare_media,
    DesiredScript: _declare_script,
    DesiredCampaign: _declare_campaign,
}


# --- references -------------------------------------------------------------------------------------------------


def _resolver(stack: DeclaredStack, item: DesiredResource) -> Callable[[Ref], Any]:
    """`resolve(ref)` for `resource_inputs`: a media file's `file_path`, a script's id, a group's id."""

    def resolve(ref: Ref) -> Any:
        if ref.kind == "caller_id_group":
            return _caller_id_group(stack, item, ref.name).id
        target = stack.resource(ref)
        if target is None:  # validation rejects dangling references; only a hand-built config gets here
            raise ZorioConfigError([f"{item.location}: error: {item.path}: unknown {ref.kind} '{ref.name}'"])
        if isinstance(target, MediaFile):
            return target.file_path
        return target.id  # script ids are strings; the resources accept "12" for id fields

    return resolve


def _look_up_groups(stack: DeclaredStack) -> None:
    """Every caller-ID group named in the file, BEFORE any resource is declared: a resource declared before
    a failing lookup would already be registered, and `up` would create it and then stop half-way."""
    for item in stack.config.campaigns.values():
        for _, ref in item.references():
            if ref.kind == "caller_id_group":
                _caller_id_group(stack, item, ref.name)


def _caller_id_group(stack: DeclaredStack, item: DesiredResource, name: str) -> CallerIdGroup:
    """Look a group up once per program run; a failure names the YAML line that asked for it."""
    if name not in stack.caller_id_groups:
        try:
            stack.caller_id_groups[name] = get_caller_id_group(name=name)
        except ZorioLookupError as error:
            where = stack.config.locate(item.file, f"{item.path}.caller_id_group")
            raise ZorioLookupError(f"{where}: {item.path}.caller_id_group: {error}") from error
    return stack.caller_id_groups[name]


def _account_variables() -> dict[str, Any]:
    """The account's variables, code → id (one list call)."""
    with program_client() as client:
        return client.variables.ids_by_code()


# --- helpers ----------------------------------------------------------------------------------------------------


def _args(cls: type[Any], inputs: Mapping[str, Any], item: DesiredResource) -> Any:
    """The kind's `*Args` from the normalised inputs; a key it lacks would be a loader/schema mismatch."""
    known = {f.name for f in fields(cls)}
    extra = sorted(set(inputs) - known)
    if extra:
        raise ZorioConfigError([f"{item.location}: error: {item.path}: unsupported field(s) {', '.join(extra)}"])
    return cls(**{k: v for k, v in inputs.items() if v is not None})


def _options(item: DesiredResource, opts: pulumi.ResourceOptions | None,
             depends_on: list[pulumi.Resource]) -> pulumi.ResourceOptions:
    """The item's options: `depends_on` the items it references, and its `protect` and `delete_on_destroy` as Pulumi
    resource options (an adopted object is released, not deleted, unless `delete_on_destroy: true`: see
    `ZorioResource`), over the program's `opts`. One ResourceOptions per item, merged only when the program gave
    some (merging copies every option: at 5,000 items it was a second of a plan)."""
    own = pulumi.ResourceOptions(
        depends_on=depends_on,
        protect=item.options.get("protect"),
        retain_on_delete=False if item.options.get("delete_on_destroy") else None,
    )
    return own if opts is None else pulumi.ResourceOptions.merge(opts, own)


def _project_relative(source: str) -> str:
    """The loader resolves `source` to an absolute path; inside the project directory we keep it relative,
    so the state and previews read the same on every machine (the provider resolves it against its cwd,
    which the engine sets to the project directory). Outside the project it stays absolute."""
    path = Path(source)
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix() if path.is_absolute() else source
    except ValueError:
        return source


__all__ = ["DeclaredStack", "ZorioConfigError", "check_against_account", "declare_from_config", "declare_from_paths",
           "load_paths"]
