"""The `zorio` group: every command is listed with its own summary, and a command loads only what it needs, so
`zorio --help` and `zorio validate` (run by editors and CI hooks on every save) start quickly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from pulumi_zorio.cli.main import COMMANDS, main

from .support import zorio

HEAVY = ("pulumi", "grpc", "requests", "deepdiff", "fastapi", "uvicorn", "pulumi_zorio.local", "pulumi_zorio.client")
"""What only the commands that talk to an API or run the engine need."""


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_is_listed_with_its_own_summary(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None and command.name == name
    assert COMMANDS[name][1] == command.get_short_help_str(limit=10_000)
    assert COMMANDS[name][1] in " ".join(zorio("--help").stdout.split())


def test_an_unknown_command_says_so_and_exits_two() -> None:
    result = zorio("aply")
    assert result.exit_code == 2
    assert "No such command 'aply'" in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["validate", "{config}"]], ids=["help", "validate"])
def test_help_and_offline_validate_import_neither_the_engine_nor_http(args: list[str], tmp_path: Path) -> None:
    config = tmp_path / "zorio.yaml"
    config.write_text("variables:\n  due_day: {sample_value: '15'}\n", encoding="utf-8")
    argv = [arg.format(config=config) for arg in args]
    probe = (
        "import sys\n"
        "from pulumi_zorio.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        f"print(sorted({{m.split('.')[0] if not m.startswith('pulumi_zorio') else '.'.join(m.split('.')[:2])"
        f" for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert completed.stdout.splitlines()[-1] == "[]"
