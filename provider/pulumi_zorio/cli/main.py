"""The `zorio` command group; each command lives in its own module."""

from __future__ import annotations

import click

from pulumi_zorio import __version__
from pulumi_zorio.cli.apply import apply, destroy
from pulumi_zorio.cli.demo import demo
from pulumi_zorio.cli.doctor import doctor
from pulumi_zorio.cli.emulator import emulator
from pulumi_zorio.cli.export import export
from pulumi_zorio.cli.plan import plan
from pulumi_zorio.cli.validate import validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="zorio")
def main() -> None:
    """Infrastructure as code for the Zorio AutoCall TTS platform."""


main.add_command(apply)
main.add_command(demo)
main.add_command(destroy)
main.add_command(doctor)
main.add_command(emulator)
main.add_command(export)
main.add_command(plan)
main.add_command(validate)
