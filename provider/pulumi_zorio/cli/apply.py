"""`zorio apply` / `zorio destroy`: try pulumi-zorio without the Pulumi CLI, through the local stand-in for the
engine (pulumi_zorio.local) and a JSON state file. Production uses `pulumi up` / `pulumi destroy`."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rich.markup import escape
from rich.status import Status

from pulumi_zorio.cli.terminal import err, out
from pulumi_zorio.local.plan import Action, Plan, Step
from pulumi_zorio.local.program import Program, ProgramError, load_program
from pulumi_zorio.local.render import render_markdown, render_text
from pulumi_zorio.local.state import State, StateError

if TYPE_CHECKING:
    from pulumi_zorio.local.engine import LocalEngine

BANNER = ("[bold]zorio {command}[/bold]: the local stand-in for the Pulumi engine, for trying pulumi-zorio "
          "without the Pulumi CLI (production uses `pulumi {command_pulumi}`). State: {state}")
VERBS = {Action.CREATE: ("Creating", "Creation"), Action.UPDATE: ("Modifying", "Modifications"),
         Action.REPLACE: ("Replacing", "Replacement"), Action.DELETE: ("Destroying", "Destruction")}


def _options(command: Any) -> Any:
    """The options both commands share."""
    command = click.option("--yes", "-y", is_flag=True, help="Apply without asking (the plan is still shown).")(command)
    command = click.option("--state", "state_file", type=click.Path(dir_okay=False, path_type=Path),
                           help="State file [default: .zorio-state.json in the project directory].")(command)
    command = click.option("--base-url", envvar="ZORIO_BASE_URL",
                           help="Zorio API URL [env ZORIO_BASE_URL]; credentials come from ZORIO_TOKEN, or "
                                "ZORIO_USERNAME and ZORIO_PASSWORD (never from the command line).")(command)
    command = click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text",
                           show_default=True, help="How to print the plan (markdown: for a PR comment).")(command)
    return click.argument("path", type=click.Path(exists=True, path_type=Path))(command)


@click.command()
@_options
def apply(path: Path, state_file: Path | None, yes: bool, base_url: str | None, output_format: str) -> None:
    """Show the plan for PATH (a Python program or zorio YAML), ask, then apply it in dependency order.

    Exit status: 0 applied or nothing to do, 1 error or not confirmed.
    """
    program, state = _load(path, state_file, "apply", "up")
    engine = _engine(state, base_url)
    with _in(program.project_dir):
        plan = _guarded(lambda: engine.preview(program.callable()))
        _show(plan, output_format)
        if not plan.has_changes:
            return
        _confirm(yes, plan)
        engine.listener = _progress
        done = _guarded(lambda: engine.apply(program.callable(), approved=plan), engine)
    out.print(f"[bold green]Apply complete:[/bold green] {_counts(done)}.", soft_wrap=True)


@click.command()
@_options
def destroy(path: Path, state_file: Path | None, yes: bool, base_url: str | None, output_format: str) -> None:
    """Delete everything the state file of PATH manages (dependants first), after showing the plan and asking.

    Exit status: 0 destroyed or nothing to do, 1 error or not confirmed.
    """
    program, state = _load(path, state_file, "destroy", "destroy")
    engine = _engine(state, base_url)
    plan = engine.plan_destroy()
    if state.empty:
        out.print(f"No resources are managed by {state.path}; nothing to destroy.", soft_wrap=True)
        return
    with _in(program.project_dir):
        _show(plan, output_format)
        _confirm(yes, plan)
        engine.listener = _progress
        done = _guarded(engine.destroy, engine)
    out.print(f"[bold green]Destroy complete:[/bold green] {done.to_destroy} destroyed.", soft_wrap=True)


# --- steps of both commands ---------------------------------------------------------------------------
def _engine(state: State, base_url: str | None) -> LocalEngine:
    from pulumi_zorio.local.engine import LocalEngine  # imports pulumi: only when a command runs

    return LocalEngine(state, _config(base_url))


def _load(path: Path, state_file: Path | None, command: str, command_pulumi: str) -> tuple[Program, State]:
    try:
        program = load_program(path)
        state = State.load((state_file or program.default_state).resolve())
    except (ProgramError, StateError) as error:
        _fail(str(error))
    err.print(BANNER.format(command=command, command_pulumi=command_pulumi, state=_shown(state.path)),
              soft_wrap=True)
    return program, state


def _config(base_url: str | None) -> dict[str, str]:
    """Provider configuration as `pulumi config` would hold it; kept in memory, never written."""
    values = {"zorio:baseUrl": base_url, "zorio:token": os.environ.get("ZORIO_TOKEN"),
              "zorio:username": os.environ.get("ZORIO_USERNAME"), "zorio:password": os.environ.get("ZORIO_PASSWORD")}
    if not base_url:
        _fail("no Zorio API URL: pass --base-url or set ZORIO_BASE_URL")
    if not values["zorio:token"] and not (values["zorio:username"] and values["zorio:password"]):
        _fail("no credentials: set ZORIO_TOKEN, or ZORIO_USERNAME and ZORIO_PASSWORD")
    return {key: value for key, value in values.items() if value}


def _show(plan: Plan, output_format: str) -> None:
    if output_format == "markdown":
        click.echo(render_markdown(plan), nl=False)
        return
    for line in render_text(plan):
        out.print(line, soft_wrap=True)


def _confirm(yes: bool, plan: Plan) -> None:
    """Ask unless --yes; without a terminal to ask on, refuse rather than guess."""
    if yes:
        return
    if not _interactive():
        _fail("refusing to apply without confirmation: stdin is not a terminal. Review the plan above and "
              "re-run with --yes to perform these actions")
    question = "Do you want to perform these actions?"
    if plan.dials:
        question = "This plan DIALS REAL PEOPLE. " + question
    if not click.confirm(question, default=False):
        _fail("cancelled: nothing was changed")


def _interactive() -> bool:
    """Whether a person can answer the prompt (tests replace this)."""
    return sys.stdin.isatty()


def _guarded(run: Any, engine: LocalEngine | None = None) -> Any:
    """Run an engine operation; a failure is reported with its resource name, never as a traceback."""
    from pulumi_zorio.local.engine import EngineError

    try:
        return run()
    except EngineError as error:
        where = f"{error.resource}: " if error.resource else ""
        err.print(f"[bold red]Error:[/bold red] {escape(where + error.message)}", soft_wrap=True)
        if engine is not None and engine.listener is not None:
            done = Plan(tuple(engine.steps))
            err.print(f"Stopped after {_counts(done)}. The state file records every finished step; run the "
                      "command again to converge.", soft_wrap=True)
        raise SystemExit(1) from None
    except StateError as error:
        _fail(str(error))


_SPINNER: list[Status] = []


def _progress(event: str, step: Step, seconds: float) -> None:
    """Terraform-style progress lines; on a terminal, a spinner while a long step (a campaign start) runs."""
    doing, done = VERBS[step.action]
    while _SPINNER:
        _SPINNER.pop().stop()
    if event == "start":
        out.print(f"{step.name}: {doing}...", soft_wrap=True, markup=False)
        if out.is_terminal:
            spinner = out.status(escape(f"{step.name}: {doing.lower()}"))
            spinner.start()
            _SPINNER.append(spinner)
    else:
        out.print(f"{step.name}: {done} complete after {seconds:.1f}s [id={step.id}]", soft_wrap=True, markup=False)


def _counts(plan: Plan) -> str:
    return f"{plan.to_add} added, {plan.to_change} changed, {plan.to_destroy} destroyed"


@contextlib.contextmanager
def _in(directory: Path) -> Iterator[None]:
    """Run in the project directory, as Pulumi runs programs (relative audio paths resolve from there)."""
    with contextlib.chdir(directory):
        yield


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _fail(message: str) -> None:
    err.print(f"[bold red]Error:[/bold red] {escape(message)}", soft_wrap=True)
    raise SystemExit(1)
