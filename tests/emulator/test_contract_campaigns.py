"""Contract section 10: campaign fields, the status machine (every verb from every status), the PUT field rules
per status, DELETE per status and the `completed` control call."""

from __future__ import annotations


import pytest

from contract_support import CAMPAIGN_STATUSES, TIMESTAMP_RE, assert_message, assert_validation

PATH = "/api/autocall/campaigns"
START_NEEDS_GROUP = "The caller id group id field is required when starting a campaign."


@pytest.fixture(autouse=True)
def quick_start(emulator):
    """Keep `starting` short so driving campaigns into `running` stays fast (tests needing more set it again)."""
    emulator.settings(start_delay_s=0.05)


# --- fields ----------------------------------------------------------------------------------------------------------

def test_create_returns_201_draft_with_documented_defaults(api):
    script = api.script()
    response = api.post(PATH, json={"name": "Summer Promo", "caller_id_group_id": 3, "script_id": script["id"]})
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert set(response.json()) == {"data"}
    assert {"id", "tenant_id", "status", "gateway_name", "leads_count", "created_at", "updated_at", "name",
            "description", "script_id", "caller_id_group_id"} <= set(data)
    assert isinstance(data["id"], int)
    assert data["tenant_id"] == 1
    assert data["status"] == "draft"
    assert data["leads_count"] == 0
    assert data["gateway_name"] is None or isinstance(data["gateway_name"], str)
    assert (data["script_id"], data["caller_id_group_id"]) == (script["id"], 3)
    assert data["max_retries"] == 3
    assert data["retry_interval_minutes"] == 60
    assert data["retry_only_when"] == "no_answer"
    assert data["max_concurrent"] == 10
    assert data["originate_timeout"] == 40
    assert data["write_to_main_cdr"] is False
    assert TIMESTAMP_RE.match(data["created_at"]) and TIMESTAMP_RE.match(data["updated_at"])


def test_group_may_be_omitted(api):
    script = api.script()
    data = api.create(PATH, {"name": "No group", "script_id": script["id"]})
    assert data["caller_id_group_id"] is None


@pytest.mark.parametrize(("field", "value"), [
    ("max_retries", 0), ("max_retries", 10), ("retry_interval_minutes", 1), ("retry_interval_minutes", 43200),
    ("max_concurrent", 1), ("max_concurrent", 200), ("originate_timeout", 10), ("originate_timeout", 180),
    ("retry_only_when", "no_answer"), ("retry_only_when", "busy"), ("retry_only_when", "failed"),
    ("retry_only_when", "any"), ("write_to_main_cdr", True), ("write_to_main_cdr", False),
    ("description", "x" * 2000), ("name", "x" * 255),
])
def test_documented_boundary_values_are_accepted(api, field, value):
    assert api.campaign(**{field: value})[field] == value


@pytest.mark.parametrize(("sent", "stored"), [
    ("2026-06-25T08:00:00Z", "2026-06-25T08:00:00.000000Z"),
    ("2026-06-25T08:00:00.000000Z", "2026-06-25T08:00:00.000000Z"),
    ("2026-06-25T15:00:00+07:00", "2026-06-25T08:00:00.000000Z"),
    ("2026-06-25T15:00:00.000000+07:00", "2026-06-25T08:00:00.000000Z"),
    ("2026-06-25T08:00:00+00:00", "2026-06-25T08:00:00.000000Z"),
    ("2026-06-26T01:30:00+07:00", "2026-06-25T18:30:00.000000Z"),
])
def test_timestamps_are_normalised_to_utc_microseconds(api, sent, stored):
    data = api.campaign(start_at=sent, end_at="2026-12-31T00:00:00Z")
    assert data["start_at"] == stored
    assert data["end_at"] == "2026-12-31T00:00:00.000000Z"


def test_microseconds_in_requests_are_accepted(api):
    data = api.campaign(start_at="2026-06-25T08:00:00.123456Z")
    assert TIMESTAMP_RE.match(data["start_at"])
    assert data["start_at"].startswith("2026-06-25T08:00:00.")


@pytest.mark.parametrize(("start_at", "end_at"), [
    ("2026-06-25T08:00:00Z", "2026-06-25T08:00:00Z"),
    ("2026-06-25T08:00:00Z", "2026-06-24T08:00:00Z"),
    ("2026-06-25T08:00:00Z", "2026-06-25T14:00:00+07:00"),
])
def test_end_must_be_after_start(api, start_at, end_at):
    script = api.script()
    response = api.post(PATH, json={"name": "c", "script_id": script["id"], "start_at": start_at, "end_at": end_at})
    assert_validation(response, {"end_at": "The end at must be a date after start at."})


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_script_must_be_active(api, status):
    script = api.script(status=status)
    response = api.post(PATH, json={"name": "c", "script_id": script["id"], "caller_id_group_id": 3})
    assert_validation(response, {"script_id": "The selected script id is not active."})
    assert api.get(PATH).json()["total"] == 0


def test_script_of_another_tenant_is_refused(zorio):
    theirs = zorio.other.script()
    response = zorio.admin.post(PATH, json={"name": "c", "script_id": theirs["id"]})
    assert response.status_code == 422
    assert "script_id" in response.json()["errors"]


def test_unknown_script_is_refused(api):
    response = api.post(PATH, json={"name": "c", "script_id": 999999})
    assert response.status_code == 422
    assert "script_id" in response.json()["errors"]


def _group_ids(client):
    return {group["status"]: group["id"] for group in client.get("/api/caller-id-groups").json()["data"]}


@pytest.mark.parametrize("which", ["disabled", "other_tenant", "missing"])
def test_group_must_exist_in_account_and_be_active(zorio, which):
    group_id = {
        "disabled": lambda: _group_ids(zorio.admin)["disabled"],
        "other_tenant": lambda: zorio.other.get("/api/caller-id-groups").json()["data"][0]["id"],
        "missing": lambda: 424242,
    }[which]()
    script = zorio.admin.script()
    response = zorio.admin.post(PATH, json={"name": "c", "script_id": script["id"], "caller_id_group_id": group_id})
    assert_validation(response, {"caller_id_group_id": "The selected caller id group id is invalid."})


def test_start_without_group_is_refused_with_documented_message(api):
    script = api.script()
    campaign = api.create(PATH, {"name": "No group", "script_id": script["id"]})
    assert_validation(api.action(campaign["id"], "start"), {"caller_id_group_id": START_NEEDS_GROUP})
    assert api.campaign_get(campaign["id"])["status"] == "draft"


def test_start_refused_when_group_was_disabled_since(api, emulator):
    campaign = api.campaign()
    assert emulator.control("PATCH", "caller-id-groups/3", {"status": "disabled"}).status_code == 200
    response = api.action(campaign["id"], "start")
    assert response.status_code == 422, response.text
    assert "caller_id_group_id" in response.json()["errors"]
    assert api.campaign_get(campaign["id"])["status"] == "draft"


def test_start_refused_when_script_is_no_longer_active(api):
    campaign = api.campaign()
    api.put(f"/api/autocall/scripts/{campaign['script_id']}", json={"status": "draft"})
    response = api.action(campaign["id"], "start")
    assert response.status_code == 422, response.text
    assert "script_id" in response.json()["errors"]
    assert api.campaign_get(campaign["id"])["status"] == "draft"


def test_get_returns_the_created_campaign(api):
    campaign = api.campaign(description="d")
    assert api.get(f"{PATH}/{campaign['id']}").json() == {"data": campaign}


def test_list_filters_by_status(zorio):
    draft = zorio.campaign_in("draft")
    zorio.campaign_in("archived")
    running = zorio.campaign_in("running")
    assert [c["id"] for c in zorio.admin.get(PATH, params={"status": "draft"}).json()["data"]] == [draft["id"]]
    assert [c["id"] for c in zorio.admin.get(PATH, params={"status": "running"}).json()["data"]] == [running["id"]]
    assert zorio.admin.get(PATH).json()["total"] == 3


# --- the status machine: every verb from every status ------------------------------------------------------------

VERBS = ["start", "pause", "resume", "stop", "archive", "unarchive"]
ALLOWED = {
    ("start", "draft"): (202, "starting"),
    ("pause", "running"): (200, "paused"),
    ("resume", "paused"): (200, "running"),
    ("stop", "starting"): (200, "stopped"),
    ("stop", "running"): (200, "stopped"),
    ("stop", "paused"): (200, "stopped"),
    ("archive", "draft"): (200, "archived"),
    ("archive", "stopped"): (200, "archived"),
    ("archive", "completed"): (200, "archived"),
    ("unarchive", "archived"): (200, "draft"),  # archived from draft by campaign_in
}
REFUSED = [(verb, status) for verb in VERBS for status in CAMPAIGN_STATUSES if (verb, status) not in ALLOWED]


@pytest.mark.parametrize(("verb", "status"), sorted(ALLOWED))
def test_allowed_transition_gives_documented_result(zorio, verb, status):
    campaign = zorio.campaign_in(status)
    expected_code, expected_status = ALLOWED[(verb, status)]
    response = zorio.admin.action(campaign["id"], verb)
    assert response.status_code == expected_code, response.text
    assert response.json()["data"]["status"] == expected_status
    assert response.json()["data"]["id"] == campaign["id"]
    if expected_status != "starting":
        assert zorio.admin.campaign_get(campaign["id"])["status"] == expected_status


@pytest.mark.parametrize(("verb", "status"), REFUSED)
def test_refused_transition_answers_409_and_changes_nothing(zorio, verb, status):
    campaign = zorio.campaign_in(status)
    response = zorio.admin.action(campaign["id"], verb)
    assert_message(response, 409, f"Cannot {verb} a campaign in status {status}.")
    assert zorio.admin.campaign_get(campaign["id"]) == campaign


@pytest.mark.parametrize("before", ["draft", "stopped", "completed"])
def test_unarchive_returns_to_the_status_before_archiving(zorio, before):
    campaign = zorio.campaign_in(before)
    assert zorio.admin.action(campaign["id"], "archive").json()["data"]["status"] == "archived"
    response = zorio.admin.action(campaign["id"], "unarchive")
    assert response.status_code == 200
    assert response.json()["data"]["status"] == before
    assert zorio.admin.campaign_get(campaign["id"])["status"] == before


def test_starting_becomes_running_after_the_start_delay(api, emulator):
    emulator.settings(start_delay_s=30)
    campaign = api.campaign()
    assert api.action(campaign["id"], "start").json()["data"]["status"] == "starting"
    emulator.advance(29)
    assert api.campaign_get(campaign["id"])["status"] == "starting"
    emulator.advance(2)
    assert api.campaign_get(campaign["id"])["status"] == "running"


def test_running_shows_in_list_after_the_start_delay(api, emulator):
    emulator.settings(start_delay_s=30)
    campaign = api.campaign()
    api.action(campaign["id"], "start")
    emulator.advance(31)
    listed = {c["id"]: c["status"] for c in api.get(PATH).json()["data"]}
    assert listed[campaign["id"]] == "running"


def test_campaign_stopped_while_starting_never_runs(api, emulator):
    emulator.settings(start_delay_s=30)
    campaign = api.campaign()
    api.action(campaign["id"], "start")
    assert api.action(campaign["id"], "stop").json()["data"]["status"] == "stopped"
    emulator.advance(60)
    assert api.campaign_get(campaign["id"])["status"] == "stopped"


def test_stopped_is_final(zorio):
    campaign = zorio.campaign_in("stopped")
    for verb in ("start", "resume", "pause"):
        assert zorio.admin.action(campaign["id"], verb).status_code == 409
    assert zorio.admin.campaign_get(campaign["id"])["status"] == "stopped"


def test_full_lifecycle_walks_every_legal_edge(zorio):
    api = zorio.admin
    cid = api.campaign()["id"]
    assert api.action(cid, "start").status_code == 202
    api.wait_status(cid, "running")
    assert api.action(cid, "pause").json()["data"]["status"] == "paused"
    assert api.action(cid, "resume").json()["data"]["status"] == "running"
    assert api.action(cid, "stop").json()["data"]["status"] == "stopped"
    assert api.action(cid, "archive").json()["data"]["status"] == "archived"
    assert api.action(cid, "unarchive").json()["data"]["status"] == "stopped"


def test_completed_control_call_completes_a_running_campaign(zorio):
    campaign = zorio.campaign_in("running")
    response = zorio.control("POST", f"campaigns/{campaign['id']}/status", {"status": "completed"})
    assert response.status_code == 200, response.text
    assert zorio.admin.campaign_get(campaign["id"])["status"] == "completed"


def test_completed_control_call_on_unknown_campaign_is_404(zorio):
    assert zorio.control("POST", "campaigns/999999/status", {"status": "completed"}).status_code == 404


def test_status_verbs_ignore_a_body(api):
    campaign = api.campaign()
    response = api.action(campaign["id"], "start", json={"status": "running", "caller_id_group_id": None})
    assert response.status_code == 202
    assert response.json()["data"]["caller_id_group_id"] == 3


# --- PUT rules per status ------------------------------------------------------------------------------------------

def _add_spare_group(zorio):
    """A second active tenant-1 group, added through the control surface (body = the public shape)."""
    spare = {
        "id": 77, "name": "Group B - Spare", "description": None, "rotation_strategy": "least_used",
        "sticky_enabled": False, "status": "active", "caller_ids_count": 0, "created_at": "2026-05-21T03:00:00Z",
        "caller_ids": [],
    }
    response = zorio.control("POST", "caller-id-groups", spare)
    assert response.status_code == 201, response.text
    return next(g["id"] for g in zorio.admin.get("/api/caller-id-groups").json()["data"] if g["name"] == spare["name"])


def _new_value(zorio, field):
    """A different, valid value for a writable field."""
    if field == "caller_id_group_id":
        return _add_spare_group(zorio)
    if field == "script_id":
        return zorio.admin.script()["id"]
    return {
        "name": "Renamed", "description": "New description", "max_retries": 7, "retry_interval_minutes": 90,
        "retry_only_when": "busy", "max_concurrent": 25, "originate_timeout": 55, "write_to_main_cdr": True,
        "start_at": "2026-07-01T08:00:00.000000Z", "end_at": "2027-01-01T08:00:00.000000Z",
    }[field]


FIELDS = ["name", "description", "max_retries", "retry_interval_minutes", "retry_only_when", "max_concurrent",
          "originate_timeout", "write_to_main_cdr", "start_at", "end_at", "script_id", "caller_id_group_id"]
EDITABLE = {
    "draft": set(FIELDS), "paused": set(FIELDS),
    "running": {"name", "description", "max_concurrent", "end_at"},
    "starting": {"name", "description", "max_concurrent", "end_at"},
    "stopped": {"name", "description"}, "completed": {"name", "description"}, "archived": {"name", "description"},
}


@pytest.mark.parametrize("status", CAMPAIGN_STATUSES)
@pytest.mark.parametrize("field", FIELDS)
def test_put_field_rules_per_status(zorio, status, field):
    value = _new_value(zorio, field)
    campaign = zorio.campaign_in(status)
    response = zorio.admin.put(f"{PATH}/{campaign['id']}", json={field: value})
    after = zorio.admin.campaign_get(campaign["id"])
    if field in EDITABLE[status]:
        assert response.status_code == 200, response.text
        assert response.json()["data"][field] == value
        assert after[field] == value
    else:
        assert response.status_code == 409, response.text
        message = response.json()["message"]
        if status in ("running", "starting"):
            assert message == f"Pause the campaign before changing {field}."
        else:
            # Agreed in findings (not "Pause …": these statuses refuse `pause`).
            assert message == f"Cannot change {field} of a campaign in status {status}."
        assert after == campaign
    assert after["status"] == status


@pytest.mark.parametrize("status", ["running", "starting", "stopped"])
def test_put_resending_unchanged_values_is_not_a_change(zorio, status):
    campaign = zorio.campaign_in(status)
    body = {field: campaign[field] for field in FIELDS if field in campaign}
    body["name"] = "Only the name changes"
    response = zorio.admin.put(f"{PATH}/{campaign['id']}", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["name"] == "Only the name changes"


def test_put_refused_change_applies_nothing(zorio):
    campaign = zorio.campaign_in("running")
    response = zorio.admin.put(f"{PATH}/{campaign['id']}", json={"name": "New", "max_retries": 9})
    assert_message(response, 409, "Pause the campaign before changing max_retries.")
    assert zorio.admin.campaign_get(campaign["id"])["name"] == campaign["name"]


def test_put_cannot_change_status(zorio):
    campaign = zorio.campaign_in("draft")
    response = zorio.admin.put(f"{PATH}/{campaign['id']}", json={"status": "running", "name": "n"})
    assert response.status_code in (200, 422), response.text
    assert zorio.admin.campaign_get(campaign["id"])["status"] == "draft"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("max_concurrent", 500, "The max concurrent must be between 1 and 200."),
    ("name", "", "The name field is required."),
    ("script_id", None, "The script id field is required."),
])
def test_put_validates_like_create(zorio, field, value, message):
    campaign = zorio.campaign_in("draft")
    assert_validation(zorio.admin.put(f"{PATH}/{campaign['id']}", json={field: value}), {field: message})


def test_put_to_a_draft_script_is_refused(zorio):
    campaign = zorio.campaign_in("paused")
    draft = zorio.admin.script(status="draft")
    assert_validation(zorio.admin.put(f"{PATH}/{campaign['id']}", json={"script_id": draft["id"]}),
                      {"script_id": "The selected script id is not active."})


def test_put_may_remove_the_group_of_a_draft(zorio):
    campaign = zorio.campaign_in("draft")
    data = zorio.admin.put(f"{PATH}/{campaign['id']}", json={"caller_id_group_id": None}).json()["data"]
    assert data["caller_id_group_id"] is None
    assert_validation(zorio.admin.action(campaign["id"], "start"), {"caller_id_group_id": START_NEEDS_GROUP})


# --- DELETE per status ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status", CAMPAIGN_STATUSES)
def test_delete_per_status(zorio, status):
    campaign = zorio.campaign_in(status)
    response = zorio.admin.delete(f"{PATH}/{campaign['id']}")
    if status in ("draft", "stopped", "completed", "archived"):
        assert response.status_code == 204, response.text
        assert_message(zorio.admin.get(f"{PATH}/{campaign['id']}"), 404, "Resource not found")
    else:
        assert_message(response, 409, "Stop the campaign before deleting it.")
        assert zorio.admin.campaign_get(campaign["id"])["status"] == status


def test_put_end_before_existing_start_is_refused(zorio):
    campaign = zorio.admin.campaign(start_at="2026-07-01T08:00:00Z")
    response = zorio.admin.put(f"{PATH}/{campaign['id']}", json={"end_at": "2026-06-01T08:00:00Z"})
    assert_validation(response, {"end_at": "The end at must be a date after start at."})
    assert zorio.admin.campaign_get(campaign["id"])["end_at"] is None


def test_leads_count_follows_imports(api):
    campaign = api.campaign()
    api.post(f"{PATH}/{campaign['id']}/leads", json={"leads": [{"phone": "0987654321"}, {"phone": "0912345678"}]})
    assert api.campaign_get(campaign["id"])["leads_count"] == 2
    listed = {c["id"]: c for c in api.get(PATH).json()["data"]}
    assert listed[campaign["id"]]["leads_count"] == 2


def test_start_answers_starting_even_with_no_delay(api, emulator):
    emulator.settings(start_delay_s=0)
    campaign = api.campaign()
    response = api.action(campaign["id"], "start")
    assert response.status_code == 202
    assert response.json()["data"]["status"] == "starting"
    assert api.wait_status(campaign["id"], "running", timeout=1.0)["status"] == "running"
