"""Credentials never show: not in repr, str, errors or pickles; config reads the environment."""

from __future__ import annotations

import pickle

import pytest

from pulumi_zorio.client import ClientConfig, ConfigurationError, Secret, ZorioClient, ZorioError, redact

TOKEN = "12|unit-test-token-value-abcdef"


def test_secret_hides_its_value_when_printed() -> None:
    secret = Secret(TOKEN)
    assert TOKEN not in repr(secret) and TOKEN not in str(secret) and TOKEN not in f"{secret}"


def test_config_and_client_repr_hide_token_and_password_when_printed() -> None:
    config = ClientConfig(base_url="http://zorio.test", username="admin", password="pa55word-xyz")
    token_config = ClientConfig(base_url="http://zorio.test", token=TOKEN)
    text = repr(config) + repr(token_config) + repr(ZorioClient(token_config)) + str(token_config)
    assert TOKEN not in text and "pa55word-xyz" not in text
    assert "'***'" in text


def test_pickling_a_client_is_refused_when_it_holds_a_token() -> None:
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(ZorioClient(ClientConfig(base_url="http://zorio.test", token=TOKEN)))


def test_error_text_is_redacted_when_an_api_message_echoes_the_token() -> None:
    Secret(TOKEN)
    error = ZorioError(f"the server said: token {TOKEN} is odd")
    assert TOKEN not in str(error) and "***" in str(error)
    assert redact(f"Bearer {TOKEN}") == "Bearer ***"


def test_from_env_uses_zorio_variables_when_nothing_explicit_is_given() -> None:
    env = {"ZORIO_BASE_URL": "https://app.zorio.test/", "ZORIO_TOKEN": TOKEN}
    config = ClientConfig.from_env(env=env)
    assert config.base_url == "https://app.zorio.test" and config.token == Secret(TOKEN)


def test_from_env_prefers_explicit_login_when_the_environment_also_has_a_token() -> None:
    env = {"ZORIO_BASE_URL": "https://app.zorio.test", "ZORIO_TOKEN": TOKEN, "ZORIO_PASSWORD": "pw"}
    config = ClientConfig.from_env(env=env, username="admin")
    assert config.token is None and config.uses_login and config.password == Secret("pw")


def test_from_env_explains_what_to_set_when_credentials_are_missing() -> None:
    with pytest.raises(ConfigurationError, match="ZORIO_TOKEN"):
        ClientConfig.from_env(env={"ZORIO_BASE_URL": "https://app.zorio.test"})


def test_user_agent_names_pulumi_zorio_and_its_version_when_defaulted() -> None:
    from pulumi_zorio import __version__

    assert ClientConfig(base_url="http://z", token=TOKEN).user_agent == f"pulumi-zorio/{__version__}"


def test_dill_refuses_to_pickle_a_client_when_a_provider_captures_one() -> None:
    import dill

    with pytest.raises(TypeError, match="cannot be pickled"):
        dill.dumps(ZorioClient(ClientConfig(base_url="http://zorio.test", token=TOKEN)), recurse=True)


def test_config_names_the_setting_when_the_base_url_is_not_http() -> None:
    with pytest.raises(ConfigurationError, match="zorio:baseUrl or ZORIO_BASE_URL"):
        ClientConfig(base_url="app.zorio.vn", token=TOKEN)
