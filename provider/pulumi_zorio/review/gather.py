"""What the CLI knows that a review names things with: the stack's records, the YAML's references by name, and the
account's caller-ID groups (one listing, which the YAML program's own group lookup has usually cached already)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from pulumi_zorio.local.plan import Plan
from pulumi_zorio.local.program import Program
from pulumi_zorio.local.state import State

from .names import Names
from .reader import Reader


def gather_reader(plan: Plan, state: State, program: Program, config: Mapping[str, str], zone: ZoneInfo) -> Reader:
    """A Reader naming every id of `plan` that the state, the program's YAML or the account can name."""
    names = Names()
    names.add_records((record.name, record.id, record.outputs)
                      for record in (*state.resources.values(), *state.pending_deletes))
    declared = _declared()
    for desired in declared:
        names.add_desired(desired)
    if program.kind == "yaml" and not declared:
        names.add_desired(_desired(program))
    if _group_ids(plan) - set(names.groups):
        names.add_groups(_account_groups(config))
    return Reader(zone, names)


def forget_declared() -> None:
    """Before a preview: the configurations its program declares are the ones a review names things with."""
    module = sys.modules.get("pulumi_zorio.resources.from_yaml")
    if module is not None:
        module.DECLARED.clear()


def _declared() -> list[Any]:
    """The YAML configurations the program declared (a YAML program, or a Python one calling declare_from_paths)."""
    module = sys.modules.get("pulumi_zorio.resources.from_yaml")
    return list(module.DECLARED) if module is not None else []


def _desired(program: Program) -> Any:
    from pulumi_zorio.desired import DesiredConfig
    from pulumi_zorio.desired.validate import validate_paths

    report = validate_paths([program.path])  # offline; the preview has already reported any problem
    return report.config if report.valid else DesiredConfig()


def _group_ids(plan: Plan) -> set[str]:
    found = set()
    for step in plan.steps:
        for values in (step.before, step.after):
            group = (values or {}).get("caller_id_group_id")
            if isinstance(group, (int, str)) and not isinstance(group, bool):
                found.add(str(group))
    return found


def _account_groups(config: Mapping[str, str]) -> list[Mapping[str, Any]]:
    """The account's groups, or none when they cannot be listed (the review then shows ids)."""
    from pulumi_zorio.client import ClientConfig, ZorioClient, ZorioError

    try:
        with ZorioClient(ClientConfig.from_env(
            base_url=config.get("zorio:baseUrl"), token=config.get("zorio:token"),
            username=config.get("zorio:username"), password=config.get("zorio:password"),
        )) as client:
            return list(client.caller_id_groups.list())
    except ZorioError:
        return []


__all__ = ["gather_reader"]
