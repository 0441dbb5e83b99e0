"""The `zorio` command group; each command lives in its own module, imported only when it runs.

`zorio --help` and `zorio validate` used to import every command (the local engine, pulumi, deepdiff, the emulator
client) before doing anything: about half a second on each call, paid by editors and CI hooks that run validate on
every save. The group now knows each command by module and one-line summary, and loads the one it runs.
"""

from __future__ import annotations

import importlib

import click

from pulumi_zorio import __version__

COMMANDS: dict[str, tuple[str, str]] = {
    "apply": ("pulumi_zorio.cli.apply", "Show the plan for PATH, ask, then apply it (local engine)."),
    "caller-id-groups": ("pulumi_zorio.cli.catalog", "List the caller-ID groups of the account (for caller_id_group)."),
    "demo": ("pulumi_zorio.cli.demo", "Apply examples/appointment-reminders to a local emulator."),
    "destroy": ("pulumi_zorio.cli.apply", "Delete everything the state file of PATH manages."),
    "doctor": ("pulumi_zorio.cli.doctor", "Check an account before the first pulumi up (read-only)."),
    "emulator": ("pulumi_zorio.cli.emulator", "Run a faithful local Zorio API for trying and testing pulumi-zorio."),
    "export": ("pulumi_zorio.cli.export", "Write an existing account as zorio YAML (with adopt_id), audio files beside it."),
    "graph": ("pulumi_zorio.cli.graph", "Draw the call flows of PATH's scripts as a Mermaid picture (offline)."),
    "plan": ("pulumi_zorio.cli.plan", "Show what applying PATH would change (exit 0/2/1)."),
    "queues": ("pulumi_zorio.cli.catalog", "List the agent queues the account offers (for target_queue_name)."),
    "validate": ("pulumi_zorio.cli.validate",
                 "Check zorio.yaml files (or folders of *.yaml files, merged) without calling the API (unless --online)."),
    "voices": ("pulumi_zorio.cli.catalog", "List the voices the account offers (for voice_id)."),
}
"""name → (module defining the click command of that name, `-` spelt `_`, and its short help as `--help` lists it).
A test checks that each summary is the command's own, so the two cannot drift apart."""


class LazyCommands(click.Group):
    """A click group that imports a command's module only when that command runs (or its own help is asked)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        command = getattr(importlib.import_module(COMMANDS[cmd_name][0]), cmd_name.replace("-", "_"))
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the table, without importing any command."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][1]) for name in self.list_commands(ctx)])


@click.group(cls=LazyCommands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="zorio")
def main() -> None:
    """Infrastructure as code for the Zorio AutoCall TTS platform."""
