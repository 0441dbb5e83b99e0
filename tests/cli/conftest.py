"""Fixtures for the commands over the local engine: the emulator's URL and an admin token in the environment,
as a user's shell holds them, and a project copied from the examples into a temporary working directory."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from .support import token_in_environment

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def token(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    """An admin token in ZORIO_TOKEN and the emulator's URL in ZORIO_BASE_URL; limits scaled up so that
    repeated runs never wait for the rate limiter."""
    return token_in_environment(emulator, monkeypatch, rate_limit_scale=100)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`examples/yaml-quickstart` copied to ./quickstart, with its campaign set to `running` (it dials)."""
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "quickstart"
    shutil.copytree(EXAMPLES / "yaml-quickstart", target)
    config = target / "zorio.yaml"
    text = config.read_text(encoding="utf-8")
    assert "status: draft " in text
    config.write_text(text.replace("status: draft ", "status: running "), encoding="utf-8")
    return target
