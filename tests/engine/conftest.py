"""The engine tests need the pinned Pulumi CLI in .tools/bin (tools/install, run by the set-up command and by
.ci/run). They skip only where no Go toolchain exists to build it, and say so in pytest's summary; with Go present
a missing CLI is a failure, so CI can never pass without running them."""

from __future__ import annotations

import shutil

import pytest

from .support import INSTALL, TOOLS_BIN

NEEDED = ("pulumi", "pulumi-language-python", "pulumi-language-python-exec", "pulumi-resource-pulumi-python")


@pytest.fixture(scope="session", autouse=True)
def pulumi_cli() -> None:
    """The CLI and its Python plugins, or a skip (no Go) / a failure (Go, but the install step was not run)."""
    missing = [name for name in NEEDED if not (TOOLS_BIN / name).exists()]
    if not missing:
        return
    if shutil.which("go") is None:
        pytest.skip(f"engine tests skipped: no Go toolchain on this machine to build the Pulumi CLI ({INSTALL})")
    pytest.fail(f"{', '.join(missing)} missing from {TOOLS_BIN}: run {INSTALL} (the README's set-up command does)",
                pytrace=False)

