"""Contract section 4 (rate limits) and the check order 401 -> 429 -> 403 -> 404 -> 422 -> 409."""

from __future__ import annotations

import re
import time

import pytest

from contract_support import assert_message

BASE = "/api/autocall"
RETRY_RE = re.compile(r"^Too many requests\. Retry after (\d+) seconds\.$")


def _limit(response):
    return int(response.headers["X-RateLimit-Limit"]), int(response.headers["X-RateLimit-Remaining"])


def _assert_429(response, window_s=60):
    assert response.status_code == 429, f"{response.status_code} {response.text}"
    match = RETRY_RE.match(response.json()["message"])
    assert match, response.json()
    assert set(response.json()) == {"message"}
    seconds = int(match.group(1))
    assert int(response.headers["Retry-After"]) == seconds
    assert 1 <= seconds <= window_s
    return seconds


@pytest.mark.parametrize(
    ("method", "path", "limit"),
    [
        ("GET", f"{BASE}/voices", 120),
        ("GET", f"{BASE}/campaigns", 120),
        ("GET", "/api/media-files", 60),
        ("GET", "/api/caller-id-groups", 60),
        ("GET", "/api/caller-id-groups/3/monitor", 60),
        ("GET", "/api/auth/me", 30),
    ],
)
def test_rate_limit_headers_report_tightest_bucket(zorio, method, path, limit):
    client = zorio.with_permissions(["autocall_api_access"], role="admin")
    before = time.time()
    first = client.request(method, path)
    second = client.request(method, path)
    assert first.status_code == 200, first.text
    assert _limit(first) == (limit, limit - 1)
    assert _limit(second) == (limit, limit - 2)
    reset = int(first.headers["X-RateLimit-Reset"])
    assert before - 1 <= reset <= time.time() + 61


def test_rate_limit_headers_on_start_report_the_start_bucket(zorio):
    campaign = zorio.admin.campaign()
    client = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"])
    assert _limit(client.action(campaign["id"], "start")) == (5, 4)
    assert _limit(client.action(campaign["id"], "start")) == (5, 3)  # 409, still counted


def test_rate_limit_headers_on_leads_import_report_the_leads_bucket(zorio):
    campaign = zorio.admin.campaign()
    client = zorio.with_permissions(["autocall_api_access"])
    leads = {"leads": [{"phone": "0987654321"}]}
    response = client.post(f"{BASE}/campaigns/{campaign['id']}/leads/import", json=leads)
    assert _limit(response) == (30, 29)
    response = client.post(f"{BASE}/campaigns/{campaign['id']}/leads", json=leads)
    assert _limit(response) == (30, 28)


def test_rate_limit_headers_on_login_report_the_login_bucket(zorio):
    response = zorio.as_token(None).post("/api/auth/login", json={"username": "admin", "password": "admin"})
    assert _limit(response) == (5, 4)


def test_requests_count_against_every_matching_bucket(zorio):
    campaign = zorio.admin.campaign()
    client = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"])
    for _ in range(3):
        client.action(campaign["id"], "start")
    for _ in range(2):
        client.post(f"{BASE}/campaigns/{campaign['id']}/leads", json={"leads": [{"phone": "0987654321"}]})
    assert _limit(client.get(f"{BASE}/voices")) == (120, 114)


def test_start_limited_after_five_calls_per_token(zorio):
    campaign = zorio.admin.campaign()
    client = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"])
    statuses = [client.action(campaign["id"], "start").status_code for _ in range(5)]
    assert statuses == [202, 409, 409, 409, 409]
    rejected = client.action(campaign["id"], "start")
    _assert_429(rejected)
    assert _limit(rejected) == (5, 0)
    assert client.get(f"{BASE}/campaigns").status_code == 200
    # Another token has its own window.
    fresh = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"])
    assert fresh.action(zorio.admin.campaign()["id"], "start").status_code == 202


def test_leads_import_limited_after_thirty_calls(zorio):
    campaign = zorio.admin.campaign()
    client = zorio.with_permissions(["autocall_api_access"])
    leads = {"leads": [{"phone": "0987654321"}]}
    for index in range(30):
        path = f"{BASE}/campaigns/{campaign['id']}/leads" + ("/import" if index % 2 else "")
        assert client.post(path, json=leads).status_code == 202
    _assert_429(client.post(f"{BASE}/campaigns/{campaign['id']}/leads", json=leads))
    assert client.get(f"{BASE}/campaigns/{campaign['id']}/leads").status_code == 200


@pytest.mark.parametrize(("path", "limit"), [(f"{BASE}/voices", 120), ("/api/media-files", 60),
                                             ("/api/caller-id-groups", 60), ("/api/auth/me", 30)])
def test_bucket_limited_after_its_limit(zorio, path, limit):
    client = zorio.with_permissions(["autocall_api_access"], role="admin")
    for _ in range(limit):
        response = client.get(path)
        assert response.status_code == 200, response.text
    _assert_429(client.get(path))


def test_autocall_limit_does_not_block_media_and_groups(zorio):
    client = zorio.with_permissions(["autocall_api_access"], role="admin")
    for _ in range(120):
        client.get(f"{BASE}/voices")
    _assert_429(client.get(f"{BASE}/scripts"))
    assert client.get("/api/media-files").status_code == 200
    assert client.get("/api/caller-id-groups").status_code == 200


def test_login_limited_per_username_after_five_attempts(zorio):
    anonymous = zorio.as_token(None)
    for password in ("bad", "bad", "admin", "bad", "admin"):
        assert anonymous.post("/api/auth/login", json={"username": "admin", "password": password}).status_code in (200, 401)
    _assert_429(anonymous.post("/api/auth/login", json={"username": "admin", "password": "admin"}))
    assert anonymous.post("/api/auth/login", json={"username": "other", "password": "other"}).status_code == 200


def test_reset_clears_rate_limit_windows(zorio, emulator):
    anonymous = zorio.as_token(None)
    for _ in range(5):
        anonymous.post("/api/auth/login", json={"username": "admin", "password": "bad"})
    _assert_429(anonymous.post("/api/auth/login", json={"username": "admin", "password": "admin"}))
    assert emulator.control("POST", "reset").status_code == 204
    assert anonymous.post("/api/auth/login", json={"username": "admin", "password": "admin"}).status_code == 200


def test_window_slides_and_rejected_requests_consume_nothing(zorio, emulator):
    emulator.settings(rate_limit_window_s=2)
    client = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"])
    for _ in range(5):
        assert client.action(999999, "start").status_code == 404
    _assert_429(client.action(999999, "start"), window_s=2)
    emulator.advance(1.0)
    for _ in range(3):
        _assert_429(client.action(999999, "start"), window_s=2)
    emulator.advance(1.15)
    # The first five left the window; the rejected ones never entered it.
    for _ in range(5):
        assert client.action(999999, "start").status_code == 404
    _assert_429(client.action(999999, "start"), window_s=2)


def test_rejected_requests_do_not_count_against_wider_buckets(zorio):
    client = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"])
    for _ in range(5):
        client.action(999999, "start")
    for _ in range(4):
        _assert_429(client.action(999999, "start"))
    assert _limit(client.get(f"{BASE}/voices")) == (120, 114)


def test_scale_multiplies_limits_and_headers(zorio, emulator):
    emulator.settings(rate_limit_scale=2)
    client = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"])
    assert _limit(client.get(f"{BASE}/voices")) == (240, 239)
    for _ in range(9):
        assert client.action(999999, "start").status_code == 404
    assert _limit(client.action(999999, "start")) == (10, 0)
    _assert_429(client.action(999999, "start"))


def test_limiting_off_never_answers_429(zorio, emulator):
    emulator.settings(rate_limit_scale=None)
    client = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"])
    statuses = {client.action(999999, "start").status_code for _ in range(15)}
    assert statuses == {404}
    anonymous = zorio.as_token(None)
    logins = {anonymous.post("/api/auth/login", json={"username": "admin", "password": "bad"}).status_code
              for _ in range(8)}
    assert logins == {401}


def test_reset_restores_rate_limit_settings(zorio, emulator):
    emulator.settings(rate_limit_scale=None, rate_limit_window_s=1)
    assert emulator.control("POST", "reset").status_code == 204
    client = zorio.as_token(emulator.token())
    assert _limit(client.get(f"{BASE}/voices")) == (120, 119)


def test_settings_patch_returns_current_settings(emulator):
    settings = emulator.settings(rate_limit_window_s=7, start_delay_s=0.5)
    assert settings["rate_limit_window_s"] == 7
    assert settings["start_delay_s"] == 0.5
    assert "rate_limit_scale" in settings
    off = emulator.settings(rate_limit_scale=None)
    assert off["rate_limit_scale"] is None
    assert off["rate_limit_window_s"] == 7


def test_control_surface_is_never_limited(emulator):
    statuses = {emulator.control("GET", "requests").status_code for _ in range(150)}
    assert statuses == {200}


# --- check order: 401 -> 429 -> 403 -> 404 -> 422 -> 409 -------------------------------------------------------

def test_order_unauthenticated_before_rate_limit(zorio):
    client = zorio.as_token("1|not-a-token")
    statuses = {client.get(f"{BASE}/voices").status_code for _ in range(130)}
    assert statuses == {401}


def test_order_rate_limit_before_forbidden(zorio):
    client = zorio.with_permissions(["autocall_api_access"])
    for _ in range(5):
        assert_message(client.action(999999, "start"), 403, "This action is unauthorized.")
    _assert_429(client.action(999999, "start"))


def test_order_rate_limit_before_not_found(zorio):
    client = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"])
    for _ in range(5):
        client.action(999999, "start")
    _assert_429(client.action(123456, "start"))


def test_order_not_found_before_validation(api):
    assert_message(api.put(f"{BASE}/variables/999999", json={"name": 5}), 404, "Resource not found")
    assert_message(api.put(f"{BASE}/campaigns/999999", json={"max_retries": 99}), 404, "Resource not found")
    assert_message(api.post(f"{BASE}/campaigns/999999/leads", json={"leads": "x"}), 404, "Resource not found")


def test_order_validation_before_conflict(zorio):
    running = zorio.campaign_in("running")
    response = zorio.admin.put(f"{BASE}/campaigns/{running['id']}", json={"max_retries": 99})
    assert response.status_code == 422, response.text
    assert "max_retries" in response.json()["errors"]
    stopped = zorio.campaign_in("stopped")
    response = zorio.admin.post(f"{BASE}/campaigns/{stopped['id']}/leads", json={"leads": "x"})
    assert response.status_code == 422, response.text


@pytest.mark.parametrize("case", ["404", "422", "409", "403"])
def test_rate_limit_headers_on_error_responses(zorio, case):
    campaign = zorio.admin.campaign()
    client = zorio.with_permissions(["autocall_api_access"], role="admin")
    response = {
        "404": lambda: client.get(f"{BASE}/campaigns/999999"),
        "422": lambda: client.post(f"{BASE}/variables", json={}),
        "409": lambda: client.delete(f"{BASE}/scripts/{campaign['script_id']}"),
        "403": lambda: client.action(campaign["id"], "archive"),
    }[case]()
    assert response.status_code == int(case), response.text
    assert _limit(response) == (120, 119)


def test_reset_header_of_a_429_points_at_retry_after(zorio):
    client = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"])
    for _ in range(5):
        client.action(999999, "start")
    rejected = client.action(999999, "start")
    seconds = _assert_429(rejected)
    assert abs(int(rejected.headers["X-RateLimit-Reset"]) - (time.time() + seconds)) <= 2


def test_order_forbidden_before_validation(zorio):
    client = zorio.with_permissions(["autocall_manage_campaign"], role="admin")
    assert_message(client.post(f"{BASE}/variables", json={"variable_code": 5}), 403, "This action is unauthorized.")
    media_client = zorio.with_permissions([], role="agent")
    assert_message(media_client.post("/api/media-files", data={"name": ""}), 403, "This action is unauthorized.")


def test_headers_follow_the_bucket_with_fewest_remaining(zorio):
    campaign = zorio.admin.campaign()
    client = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"])
    for _ in range(116):
        assert client.get(f"{BASE}/voices").status_code == 200
    # autocall: 117 used -> 3 left; start: 1 used -> 4 left. The autocall bucket is now the tightest.
    assert _limit(client.action(campaign["id"], "start")) == (120, 3)


def test_wider_bucket_exhausted_refuses_even_with_start_slots_left(zorio):
    client = zorio.with_permissions(["autocall_api_access", "autocall_manage_campaign"])
    for _ in range(120):
        client.get(f"{BASE}/voices")
    rejected = client.action(999999, "start")
    _assert_429(rejected)
    assert _limit(rejected) == (120, 0)


def test_media_and_groups_share_one_bucket(zorio):
    """§4 lists `/api/media-files*` and `/api/caller-id-groups*` in one row: one bucket of 60."""
    client = zorio.with_permissions(["autocall_api_access"], role="admin")
    for _ in range(30):
        assert client.get("/api/media-files").status_code == 200
        assert client.get("/api/caller-id-groups").status_code == 200
    _assert_429(client.get("/api/caller-id-groups/3"))
    _assert_429(client.get("/api/media-files"))
    assert client.get(f"{BASE}/voices").status_code == 200
