"""A login is reused between runs (the login limit is 5 a minute), kept encrypted, and error hints name where the
credentials in use were set."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_zorio.client import _auth
from pulumi_zorio.client import AuthenticationError, ClientConfig, ZorioClient, _reset_process_state

from .conftest import api_calls

LOGIN = "/api/auth/login"


@pytest.fixture
def login_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The login cache switched on, in a folder of the test's own."""
    folder = tmp_path / "logins"
    monkeypatch.setenv("ZORIO_LOGIN_CACHE", str(folder))
    return folder


def _run(base_url: str, password: str = "admin") -> list[object]:
    """One command's worth of work, as a fresh process does it (nothing kept in memory from an earlier run)."""
    _reset_process_state()
    with ZorioClient(ClientConfig(base_url=base_url, username="admin", password=password)) as client:
        return client.voices.list(fresh=True)


def test_consecutive_runs_log_in_once_instead_of_spending_the_login_limit(emulator, login_cache: Path) -> None:
    for _ in range(7):  # more runs than the 5 logins a minute Zorio allows
        assert _run(emulator.base_url)
    assert len(api_calls(emulator, "POST", LOGIN)) == 1


def test_the_kept_login_is_encrypted_and_opens_only_with_the_password(emulator, login_cache: Path) -> None:
    _run(emulator.base_url)
    (token,) = [kept.reveal() for kept in _auth._tokens.values()]  # the token that run used
    files = list(login_cache.iterdir())
    assert len(files) == 1 and oct(files[0].stat().st_mode & 0o777) == "0o600"
    stored = files[0].read_text()
    assert token not in stored and token.split("|")[1] not in stored
    with pytest.raises(AuthenticationError, match="Invalid username or password"):
        _run(emulator.base_url, password="not-the-password")  # the kept token is not handed to a wrong password


def test_a_revoked_kept_login_is_replaced_on_its_first_401(emulator, login_cache: Path) -> None:
    _run(emulator.base_url)
    emulator.control("POST", "reset")  # every token issued so far is unknown now
    assert _run(emulator.base_url)
    assert len(api_calls(emulator, "POST", LOGIN)) == 1  # the log was reset too: one new login after the 401


def test_with_the_login_cache_off_every_run_logs_in(emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZORIO_LOGIN_CACHE", "off")
    for _ in range(3):
        _run(emulator.base_url)
    assert len(api_calls(emulator, "POST", LOGIN)) == 3


def test_a_wrong_password_from_the_environment_names_the_environment_variables(emulator) -> None:
    env = {"ZORIO_BASE_URL": emulator.base_url, "ZORIO_USERNAME": "admin", "ZORIO_PASSWORD": "wrong"}
    with ZorioClient(ClientConfig.from_env(env)) as client, pytest.raises(AuthenticationError) as caught:
        client.voices.list()
    assert str(caught.value).endswith("— check ZORIO_USERNAME and ZORIO_PASSWORD")


def test_a_bad_token_from_the_environment_names_zorio_token(emulator) -> None:
    env = {"ZORIO_BASE_URL": emulator.base_url, "ZORIO_TOKEN": "1|nope"}
    with ZorioClient(ClientConfig.from_env(env)) as client, pytest.raises(AuthenticationError) as caught:
        client.voices.list()
    assert str(caught.value).endswith("the token is unknown or revoked: check ZORIO_TOKEN")
