"""Serving the emulator: the `zorio emulator` command, HEAD, lazy starting → running, control settings."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import requests

from zorio_emulator.server import start_in_thread


def test_cli_emulator_prints_url_and_login_command_then_serves(tmp_path):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "zorio_emulator", "--port", "0", "--db", str(tmp_path / "cli.sqlite")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        first = process.stdout.readline()
        second, third = process.stdout.readline(), process.stdout.readline()
        url = first.split("listening on ")[1].split()[0]
        login = requests.post(f"{url}/api/auth/login", json={"username": "admin", "password": "admin"}, timeout=10)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert url.startswith("http://127.0.0.1:")
    assert second.strip() == "Log in as admin/admin:"
    assert f"curl -s -X POST {url}/api/auth/login" in third and '"username":"admin"' in third
    assert login.status_code == 200


def test_start_in_thread_is_ready_in_well_under_a_second():
    began = time.monotonic()
    server = start_in_thread()
    try:
        elapsed = time.monotonic() - began
        assert requests.get(f"{server.base_url}/_emulator/settings", timeout=5).status_code == 200
    finally:
        server.stop()
    assert elapsed < 1.0


def test_head_on_a_get_route_answers_headers_without_body(emulator):
    response = emulator.api().head(f"{emulator.base_url}/api/autocall/voices")
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 0


def _running_campaign(emulator, api) -> dict:
    base = emulator.base_url
    script = api.post(f"{base}/api/autocall/scripts", json={"name": "S", "template_text": "Hi",
                                                               "voice_id": "vi-VN-female-01", "status": "active"}).json()
    campaign = api.post(f"{base}/api/autocall/campaigns",
                        json={"name": "C", "script_id": script["data"]["id"], "caller_id_group_id": 3}).json()["data"]
    started = api.post(f"{base}/api/autocall/campaigns/{campaign['id']}/start")
    assert started.status_code == 202
    return started.json()["data"]


def test_started_campaign_reads_running_after_the_start_delay(emulator):
    api = emulator.api()
    campaign = _running_campaign(emulator, api)
    url = f"{emulator.base_url}/api/autocall/campaigns/{campaign['id']}"
    assert campaign["status"] == "starting"
    assert api.get(url).json()["data"]["status"] == "starting"
    emulator.advance(0.25)
    assert api.get(url).json()["data"]["status"] == "running"


def test_start_delay_setting_applies_to_campaigns_already_starting(emulator):
    api = emulator.api()
    emulator.settings(start_delay_s=30)
    campaign = _running_campaign(emulator, api)
    emulator.advance(20)
    listed = api.get(f"{emulator.base_url}/api/autocall/campaigns?status=starting").json()
    assert [c["id"] for c in listed["data"]] == [campaign["id"]]
    emulator.settings(start_delay_s=0)
    assert api.post(f"{emulator.base_url}/api/autocall/campaigns/{campaign['id']}/pause").json()["data"]["status"] == "paused"


def test_engine_completion_then_unarchive_returns_to_completed(emulator):
    api = emulator.api()
    campaign = _running_campaign(emulator, api)
    done = emulator.control("POST", f"campaigns/{campaign['id']}/status", {"status": "completed"})
    assert done.json()["data"]["status"] == "completed"
    base = f"{emulator.base_url}/api/autocall/campaigns/{campaign['id']}"
    assert api.post(f"{base}/archive").json()["data"]["status"] == "archived"
    assert api.post(f"{base}/unarchive").json()["data"]["status"] == "completed"


def test_settings_patch_rejects_bad_values(emulator):
    response = emulator.control("PATCH", "settings", {"start_delay_s": "soon", "rate_limit_scale": 0})
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"start_delay_s", "rate_limit_scale"}
