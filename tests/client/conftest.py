"""Client test fixtures: clients pointed at the module's emulator."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pulumi_zorio.client import ClientConfig, ZorioClient

MakeClient = Callable[..., ZorioClient]


@pytest.fixture
def make_client(emulator: Any) -> Iterator[MakeClient]:
    """Build clients for the emulator: a fresh admin token, short timeouts, a 100x faster backoff."""
    clients: list[ZorioClient] = []

    def make(**overrides: Any) -> ZorioClient:
        values: dict[str, Any] = {"base_url": emulator.base_url, "timeout": (2.0, 5.0), "backoff_scale": 0.01}
        if "username" not in overrides:
            values["token"] = emulator.token()
        values.update(overrides)
        client = ZorioClient(ClientConfig(**values))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: MakeClient) -> ZorioClient:
    """A client with an admin token."""
    return make_client()


def add_fault(emulator: Any, **rule: Any) -> None:
    """Install one emulator fault rule (api-contract.md section 13)."""
    response = emulator.control("POST", "faults", rule)
    assert response.status_code == 201, response.text


def api_calls(emulator: Any, method: str, path: str) -> list[dict[str, Any]]:
    """The request-log entries for exactly this method and path (query string ignored)."""
    return [e for e in emulator.requests_log() if e["method"] == method and e["path"].split("?")[0] == path]


def wav_bytes(seconds: float = 0.1, rate: int = 8000) -> bytes:
    """A small valid WAV (16-bit PCM mono silence)."""
    import io
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x00\x00" * int(seconds * rate))
    return buffer.getvalue()


@pytest.fixture
def wav() -> bytes:
    """A tenth of a second of silence as WAV bytes."""
    return wav_bytes()
