"""`zorio voices`, `zorio queues`, `zorio caller-id-groups`: what the account offers to the YAML's `voice_id`,
`target_queue_name` and `caller_id_group`.

These values cannot be checked offline, and before these commands the only place to find them was the admin console.
All three read one small list from the API and print it the same way: a table on a terminal, plain aligned columns
when piped (one row a line, `-` for a missing value, so `awk` and `grep` work), or the API's own objects with
`--format json`. The hint of what to do with a value goes to stderr, so stdout stays data.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click
from rich.markup import escape
from rich.table import Table

from pulumi_zorio.cli._stack import fail
from pulumi_zorio.cli.terminal import err, out

if TYPE_CHECKING:
    from pulumi_zorio.client import ZorioClient

MISSING = "-"
"""What a plain column shows for a value the API left out (a degraded voice has only id and name)."""


@dataclass(frozen=True)
class Catalog:
    """One list the account offers: how to read it, which fields to show, and where its values go in the YAML."""

    noun: str
    columns: tuple[str, ...]
    read: Callable[[ZorioClient], list[Any]]
    use: str


VOICES = Catalog("voices", ("id", "name", "language", "gender"),
                 lambda client: client.voices.list(fresh=True),
                 "Use an id as voice_id: of a script.")
QUEUES = Catalog("queues", ("name", "display_name"),
                 lambda client: client.queues.list(fresh=True),
                 "Use a name as target_queue_name: of a DTMF action with action_type: queue.")
CALLER_ID_GROUPS = Catalog("caller-ID groups", ("id", "name", "status", "rotation_strategy", "description"),
                           lambda client: client.caller_id_groups.list(fresh=True),
                           "Use a name (or id) as caller_id_group: of a campaign; only an active group can dial.")


def catalog_options(command: Callable[..., None]) -> Callable[..., None]:
    """`--format` and `--base-url`, the latter exactly as `zorio doctor` and `zorio export` take it."""
    command = click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table",
                           show_default=True,
                           help="table: a table on a terminal, plain columns otherwise; json: the API's objects, "
                                "for scripts.")(command)
    return click.option("--base-url", envvar="ZORIO_BASE_URL",
                        help="Zorio API URL [env ZORIO_BASE_URL]; credentials come from ZORIO_TOKEN, or "
                             "ZORIO_USERNAME and ZORIO_PASSWORD (never from the command line).")(command)


@click.command(short_help="List the voices the account offers (for voice_id).")
@catalog_options
def voices(output_format: str, base_url: str | None) -> None:
    """List the voices the account offers: each id is a valid voice_id of a script.

    Exit status: 0 listed, 1 the account could not be read.
    """
    show_catalog(VOICES, output_format, base_url)


@click.command(short_help="List the agent queues the account offers (for target_queue_name).")
@catalog_options
def queues(output_format: str, base_url: str | None) -> None:
    """List the agent queues the account offers: each name is a valid target_queue_name of a queue action.

    Exit status: 0 listed, 1 the account could not be read.
    """
    show_catalog(QUEUES, output_format, base_url)


@click.command("caller-id-groups", short_help="List the caller-ID groups of the account (for caller_id_group).")
@catalog_options
def caller_id_groups(output_format: str, base_url: str | None) -> None:
    """List the caller-ID rotation groups of the account: a campaign dials from one, named by caller_id_group.

    Groups are managed in the Zorio admin console; only an active group can be used.

    Exit status: 0 listed, 1 the account could not be read.
    """
    show_catalog(CALLER_ID_GROUPS, output_format, base_url)


def show_catalog(catalog: Catalog, output_format: str, base_url: str | None) -> None:
    """Read `catalog` from the account and print it; a failure is one line on stderr and exit 1."""
    items = read_catalog(catalog, base_url)
    if output_format == "json":
        click.echo(json.dumps(items, indent=2, ensure_ascii=False))
        return
    if not items:
        err.print(f"The account offers no {catalog.noun}.", markup=False, soft_wrap=True)
        return
    rows = [[cell(item, column) for column in catalog.columns] for item in items]
    if out.is_terminal:
        table = Table(*catalog.columns, header_style="bold")
        for row in rows:
            table.add_row(*(escape(value) for value in row))
        out.print(table)
    else:
        for line in plain_columns([list(catalog.columns), *rows]):
            click.echo(line)
    err.print(catalog.use, markup=False, soft_wrap=True)


def read_catalog(catalog: Catalog, base_url: str | None) -> list[Any]:
    """The whole list, read with the credentials of the environment; any client error ends the command."""
    from pulumi_zorio.client import ClientConfig, ZorioClient, ZorioError  # HTTP only when a command runs

    try:
        with ZorioClient(ClientConfig.from_env(base_url=base_url)) as client:
            return list(catalog.read(client))
    except ZorioError as error:
        fail(f"cannot list the account's {catalog.noun}: {error}")


def cell(item: Any, column: str) -> str:
    """One value as a table shows it: text on one line, `-` when absent."""
    value = item.get(column) if isinstance(item, dict) else None
    if value is None or value == "":
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    return " ".join(str(value).split())


def plain_columns(rows: list[list[str]]) -> list[str]:
    """Rows as left-aligned columns two spaces apart, without trailing blanks."""
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    return ["  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip() for row in rows]
