"""The [D] examples of the original Zorio documents (`seeds/000_*.txt`, `seeds/004_*.txt`) round-trip in shape:
same keys, same types, same nesting. These are the rules that win over every inference."""

from __future__ import annotations

import re

import pytest

from contract_support import TIMESTAMP_RE


def _shape(value):
    """A value's structural shape: dict keys with their shapes, list item shapes, scalar type names."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    if value is None:
        return "null"
    return type(value).__name__


def _assert_same_shape(actual, documented, nullable=()):
    """Every documented key exists with the documented type (a documented null may be any type and vice versa for
    the keys named in `nullable`)."""
    if isinstance(documented, dict):
        assert isinstance(actual, dict), actual
        for key, value in documented.items():
            assert key in actual, f"missing {key!r} in {actual}"
            if key in nullable and (actual[key] is None or value is None):
                continue
            _assert_same_shape(actual[key], value, nullable)
    elif isinstance(documented, list):
        assert isinstance(actual, list)
        for item in actual:
            if documented:
                _assert_same_shape(item, documented[0], nullable)
    else:
        assert type(actual) is type(documented), f"{actual!r} is not a {type(documented).__name__}"


# --- seed 000: the AutoCall overview ---------------------------------------------------------------------------

def test_documented_workflow_runs_end_to_end(zorio):
    """Login -> create script -> create campaign -> import leads -> start -> pause / resume / stop (seed 000)."""
    anonymous = zorio.as_token(None)
    login = anonymous.post("/api/auth/login", json={"username": "admin", "password": "admin"})
    assert login.status_code == 200
    api = zorio.as_token(login.json()["token"])
    zorio.emulator.settings(start_delay_s=0.05)
    api.variable("customer_name")
    script = api.post("/api/autocall/scripts", json={
        "name": "Reminder", "template_text": "Hello {{customer_name}}", "voice_id": "vi-VN-female-01",
        "status": "active", "dtmf_actions": [{"digit": "1", "label": "Agent", "action_type": "queue",
                                              "target_queue_name": "support@default"}]})
    assert script.status_code == 201
    data = script.json()["data"]
    assert isinstance(data["id"], int) and data["template_text"] == "Hello {{customer_name}}"
    assert isinstance(data["dtmf_actions"], list)
    campaign = api.post("/api/autocall/campaigns", json={"name": "Summer Promo", "caller_id_group_id": 3,
                                                          "script_id": data["id"]})
    assert campaign.status_code == 201
    cid = campaign.json()["data"]["id"]
    leads = api.post(f"/api/autocall/campaigns/{cid}/leads",
                     json={"leads": [{"phone": "0987654321", "payload": {"customer_name": "An"}}]})
    assert leads.status_code == 202
    assert api.action(cid, "start").status_code == 202
    assert api.action(cid, "start").status_code == 409  # "start a campaign that is already running"
    api.wait_status(cid, "running")
    assert [api.action(cid, verb).status_code for verb in ("pause", "resume", "stop")] == [200, 200, 200]


def test_single_resource_envelope_is_data_object(api):
    body = api.get(f"/api/autocall/scripts/{api.script()['id']}").json()
    assert list(body) == ["data"] and isinstance(body["data"], dict)


def test_paginated_envelope_starts_with_current_page_and_data(api):
    body = api.get("/api/autocall/scripts").json()
    assert body["current_page"] == 1 and isinstance(body["data"], list)


def test_validation_envelope_has_message_and_errors(api):
    body = api.post("/api/autocall/scripts", json={}).json()
    assert set(body) == {"message", "errors"}
    assert isinstance(body["message"], str) and isinstance(body["errors"], dict)
    assert all(isinstance(messages, list) and all(isinstance(m, str) for m in messages)
               for messages in body["errors"].values())


@pytest.mark.parametrize("sent", ["2026-06-30T07:30:45+00:00", "2026-06-30T07:30:45.000000Z", "2026-06-30T14:30:45+07:00"])
def test_documented_timestamp_forms_are_accepted_and_returned_with_microseconds(api, sent):
    campaign = api.campaign(start_at=sent)
    assert campaign["start_at"] == "2026-06-30T07:30:45.000000Z"
    assert TIMESTAMP_RE.match(campaign["created_at"])


@pytest.mark.parametrize("phone", ["84987654321", "0987654321", "+84987654321"])
def test_documented_phone_forms_are_accepted(api, phone):
    campaign = api.campaign()
    data = api.post(f"/api/autocall/campaigns/{campaign['id']}/leads", json={"leads": [{"phone": phone}]}).json()["data"]
    assert data["accepted"] == 1


def test_documented_voices_are_listed(api):
    ids = {voice["id"] for voice in api.get("/api/autocall/voices").json()["data"]}
    assert {"vi-VN-female-01", "voice_id_premium_02"} <= ids


def test_documented_permission_errors(zorio):
    """403 when autocall_api_access or autocall_manage_campaign is missing (seed 000 error table)."""
    campaign = zorio.admin.campaign()
    no_access = zorio.with_permissions(["autocall_manage_campaign"])
    no_manage = zorio.with_permissions(["autocall_api_access"])
    assert no_access.get("/api/autocall/campaigns").status_code == 403
    assert no_manage.action(campaign["id"], "start").status_code == 403
    assert no_manage.get("/api/autocall/campaigns").status_code == 200


@pytest.mark.parametrize(("path", "limit"), [("/api/autocall/campaigns", 120)])
def test_documented_rate_limit_is_reported(api, path, limit):
    assert api.get(path).headers["X-RateLimit-Limit"] == str(limit)


# --- seed 004: caller-ID rotation groups ---------------------------------------------------------------------------

SEED_LIST = {"data": [{"id": 3, "name": "Group A - Viettel Sales",
                       "description": "Viettel outbound numbers for the summer campaign",
                       "rotation_strategy": "round_robin", "sticky_enabled": True, "status": "active",
                       "caller_ids_count": 12, "created_at": "2026-05-20T03:00:00Z"}]}
SEED_DETAIL = {"data": {"id": 3, "name": "Group A - Viettel Sales", "description": "...",
                        "rotation_strategy": "round_robin", "sticky_enabled": True, "status": "active",
                        "caller_ids_count": 12, "created_at": "2026-05-20T03:00:00Z",
                        "caller_ids": [{"id": 18, "number": "0900000010", "display_name": "Sales Line 1",
                                        "carrier": "viettel", "carrier_label": "Viettel", "status": "active",
                                        "trunk_name": "Trunk-Viettel-01", "weight": 2}]}}
SEED_MONITOR = {"data": {"group_id": 3, "group_name": "Group A - Viettel Sales", "total_members": 12,
                         "eligible_now": 9, "in_cooldown": 2, "disabled": 1,
                         "members": [{"caller_id_id": 18, "number": "0900000010", "carrier": "viettel",
                                      "status": "eligible", "health_score": 82, "calls_today": 87, "daily_cap": 200,
                                      "cooldown_until": None},
                                     {"caller_id_id": 19, "number": "0900000011", "carrier": "mobifone",
                                      "status": "cooldown", "health_score": 14, "calls_today": 53, "daily_cap": 200,
                                      "cooldown_until": "2026-06-06T12:00:00Z"}]}}


@pytest.mark.parametrize(("path", "documented", "nullable"), [
    ("/api/caller-id-groups", SEED_LIST, ("description",)),
    ("/api/caller-id-groups/3", SEED_DETAIL, ("description", "display_name", "trunk_name")),
    ("/api/caller-id-groups/3/monitor", SEED_MONITOR, ("cooldown_until",)),
])
def test_group_examples_round_trip_in_shape(api, path, documented, nullable):
    response = api.get(path)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == set(documented)
    _assert_same_shape(body, documented, nullable)


def test_group_list_example_is_reproduced_exactly(api):
    listed = api.get("/api/caller-id-groups").json()["data"]
    assert SEED_LIST["data"][0] in listed


def test_group_timestamps_keep_the_documented_form(api):
    for group in api.get("/api/caller-id-groups").json()["data"]:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", group["created_at"]), group["created_at"]
    for member in api.get("/api/caller-id-groups/3/monitor").json()["data"]["members"]:
        if member["cooldown_until"] is not None:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", member["cooldown_until"])


def test_group_404_example(api):
    response = api.get("/api/caller-id-groups/99999")
    assert response.status_code == 404
    assert response.json() == {"message": "Pool not found."}


def test_campaign_example_body_assigns_the_group(api):
    """`{"name": "Summer Promo", "caller_id_group_id": 3, ...}` (seed 004)."""
    script = api.script()
    response = api.post("/api/autocall/campaigns", json={"name": "Summer Promo", "caller_id_group_id": 3,
                                                         "script_id": script["id"]})
    assert response.status_code == 201
    assert response.json()["data"]["caller_id_group_id"] == 3


def test_start_without_group_is_422_as_documented(api):
    """Seed 004: moving a campaign out of draft without `caller_id_group_id` returns 422."""
    script = api.script()
    campaign = api.create("/api/autocall/campaigns", {"name": "No group", "script_id": script["id"]})
    response = api.action(campaign["id"], "start")
    assert response.status_code == 422
    assert "caller_id_group_id" in response.json()["errors"]
