"""Contract section 13, command line: `zorio emulator [--host] [--port] [--db] [--start-delay] [--rate-limit-scale]`
prints its base URL and how to log in, and its options change what the API does."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from pulumi_zorio.cli import main

ZORIO = Path(sys.executable).with_name("zorio")


class RunningCli:
    def __init__(self, process: subprocess.Popen, base_url: str, banner: str) -> None:
        self.process, self.base_url, self.banner = process, base_url, banner

    def login(self) -> requests.Session:
        response = requests.post(f"{self.base_url}/api/auth/login", json={"username": "admin", "password": "admin"},
                                 headers={"Accept": "application/json"}, timeout=10)
        assert response.status_code == 200, response.text
        session = requests.Session()
        session.headers.update({"Authorization": f"Bearer {response.json()['token']}", "Accept": "application/json"})
        return session


@pytest.fixture
def run_cli() -> Iterator:
    started: list[subprocess.Popen] = []

    def start(*args: str) -> RunningCli:
        process = subprocess.Popen([str(ZORIO), "emulator", "--port", "0", *args], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        started.append(process)
        lines: list[str] = []
        threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True).start()
        deadline = time.monotonic() + 20
        base_url = None
        while base_url is None and time.monotonic() < deadline and process.poll() is None:
            match = re.search(r"http://127\.0\.0\.1:\d+", "".join(lines))
            base_url = match.group(0) if match else None
            time.sleep(0.05)
        assert base_url, "".join(lines)
        while time.monotonic() < deadline:
            try:
                requests.get(f"{base_url}/openapi.json", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.05)
        time.sleep(0.2)  # the rest of the banner
        return RunningCli(process, base_url, "".join(lines))

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


pytestmark = pytest.mark.skipif(not ZORIO.exists(), reason="the `zorio` console script is not installed")


def test_prints_base_url_and_how_to_log_in(run_cli):
    cli = run_cli()
    assert "admin" in cli.banner
    assert requests.get(f"{cli.base_url}/api/autocall/voices", timeout=10).status_code == 401
    assert cli.login().get(f"{cli.base_url}/api/autocall/voices").status_code == 200


def test_rate_limit_scale_multiplies_reported_limits(run_cli):
    cli = run_cli("--rate-limit-scale", "10")
    response = cli.login().get(f"{cli.base_url}/api/autocall/voices")
    assert response.headers["X-RateLimit-Limit"] == "1200"


def test_rate_limit_scale_off_disables_limiting(run_cli):
    cli = run_cli("--rate-limit-scale", "off", "--start-delay", "0")
    session = cli.login()
    statuses = {session.post(f"{cli.base_url}/api/autocall/campaigns/999999/start").status_code for _ in range(8)}
    assert statuses == {404}


def test_start_delay_sets_how_long_campaigns_stay_starting(run_cli):
    cli = run_cli("--start-delay", "30")
    session = cli.login()
    base = f"{cli.base_url}/api/autocall"
    script = session.post(f"{base}/scripts", json={"name": "s", "template_text": "t", "voice_id": "vi-VN-female-01",
                                                   "status": "active"}).json()["data"]
    campaign = session.post(f"{base}/campaigns", json={"name": "c", "script_id": script["id"],
                                                       "caller_id_group_id": 3}).json()["data"]
    assert session.post(f"{base}/campaigns/{campaign['id']}/start").json()["data"]["status"] == "starting"
    for seconds, status in ((29, "starting"), (2, "running")):  # the emulator's clock, moved instead of waited
        assert requests.post(f"{cli.base_url}/_emulator/clock", json={"advance_s": seconds}, timeout=10).ok
        assert session.get(f"{base}/campaigns/{campaign['id']}").json()["data"]["status"] == status


def test_db_file_survives_a_restart(run_cli, tmp_path):
    db = tmp_path / "zorio.sqlite"
    first = run_cli("--db", str(db))
    session = first.login()
    created = session.post(f"{first.base_url}/api/autocall/variables",
                           json={"variable_code": "kept", "name": "Kept"}).json()["data"]
    first.process.terminate()
    first.process.wait(timeout=10)
    second = run_cli("--db", str(db))
    fetched = second.login().get(f"{second.base_url}/api/autocall/variables/{created['id']}")
    assert fetched.status_code == 200
    assert fetched.json()["data"]["variable_code"] == "kept"


def test_variant_switches_on_the_named_variants_and_the_banner_says_so(run_cli):
    cli = run_cli("--variant", "delete-200,duplicate-409", "--variant", "laravel-paginator")
    assert "Variants on: delete-200, duplicate-409, laravel-paginator" in cli.banner
    settings = requests.get(f"{cli.base_url}/_emulator/settings", timeout=10).json()
    assert settings["variants"] == ["delete-200", "duplicate-409", "laravel-paginator"]
    session = cli.login()
    created = session.post(f"{cli.base_url}/api/autocall/variables", json={"variable_code": "v", "name": "V"})
    deleted = session.delete(f"{cli.base_url}/api/autocall/variables/{created.json()['data']['id']}")
    assert (deleted.status_code, deleted.json()) == (200, {"data": {}})


def test_variants_come_from_the_environment_when_the_option_is_not_given(run_cli, monkeypatch):
    monkeypatch.setenv("ZORIO_EMULATOR_VARIANTS", "idempotency-ignored")
    cli = run_cli()
    assert requests.get(f"{cli.base_url}/_emulator/settings", timeout=10).json()["variants"] == ["idempotency-ignored"]


def test_unknown_variant_is_refused_with_the_valid_names():
    result = CliRunner().invoke(main, ["emulator", "--port", "0", "--variant", "delete-204"])
    assert result.exit_code == 2  # a usage error, before anything listens
    assert ("Unknown variant delete-204; the variants are: accept-redirect, delete-200, duplicate-409, "
            "file-path-hash, idempotency-ignored, laravel-paginator, start-without-group.") in result.stderr


@pytest.mark.parametrize("scale", ["0", "-1", "fast"])
def test_invalid_rate_limit_scale_is_refused(scale):
    result = CliRunner().invoke(main, ["emulator", "--port", "0", "--rate-limit-scale", scale])
    assert result.exit_code == 2  # a usage error, before anything listens
    assert f"'{scale}'" in result.stderr
