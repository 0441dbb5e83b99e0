"""The `zorio` command line: one small module per command, wired together here."""

from __future__ import annotations

from pulumi_zorio.cli.main import main

__all__ = ["main"]
