"""`zorio emulator` and `zorio demo` as a new user runs them from the README."""

from __future__ import annotations

import re
import signal
import subprocess
import sys

import requests
from click.testing import CliRunner

from pulumi_zorio.cli import main

ZORIO = [sys.executable, "-c", "from pulumi_zorio.cli import main; main()"]


def test_emulator_command_prints_url_and_answers_login_until_interrupted():
    process = subprocess.Popen(
        [*ZORIO, "emulator", "--port", "0", "--rate-limit-scale", "off"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        banner = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+", banner).group(0)
        login = requests.post(f"{url}/api/auth/login", json={"username": "admin", "password": "admin"}, timeout=10)
        assert login.status_code == 200
        assert re.fullmatch(r"\d+\|\w{40}", login.json()["token"])
        assert "curl -s -X POST " + url + "/api/auth/login" in process.stdout.readline() + process.stdout.readline()
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_emulator_command_rejects_a_bad_rate_limit_scale():
    result = CliRunner().invoke(main, ["emulator", "--rate-limit-scale", "fast"])
    assert result.exit_code == 2
    assert "expected a positive number or 'off', got 'fast'" in result.output


def test_demo_walks_through_the_api_and_shows_refusals():
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    output = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", result.output)
    lines = [line.rstrip() for line in output.splitlines()]
    assert lines[0].strip("─ ") == "Zorio emulator on http://127.0.0.1:PORT"
    assert lines[1:] == [
        "POST   /api/auth/login                              200",
        "  logged in as admin (token 1|…, redacted)",
        "GET    /api/autocall/voices                         200",
        "  voices: vi-VN-female-01, voice_id_premium_02, vi-VN-male-02",
        "GET    /api/caller-id-groups                        200",
        "  caller-ID group 3 'Group A - Viettel Sales' (active)",
        "  caller-ID group 5 'Group B - Mobifone Legacy' (disabled)",
        "POST   /api/autocall/variables                      201",
        "POST   /api/autocall/scripts                        201",
        "POST   /api/autocall/campaigns                      201",
        "  created variable 1, script 1 (placeholders ['customer_name'])",
        "  created campaign 1 in status draft: nothing dials",
        "PUT    /api/autocall/campaigns/1                    422",
        "  refused, max_retries: The max retries must be between 0 and 10.",
        "POST   /api/autocall/campaigns/1/resume             409",
        "  refused: Cannot resume a campaign in status draft.",
    ]
