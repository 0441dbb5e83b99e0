"""Helpers for the CLI tests: run `zorio` in-process, what the emulator saw, what the account holds."""

from __future__ import annotations

import re
from typing import Any

from click.testing import CliRunner, Result

from pulumi_zorio.cli import main

LISTS = {"variables": "/api/autocall/variables", "media": "/api/media-files", "scripts": "/api/autocall/scripts",
         "campaigns": "/api/autocall/campaigns"}
TOKEN = re.compile(r"\d+\|\w{40}")
"""What an API token looks like (`<id>|<secret>`): it must never be printed."""


def zorio(*args: str, input: str | None = None) -> Result:  # noqa: A002
    """Run `zorio ARGS` as a user would, without a terminal (stdin is not a tty)."""
    return CliRunner().invoke(main, list(args), input=input)


def writes(emulator: Any) -> list[tuple[str, str]]:
    """(method, path) of every non-GET API call in the request log, in order."""
    return [(e["method"], e["path"].split("?")[0]) for e in emulator.requests_log()
            if e["method"] != "GET" and e["path"].startswith("/api/") and e["path"] != "/api/auth/login"]


def clear_log(emulator: Any) -> None:
    assert emulator.control("DELETE", "requests").status_code == 204


def account(emulator: Any, token: str) -> dict[str, list[tuple[str, str | None]]]:
    """(name, status) of every object per kind: what `destroy` must bring back to the seed."""
    api = emulator.api(token)
    found = {}
    for kind, path in LISTS.items():
        data = api.get(emulator.base_url + path, params={"per_page": 100}, timeout=10).json()["data"]
        found[kind] = sorted((str(item.get("variable_code") or item.get("name")), item.get("status")) for item in data)
    return found

QUICKSTART_PLAN = """\
Resource actions are indicated with the following symbols:
  + create

Zorio will perform the following actions:

  # variable salutation_name will be created
  + variable_code = "salutation_name"
  + name          = "Salutation"
  + sample_value  = "anh An"

  # media file thank_you will be created
  + name           = "thank_you"
  + category       = "announcement"
  + content_sha256 = "36f59ee0f02b4e275fd3ce7a9ec55efa5e7c42c04bc3588ef9cd8966a866e752"

  # script reminder will be created
  + name                  = "reminder"
  + template_text         = "Hello {{salutation_name}}. Press 1 to confirm, 2 to talk to an agent, 9 to hear this again."
  + voice_id              = "vi-VN-female-01"
  + dtmf_actions[digit=1] = press 1 "Confirm" → play audio thank_you, then hang up
  + dtmf_actions[digit=2] = press 2 "Agent" → transfer to queue support@default
  + dtmf_actions[digit=9] = press 9 "Repeat" → repeat the message

  # campaign q3_care will be created
  + name            = "q3_care"
  + script          = reminder
  + caller_id_group = Group A - Viettel Sales
  + start_at        = 2026-06-25 15:00 +07:00
  + end_at          = 2026-06-30 17:00 +07:00
  + status          = "running"
    status path draft → running:
      ▶ start the campaign: it begins DIALING leads
      · wait until the dialing engine has it running

Times are shown in the account's time zone, Asia/Ho_Chi_Minh, UTC+07:00 (--timezone or ZORIO_TIMEZONE to change it).
⚠ DIALS REAL PEOPLE: campaign q3_care will be started (draft → running)
Plan: 4 to add, 0 to change, 0 to destroy.
⚠ This plan DIALS REAL PEOPLE: 1 campaign will start or resume calling leads.
"""
"""The text plan of the `project` fixture (the quickstart with a running campaign) on a fresh account."""


def banner(command: str, pulumi_command: str, state: str = "quickstart/.zorio-state.json") -> str:
    """The first line on stderr of every command over the local engine."""
    return f"zorio {command} (the local engine; production runs `pulumi {pulumi_command}`), state {state}\n"


def token_in_environment(emulator: Any, monkeypatch: Any, **settings: Any) -> str:
    """Log in to the emulator and put its URL and the token in ZORIO_BASE_URL / ZORIO_TOKEN (no username or
    password), as a user's shell holds them; `settings` (e.g. the rate-limit scale) are applied first."""
    emulator.settings(**settings)
    token = emulator.login()
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", token)
    for name in ("ZORIO_USERNAME", "ZORIO_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    return token
