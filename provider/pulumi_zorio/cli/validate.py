"""`zorio validate PATH...`: check zorio.yaml files (offline unless --online) and report every problem at
file:line:column."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.markup import escape

from pulumi_zorio.cli.terminal import err, out
from pulumi_zorio.desired import ValidationReport, validate_paths
from pulumi_zorio.desired.model import LocatedProblem
from pulumi_zorio.spec import KINDS

T = TypeVar("T")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per problem on stderr; json: a report on stdout for CI annotations.",
)
@click.option(
    "--online",
    is_flag=True,
    help="Also check against the account: voices, queues and caller-ID groups the files name (with the nearest "
         "name the account has), and for undeclared {{placeholders}} the variable to adopt (reads ZORIO_BASE_URL "
         "and ZORIO_TOKEN, or ZORIO_USERNAME and ZORIO_PASSWORD).",
)
def validate(paths: tuple[Path, ...], output_format: str, online: bool) -> None:
    """Check zorio.yaml files (or folders of *.yaml files, merged) without calling the API (unless --online).

    Warnings (say, a campaign that starts without a caller-ID group) are shown but do not fail the check.
    Exit status: 0 valid (warnings or not), 1 errors found, 2 usage error or the account could not be read.
    """
    report = validate_paths(paths)
    if online and report.has_undefined_placeholders:
        report = validate_paths(paths, account_variables=_account_variables())
    if online:
        report.problems = sorted({*report.problems, *_catalog_problems(report)})
    if output_format == "json":
        # The report is the command's data, even when it lists problems: stdout, machine-readable.
        click.echo(json.dumps(report_json(report), indent=2, ensure_ascii=False))
    else:
        print_text(report)
    raise SystemExit(0 if report.valid else 1)


def _account_variables() -> dict[str, object]:
    """The account's variables (code → id), for --online."""
    return _reading_account("the account's variables", lambda client: client.variables.ids_by_code())


def _catalog_problems(report: ValidationReport) -> list[LocatedProblem]:
    """The voices, queues and caller-ID groups the files name that the account does not offer (as `zorio plan`
    checks them)."""
    from pulumi_zorio.desired.online import AccountCatalog, catalog_problems, needs

    wanted = needs(report.config)
    if not wanted:
        return []
    return _reading_account("the account", lambda client: catalog_problems(
        report.config, AccountCatalog.read(client, wanted)))


def _reading_account(what: str, read: Callable[[Any], T]) -> T:
    """`read(client)` with a client from the ZORIO_* environment (HTTP only for --online); a failure to read the
    account is not a finding: it is reported and exits 2."""
    from pulumi_zorio.client import ClientConfig, ZorioClient, ZorioError

    try:
        with ZorioClient(ClientConfig.from_env()) as client:
            return read(client)
    except ZorioError as error:
        err.print(f"[bold red]Error:[/bold red] cannot read {what}: {escape(str(error))}", soft_wrap=True)
        raise SystemExit(2) from None


def print_text(report: ValidationReport) -> None:
    """Problems, warnings and their summary are diagnostics (stderr); the verdict of a valid run is the result
    (stdout)."""
    for finding in sorted([*report.problems, *report.warnings]):
        err.print(str(finding), markup=False, emoji=False, soft_wrap=True)
    warned = f"{_count(len(report.warnings), 'warning')}" if report.warnings else ""
    if report.problems:
        errors, files = len(report.problems), len(report.files_with_problems)
        both = f"{_count(errors, 'error')} and {warned}" if warned else _count(errors, "error")
        err.print(f"{both} in {_count(files, 'file')}", soft_wrap=True)
        return
    counts = [_count(len(report.config.section(kind.section)), kind.words) for kind in KINDS.values()]
    suffix = f"; {warned}" if warned else ""
    out.print(f"{_count(len(report.files), 'file')} valid: {', '.join(counts)}{suffix}", soft_wrap=True)


def report_json(report: ValidationReport) -> dict[str, Any]:
    """The `--format json` document: one entry per problem or warning (`severity`) with file, line, column, path
    and message, in file order."""
    return {
        "valid": report.valid,
        "files": report.files,
        "problems": [
            {
                "file": problem.location.file,
                "line": problem.location.line,
                "column": problem.location.column,
                "severity": problem.severity,
                "path": problem.path,
                "message": problem.message,
            }
            for problem in sorted([*report.problems, *report.warnings])
        ],
        "counts": {kind.section: len(report.config.section(kind.section)) for kind in KINDS.values()},
    }


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")
