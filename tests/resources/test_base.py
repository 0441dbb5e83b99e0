"""Provider configuration: `zorio:*` keys, ZORIO_* fallbacks, login by username/password, nothing pickled."""

from __future__ import annotations

from typing import Any

import dill
import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from pulumi_zorio.client import ConfigurationError
from pulumi_zorio.resources import VariableProvider


def configured(config: dict[str, str]) -> VariableProvider:
    provider = VariableProvider()
    provider.configure(ConfigureRequest(Config(config, "project")))
    return provider


@pytest.fixture(autouse=True)
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ZORIO_BASE_URL", "ZORIO_TOKEN", "ZORIO_USERNAME", "ZORIO_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


def test_configured_token_reaches_the_api(emulator: Any, zorio_config: dict[str, str]) -> None:
    assert configured(zorio_config).client.voices.list()


def test_username_and_password_log_in(emulator: Any) -> None:
    provider = configured({"zorio:baseUrl": emulator.base_url, "zorio:username": "admin", "zorio:password": "admin"})
    assert provider.client.voices.list()


def test_environment_fills_in_missing_configuration(
    emulator: Any, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", token)
    assert configured({}).client.voices.list()


def test_missing_configuration_names_the_keys_to_set() -> None:
    with pytest.raises(ConfigurationError, match="zorio:baseUrl or ZORIO_BASE_URL"):
        configured({}).client


def test_check_and_diff_need_no_configuration() -> None:
    provider = VariableProvider()
    assert provider.check({}, {"variable_code": "a", "name": "A"}).failures == []
    assert provider.diff("1", {"variable_code": "a", "name": "A"}, {"variable_code": "a", "name": "B"}).changes


def test_pickled_provider_forgets_configuration_and_client(emulator: Any, zorio_config: dict[str, str]) -> None:
    provider = configured(zorio_config)
    provider.client.voices.list()
    clone = dill.loads(dill.dumps(provider, recurse=True))
    assert clone._settings == {} and clone._client is None
    assert repr(provider._settings["token"]) == "Secret('***')"
