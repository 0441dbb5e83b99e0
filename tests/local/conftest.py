"""Fixtures for the local engine: a project directory with audio (token and zorio_config: tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .support import write_wav


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, emulator: Any, token: str) -> Path:
    """A project directory (the working directory, as Pulumi sets it) with one audio prompt; the program's
    lookups read ZORIO_* like a user's shell."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", token)
    (tmp_path / "audio").mkdir()
    write_wav(tmp_path / "audio" / "thank_you.wav", tone=0)
    return tmp_path
