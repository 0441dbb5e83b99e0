"""Campaigns: the status actions, waiting for a status with a deadline, lost action responses, leads."""

from __future__ import annotations

import pytest

from pulumi_zorio.client import ConflictError, WaitTimeoutError, ZorioClient

from .conftest import add_fault, api_calls


@pytest.fixture
def campaign(client: ZorioClient) -> dict:
    """A draft campaign on an active script, using caller-ID group 3."""
    client.variables.create({"variable_code": "customer_name", "name": "Customer"})
    script = client.scripts.create({"name": "s", "template_text": "Hi {{customer_name}}",
                                    "voice_id": "vi-VN-female-01", "status": "active"})
    return client.campaigns.create({"name": "q3_care", "script_id": script["id"], "caller_id_group_id": 3})


def test_campaign_walks_the_status_machine_when_each_action_is_legal(client: ZorioClient, campaign: dict) -> None:
    campaigns = client.campaigns
    assert campaign["status"] == "draft"
    assert campaigns.start(campaign["id"])["status"] in ("starting", "running")
    assert campaigns.wait_for_status(campaign["id"], {"running"}, timeout=5, interval=0.05)["status"] == "running"
    assert campaigns.pause(campaign["id"])["status"] == "paused"
    assert campaigns.resume(campaign["id"])["status"] == "running"
    assert campaigns.stop(campaign["id"])["status"] == "stopped"
    assert campaigns.archive(campaign["id"])["status"] == "archived"
    assert campaigns.unarchive(campaign["id"])["status"] == "stopped"
    campaigns.delete(campaign["id"])
    assert list(campaigns.list()) == []


def test_illegal_action_raises_conflict_with_the_api_sentence_when_status_forbids_it(
    emulator, client: ZorioClient, campaign: dict
) -> None:
    with pytest.raises(ConflictError) as caught:
        client.campaigns.pause(campaign["id"])
    assert str(caught.value) == (
        f"POST /api/autocall/campaigns/{campaign['id']}/pause failed with HTTP 409: "
        "Cannot pause a campaign in status draft."
    )
    assert len(api_calls(emulator, "POST", f"/api/autocall/campaigns/{campaign['id']}/pause")) == 1


def test_wait_for_status_names_the_last_status_when_the_deadline_passes(
    emulator, client: ZorioClient, campaign: dict
) -> None:
    emulator.settings(start_delay_s=30)
    client.campaigns.start(campaign["id"])
    with pytest.raises(WaitTimeoutError) as caught:
        client.campaigns.wait_for_status(campaign["id"], ["running"], timeout=0.3, interval=0.1)
    assert caught.value.last_seen == "starting"
    assert str(caught.value) == f"campaign {campaign['id']} is still 'starting' after 0.3 s; expected running"


def test_start_is_not_sent_twice_when_its_response_is_lost(emulator, client: ZorioClient, campaign: dict) -> None:
    path = f"/api/autocall/campaigns/{campaign['id']}/start"
    add_fault(emulator, method="POST", path=path, status=500, after_commit=True, times=1)
    assert client.campaigns.start(campaign["id"])["status"] in ("starting", "running")
    assert len(api_calls(emulator, "POST", path)) == 1


def test_campaign_create_ends_with_one_campaign_when_the_connection_drops_after_commit(
    emulator, client: ZorioClient, campaign: dict
) -> None:
    add_fault(emulator, method="POST", path="/api/autocall/campaigns", drop_connection=True, after_commit=True)
    second = client.campaigns.create({"name": "second", "script_id": campaign["script_id"]})
    assert sorted(c["id"] for c in client.campaigns.list()) == sorted([campaign["id"], second["id"]])


def test_lead_import_reports_accepted_and_rejected_rows_when_some_are_invalid(
    client: ZorioClient, campaign: dict
) -> None:
    report = client.leads.import_leads(campaign["id"], [
        {"phone": "0987654321", "payload": {"customer_name": "An"}},
        {"phone": "+84912345678", "payload": {"customer_name": "Binh"}},
        {"phone": "12", "payload": {}},
    ])
    assert report["accepted"] == 2 and [r["index"] for r in report["rejected"]] == [2]
    assert [lead["phone_number"] for lead in client.leads.list(campaign["id"], phone="0987")] == ["0987654321"]
    assert client.campaigns.retrieve(campaign["id"])["leads_count"] == 2


def test_lead_import_is_split_into_requests_of_5000_when_the_list_is_longer(
    emulator, client: ZorioClient, campaign: dict
) -> None:
    leads = [{"phone": f"09{i:08d}", "payload": {"customer_name": "x"}} for i in range(5001)]
    report = client.leads.import_leads(campaign["id"], leads)
    assert report == {"accepted": 5001, "duplicates": 0, "rejected": []}
    assert len(api_calls(emulator, "POST", f"/api/autocall/campaigns/{campaign['id']}/leads/import")) == 2
