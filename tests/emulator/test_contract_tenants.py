"""Contract sections 2 and 13: objects of one tenant are invisible (404) to the other, for every kind and verb."""

from __future__ import annotations

import pytest

from contract_support import assert_message

NOT_FOUND = "Resource not found"


def _make(zorio, owner, kind):
    """An object of `kind` owned by `owner`, plus the paths and bodies the other tenant will try."""
    api = zorio.admin if owner == 1 else zorio.other
    if kind == "variable":
        obj = api.variable()
        base = f"/api/autocall/variables/{obj['id']}"
        return obj, base, [("GET", base, None), ("PUT", base, {"name": "stolen"}), ("DELETE", base, None)]
    if kind == "script":
        obj = api.script()
        base = f"/api/autocall/scripts/{obj['id']}"
        return obj, base, [("GET", base, None), ("PUT", base, {"name": "stolen"}), ("DELETE", base, None)]
    if kind == "media":
        obj = api.media()
        base = f"/api/media-files/{obj['id']}"
        return obj, base, [("GET", base, None), ("GET", f"{base}/download", None), ("PUT", base, {"name": "stolen"}),
                           ("DELETE", base, None)]
    group = api.get("/api/caller-id-groups").json()["data"][0]["id"]
    obj = api.campaign(caller_id_group_id=group)
    base = f"/api/autocall/campaigns/{obj['id']}"
    calls = [("GET", base, None), ("PUT", base, {"name": "stolen"}), ("DELETE", base, None),
             ("GET", f"{base}/leads", None), ("POST", f"{base}/leads", {"leads": [{"phone": "0987654321"}]}),
             ("POST", f"{base}/leads/import", {"leads": [{"phone": "0987654321"}]})]
    calls += [("POST", f"{base}/{verb}", None) for verb in ("start", "pause", "resume", "stop", "archive", "unarchive")]
    return obj, base, calls


@pytest.mark.parametrize("owner", [1, 2])
@pytest.mark.parametrize("kind", ["variable", "script", "media", "campaign"])
def test_other_tenant_gets_404_for_every_verb(zorio, owner, kind):
    obj, base, calls = _make(zorio, owner, kind)
    owner_api, intruder = (zorio.admin, zorio.other) if owner == 1 else (zorio.other, zorio.admin)
    for method, path, body in calls:
        assert_message(intruder.request(method, path, json=body), 404, NOT_FOUND)
    after = owner_api.get(base)
    assert after.status_code == 200
    assert after.json()["data"] == obj


@pytest.mark.parametrize(("kind", "path"), [("variable", "/api/autocall/variables"),
                                            ("script", "/api/autocall/scripts"),
                                            ("media", "/api/media-files"),
                                            ("campaign", "/api/autocall/campaigns")])
def test_lists_show_only_own_objects(zorio, kind, path):
    mine, _, _ = _make(zorio, 1, kind)
    theirs, _, _ = _make(zorio, 2, kind)
    assert [item["id"] for item in zorio.admin.get(path).json()["data"]] == [mine["id"]]
    assert [item["id"] for item in zorio.other.get(path).json()["data"]] == [theirs["id"]]


def test_leads_of_another_tenant_are_invisible(zorio):
    campaign = zorio.admin.campaign()
    zorio.admin.post(f"/api/autocall/campaigns/{campaign['id']}/leads", json={"leads": [{"phone": "0987654321"}]})
    assert_message(zorio.other.get(f"/api/autocall/campaigns/{campaign['id']}/leads"), 404, NOT_FOUND)


def test_groups_of_another_tenant_are_pool_not_found(zorio):
    theirs = zorio.other.get("/api/caller-id-groups").json()["data"]
    for group in theirs:
        assert_message(zorio.admin.get(f"/api/caller-id-groups/{group['id']}"), 404, "Pool not found.")


def test_campaign_cannot_use_another_tenants_group(zorio):
    theirs = zorio.other.get("/api/caller-id-groups").json()["data"][0]["id"]
    script = zorio.admin.script()
    response = zorio.admin.post("/api/autocall/campaigns", json={"name": "x", "script_id": script["id"],
                                                                "caller_id_group_id": theirs})
    assert response.status_code == 422
    assert response.json()["errors"]["caller_id_group_id"] == ["The selected caller id group id is invalid."]


def test_variables_of_another_tenant_do_not_block_deletion(zorio):
    mine = zorio.admin.variable("cross_code")
    zorio.other.variable("cross_code")
    zorio.other.script(template_text="{{cross_code}}")
    assert zorio.admin.delete(f"/api/autocall/variables/{mine['id']}").status_code == 204


def test_lead_payload_codes_are_checked_against_own_variables(zorio):
    zorio.other.variable("their_code")
    campaign = zorio.admin.campaign()
    data = zorio.admin.post(f"/api/autocall/campaigns/{campaign['id']}/leads",
                            json={"leads": [{"phone": "0987654321", "payload": {"their_code": "x"}}]}).json()["data"]
    assert data["accepted"] == 0
    assert [entry["index"] for entry in data["rejected"]] == [0]
