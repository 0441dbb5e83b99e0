"""Authentication: fixed tokens, login once per process, one re-login on 401, errors that help."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from pulumi_zorio.client import AuthenticationError, PermissionDeniedError

from .conftest import MakeClient, add_fault, api_calls

LOGIN = "/api/auth/login"
VOICES = "/api/autocall/voices"


def test_login_happens_once_per_process_when_clients_and_threads_share_a_username(
    emulator, make_client: MakeClient
) -> None:
    clients = [make_client(username="admin", password="admin") for _ in range(3)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda i: clients[i % 3].voices.list(fresh=True), range(12)))
    assert all(results)
    assert len(api_calls(emulator, "POST", LOGIN)) == 1


def test_login_token_is_renewed_once_when_the_api_answers_401(emulator, make_client: MakeClient) -> None:
    client = make_client(username="admin", password="admin")
    client.voices.list(fresh=True)
    add_fault(emulator, method="GET", path=VOICES, status=401, times=1)
    assert client.voices.list(fresh=True)
    assert len(api_calls(emulator, "POST", LOGIN)) == 2


def test_authentication_error_is_raised_when_a_fresh_login_token_is_rejected_too(
    emulator, make_client: MakeClient
) -> None:
    client = make_client(username="admin", password="admin")
    add_fault(emulator, method="GET", path=VOICES, status=401, times=10)
    with pytest.raises(AuthenticationError, match=f"GET {VOICES} failed with HTTP 401: Unauthenticated."):
        client.voices.list(fresh=True)
    assert len(api_calls(emulator, "POST", LOGIN)) == 2
    assert len(api_calls(emulator, "GET", VOICES)) == 2


def test_fixed_token_is_not_retried_when_the_api_answers_401(emulator, make_client: MakeClient) -> None:
    client = make_client(token="1|not-a-real-token")
    with pytest.raises(AuthenticationError, match=r"unknown or revoked: check zorio:token$"):
        client.voices.list(fresh=True)
    assert len(api_calls(emulator, "GET", VOICES)) == 1


def test_wrong_password_names_the_login_path_when_login_fails(emulator, make_client: MakeClient) -> None:
    client = make_client(username="admin", password="wrong-password-123")
    with pytest.raises(AuthenticationError) as caught:
        client.voices.list(fresh=True)
    assert str(caught.value) == (f"POST {LOGIN} failed with HTTP 401: Invalid username or password. — check "
                                 "zorio:username and zorio:password")
    assert len(api_calls(emulator, "POST", LOGIN)) == 1


def test_permission_denied_is_raised_when_the_token_lacks_a_permission(emulator, make_client: MakeClient) -> None:
    client = make_client(token=emulator.token(permissions=[]))
    with pytest.raises(PermissionDeniedError, match="HTTP 403: This action is unauthorized. — the token needs "
                                                    "autocall_api_access$"):
        client.variables.create({"variable_code": "nope", "name": "No"})


def test_permission_denied_on_a_campaign_action_names_the_campaign_permission(emulator, make_client: MakeClient) -> None:
    admin = make_client(token=emulator.token())
    script = admin.scripts.create({"name": "s", "template_text": "Hi", "voice_id": "vi-VN-female-01",
                                   "status": "active"})
    campaign = admin.campaigns.create({"name": "c", "script_id": script["id"], "caller_id_group_id": 3})
    reader = make_client(token=emulator.token(permissions=["autocall_api_access"]))
    with pytest.raises(PermissionDeniedError, match=r"the token needs autocall_manage_campaign \(and autocall_api"):
        reader.campaigns.start(campaign["id"])
