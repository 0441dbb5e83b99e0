"""Contract section 13: the emulator control surface (reset, tokens, request log, settings) and its seed data."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from contract_support import assert_message, wav_bytes


def test_reset_wipes_created_objects_and_restores_seeds(zorio, emulator):
    api = zorio.admin
    api.variable("gone_after_reset")
    api.media()
    emulator.control("PATCH", "caller-id-groups/3", {"status": "disabled"})
    emulator.control("PATCH", "voices/vi-VN-female-01", {"status": "disabled"})
    emulator.control("POST", "queues", {"name": "temp@default", "display_name": "Temp"})
    assert emulator.control("POST", "reset").status_code == 204
    fresh = zorio.as_token(emulator.token())
    assert fresh.get("/api/autocall/variables").json()["total"] == 0
    assert fresh.get("/api/media-files").json()["total"] == 0
    assert {g["id"]: g["status"] for g in fresh.get("/api/caller-id-groups").json()["data"]}[3] == "active"
    assert "vi-VN-female-01" in {v["id"] for v in fresh.get("/api/autocall/voices").json()["data"]}
    assert "temp@default" not in {q["name"] for q in fresh.get("/api/autocall/queues").json()["data"]}


def test_reset_revokes_existing_tokens(zorio, emulator):
    old = zorio.admin
    assert emulator.control("POST", "reset").status_code == 204
    assert_message(old.get("/api/auth/me"), 401, "Unauthenticated.")


def test_reset_frees_unique_codes_and_paths(zorio, emulator):
    zorio.admin.variable("one")
    zorio.admin.media("intro")
    emulator.control("POST", "reset")
    fresh = zorio.as_token(emulator.token())
    assert fresh.variable("one")["variable_code"] == "one"
    assert fresh.media("intro")["file_path"] == "/media/intro.wav"


def test_seed_users_can_log_in(zorio):
    anonymous = zorio.as_token(None)
    for user in ("admin", "other"):
        response = anonymous.post("/api/auth/login", json={"username": user, "password": user})
        assert response.status_code == 200, response.text


def test_seed_admin_has_all_permissions_and_tenant_one_data(zorio):
    anonymous = zorio.as_token(None)
    token = anonymous.post("/api/auth/login", json={"username": "admin", "password": "admin"}).json()["token"]
    client = zorio.as_token(token)
    assert {"autocall_api_access", "autocall_manage_campaign", "manage_recordings"} <= set(
        client.get("/api/auth/me").json()["data"]["permissions"])
    assert 3 in {g["id"] for g in client.get("/api/caller-id-groups").json()["data"]}
    assert client.script()["tenant_id"] == 1


def test_seed_other_user_belongs_to_tenant_two(zorio):
    anonymous = zorio.as_token(None)
    token = anonymous.post("/api/auth/login", json={"username": "other", "password": "other"}).json()["token"]
    client = zorio.as_token(token)
    assert 3 not in {g["id"] for g in client.get("/api/caller-id-groups").json()["data"]}
    assert client.script()["tenant_id"] == 2


def test_token_call_returns_201_with_token(emulator):
    response = emulator.control("POST", "tokens", {"tenant_id": 2, "permissions": ["autocall_api_access"],
                                                   "role": "agent"})
    assert response.status_code == 201
    assert set(response.json()) == {"token"}


def test_token_minted_without_a_role_is_a_member_with_only_the_permissions_it_lists(zorio, emulator):
    response = emulator.control("POST", "tokens", {"tenant_id": 1, "permissions": ["autocall_api_access"]})
    client = zorio.as_token(response.json()["token"])
    me = client.get("/api/auth/me").json()["data"]
    assert (me["user"]["role"], me["permissions"]) == ("member", ["autocall_api_access"])
    assert_message(client.upload("denied", "ivr", wav_bytes(0.2)), 403, "This action is unauthorized.")


@pytest.mark.parametrize("role", ["admin", "agent"])
def test_token_role_is_reported_by_me(zorio, emulator, role):
    client = zorio.as_token(emulator.token(permissions=[], role=role))
    assert client.get("/api/auth/me").json()["data"]["user"]["role"] == role


def test_control_calls_need_no_authentication(emulator):
    response = emulator.http.get(f"{emulator.base_url}/_emulator/requests", timeout=10)
    assert response.status_code == 200


def test_request_log_records_api_calls(zorio, emulator):
    assert emulator.control("DELETE", "requests").status_code == 204
    api = zorio.admin
    api.get("/api/autocall/voices")
    api.post("/api/autocall/variables", json={"variable_code": "logged", "name": "x"},
             headers={"Idempotency-Key": "log-key-1"})
    api.get("/api/autocall/campaigns/999999")
    entries = [e for e in emulator.requests_log() if e["path"].startswith("/api/")]
    assert [(e["method"], e["path"], e["status"], e["idempotency_key"]) for e in entries] == [
        ("GET", "/api/autocall/voices", 200, None),
        ("POST", "/api/autocall/variables", 201, "log-key-1"),
        ("GET", "/api/autocall/campaigns/999999", 404, None),
    ]
    for entry in entries:
        assert set(entry) >= {"method", "path", "status", "idempotency_key", "at"}
        datetime.fromisoformat(entry["at"].replace("Z", "+00:00"))
    stamps = [e["at"] for e in entries]
    assert stamps == sorted(stamps)


def test_request_log_clears(zorio, emulator):
    zorio.admin.get("/api/autocall/voices")
    assert emulator.control("DELETE", "requests").status_code == 204
    assert [e for e in emulator.requests_log() if e["path"].startswith("/api/")] == []


def test_request_log_records_rejected_calls(zorio, emulator):
    emulator.control("DELETE", "requests")
    zorio.as_token(None).get("/api/autocall/voices")
    zorio.with_permissions([]).get("/api/autocall/voices")
    statuses = [e["status"] for e in emulator.requests_log() if e["path"] == "/api/autocall/voices"]
    assert statuses == [401, 403]


def test_settings_changes_last_until_reset(emulator):
    changed = emulator.settings(start_delay_s=3)
    assert changed["start_delay_s"] == 3
    emulator.control("POST", "reset")
    current = emulator.settings()
    assert current["start_delay_s"] == pytest.approx(0.2)
    assert current["rate_limit_window_s"] == 60
    assert current["rate_limit_scale"] == 1


def test_openapi_description_is_served(emulator):
    response = emulator.http.get(f"{emulator.base_url}/openapi.json", timeout=10)
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/auth/login", "/api/autocall/campaigns", "/api/autocall/campaigns/{id}/start",
                 "/api/caller-id-groups/{id}/monitor", "/api/media-files"):
        assert any(re.sub(r"\{[^}]+\}", "{id}", p) == path for p in paths), path


def test_advancing_the_clock_ages_what_waits_on_time_without_sleeping(api, emulator):
    emulator.settings(start_delay_s=60)
    campaign = api.campaign()
    api.action(campaign["id"], "start")
    before = emulator.control("POST", "clock", {"advance_s": 59})
    assert before.status_code == 200
    assert api.campaign_get(campaign["id"])["status"] == "starting"
    after = emulator.control("POST", "clock", {"advance_s": 2}).json()["now"]
    assert api.campaign_get(campaign["id"])["status"] == "running"
    assert datetime.fromisoformat(after) >= datetime.now().astimezone() + timedelta(seconds=60)


@pytest.mark.parametrize("advance", [0, -1, "soon", True, None, 31 * 86400])
def test_clock_only_moves_forward_by_a_number_of_seconds(emulator, advance):
    response = emulator.control("POST", "clock", {"advance_s": advance})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["advance_s"]


def test_reset_puts_the_clock_back_on_the_wall_clock(api, emulator):
    emulator.advance(86400)
    assert emulator.control("POST", "reset").status_code == 204
    fresh = emulator.api()
    created = fresh.post(f"{emulator.base_url}/api/autocall/variables", json={"variable_code": "x", "name": "X"})
    created_at = datetime.fromisoformat(created.json()["data"]["created_at"])
    assert created_at < datetime.now().astimezone() + timedelta(hours=1)
