"""Fixtures for the examples' full cycles: an admin token with rate limits scaled up, the stack configuration
(`pulumi config`), and the ZORIO_* environment the programs' lookups read, like a user's shell."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pulumi_zorio.client import _reset_process_state


@pytest.fixture(autouse=True)
def fresh_client_state() -> Iterator[None]:
    """Each test starts as a new process: no limiter window, login token or cached listing from another test."""
    _reset_process_state()
    yield
    _reset_process_state()


@pytest.fixture
def token(emulator: Any) -> str:
    """An admin token; limits scaled up so repeated runs never wait for the rate limiter."""
    emulator.settings(rate_limit_scale=100)
    return str(emulator.token())


@pytest.fixture
def config(emulator: Any, token: str) -> dict[str, str]:
    """What `pulumi config` would hold for the stack (the token as a secret)."""
    return {"zorio:baseUrl": emulator.base_url, "zorio:token": token}


@pytest.fixture
def user_env(monkeypatch: pytest.MonkeyPatch, emulator: Any, token: str) -> None:
    """The program-time lookups (caller-ID group by name) read ZORIO_* like a user's shell."""
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", token)
