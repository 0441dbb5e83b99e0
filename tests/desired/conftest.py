"""Fixtures of the YAML-format tests: no test here may reach the network (validation is offline)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail loudly if anything opens a connection: `zorio validate` must never reach the API."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"validation tried to open a network connection: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield
