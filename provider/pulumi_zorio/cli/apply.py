"""`zorio apply` / `zorio destroy`: try pulumi-zorio without the Pulumi CLI, through the local stand-in for the
engine (pulumi_zorio.local) and a JSON state file. Production uses `pulumi up` / `pulumi destroy`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from pulumi_zorio.cli._stack import (
    config_from_env, counts, engine_options, fail, guarded, in_project, load, make_engine, preview, progress,
    refresh_state, refuse_refusals, show,
)
from pulumi_zorio.cli.terminal import out
from pulumi_zorio.local.engine import DEFAULT_PARALLEL
from pulumi_zorio.local.plan import Plan
from pulumi_zorio.local.program import Program
from pulumi_zorio.local.state import State


@click.command(short_help="Show the plan for PATH, ask, then apply it (local engine).")
@engine_options(confirm="apply")
@click.option("--parallel", "-p", type=click.IntRange(1, 64), default=DEFAULT_PARALLEL, show_default=True,
              help="How many steps of independent resources run at once (as `pulumi up --parallel`); 1 runs them "
                   "one at a time in declaration order. Zorio's rate limit sets the pace either way.")
def apply(path: Path, state_file: Path | None, refresh: bool, yes: bool, base_url: str | None,
          output_format: str, parallel: int) -> None:
    """Show the plan for PATH (a Python program or zorio YAML), ask, then apply it in dependency order.

    Exit status: 0 applied or nothing to do, 1 error or not confirmed.
    """
    program, state = load(path, state_file, "apply", "up")
    apply_program(program, state, config_from_env(base_url), output_format, yes, refresh, parallel)


def apply_program(program: Program, state: State, config: dict[str, str], output_format: str, yes: bool,
                  refresh: bool = True, parallel: int = DEFAULT_PARALLEL) -> Plan:
    """What `zorio apply` does once PATH is loaded (the demo runs exactly this): refresh, plan, confirm, apply."""
    engine = make_engine(state, config)
    engine.parallel = parallel
    from pulumi_zorio.review.gather import forget_declared

    forget_declared()
    plan = preview(engine, program, refresh)
    show(plan, output_format, _reader(plan, engine, program, config))
    if not plan.has_changes:
        recorded = engine.record_options()
        if recorded:
            out.print(f"Recorded the protect / release settings of {', '.join(recorded)} (nothing in Zorio changes).",
                      soft_wrap=True, markup=False)
        return plan
    refuse_refusals(plan)
    _confirm(yes, plan)
    engine.listener = progress
    with in_project(program):
        done = guarded(lambda: engine.apply(program.callable(), approved=plan), engine)
    out.print(f"[bold green]Apply complete:[/bold green] {counts(done)}.", soft_wrap=True)
    show_outputs(engine.outputs)
    return done


def show_outputs(outputs: dict[str, Any]) -> None:
    """The program's exports after an apply, one per line, as `pulumi up` ends."""
    if not outputs:
        return
    out.print("\nOutputs:", soft_wrap=True, markup=False)
    for name, value in outputs.items():
        shown = value if value == "[secret]" else json.dumps(value, ensure_ascii=False, default=str)
        out.print(f"    {name}: {shown}", soft_wrap=True, markup=False)


@click.command(short_help="Delete everything the state file of PATH manages.")
@engine_options(confirm="destroy")
def destroy(path: Path, state_file: Path | None, refresh: bool, yes: bool, base_url: str | None,
            output_format: str) -> None:
    """Delete everything the state file of PATH manages (dependants first), after showing the plan and asking.

    Exit status: 0 destroyed or nothing to do, 1 error or not confirmed.
    """
    program, state = load(path, state_file, "destroy", "destroy")
    engine = make_engine(state, config_from_env(base_url))
    if state.empty:
        out.print(f"No resources are managed by {state.path}; nothing to destroy.", soft_wrap=True, markup=False)
        return
    if refresh:
        refresh_state(engine)  # a campaign started or stopped outside shows its live status in the plan
    plan = guarded(engine.plan_destroy)
    with in_project(program):
        show(plan, output_format)
        _confirm(yes, plan)
        engine.listener = progress
        done = guarded(engine.destroy, engine)
    released = f", {done.to_release} released (left in Zorio)" if done.to_release else ""
    out.print(f"[bold green]Destroy complete:[/bold green] {done.to_destroy} destroyed{released}.", soft_wrap=True)


def _reader(plan: Plan, engine: Any, program: Program, config: dict[str, str]) -> Any:
    """Names and the account's time zone for the plan shown before asking (as `zorio plan` shows it)."""
    from pulumi_zorio.review import TimeZoneError, account_zone
    from pulumi_zorio.review.gather import gather_reader

    try:
        return gather_reader(plan, engine.state, program, config, account_zone())
    except TimeZoneError as error:
        fail(str(error))


def _confirm(yes: bool, plan: Plan) -> None:
    """Ask unless --yes; without a terminal to ask on, refuse rather than guess."""
    if yes:
        return
    if not _interactive():
        verb = "destroy" if plan.destroy else "apply"
        fail(f"refusing to {verb} without confirmation: stdin is not a terminal. Review the plan above and "
             "re-run with --yes to perform these actions")
    question = "Do you want to perform these actions?"
    if plan.dials:
        question = "This plan DIALS REAL PEOPLE. " + question
    if not click.confirm(question, default=False):
        fail("cancelled: nothing was changed")


def _interactive() -> bool:
    """Whether a person can answer the prompt (tests replace this)."""
    return sys.stdin.isatty()
