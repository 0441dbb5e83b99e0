"""`zorio graph`: draw the call flows of a zorio YAML configuration (offline: no API call, no state)."""

from __future__ import annotations

from pathlib import Path

import click

from pulumi_zorio.cli.terminal import err


@click.command(short_help="Draw the call flows of PATH's scripts as a Mermaid picture (offline).")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["mermaid", "markdown"]), default="mermaid",
              show_default=True, help="mermaid: the flowchart alone; markdown: a page with the flowchart, the "
                                      "campaigns, and each script's greeting and keys (GitHub renders both).")
def graph(path: Path, output_format: str) -> None:
    """Draw every script of PATH (a zorio YAML file or folder) with what each key does, linked through
    switch_script, and the campaigns that call them.

    Exit status: 0 drawn, 1 the configuration has problems (listed as `zorio validate` lists them).
    """
    from rich.markup import escape

    from pulumi_zorio.desired.validate import validate_paths
    from pulumi_zorio.local.program import ProgramError, load_program
    from pulumi_zorio.review.graph import graph_markdown, graph_mermaid

    try:
        program = load_program(path)
    except ProgramError as error:
        err.print(f"[bold red]Error:[/bold red] {escape(str(error))}", soft_wrap=True)
        raise SystemExit(1) from None
    if program.kind != "yaml":
        err.print("[bold red]Error:[/bold red] zorio graph draws zorio YAML (a file or a folder of *.yaml); for a "
                  "Python program, point it at the YAML the program declares", soft_wrap=True)
        raise SystemExit(1)
    report = validate_paths([path])
    if not report.valid:
        for problem in report.problems:
            err.print(escape(str(problem)), soft_wrap=True)
        raise SystemExit(1)
    drawn = graph_markdown(report.config, path.name) if output_format == "markdown" else graph_mermaid(report.config)
    click.echo(drawn, nl=False)
