"""Contract section 11 (leads: import, aliases, deduplication by normalised phone, listing) and the phone rules of
section 1."""

from __future__ import annotations

import pytest

from contract_support import assert_validation


@pytest.fixture(autouse=True)
def quick_start(emulator):
    emulator.settings(start_delay_s=0.05)


def _import(api, campaign_id, leads, alias=False):
    suffix = "leads" if alias else "leads/import"
    return api.post(f"/api/autocall/campaigns/{campaign_id}/{suffix}", json={"leads": leads})


def _leads(api, campaign_id, **params):
    response = api.get(f"/api/autocall/campaigns/{campaign_id}/leads", params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("alias", [False, True])
def test_import_accepts_documented_example(api, alias):
    api.variable("customer_name")
    campaign = api.campaign()
    response = _import(api, campaign["id"], [
        {"phone": "0987654321", "payload": {"customer_name": "An"}},
        {"phone": "84912345678", "payload": {"customer_name": "Binh"}},
    ], alias=alias)
    assert response.status_code == 202, response.text
    assert response.json() == {"data": {"accepted": 2, "duplicates": 0, "rejected": []}}
    assert api.campaign_get(campaign["id"])["leads_count"] == 2


def test_import_accepts_phone_number_and_variables_aliases(api):
    api.variable("customer_name")
    campaign = api.campaign()
    response = _import(api, campaign["id"], [{"phone_number": "+84987000111", "variables": {"customer_name": "Chi"}}])
    assert response.json()["data"]["accepted"] == 1
    items = _leads(api, campaign["id"])["data"]
    assert [item["phone_number"] for item in items] == ["+84987000111"]


def test_phone_numbers_come_back_in_the_form_sent(api):
    campaign = api.campaign()
    sent = ["0987654321", "84912345678", "+84933333444"]
    _import(api, campaign["id"], [{"phone": phone} for phone in sent])
    body = _leads(api, campaign["id"])
    assert set(body) == {"current_page", "data", "last_page", "per_page", "total"}
    assert sorted(item["phone_number"] for item in body["data"]) == sorted(sent)
    assert all(isinstance(item["id"], int) for item in body["data"])


@pytest.mark.parametrize("variants", [
    ["0987654321", "84987654321"],
    ["0987654321", "+84987654321"],
    ["84987654321", "+84987654321", "0987654321"],
])
def test_duplicates_are_detected_by_normalised_phone(api, variants):
    campaign = api.campaign()
    response = _import(api, campaign["id"], [{"phone": phone} for phone in variants])
    assert response.json()["data"] == {"accepted": 1, "duplicates": len(variants) - 1, "rejected": []}
    again = _import(api, campaign["id"], [{"phone": variants[0]}])
    assert again.json()["data"] == {"accepted": 0, "duplicates": 1, "rejected": []}
    assert _leads(api, campaign["id"])["total"] == 1
    assert api.campaign_get(campaign["id"])["leads_count"] == 1


def test_same_phone_in_two_campaigns_is_not_a_duplicate(api):
    first, second = api.campaign(), api.campaign()
    assert _import(api, first["id"], [{"phone": "0987654321"}]).json()["data"]["accepted"] == 1
    assert _import(api, second["id"], [{"phone": "0987654321"}]).json()["data"]["accepted"] == 1


def test_invalid_leads_are_rejected_by_index_and_the_rest_accepted(api):
    api.variable("customer_name")
    campaign = api.campaign()
    response = _import(api, campaign["id"], [
        {"phone": "0987654321"},
        {"phone": "not a phone"},
        {"phone": "0912345678", "payload": {"customer_name": "ok"}},
        {},
        {"phone": "0933333444", "payload": {"undefined_code": "x"}},
    ])
    assert response.status_code == 202, response.text
    data = response.json()["data"]
    assert data["accepted"] == 2
    assert data["duplicates"] == 0
    assert [entry["index"] for entry in data["rejected"]] == [1, 3, 4]
    for entry in data["rejected"]:
        assert set(entry) == {"index", "errors"}
        assert entry["errors"] and all(isinstance(v, list) and v for v in entry["errors"].values())
    assert "phone" in data["rejected"][0]["errors"]
    assert "phone" in data["rejected"][1]["errors"]
    assert _leads(api, campaign["id"])["total"] == 2


@pytest.mark.parametrize("phone", ["123", "abc", "", "0987654321098765", "+1 415 555 0100"])
def test_malformed_phone_is_rejected(api, phone):
    campaign = api.campaign()
    data = _import(api, campaign["id"], [{"phone": phone}]).json()["data"]
    assert data["accepted"] == 0
    assert data["rejected"][0]["index"] == 0
    assert "phone" in data["rejected"][0]["errors"]


def test_five_thousand_leads_are_accepted(api):
    campaign = api.campaign()
    leads = [{"phone": f"09{index:08d}"} for index in range(5000)]
    response = _import(api, campaign["id"], leads)
    assert response.status_code == 202, response.text
    assert response.json()["data"]["accepted"] == 5000


def test_more_than_five_thousand_leads_are_refused(api):
    campaign = api.campaign()
    leads = [{"phone": f"09{index:08d}"} for index in range(5001)]
    assert_validation(_import(api, campaign["id"], leads), {"leads": "The leads must not have more than 5000 items."})
    assert _leads(api, campaign["id"])["total"] == 0


@pytest.mark.parametrize(("body", "message"), [
    ({}, "The leads field is required."),
    ({"leads": "0987654321"}, "The leads must be an array."),
])
def test_import_body_is_validated(api, body, message):
    campaign = api.campaign()
    response = api.post(f"/api/autocall/campaigns/{campaign['id']}/leads/import", json=body)
    assert_validation(response, {"leads": message})


@pytest.mark.parametrize("status", ["draft", "starting", "running", "paused"])
def test_import_allowed_while_campaign_can_still_dial(zorio, status):
    campaign = zorio.campaign_in(status)
    response = _import(zorio.admin, campaign["id"], [{"phone": "0987654321"}])
    assert response.status_code == 202, response.text
    assert response.json()["data"]["accepted"] == 1


@pytest.mark.parametrize("status", ["stopped", "completed", "archived"])
def test_import_refused_into_finished_campaigns(zorio, status):
    campaign = zorio.campaign_in(status)
    response = _import(zorio.admin, campaign["id"], [{"phone": "0987654321"}])
    assert response.status_code == 409, response.text
    assert response.json() == {"message": f"Cannot import leads into a campaign in status {status}."}
    assert _leads(zorio.admin, campaign["id"])["total"] == 0


@pytest.mark.parametrize(("query", "expected"), [
    ("0987", ["0987654321", "+84987111222"]),
    ("987654", ["0987654321"]),
    ("84912", ["84912345678"]),
    ("5555", []),
])
def test_list_filters_by_phone_substring(api, query, expected):
    campaign = api.campaign()
    _import(api, campaign["id"], [{"phone": p} for p in ("0987654321", "84912345678", "+84987111222")])
    body = _leads(api, campaign["id"], phone=query)
    assert sorted(item["phone_number"] for item in body["data"]) == sorted(expected)
    assert body["total"] == len(expected)


def test_list_is_paginated(api):
    campaign = api.campaign()
    _import(api, campaign["id"], [{"phone": f"09{index:08d}"} for index in range(7)])
    page = _leads(api, campaign["id"], per_page=3, page=3)
    assert (page["current_page"], page["last_page"], page["per_page"], page["total"]) == (3, 3, 3, 7)
    assert len(page["data"]) == 1


def test_leads_of_another_campaign_are_not_listed(api):
    first, second = api.campaign(), api.campaign()
    _import(api, first["id"], [{"phone": "0987654321"}])
    assert _leads(api, second["id"])["total"] == 0
