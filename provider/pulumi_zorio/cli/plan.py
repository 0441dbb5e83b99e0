"""`zorio plan`: what `zorio apply` (and `pulumi up`) would change on the live account, without changing it.

For CI: `--format markdown` prints the plan alone on stdout (a PR comment); the exit status says whether anything
would change (0 no, 2 yes, 1 error), like `terraform plan -detailed-exitcode`.
"""

from __future__ import annotations

from pathlib import Path
import click

from pulumi_zorio.cli._stack import config_from_env, engine_options, load, make_engine, preview, refuse_refusals, show

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
@engine_options(confirm=False)
def plan(path: Path, state_file: Path | None, refresh: bool, base_url: str | None, output_format: str) -> None:
    """Show what applying PATH (a Python program or zorio YAML) would change; nothing is written.

    Exit status: 0 no changes, 2 changes, 1 error (including a plan that cannot be applied).
    """
    program, state = load(path, state_file, "plan", "preview")
    result = preview(make_engine(state, config_from_env(base_url)), program, refresh)
    show(result, output_format)
    refuse_refusals(result)
    raise SystemExit(CHANGES if result.has_changes else NO_CHANGES)
