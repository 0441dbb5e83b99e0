"""`zorio plan`: what `zorio apply` (and `pulumi up`) would change on the live account, without changing it.

For CI: `--format markdown` prints the review alone on stdout (a PR comment: dialing cautions, the campaign
summary, word diffs, each new or changed script's call flow); the exit status says whether anything would change
(0 no, 2 yes, 1 error), like `terraform plan -detailed-exitcode`. `--pulumi-state` compares against a Pulumi stack.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape

from pulumi_zorio.cli._stack import config_from_env, engine_options, fail, load, make_engine, preview, refuse_refusals, show
from pulumi_zorio.cli.terminal import err

NO_CHANGES, ERROR, CHANGES = 0, 1, 2


class _PlanCommand(click.Command):
    """A usage error exits 1 (not click's 2), so that 2 always means "this plan has changes"."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            error.exit_code = ERROR
            raise


@click.command(cls=_PlanCommand, short_help="Show what applying PATH would change (exit 0/2/1).")
@engine_options(confirm=None)
@click.option("--pulumi-state", metavar="FILE|-",
              help="Compare against a Pulumi stack instead of the state file: the output of `pulumi stack export` "
                   "(- reads stdin), read in memory and never written; its secrets are never read.")
@click.option("--timezone", envvar="ZORIO_TIMEZONE",
              help="The account's time zone, in which times are shown (an IANA name) [env ZORIO_TIMEZONE; "
                   "default Asia/Ho_Chi_Minh].")
def plan(path: Path, state_file: Path | None, refresh: bool, base_url: str | None, output_format: str,
         pulumi_state: str | None, timezone: str | None) -> None:
    """Show what applying PATH (a Python program or zorio YAML) would change; nothing is written.

    Exit status: 0 no changes, 2 changes, 1 error (including a plan that cannot be applied).
    """
    from pulumi_zorio.local.state import StateError
    from pulumi_zorio.review import TimeZoneError, account_zone
    from pulumi_zorio.review.gather import forget_declared, gather_reader
    from pulumi_zorio.review.pulumi_state import read_export

    if pulumi_state is not None and state_file is not None:
        fail("--state and --pulumi-state name two different states: pass one of them")
    try:
        zone = account_zone(timezone)
    except TimeZoneError as error:
        fail(str(error))
    program, state = load(path, state_file, "plan", "preview")
    if pulumi_state is not None:
        try:
            state = read_export(pulumi_state)
        except StateError as error:
            fail(str(error))
        err.print(escape(f"Compared against the Pulumi stack export ({len(state.resources)} Zorio resources), "
                         "not the state file."), soft_wrap=True)
    config = config_from_env(base_url)
    engine = make_engine(state, config)
    forget_declared()
    result = preview(engine, program, refresh)
    show(result, output_format, gather_reader(result, engine.state, program, config, zone))
    refuse_refusals(result)
    raise SystemExit(CHANGES if result.has_changes else NO_CHANGES)
