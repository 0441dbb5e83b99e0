"""`zorio export` round trip against the emulator: an account with every kind and every campaign status is exported,
the export validates, the first apply adopts everything with zero writes, the next plan says "No changes.", and an
edit to the exported YAML plans exactly that change. Plus: stable output, nothing left behind on failure."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from pulumi_zorio.desired import validate_paths

from .support import clear_log, writes, zorio

GROUP_A = 3
STATUSES = ("draft", "running", "paused", "stopped", "completed", "archived", "starting")
"""`starting` last: the emulator's start delay is raised for it alone, and never lowered after."""


def call(emulator: Any, token: str, method: str, path: str, body: Any = None) -> dict[str, Any]:
    response = emulator.api(token).request(method, f"{emulator.base_url}{path}", json=body, timeout=10)
    assert response.status_code in (200, 201, 202), response.text
    return dict(response.json()["data"])


def wait_for(emulator: Any, token: str, campaign_id: int, status: str) -> None:
    deadline = time.monotonic() + 10
    while call(emulator, token, "GET", f"/api/autocall/campaigns/{campaign_id}")["status"] != status:
        assert time.monotonic() < deadline, f"campaign {campaign_id} never became {status}"
        time.sleep(0.05)


def seed_account(emulator: Any, token: str) -> None:
    """What a team built in the admin console: variables, audio (one unused), scripts that switch to each other,
    and a campaign in every live status."""
    call(emulator, token, "POST", "/api/autocall/variables", {"variable_code": "customer_name", "name": "Khách hàng",
                                                             "sample_value": "anh An"})
    call(emulator, token, "POST", "/api/autocall/variables", {"variable_code": "due_date", "name": "Ngày hẹn"})
    audio = Path(__file__).resolve().parents[2] / "examples" / "yaml-quickstart" / "audio" / "thank_you.wav"
    media = []
    for name in ("Cảm ơn quý khách", "Nhạc chờ"):
        response = emulator.api(token).post(f"{emulator.base_url}/api/media-files", data={"name": name,
                                            "category": "announcement"}, files={"file": (audio.name, audio.read_bytes(),
                                                                                         "audio/wav")}, timeout=10)
        assert response.status_code == 201, response.text
        media.append(response.json()["data"])
    menu = call(emulator, token, "POST", "/api/autocall/scripts", {
        "name": "Menu chính", "template_text": "Bấm 1 để nghe lại.", "voice_id": "vi-VN-female-01", "status": "active",
        "dtmf_actions": [{"digit": "1", "label": "Lại", "action_type": "repeat_script"}]})
    reminder = call(emulator, token, "POST", "/api/autocall/scripts", {
        "name": "Nhắc lịch hẹn", "template_text": "Xin chào {{customer_name}}, lịch hẹn {{due_date}}.",
        "voice_id": "vi-VN-female-01", "status": "active", "tts_tier": "A", "dtmf_actions": [
            {"digit": "1", "label": "Xác nhận", "action_type": "playback_then_hangup",
             "target_audio_url": media[0]["file_path"]},
            {"digit": "0", "label": "Menu", "action_type": "switch_script", "target_script_id": menu["id"]},
            {"digit": "9", "label": "Nhân viên", "action_type": "queue", "target_queue_name": "support@default"}]})
    for status in STATUSES:
        campaign = call(emulator, token, "POST", "/api/autocall/campaigns", {
            "name": f"Chiến dịch {status}", "script_id": reminder["id"], "caller_id_group_id": GROUP_A,
            "max_retries": 5, "start_at": "2026-12-01T08:00:00+07:00"})
        cid = campaign["id"]
        if status == "archived":
            call(emulator, token, "POST", f"/api/autocall/campaigns/{cid}/archive")
        if status in ("draft", "archived"):
            continue
        emulator.settings(start_delay_s=3600 if status == "starting" else 0.05)
        call(emulator, token, "POST", f"/api/autocall/campaigns/{cid}/start")
        if status == "starting":
            continue
        wait_for(emulator, token, cid, "running")
        verb = {"paused": "pause", "stopped": "stop"}.get(status)
        if verb:
            call(emulator, token, "POST", f"/api/autocall/campaigns/{cid}/{verb}")
        if status == "completed":
            assert emulator.control("POST", f"campaigns/{cid}/status", {"status": "completed"}).ok


@pytest.fixture
def account(emulator: Any, token: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    seed_account(emulator, token)
    return tmp_path


def test_export_round_trip_validates_adopts_with_zero_writes_and_plans_clean(
    emulator: Any, token: str, account: Path
) -> None:
    clear_log(emulator)
    result = zorio("export", "--out", "exported")
    assert result.exit_code == 0, result.stderr
    gets = [e for e in emulator.requests_log() if e["path"].startswith("/api/")]
    assert all(e["method"] == "GET" for e in gets) and len(gets) <= 4 + 1 + 2  # a listing per kind, groups, audio
    exported = account / "exported"
    text = (exported / "zorio.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "audio: cam_on_quy_khach" in text and "script: menu_chinh" in text  # references by logical name
    assert "# no script of this account plays this audio prompt\n  nhac_cho:" in text
    assert "RUNNING: this campaign DIALS REAL PEOPLE now" in text and "STARTING: this campaign DIALS" in text
    assert sorted(p.name for p in (exported / "audio").iterdir()) == ["cam_on_quy_khach.wav", "nhac_cho.wav"]
    assert validate_paths([exported]).valid, [str(p) for p in validate_paths([exported]).problems]

    clear_log(emulator)
    applied = zorio("apply", "--yes", "exported")
    assert applied.exit_code == 0, applied.stderr
    assert writes(emulator) == []  # every object adopted as it is: not one write
    assert "DIALS REAL PEOPLE" not in applied.stdout  # nothing is started or resumed

    planned = zorio("plan", "exported")
    assert planned.exit_code == 0, planned.stdout + planned.stderr
    assert "No changes." in planned.stdout

    config = exported / "zorio.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("sample_value: anh An", "sample_value: chị Bình"),
                      encoding="utf-8")
    edited = zorio("plan", "exported")
    assert edited.exit_code == 2
    assert "# variable customer_name (id 1) will be updated in-place" in edited.stdout
    assert "Plan: 0 to add, 1 to change, 0 to destroy." in edited.stdout


def test_export_is_byte_identical_across_runs_and_split_writes_one_file_per_kind(
    emulator: Any, token: str, account: Path
) -> None:
    assert zorio("export", "--out", "one").exit_code == 0
    assert zorio("export", "--out", "two").exit_code == 0
    assert (account / "one" / "zorio.yaml").read_bytes() == (account / "two" / "zorio.yaml").read_bytes()
    assert zorio("export", "--out", "split", "--split").exit_code == 0
    assert sorted(p.name for p in (account / "split").glob("*.yaml")) == [
        "campaigns.yaml", "media.yaml", "scripts.yaml", "variables.yaml"]
    assert validate_paths([account / "split"]).valid


def test_export_that_fails_half_way_writes_nothing(emulator: Any, token: str, account: Path) -> None:
    rule = {"method": "GET", "path": "/api/media-files/*/download", "status": 404, "times": 100}
    assert emulator.control("POST", "faults", rule).status_code == 201
    result = zorio("export", "--out", "exported")
    assert result.exit_code == 1
    assert "export failed, nothing was written" in result.stderr
    assert list(account.iterdir()) == []


def test_export_with_a_token_that_may_not_read_says_which_permission_it_needs(
    emulator: Any, token: str, account: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZORIO_TOKEN", emulator.token(permissions=[], role="member"))
    result = zorio("export", "--out", "exported")
    assert result.exit_code == 1
    assert "export needs a token with autocall_api_access" in result.stderr
    assert not (account / "exported").exists()


def test_export_of_a_thousand_objects_reads_each_list_once_not_each_object(
    emulator: Any, token: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """700 variables, 200 scripts, 100 campaigns: a few paged listings (200 per page), never one GET per object."""
    monkeypatch.chdir(tmp_path)
    emulator.seed("variable", ({"variable_code": f"v{n:04d}", "name": f"V {n}"} for n in range(700)))
    scripts = emulator.seed("script", ({"name": f"Script {n:03d}", "template_text": "Hello.",
                                        "voice_id": "vi-VN-female-01", "status": "active"} for n in range(200)))
    emulator.seed("campaign", ({"name": f"Campaign {n:03d}", "script_id": script["id"], "caller_id_group_id": GROUP_A}
                               for n, script in enumerate(scripts[:100])))
    clear_log(emulator)

    result = zorio("export", "--out", "big")

    assert result.exit_code == 0, result.stderr
    calls = [e for e in emulator.requests_log() if e["path"].startswith("/api/")]
    assert len(calls) <= 20, [e["path"] for e in calls]
    assert "Exported 700 variables, 0 media, 200 scripts, 100 campaigns" in result.stdout
    assert validate_paths([tmp_path / "big"]).valid


def test_a_new_recording_of_an_exported_prompt_is_refused_not_swapped_for_the_old_one(
    emulator: Any, token: str, account: Path
) -> None:
    """The replacement would take over the same media file again (adopt_id) and then delete it: refused instead,
    before any write, saying how to upload the new recording."""
    assert zorio("export", "--out", "exported").exit_code == 0
    assert zorio("apply", "--yes", "exported").exit_code == 0
    audio = account / "exported" / "audio" / "cam_on_quy_khach.wav"
    audio.write_bytes(audio.read_bytes()[:-2] + b"\x01\x02")  # a different recording
    clear_log(emulator)
    result = zorio("apply", "--yes", "exported")
    assert result.exit_code == 1
    assert "its stored audio differs from" in result.stderr and "Remove adopt_id" in result.stderr
    assert writes(emulator) == []


def test_export_of_one_kind_brings_what_it_uses_and_validates(emulator: Any, token: str, account: Path) -> None:
    result = zorio("export", "--out", "campaigns-only", "--kinds", "campaigns")
    assert result.exit_code == 0, result.stderr
    assert "Also exported what the chosen objects use:" in result.stderr
    assert validate_paths([account / "campaigns-only"]).valid


def test_export_into_the_current_empty_folder(emulator: Any, token: str, account: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (account / "here").mkdir()
    monkeypatch.chdir(account / "here")
    result = zorio("export", "--out", ".")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (account / "here").iterdir()) == ["audio", "zorio.yaml"]
