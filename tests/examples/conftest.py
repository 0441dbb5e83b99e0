"""Fixtures for the examples' full cycles: the ZORIO_* environment the programs' lookups read, like a user's shell
(token and zorio_config: tests/conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def user_env(monkeypatch: pytest.MonkeyPatch, emulator: Any, token: str) -> None:
    """The program-time lookups (caller-ID group by name) read ZORIO_* like a user's shell."""
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", token)
