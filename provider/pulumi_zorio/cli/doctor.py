"""`zorio doctor`: check a Zorio account (or the emulator) before the first `pulumi up`, and say what blocks it."""

from __future__ import annotations

import time

import click
from rich.markup import escape

from pulumi_zorio.cli.terminal import err, out
from pulumi_zorio.client import ClientConfig, ConfigurationError

SYMBOLS = {"ok": ("✓", "green"), "note": ("~", "cyan"), "warn": ("!", "yellow"), "fail": ("✗", "bold red"),
           "skip": ("-", "dim")}


@click.command(short_help="Check an account before the first pulumi up (read-only).")
@click.option("--base-url", envvar="ZORIO_BASE_URL",
              help="Zorio API URL [env ZORIO_BASE_URL]; credentials come from ZORIO_TOKEN, or ZORIO_USERNAME and "
                   "ZORIO_PASSWORD (never from the command line).")
@click.option("--allow-writes", is_flag=True,
              help="Also create and delete one throw-away variable (zorio_doctor_…) to learn how writes are answered: "
                   "Idempotency-Key replay, duplicate, malformed body and DELETE statuses.")
def doctor(base_url: str | None, allow_writes: bool) -> None:
    """Check that pulumi-zorio can work with the account: base URL, credentials, permissions, rate limits,
    pagination, voices / queues / caller-ID groups, and where the API differs from what pulumi-zorio infers.

    Read-only unless --allow-writes. The token is never printed.
    Exit status: 0 nothing blocks `pulumi up`, 1 something does.
    """
    from pulumi_zorio.doctor import run_doctor  # imports the client's HTTP stack only when the command runs

    try:
        config = ClientConfig.from_env(base_url=base_url)
    except ConfigurationError as error:
        err.print(f"[bold red]Error:[/bold red] {escape(str(error))}", soft_wrap=True)
        raise SystemExit(1) from None
    started = time.monotonic()
    report = run_doctor(config, allow_writes=allow_writes)
    mode = "read-only and one throw-away variable" if allow_writes else "read-only"
    out.print(f"[bold]zorio doctor[/bold]: {escape(report.base_url)} ({mode}, {time.monotonic() - started:.1f} s)",
              soft_wrap=True)
    width = max(len(finding.topic) for finding in report.findings)
    for finding in report.findings:
        symbol, colour = SYMBOLS[finding.level]
        variant = f" [dim]\\[{finding.variant}][/dim]" if finding.variant else ""
        out.print(f"  [{colour}]{symbol}[/{colour}] {escape(finding.topic.ljust(width))}  {escape(finding.detail)}"
                  f"{variant}", soft_wrap=True)
    out.print("[bold]Settings pulumi-zorio will use[/bold]")
    for label, value in report.settings:
        out.print(f"  {label:<15} {escape(value)}", soft_wrap=True)
    if report.variants:
        out.print(f"Differs from api-contract.md like the emulator's variants: {', '.join(report.variants)} "
                  f"(try them: zorio emulator --variant {','.join(report.variants)})", soft_wrap=True)
    blocking = report.blocking
    if blocking:
        topics = ", ".join(finding.topic for finding in blocking)
        count = "1 problem blocks" if len(blocking) == 1 else f"{len(blocking)} problems block"
        out.print(f"[bold red]{count} `pulumi up`: {escape(topics)}.[/bold red]", soft_wrap=True)
        raise SystemExit(1)
    out.print("[bold green]Nothing blocks `pulumi up`.[/bold green]", soft_wrap=True)
