"""Fixtures for the local engine: a project directory with audio, an admin token, the provider configuration,
and no process-wide client state leaking between runs (each CLI run is its own process)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pulumi_zorio.client import _reset_process_state
from .support import write_wav


@pytest.fixture(autouse=True)
def fresh_client_state() -> Iterator[None]:
    _reset_process_state()
    yield
    _reset_process_state()


@pytest.fixture
def token(emulator: Any) -> str:
    """An admin token; limits scaled up so repeated applies never wait for the rate limiter."""
    emulator.settings(rate_limit_scale=100)
    return str(emulator.token())


@pytest.fixture
def config(emulator: Any, token: str) -> dict[str, str]:
    """What `pulumi config` would hold for the stack."""
    return {"zorio:baseUrl": emulator.base_url, "zorio:token": token}


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
