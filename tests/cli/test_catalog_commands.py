"""`zorio voices`, `zorio queues`, `zorio caller-id-groups` against the emulator: what the account offers, as plain
columns for a pipe, a table on a terminal, the API's objects with --format json, and a one-line error (never a
traceback, never the token) when the account cannot be read."""

from __future__ import annotations

import io
import json
import socket
from typing import Any

import pytest
from rich.console import Console

from pulumi_zorio.client import _transport
from pulumi_zorio.client._waits import announced

from .support import TOKEN, zorio

VOICES = """\
id                   name             language  gender
vi-VN-female-01      vi-VN-female-01  vi        female
voice_id_premium_02  Roger            vi        male
vi-VN-male-02        vi-VN-male-02    -         -
"""
QUEUES = """\
name             display_name
support@default  Support
sales@default    Sales
"""
GROUPS = """\
id  name                       status    rotation_strategy  description
3   Group A - Viettel Sales    active    round_robin        Viettel outbound numbers for the summer campaign
5   Group B - Mobifone Legacy  disabled  least_used         Old Mobifone numbers, kept for reference
"""


@pytest.mark.parametrize(("command", "listing", "use"), [
    ("voices", VOICES, "Use an id as voice_id: of a script.\n"),
    ("queues", QUEUES, "Use a name as target_queue_name: of a DTMF action with action_type: queue.\n"),
    ("caller-id-groups", GROUPS,
     "Use a name (or id) as caller_id_group: of a campaign; only an active group can dial.\n"),
], ids=["voices", "queues", "caller-id-groups"])
def test_each_list_prints_plain_columns_when_piped_and_says_where_its_values_go(
    token: str, command: str, listing: str, use: str
) -> None:
    result = zorio(command)
    assert result.exit_code == 0, result.output
    assert result.stdout == listing
    assert result.stderr == use


def test_the_lists_are_the_accounts_own(token: str, emulator: Any) -> None:
    """A voice added on the account is listed, a withdrawn one is not: nothing comes from a fixed list."""
    added = emulator.control("POST", "voices", {"id": "en-US-male-03", "name": "Ben", "language": "en"})
    assert added.status_code == 201, added.text
    assert emulator.control("PATCH", "voices/voice_id_premium_02", {"status": "disabled"}).status_code == 200
    ids = [line.split()[0] for line in zorio("voices").stdout.splitlines()[1:]]
    assert ids == ["vi-VN-female-01", "vi-VN-male-02", "en-US-male-03"]


def test_another_tenant_sees_only_its_own_caller_id_groups(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", emulator.token(tenant_id=2))
    assert zorio("caller-id-groups").stdout.splitlines()[1:] == ["7   Tenant 2 - Vinaphone  active  random             -"]


def test_json_gives_scripts_the_apis_objects(token: str, emulator: Any) -> None:
    result = zorio("voices", "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout) == emulator.api(token).get(f"{emulator.base_url}/api/autocall/voices").json()["data"]
    assert json.loads(result.stdout)[2] == {"id": "vi-VN-male-02", "name": "vi-VN-male-02"}
    groups = json.loads(zorio("caller-id-groups", "--format", "json").stdout)
    assert [(group["id"], group["name"], group["status"]) for group in groups] == [
        (3, "Group A - Viettel Sales", "active"), (5, "Group B - Mobifone Legacy", "disabled")]


def test_a_terminal_gets_a_table(token: str, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr("pulumi_zorio.cli.catalog.out", Console(file=screen, force_terminal=True, width=80,
                                                                 color_system=None))
    result = zorio("queues")
    assert result.exit_code == 0 and result.stdout == ""
    assert screen.getvalue() == (
        "┏━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┓\n"
        "┃ name            ┃ display_name ┃\n"
        "┡━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━┩\n"
        "│ support@default │ Support      │\n"
        "│ sales@default   │ Sales        │\n"
        "└─────────────────┴──────────────┘\n"
    )


def test_a_wrong_token_is_one_line_naming_the_setting_to_fix(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = "1|" + "x" * 40
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", wrong)
    result = zorio("queues")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: cannot list the account's queues: ")
    assert "HTTP 401" in result.stderr and "ZORIO_TOKEN" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not TOKEN.search(result.stderr) and "x" * 40 not in result.stderr


def test_missing_credentials_are_named_before_any_call(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    for name in ("ZORIO_TOKEN", "ZORIO_USERNAME", "ZORIO_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    result = zorio("caller-id-groups")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot list the account's caller-ID groups: Zorio credentials missing")
    assert len(result.stderr.splitlines()) == 1


def test_an_unreachable_api_is_one_line_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("ZORIO_BASE_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("ZORIO_TOKEN", "1|" + "y" * 40)
    waited: list[float] = []

    def backoff_announced_not_slept(reason: str, seconds: float, sleep: Any = None) -> None:
        """The retry waits are announced as in a real run; only the sleeping itself (about 15 s) is skipped."""
        with announced(reason, seconds):
            waited.append(seconds)

    monkeypatch.setattr(_transport, "sleep_announced", backoff_announced_not_slept)
    result = zorio("voices", "--format", "json")
    assert result.exit_code == 1 and result.stdout == ""
    assert len(waited) == 4  # five attempts in all
    *waits, error = result.stderr.splitlines()
    assert error.startswith("Error: cannot list the account's voices: ") and f"127.0.0.1:{port}" in error
    assert all("(connection refused); retrying" in wait for wait in waits)  # the retries say why it waits
    assert "Traceback" not in result.output
