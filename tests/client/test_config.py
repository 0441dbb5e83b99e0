"""ClientConfig from the environment: the read timeout (ZORIO_READ_TIMEOUT) and what it changes for a client."""

from __future__ import annotations

import time

import pytest

from pulumi_zorio.client import ClientConfig, ConfigurationError, ZorioClient

from .conftest import add_fault, api_calls

ENV = {"ZORIO_BASE_URL": "https://app.zorio.test", "ZORIO_TOKEN": "12|unit-test-token-value-abcdef"}


def test_read_timeout_is_sixty_seconds_when_the_environment_does_not_set_it() -> None:
    assert ClientConfig.from_env(env=ENV).timeout == (5.0, 60.0)


def test_read_timeout_comes_from_zorio_read_timeout_when_it_is_set() -> None:
    assert ClientConfig.from_env(env={**ENV, "ZORIO_READ_TIMEOUT": "2.5"}).timeout == (5.0, 2.5)


def test_explicit_timeout_wins_over_zorio_read_timeout_when_both_are_given() -> None:
    config = ClientConfig.from_env(env={**ENV, "ZORIO_READ_TIMEOUT": "2.5"}, timeout=(1.0, 9.0))
    assert config.timeout == (1.0, 9.0)


@pytest.mark.parametrize("value", ["soon", "0", "-3", "nan", "inf"])
def test_read_timeout_names_the_variable_and_the_fix_when_it_is_not_a_positive_number(value: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        ClientConfig.from_env(env={**ENV, "ZORIO_READ_TIMEOUT": value})
    assert str(caught.value) == (f"ZORIO_READ_TIMEOUT must be a number of seconds above 0 (how long to wait for "
                                 f"each answer of the Zorio API), got {value!r}")


def test_client_from_the_environment_stops_waiting_after_its_read_timeout_and_retries(
    emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", emulator.token())
    monkeypatch.setenv("ZORIO_READ_TIMEOUT", "0.3")
    add_fault(emulator, method="GET", path="/api/autocall/voices", status=None, delay_s=1.0, times=1)
    with ZorioClient(ClientConfig.from_env(backoff_scale=0.01)) as client:
        assert any(voice["id"] == "vi-VN-female-01" for voice in client.voices.list(fresh=True))
    # two requests: the client stopped waiting for the slow first one and sent it again (each is logged once
    # answered, the slow one last)
    deadline = time.monotonic() + 10
    while len(api_calls(emulator, "GET", "/api/autocall/voices")) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(api_calls(emulator, "GET", "/api/autocall/voices")) == 2
