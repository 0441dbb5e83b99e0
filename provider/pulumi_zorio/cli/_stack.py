"""What `zorio plan`, `zorio apply`, `zorio destroy` (and the demo) share: the options, loading PATH and its state
file, the provider configuration, printing the plan, running an engine operation without tracebacks, progress."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from rich.markup import escape

from pulumi_zorio.cli.activity import ACTIVITY, follow_waits
from pulumi_zorio.cli.terminal import err, out
from pulumi_zorio.local.plan import Action, Plan, Step
from pulumi_zorio.local.program import Program, ProgramError, load_program
from pulumi_zorio.local.render import render_markdown, render_text
from pulumi_zorio.local.state import State, StateError
from pulumi_zorio.review.reader import Reader
from pulumi_zorio.spec.kinds import kind_words
from pulumi_zorio.spec.lifecycle import Refusal

if TYPE_CHECKING:
    from pulumi_zorio.local.engine import LocalEngine

T = TypeVar("T")

BANNER = "[bold]zorio {command}[/bold] (the local engine; production runs `pulumi {command_pulumi}`), state {state}"
VERBS = {Action.CREATE: ("Creating", "Creation"), Action.UPDATE: ("Modifying", "Modifications"),
         Action.REPLACE: ("Replacing", "Replacement"), Action.DELETE: ("Destroying", "Destruction")}


def engine_options(confirm: str | None) -> Callable[[Any], Any]:
    """PATH and the options of the commands over the local engine; `--yes` only for those that write (`confirm`
    is their verb)."""

    def decorate(command: Any) -> Any:
        if confirm:
            command = click.option("--yes", "-y", is_flag=True,
                                   help=f"{confirm.capitalize()} without asking (the plan is still shown).")(command)
        command = click.option("--refresh/--no-refresh", default=True, show_default=True,
                               help="Read every managed object from the account first, so changes made outside "
                                    "(the admin console) show in the plan and are put back.")(command)
        command = click.option("--state", "state_file", type=click.Path(dir_okay=False, path_type=Path),
                               help="State file [default: .zorio-state.json in the project directory].")(command)
        command = click.option("--base-url", envvar="ZORIO_BASE_URL",
                               help="Zorio API URL [env ZORIO_BASE_URL]; credentials come from ZORIO_TOKEN, or "
                                    "ZORIO_USERNAME and ZORIO_PASSWORD (never from the command line).")(command)
        command = click.option("--format", "output_format", type=click.Choice(["text", "markdown"]),
                               default="text", show_default=True,
                               help="How to print the plan (markdown: for a PR comment).")(command)
        return click.argument("path", type=click.Path(exists=True, path_type=Path))(command)

    return decorate


def load(path: Path, state_file: Path | None, command: str, command_pulumi: str) -> tuple[Program, State]:
    """The program at PATH and its state; the banner (a diagnostic) goes to stderr."""
    try:
        program = load_program(path)
        state = State.load((state_file or program.default_state).resolve())
    except (ProgramError, StateError) as error:
        fail(str(error))
    err.print(BANNER.format(command=command, command_pulumi=command_pulumi, state=escape(shown(state.path))),
              soft_wrap=True)
    return program, state


def config_from_env(base_url: str | None) -> dict[str, str]:
    """Provider configuration as `pulumi config` would hold it: the base URL. The credentials stay in the
    environment, where the provider reads them as it does under Pulumi (and its error hints name them there)."""
    if not base_url:
        fail("no Zorio API URL: pass --base-url or set ZORIO_BASE_URL")
    if not os.environ.get("ZORIO_TOKEN") and not (os.environ.get("ZORIO_USERNAME") and os.environ.get("ZORIO_PASSWORD")):
        fail("no credentials: set ZORIO_TOKEN, or ZORIO_USERNAME and ZORIO_PASSWORD")
    return {"zorio:baseUrl": base_url}


def make_engine(state: State, config: dict[str, str]) -> LocalEngine:
    """The local engine over `state`; from here on, the client's long waits are shown."""
    from pulumi_zorio.local.engine import LocalEngine  # imports pulumi: only when a command runs

    follow_waits()
    return LocalEngine(state, config)


def preview(engine: LocalEngine, program: Program, refresh: bool = True) -> Plan:
    """The plan of an apply (read-only), run in the project directory as Pulumi runs programs.

    With `refresh`, the state is first brought up to date from the account (in memory only), so the plan is a
    live diff: out-of-band edits show as updates and out-of-band deletions as creates.
    """
    with in_project(program):
        if refresh:
            refresh_state(engine)
        plan = guarded(lambda: engine.preview(program.callable()))
    note_undeclared(plan, program, engine.state)
    return plan


def note_undeclared(plan: Plan, program: Program, state: State) -> None:
    """One state file per folder: planning b.yaml against the state a.yaml wrote destroys a.yaml's objects. Say so
    (stderr: the plan itself stays the command's data) and name the way to keep both."""
    declared = {step.name for step in plan.steps if step.action is not Action.DELETE}
    gone = [step.name for step in plan.steps if step.action is Action.DELETE and step.name not in declared]
    if gone:
        these = f"{len(gone)} object{'s' if len(gone) != 1 else ''}"
        err.print(escape(f"Note: {these} recorded in {shown(state.path)} {'are' if len(gone) != 1 else 'is'} not "
                         f"declared by {shown(program.path)}, so this plan destroys {'them' if len(gone) != 1 else 'it'}"
                         f". If {'they belong' if len(gone) != 1 else 'it belongs'} to another configuration, give "
                         "each configuration its own state file: --state FILE."), soft_wrap=True)


def refresh_state(engine: LocalEngine) -> None:
    """Bring the state up to date from the account, in memory (the next write saves it); say what is gone."""
    if engine.state.empty:
        return
    events = guarded(lambda: engine.refresh(save=False))
    gone = [name for event, name in events if event == "refresh-gone"]
    note = f"; gone from the account: {', '.join(gone)}" if gone else ""
    objects = f"{len(events)} managed object" + ("" if len(events) == 1 else "s")
    err.print(escape(f"Read {objects} from the account{note}."), soft_wrap=True)


def show(plan: Plan, output_format: str, reader: Reader | None = None) -> None:
    """The plan is the commands' data: stdout (markdown alone on stdout, for a PR comment); `reader` names ids."""
    if output_format == "markdown":
        click.echo(render_markdown(plan, reader), nl=False)
        return
    for line in render_text(plan, reader):
        out.print(line, soft_wrap=True)


def refuse_refusals(plan: Plan) -> None:
    """A plan with a refused status change cannot be applied: say so before anything is written."""
    refused = [step for step in plan.steps if isinstance(step.status, Refusal)]
    if refused:
        reasons = "; ".join(f"{step.name}: {step.status.message}" for step in refused)  # type: ignore[union-attr]
        fail(f"this plan cannot be applied ({reasons}); change the configuration, nothing was changed")


def guarded(run: Callable[[], T], engine: LocalEngine | None = None) -> T:
    """Run an engine operation; a failure is reported with its resource name, never as a traceback."""
    from pulumi_zorio.local.engine import EngineError

    try:
        return run()
    except EngineError as error:
        ACTIVITY.stop()
        where = f"{error.resource}: " if error.resource else ""
        err.print(f"[bold red]Error:[/bold red] {escape(where + error.message)}", soft_wrap=True)
        if engine is not None and engine.listener is not None:
            done = Plan(tuple(engine.steps))
            err.print(f"Stopped after {counts(done)}. The state file records every finished step; run the "
                      "command again to converge.", soft_wrap=True)
        raise SystemExit(1) from None
    except StateError as error:
        fail(str(error))


def progress(event: str, step: Step, seconds: float) -> None:
    """Terraform-style progress lines; on a terminal, a live line while steps run (and why they wait)."""
    doing, done = ("Releasing", "Release") if step.released else VERBS[step.action]
    title = f"{kind_words(step.kind)} {step.name}".strip()  # ids repeat across kinds
    key = f"{step.kind}:{step.name}:{step.action.value}"
    if event == "start":
        out.print(f"{title}: {doing}...", soft_wrap=True, markup=False)
        ACTIVITY.step_started(key, f"{title}: {doing.lower()}")
    else:
        ACTIVITY.step_ended(key)
        status = f", status {step.live_status}" if step.live_status and not step.released else ""
        out.print(f"{title}: {done} complete after {seconds:.1f}s [id={step.id}]{status}", soft_wrap=True,
                  markup=False)


def counts(done: Plan) -> str:
    """What finished steps did. A finished replacement's old object shows up as its own delete step."""
    released = f", {done.to_release} released (left in Zorio)" if done.to_release else ""
    return f"{done.to_add} added, {done.to_change} changed, {done.count(Action.DELETE) - done.to_release} destroyed" \
        + released


def in_project(program: Program) -> contextlib.chdir[Path]:
    """Run in the project directory, as Pulumi runs programs (relative audio paths resolve from there)."""
    return contextlib.chdir(program.project_dir)


def shown(path: Path) -> str:
    """A path relative to the working directory when it is below it (shorter in logs), else absolute."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def fail(message: str) -> NoReturn:
    """Report an error on stderr and exit 1 (no traceback)."""
    ACTIVITY.stop()
    err.print(f"[bold red]Error:[/bold red] {escape(message)}", soft_wrap=True)
    raise SystemExit(1)
