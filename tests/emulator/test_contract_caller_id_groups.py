"""Contract section 12: caller-ID rotation groups, reproducing seed 004 exactly (list, detail, monitor)."""

from __future__ import annotations

import pytest

from contract_support import assert_message

SEED_LIST_ITEM = {
    "id": 3,
    "name": "Group A - Viettel Sales",
    "description": "Viettel outbound numbers for the summer campaign",
    "rotation_strategy": "round_robin",
    "sticky_enabled": True,
    "status": "active",
    "caller_ids_count": 12,
    "created_at": "2026-05-20T03:00:00Z",
}
SEED_MEMBER_18 = {
    "id": 18, "number": "0900000010", "display_name": "Sales Line 1", "carrier": "viettel", "carrier_label": "Viettel",
    "status": "active", "trunk_name": "Trunk-Viettel-01", "weight": 2,
}
SEED_MONITOR_18 = {
    "caller_id_id": 18, "number": "0900000010", "carrier": "viettel", "status": "eligible", "health_score": 82,
    "calls_today": 87, "daily_cap": 200, "cooldown_until": None,
}
SEED_MONITOR_19 = {
    "caller_id_id": 19, "number": "0900000011", "carrier": "mobifone", "status": "cooldown", "health_score": 14,
    "calls_today": 53, "daily_cap": 200, "cooldown_until": "2026-06-06T12:00:00Z",
}
STRATEGIES = {"round_robin", "least_used", "cap_based", "weighted", "sticky_lead", "random"}
CARRIERS = {"viettel", "mobifone", "vinaphone", "vietnamobile", "landline", "other"}
GROUP_KEYS = set(SEED_LIST_ITEM)
MEMBER_KEYS = set(SEED_MEMBER_18)
MONITOR_KEYS = set(SEED_MONITOR_18)


def _list(api):
    response = api.get("/api/caller-id-groups")
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"data"}
    return response.json()["data"]


def test_list_contains_seed_group_exactly(api):
    groups = {group["id"]: group for group in _list(api)}
    assert groups[3] == SEED_LIST_ITEM


def test_list_items_follow_documented_field_types(api):
    for group in _list(api):
        assert set(group) == GROUP_KEYS
        assert isinstance(group["id"], int)
        assert isinstance(group["name"], str) and len(group["name"]) <= 150
        assert group["description"] is None or len(group["description"]) <= 500
        assert group["rotation_strategy"] in STRATEGIES
        assert isinstance(group["sticky_enabled"], bool)
        assert group["status"] in {"active", "disabled"}
        assert isinstance(group["caller_ids_count"], int) and group["caller_ids_count"] >= 0


def test_list_includes_a_disabled_group(api):
    assert "disabled" in {group["status"] for group in _list(api)}


def test_detail_is_the_list_item_plus_members(api):
    response = api.get("/api/caller-id-groups/3")
    assert response.status_code == 200
    assert set(response.json()) == {"data"}
    data = response.json()["data"]
    assert {key: value for key, value in data.items() if key != "caller_ids"} == SEED_LIST_ITEM
    assert len(data["caller_ids"]) == 12
    members = {member["id"]: member for member in data["caller_ids"]}
    assert members[18] == SEED_MEMBER_18
    for member in data["caller_ids"]:
        assert set(member) == MEMBER_KEYS
        assert member["carrier"] in CARRIERS
        assert member["status"] in {"active", "disabled"}
        assert isinstance(member["weight"], int) and member["weight"] >= 1
        assert member["display_name"] is None or len(member["display_name"]) <= 100


def test_monitor_reproduces_seed_snapshot(api):
    response = api.get("/api/caller-id-groups/3/monitor")
    assert response.status_code == 200
    data = response.json()["data"]
    assert set(data) == {"group_id", "group_name", "total_members", "eligible_now", "in_cooldown", "disabled", "members"}
    assert (data["group_id"], data["group_name"]) == (3, "Group A - Viettel Sales")
    assert (data["total_members"], data["eligible_now"], data["in_cooldown"], data["disabled"]) == (12, 9, 2, 1)
    members = {member["caller_id_id"]: member for member in data["members"]}
    assert members[18] == SEED_MONITOR_18
    assert members[19] == SEED_MONITOR_19


def test_monitor_counts_match_member_statuses(api):
    data = api.get("/api/caller-id-groups/3/monitor").json()["data"]
    statuses = [member["status"] for member in data["members"]]
    assert len(statuses) == data["total_members"]
    assert statuses.count("eligible") == data["eligible_now"]
    assert statuses.count("cooldown") == data["in_cooldown"]
    assert statuses.count("disabled") == data["disabled"]
    for member in data["members"]:
        assert set(member) == MONITOR_KEYS
        assert member["status"] in {"eligible", "cooldown", "disabled", "quota_exceeded"}
        assert member["carrier"] in CARRIERS
        assert 0 <= member["health_score"] <= 100
        assert member["daily_cap"] >= 1 and member["calls_today"] >= 0
        assert (member["cooldown_until"] is None) == (member["status"] != "cooldown")


def test_monitor_members_are_the_detail_members(api):
    detail = api.get("/api/caller-id-groups/3").json()["data"]["caller_ids"]
    monitor = api.get("/api/caller-id-groups/3/monitor").json()["data"]["members"]
    assert sorted(m["id"] for m in detail) == sorted(m["caller_id_id"] for m in monitor)
    numbers = {m["id"]: m["number"] for m in detail}
    assert all(numbers[m["caller_id_id"]] == m["number"] for m in monitor)


def test_tenant_two_has_its_own_group_invisible_to_tenant_one(zorio):
    theirs = _list(zorio.other)
    assert theirs, "tenant 2 has a seed group"
    mine = {group["id"] for group in _list(zorio.admin)}
    for group in theirs:
        assert group["id"] not in mine
        for suffix in ("", "/monitor"):
            assert_message(zorio.admin.get(f"/api/caller-id-groups/{group['id']}{suffix}"), 404, "Pool not found.")
    for suffix in ("", "/monitor"):
        assert_message(zorio.other.get(f"/api/caller-id-groups/3{suffix}"), 404, "Pool not found.")


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/api/caller-id-groups"), ("PUT", "/api/caller-id-groups/3"), ("PATCH", "/api/caller-id-groups/3"),
    ("DELETE", "/api/caller-id-groups/3"), ("POST", "/api/caller-id-groups/3/members"),
])
def test_groups_are_read_only(api, method, path):
    response = api.request(method, path, json={"name": "x", "status": "disabled"})
    assert response.status_code in ((404,) if path.endswith("/members") else (405,)), response.text
    assert api.get("/api/caller-id-groups/3").json()["data"] == {
        **api.get("/api/caller-id-groups/3").json()["data"], **SEED_LIST_ITEM}


def test_disabling_a_group_through_control_shows_in_the_list(api, emulator):
    response = emulator.control("PATCH", "caller-id-groups/3", {"status": "disabled"})
    assert response.status_code == 200, response.text
    assert {g["id"]: g["status"] for g in _list(api)}[3] == "disabled"


def test_added_group_is_served_in_public_shape(api, emulator):
    group = {
        "id": 40, "name": "Group C - Mobifone", "description": None, "rotation_strategy": "weighted",
        "sticky_enabled": False, "status": "active", "caller_ids_count": 1, "created_at": "2026-05-22T03:00:00Z",
        "caller_ids": [{"id": 900, "number": "0900000999", "display_name": None, "carrier": "mobifone",
                        "carrier_label": "Mobifone", "status": "active", "trunk_name": None, "weight": 3}],
    }
    assert emulator.control("POST", "caller-id-groups", group).status_code == 201
    listed = next(g for g in _list(api) if g["name"] == "Group C - Mobifone")
    detail = api.get(f"/api/caller-id-groups/{listed['id']}").json()["data"]
    assert {k: v for k, v in detail.items() if k not in ("id", "caller_ids")} == {
        k: v for k, v in group.items() if k not in ("id", "caller_ids")}
    assert [{k: v for k, v in m.items() if k != "id"} for m in detail["caller_ids"]] == [
        {k: v for k, v in m.items() if k != "id"} for m in group["caller_ids"]]
    campaign = api.campaign(caller_id_group_id=listed["id"])
    assert api.action(campaign["id"], "start").status_code == 202
