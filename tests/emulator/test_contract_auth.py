"""Contract section 3 (authentication and permissions) and the 401/403 rows of section 2."""

from __future__ import annotations

import re

import pytest

from contract_support import PERMISSIONS, assert_message, wav_bytes

USER_KEYS = {"id", "username", "email", "role", "team_id"}
TOKEN_RE = re.compile(r"^\d+\|\S+$")


def _login(api, username, password, **extra):
    return api.post("/api/auth/login", json={"username": username, "password": password, **extra})


def test_login_returns_user_and_sibling_token_when_credentials_are_right(zorio):
    anonymous = zorio.as_token(None)
    response = _login(anonymous, "admin", "admin", device_name="ci")
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"data", "token"}
    assert set(body["data"]) == {"user"}
    assert USER_KEYS <= set(body["data"]["user"])
    assert body["data"]["user"]["username"] == "admin"
    assert isinstance(body["data"]["user"]["id"], int)
    assert TOKEN_RE.match(body["token"]), body["token"]


def test_login_works_without_device_name(zorio):
    assert _login(zorio.as_token(None), "admin", "admin").status_code == 200


def test_login_token_authenticates_api_calls(zorio):
    token = _login(zorio.as_token(None), "admin", "admin").json()["token"]
    assert zorio.as_token(token).get("/api/autocall/voices").status_code == 200


def test_login_tenants_get_different_users(zorio):
    anonymous = zorio.as_token(None)
    admin = _login(anonymous, "admin", "admin").json()["data"]["user"]
    other = _login(anonymous, "other", "other").json()["data"]["user"]
    assert other["username"] == "other"
    assert admin["id"] != other["id"]


@pytest.mark.parametrize(
    ("username", "password"),
    [("admin", "wrong"), ("nobody", "admin"), ("other", "admin"), ("admin", "Admin")],
)
def test_login_refused_when_credentials_are_wrong(zorio, username, password):
    response = _login(zorio.as_token(None), username, password)
    assert_message(response, 401, "Invalid username or password.")


def test_login_requires_username_and_password(zorio):
    response = zorio.as_token(None).post("/api/auth/login", json={})
    assert response.status_code == 422, response.text
    errors = response.json()["errors"]
    assert errors["username"] == ["The username field is required."]
    assert errors["password"] == ["The password field is required."]


def test_me_returns_user_and_permissions(zorio):
    token = _login(zorio.as_token(None), "admin", "admin").json()["token"]
    response = zorio.as_token(token).get("/api/auth/me")
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert USER_KEYS <= set(data["user"])
    assert data["user"]["username"] == "admin"
    assert set(PERMISSIONS) <= set(data["permissions"])


@pytest.mark.parametrize("permissions", [[], ["autocall_api_access"], ["manage_recordings", "autocall_manage_campaign"]])
def test_me_lists_exactly_the_minted_permissions(zorio, permissions):
    response = zorio.with_permissions(permissions).get("/api/auth/me")
    assert response.status_code == 200, response.text
    assert sorted(response.json()["data"]["permissions"]) == sorted(permissions)


def test_control_token_omitting_permissions_has_all(zorio):
    permissions = zorio.admin.get("/api/auth/me").json()["data"]["permissions"]
    assert set(PERMISSIONS) <= set(permissions)


def test_control_tokens_have_documented_format(emulator):
    assert TOKEN_RE.match(emulator.token())


def test_logout_revokes_the_token(zorio):
    token = _login(zorio.as_token(None), "admin", "admin").json()["token"]
    client = zorio.as_token(token)
    response = client.post("/api/auth/logout")
    assert response.status_code == 204
    assert_message(client.get("/api/auth/me"), 401, "Unauthenticated.")
    assert_message(client.get("/api/autocall/voices"), 401, "Unauthenticated.")


def test_logout_leaves_other_tokens_valid(zorio):
    anonymous = zorio.as_token(None)
    first = zorio.as_token(_login(anonymous, "admin", "admin").json()["token"])
    second = zorio.as_token(_login(anonymous, "admin", "admin").json()["token"])
    assert first.post("/api/auth/logout").status_code == 204
    assert second.get("/api/auth/me").status_code == 200


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer ", "Bearer 999999|nope", "Bearer garbage", "Token 1|abc", "Basic YWRtaW46YWRtaW4="],
)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/auth/me"),
        ("POST", "/api/auth/logout"),
        ("GET", "/api/autocall/voices"),
        ("GET", "/api/autocall/campaigns"),
        ("POST", "/api/autocall/variables"),
        ("GET", "/api/media-files"),
        ("GET", "/api/caller-id-groups"),
        ("GET", "/api/caller-id-groups/3/monitor"),
    ],
)
def test_unauthenticated_when_token_missing_or_unknown(zorio, authorization, method, path):
    client = zorio.as_token(None)
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = client.request(method, path, headers=headers, json={})
    assert_message(response, 401, "Unauthenticated.")


def test_unauthenticated_takes_precedence_over_not_found(zorio):
    assert_message(zorio.as_token(None).get("/api/autocall/campaigns/999999"), 401, "Unauthenticated.")


# --- permissions (section 3) ---

AUTOCALL_ENDPOINTS = [
    ("GET", "/api/autocall/voices"),
    ("GET", "/api/autocall/queues"),
    ("GET", "/api/autocall/dtmf-action-types"),
    ("GET", "/api/autocall/variables"),
    ("POST", "/api/autocall/variables"),
    ("GET", "/api/autocall/scripts"),
    ("POST", "/api/autocall/scripts"),
    ("GET", "/api/autocall/campaigns"),
    ("POST", "/api/autocall/campaigns"),
]


@pytest.mark.parametrize(("method", "path"), AUTOCALL_ENDPOINTS)
def test_autocall_endpoints_forbidden_without_api_access(zorio, method, path):
    client = zorio.with_permissions(["autocall_manage_campaign", "manage_recordings"], role="admin")
    assert_message(client.request(method, path, json={}), 403, "This action is unauthorized.")


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("GET", ""), ("PUT", ""), ("DELETE", ""), ("GET", "/leads"), ("POST", "/leads"), ("POST", "/leads/import"),
     ("POST", "/start"), ("POST", "/archive")],
)
def test_campaign_item_endpoints_forbidden_without_api_access(zorio, method, suffix):
    campaign = zorio.admin.campaign()
    client = zorio.with_permissions(["autocall_manage_campaign", "manage_recordings"], role="admin")
    response = client.request(method, f"/api/autocall/campaigns/{campaign['id']}{suffix}", json={})
    assert_message(response, 403, "This action is unauthorized.")
    assert zorio.admin.campaign_get(campaign["id"])["status"] == "draft"


@pytest.mark.parametrize("verb", ["start", "pause", "resume", "stop", "archive", "unarchive"])
def test_status_verbs_forbidden_without_manage_campaign(zorio, verb):
    campaign = zorio.admin.campaign()
    client = zorio.with_permissions(["autocall_api_access"])
    assert_message(client.action(campaign["id"], verb), 403, "This action is unauthorized.")
    assert zorio.admin.campaign_get(campaign["id"])["status"] == "draft"


def test_forbidden_takes_precedence_over_not_found_for_status_verbs(zorio):
    client = zorio.with_permissions(["autocall_api_access"])
    assert_message(client.action(999999, "start"), 403, "This action is unauthorized.")


def test_campaign_crud_allowed_without_manage_campaign(zorio):
    client = zorio.with_permissions(["autocall_api_access"])
    campaign = client.campaign()
    cid = campaign["id"]
    assert client.get(f"/api/autocall/campaigns/{cid}").status_code == 200
    assert client.put(f"/api/autocall/campaigns/{cid}", json={"name": "renamed"}).status_code == 200
    leads = client.post(f"/api/autocall/campaigns/{cid}/leads", json={"leads": [{"phone": "0987654321"}]})
    assert leads.status_code == 202, leads.text
    assert client.delete(f"/api/autocall/campaigns/{cid}").status_code == 204


def test_status_verbs_allowed_with_manage_campaign(zorio):
    client = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"])
    campaign = client.campaign()
    assert client.action(campaign["id"], "start").status_code == 202


@pytest.mark.parametrize("role", ["agent", "supervisor"])
def test_media_writes_forbidden_without_manage_recordings(zorio, role):
    existing = zorio.admin.media()
    client = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"], role=role)
    forbidden = "This action is unauthorized."
    assert_message(client.upload("denied", "ivr", wav_bytes(0.2)), 403, forbidden)
    assert_message(client.put(f"/api/media-files/{existing['id']}", json={"name": "x"}), 403, forbidden)
    assert_message(client.delete(f"/api/media-files/{existing['id']}"), 403, forbidden)
    after = zorio.admin.get(f"/api/media-files/{existing['id']}").json()["data"]
    assert after["name"] == existing["name"]
    assert zorio.admin.get("/api/media-files").json()["total"] == 1


def test_media_reads_allowed_without_any_permission(zorio):
    existing = zorio.admin.media()
    client = zorio.with_permissions([], role="agent")
    listing = client.get("/api/media-files")
    assert listing.status_code == 200
    assert [item["id"] for item in listing.json()["data"]] == [existing["id"]]
    assert client.get(f"/api/media-files/{existing['id']}").status_code == 200
    assert client.get(f"/api/media-files/{existing['id']}/download").status_code == 200


def test_media_writes_allowed_with_manage_recordings_for_non_admin(zorio):
    client = zorio.with_permissions(["manage_recordings"], role="agent")
    media = client.media()
    assert client.put(f"/api/media-files/{media['id']}", json={"name": "renamed"}).status_code == 200
    assert client.delete(f"/api/media-files/{media['id']}").status_code == 204


def test_media_writes_allowed_for_admin_role_without_manage_recordings(zorio):
    client = zorio.with_permissions(["autocall_api_access"], role="admin")
    media = client.media()
    assert client.put(f"/api/media-files/{media['id']}", json={"category": "ivr"}).status_code == 200
    assert client.delete(f"/api/media-files/{media['id']}").status_code == 204


@pytest.mark.parametrize("path", ["/api/caller-id-groups", "/api/caller-id-groups/3", "/api/caller-id-groups/3/monitor",
                                  "/api/auth/me"])
def test_token_without_permissions_reads_groups_and_me(zorio, path):
    assert zorio.with_permissions([], role="agent").get(path).status_code == 200
