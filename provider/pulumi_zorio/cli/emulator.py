"""`zorio emulator`: run the local Zorio (api-contract.md section 13) in the foreground."""

from __future__ import annotations

import errno

from types import ModuleType
from typing import Any

import click

EMULATOR_EXTRA_HINT = (
    "the Zorio emulator needs its server packages, which are an extra of pulumi-zorio: "
    "pip install 'pulumi-zorio[emulator]' (a clone's set-up command, pip install -e '.[dev]', includes it)"
)


def emulator_server() -> ModuleType:
    """`zorio_emulator.server`, or a clear error naming the extra to install when its packages are missing.

    The emulator's server stack (FastAPI, uvicorn, ...) is the `emulator` extra, so that Pulumi programs, which
    install pulumi-zorio on every CI runner, do not carry it.
    """
    from pulumi_zorio.cli._stack import fail

    try:
        from zorio_emulator import server
    except ModuleNotFoundError as error:
        fail(f"{EMULATOR_EXTRA_HINT} (missing module: {error.name})")
    return server


def _parse_scale(value: str) -> float | None:
    """`off` disables rate limiting; a number multiplies every limit."""
    if value.strip().lower() == "off":
        return None
    try:
        scale = float(value)
    except ValueError:
        raise click.BadParameter(f"expected a positive number or 'off', got {value!r}") from None
    if scale <= 0:
        raise click.BadParameter(f"expected a positive number or 'off', got {value!r}")
    return scale


def _parse_variants(_: click.Context, __: click.Parameter, values: tuple[str, ...]) -> frozenset[str]:
    """`--variant a,b --variant c` (or ZORIO_EMULATOR_VARIANTS="a,b"): every name must be a known variant."""
    from zorio_emulator import variants  # stdlib only: no server packages needed to check the names

    try:
        return variants.parse(",".join(values))
    except variants.UnknownVariant as error:
        raise click.BadParameter(str(error)) from None


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="Port (0 = any free port).")
@click.option("--db", default=":memory:", show_default=True, help="SQLite file that survives a restart, or :memory:.")
@click.option(
    "--start-delay", default=1.0, show_default=True, type=click.FloatRange(min=0),
    help="Seconds a started campaign stays 'starting' before it is 'running'.",
)
@click.option(
    "--rate-limit-scale", default="1", show_default=True,
    help="Multiply every rate limit by FACTOR, or 'off' to disable rate limiting.",
)
@click.option(
    "--variant", "variants", multiple=True, envvar="ZORIO_EMULATOR_VARIANTS", callback=_parse_variants,
    metavar="NAME[,NAME...]",
    help="Behave like the real Zorio may where api-contract.md only infers a rule [env ZORIO_EMULATOR_VARIANTS]: "
         "accept-redirect, delete-200, duplicate-409, file-path-hash, idempotency-ignored, laravel-paginator, "
         "start-without-group (see README). Repeat or separate with commas.",
)
def emulator(host: str, port: int, db: str, start_delay: float, rate_limit_scale: str, variants: Any) -> None:
    """Run a faithful local Zorio API for trying and testing pulumi-zorio."""
    server = emulator_server()
    from zorio_emulator.settings import EmulatorSettings

    settings = EmulatorSettings(
        db=db, start_delay_s=start_delay, rate_limit_scale=_parse_scale(rate_limit_scale), variants=variants
    )
    try:
        server.serve(settings, host=host, port=port)
    except OSError as error:  # the port is taken, or the address is not this machine's
        fix = "stop what uses it or pass another --port (0 = any free port)" if error.errno == errno.EADDRINUSE \
            else "pass an address of this machine with --host"
        click.echo(f"Error: cannot listen on {host}:{port}: {error.strerror}; {fix}", err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        # uvicorn shuts down gracefully on Ctrl+C and then re-raises the signal: that is a normal stop.
        click.echo("Zorio emulator stopped.", err=True)
