"""Rate limiting (api-contract.md section 4): headers, 429 + Retry-After, window recovery, scale, off."""

from __future__ import annotations

import time


def _login(emulator, username="admin", password="admin"):
    return emulator.http.post(f"{emulator.base_url}/api/auth/login",
                              json={"username": username, "password": password}, timeout=10)


def test_rate_limit_headers_report_the_tightest_bucket(emulator):
    api = emulator.api()
    response = api.get(f"{emulator.base_url}/api/autocall/voices")
    assert response.headers["X-RateLimit-Limit"] == "120"
    assert response.headers["X-RateLimit-Remaining"] == "119"
    assert int(response.headers["X-RateLimit-Reset"]) >= int(time.time())


def test_rate_limit_start_bucket_is_tighter_than_autocall(emulator):
    api = emulator.api()
    response = api.post(f"{emulator.base_url}/api/autocall/campaigns/999/start")
    assert response.status_code == 404
    assert response.headers["X-RateLimit-Limit"] == "5"
    assert response.headers["X-RateLimit-Remaining"] == "4"


def test_rate_limit_login_refuses_sixth_attempt_with_retry_after(emulator):
    statuses = [_login(emulator, password="wrong").status_code for _ in range(5)]
    refused = _login(emulator)
    assert statuses == [401] * 5
    assert refused.status_code == 429
    retry = int(refused.headers["Retry-After"])
    assert 1 <= retry <= 60
    assert refused.json() == {"message": f"Too many requests. Retry after {retry} seconds."}
    assert _login(emulator, username="other", password="other").status_code == 200  # per username


def test_rate_limit_window_recovers_after_it_slides(emulator):
    emulator.settings(rate_limit_window_s=1.0)
    for _ in range(5):
        _login(emulator, password="wrong")
    assert _login(emulator).status_code == 429
    emulator.advance(1.1)
    assert _login(emulator).status_code == 200


def test_rate_limit_refused_requests_do_not_consume_a_slot(emulator):
    emulator.settings(rate_limit_window_s=1.5)
    for _ in range(5):
        _login(emulator, password="wrong")
    emulator.advance(0.5)
    for _ in range(10):
        assert _login(emulator).status_code == 429
    emulator.advance(1.1)
    assert _login(emulator).status_code == 200


def test_rate_limit_scale_multiplies_limits_in_headers(emulator):
    emulator.settings(rate_limit_scale=10)
    response = emulator.api().get(f"{emulator.base_url}/api/autocall/voices")
    assert response.headers["X-RateLimit-Limit"] == "1200"


def test_rate_limit_off_sends_no_headers_and_never_refuses(emulator):
    emulator.settings(rate_limit_scale=None)
    statuses = {_login(emulator, password="wrong").status_code for _ in range(8)}
    assert statuses == {401}
    assert "X-RateLimit-Limit" not in _login(emulator).headers


def test_rate_limit_reset_restores_startup_settings(emulator):
    changed = emulator.settings(rate_limit_scale=None, rate_limit_window_s=2, start_delay_s=5)
    assert changed["rate_limit_scale"] is None
    assert emulator.control("POST", "reset").status_code == 204
    current = emulator.control("GET", "settings").json()
    assert (current["rate_limit_scale"], current["rate_limit_window_s"], current["start_delay_s"]) == (1.0, 60.0, 0.2)


def test_rate_limit_control_surface_is_never_limited(emulator):
    statuses = {emulator.control("GET", "requests").status_code for _ in range(150)}
    assert statuses == {200}
