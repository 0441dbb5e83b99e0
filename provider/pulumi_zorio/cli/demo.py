"""`zorio demo`: start a local emulator and run `zorio apply --yes examples/appointment-reminders` against it
(a copy in a temporary directory), then list what the account now holds and say how to do it yourself."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import click
from rich.table import Table

import pulumi_zorio
from pulumi_zorio.cli._stack import fail, load, shown
from pulumi_zorio.cli.apply import apply_program
from pulumi_zorio.cli.emulator import emulator_server
from pulumi_zorio.cli.terminal import out
from pulumi_zorio.client import ClientConfig, Secret, ZorioClient
from pulumi_zorio.spec import KINDS

EXAMPLE = "appointment-reminders"
START_DELAY_S = 0.2
"""How long a started campaign stays `starting` in the demo's emulator (1 s by default): keeps the demo quick."""


def examples_dir() -> Path:
    """`examples/` of the repository the package is installed from (`pip install -e .`)."""
    return Path(pulumi_zorio.__file__).resolve().parents[2] / "examples"


@click.command(short_help="Apply examples/appointment-reminders to a local emulator.")
@click.option("--keep-running", is_flag=True, help="Leave the emulator running after the demo (Ctrl+C stops it).")
def demo(keep_running: bool) -> None:
    """Start a local Zorio emulator and apply examples/appointment-reminders to it, as `zorio apply --yes` does."""
    emulator = emulator_server()
    from zorio_emulator.settings import EmulatorSettings

    example = examples_dir() / EXAMPLE
    if not example.is_dir():
        fail(f"cannot find the example {EXAMPLE} (looked in {example}); the demo runs from a clone of the "
             "repository installed with `pip install -e .`")
    server = emulator.start_in_thread(EmulatorSettings(start_delay_s=START_DELAY_S))
    try:
        with tempfile.TemporaryDirectory(prefix="zorio-demo-") as temp:
            project = Path(temp) / EXAMPLE
            shutil.copytree(example, project, ignore=shutil.ignore_patterns(".zorio-state*"))
            _run(server.base_url, example, project)
            _closing(example)
            if keep_running:
                out.print(f"The emulator is still running on {server.base_url}; press Ctrl+C to stop it.")
                while True:
                    time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


def _run(base_url: str, example: Path, project: Path) -> None:
    out.rule(f"Zorio emulator on {base_url}")
    out.print("A local stand-in for the Zorio API: nothing leaves this machine and nobody is called.", soft_wrap=True)
    token = _login(base_url)
    out.print(f"Copied {shown(example)} to {project}.", soft_wrap=True, markup=False)
    out.rule(f"zorio apply --yes {EXAMPLE}")
    program, state = load(project, None, "apply", "up")
    apply_program(program, state, {"zorio:baseUrl": base_url, "zorio:token": token}, "text", yes=True)
    out.rule("What the account now holds")
    out.print(_account_table(base_url, token))


def _login(base_url: str) -> str:
    """Log in as the emulator's admin; only the token's id is ever shown (tokens are `<id>|<secret>`)."""
    with ZorioClient(ClientConfig(base_url=base_url, username="admin", password=Secret("admin"))) as client:
        token = client.token().reveal()
    out.print(f"Logged in as admin/admin (token {token.split('|')[0]}|…, redacted).", markup=False)
    return token


def _account_table(base_url: str, token: str) -> Table:
    """Every object of the account by kind, read through the API client, with the campaigns' live status."""
    table = Table("kind", "name", "id", "status", box=None, pad_edge=False)
    with ZorioClient(ClientConfig(base_url=base_url, token=token)) as client:
        for kind in KINDS.values():
            key = kind.key_field
            for item in sorted(getattr(client, kind.service).list(), key=lambda item: str(item.get(key))):
                status = str(item.get("status") or "")
                status = f"[bold red]{status}[/bold red]" if status == "running" else status
                table.add_row(kind.words, str(item.get(key)), str(item["id"]), status)
    return table


def _closing(example: Path) -> None:
    """How to do the same by hand: the emulator in one terminal, the commands in another."""
    path = shown(example)
    out.print()
    out.print("[bold]Do it yourself:[/bold] run `zorio emulator` in one terminal, then in another:", soft_wrap=True)
    for line in ("  export ZORIO_BASE_URL=http://127.0.0.1:8080 ZORIO_TOKEN=<token>",
                 f"  zorio apply {path}      # the plan, a question, then the changes",
                 f"  zorio plan {path}       # now \"No changes.\" (exit 0; 2 when something would change)",
                 f"  zorio destroy {path}    # removes it all"):
        out.print(line, soft_wrap=True, markup=False)
    out.print("<token> is the \"token\" field of the login call that `zorio emulator` prints (or export "
              "ZORIO_USERNAME=admin ZORIO_PASSWORD=admin instead).", soft_wrap=True, markup=False)
