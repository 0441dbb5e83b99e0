"""Whole Pulumi programs under set_mocks with the real providers against the emulator: up, no-op, preview,
media content replacement, drift + refresh, destroy; and no token anywhere in state, outputs or pickles."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import dill
import pulumi
import pytest
from pulumi.dynamic.dynamic import serialize_provider

import pulumi_zorio as zorio
from pulumi_zorio.client import _reset_process_state
from pulumi_zorio.resources import CampaignProvider, MediaFileProvider, ScriptProvider, VariableProvider
from .support import write_wav, writes
from .engine import EngineMocks, up

Seen = dict[str, Any]


def stack(seen: Seen, campaign_status: str = "running") -> Callable[[], None]:
    """A small but complete stack: variable, audio prompt, script with a menu, campaign on a looked-up group."""

    def program() -> None:
        name = zorio.Variable("customer_name", zorio.VariableArgs(variable_code="customer_name", sample_value="anh An"))
        thanks = zorio.MediaFile("thank_you", source="audio/thank_you.wav", category="announcement")
        group = zorio.get_caller_id_group(name="Group A - Viettel Sales")
        reminder = zorio.Script(
            "reminder",
            template_text="Hello {{customer_name}}. Press 1 to confirm, 2 for an agent.",
            voice_id=zorio.get_voice(name="vi-VN-female-01").id,
            dtmf_actions=[
                zorio.DtmfActionArgs(digit="1", label="Confirm", action_type="playback_then_hangup",
                                     target_audio_url=thanks.file_path),
                zorio.DtmfActionArgs(digit="2", label="Agent", action_type="queue",
                                     target_queue_name=zorio.get_queue("support@default").name),
            ],
            opts=pulumi.ResourceOptions(depends_on=[name]),
        )
        zorio.Script("main_menu", template_text="Main menu. Press 0 for the reminder.", voice_id="vi-VN-female-01",
                     dtmf_actions=[{"digit": "0", "action_type": "switch_script", "target_script_id": reminder.id}])
        campaign = zorio.Campaign("q3_care", script_id=reminder.id, caller_id_group_id=group.id,
                                  status=campaign_status, max_retries=2)
        pulumi.Output.all(thanks.file_path, reminder.id, campaign.status, reminder.variables).apply(
            lambda values: seen.update(file_path=values[0], script_id=values[1], status=values[2],
                                       variables=values[3]))

    return program


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, emulator: Any, token: str) -> Path:
    """A project directory (the provider's cwd) with its audio; the program reads ZORIO_* for its lookups."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", token)
    (tmp_path / "audio").mkdir()
    write_wav(tmp_path / "audio" / "thank_you.wav", tone=0)
    return tmp_path


@pytest.fixture
def engine(project: Path, zorio_config: dict[str, str]) -> EngineMocks:
    return EngineMocks(config=zorio_config)


def test_up_creates_in_dependency_order_and_second_up_changes_nothing(emulator: Any, engine: EngineMocks) -> None:
    seen: Seen = {}
    up(stack(seen), engine)
    created = [name for step, name in engine.log if step == "create"]
    assert created.index("thank_you") < created.index("reminder") < created.index("q3_care")
    assert created.index("customer_name") < created.index("reminder") < created.index("main_menu")
    menu = engine.state["main_menu"].outs["dtmf_actions"][0]
    assert menu["target_script_id"] == int(seen["script_id"])
    assert seen["status"] == "running" and seen["file_path"].startswith("/media/")
    assert seen["variables"] == ["customer_name"]
    campaign = engine.state["q3_care"]
    assert campaign.outs["script_id"] == int(seen["script_id"])
    up(stack(seen), engine)
    assert {step for step, _ in engine.log} == {"same"}


def test_preview_of_a_new_stack_calls_no_write_and_accepts_unknowns(emulator: Any, engine: EngineMocks) -> None:
    up(stack({}), engine, preview=True)
    assert {step for step, _ in engine.log} == {"preview-change"} and len(engine.log) == 5
    assert writes(emulator) == [] and engine.state == {}


def test_media_content_change_replaces_file_repoints_script_then_deletes_old(
    emulator: Any, engine: EngineMocks, project: Path
) -> None:
    seen: Seen = {}
    up(stack(seen, "draft"), engine)
    old_id, old_path = engine.state["thank_you"].id, seen["file_path"]
    write_wav(project / "audio" / "thank_you.wav", tone=500)
    up(stack(seen, "draft"), engine, preview=True)
    assert ("preview-change", "thank_you") in engine.log
    up(stack(seen, "draft"), engine)
    assert engine.log[-1] == ("delete-replaced", "thank_you")
    assert ("replace", "thank_you") in engine.log and ("update", "reminder") in engine.log
    assert seen["file_path"] != old_path
    order = [(m, p) for m, p in writes(emulator) if "media-files" in p or "/scripts/" in p]
    assert order[-3:] == [("POST", "/api/media-files"), ("PUT", f"/api/autocall/scripts/{seen['script_id']}"),
                          ("DELETE", f"/api/media-files/{old_id}")]


def test_out_of_band_delete_refresh_and_up_recreates(
    emulator: Any, engine: EngineMocks, make_provider: Any
) -> None:
    seen: Seen = {}
    up(stack(seen, "draft"), engine)
    make_provider(CampaignProvider).client.campaigns.delete(engine.state["q3_care"].id)
    _reset_process_state()  # the refresh is a new process: nothing cached
    engine.refresh()
    assert ("refresh-gone", "q3_care") in engine.log and "q3_care" not in engine.state
    up(stack(seen, "draft"), engine)
    assert ("create", "q3_care") in engine.log


def test_destroy_stops_the_running_campaign_and_removes_everything(
    emulator: Any, engine: EngineMocks, make_provider: Any
) -> None:
    up(stack({}), engine)
    engine.destroy()
    deletes = [name for step, name in engine.log if step == "delete"]
    assert set(deletes[:2]) == {"q3_care", "main_menu"} and deletes[2] == "reminder"  # users before the used
    assert set(deletes[3:]) == {"thank_you", "customer_name"}
    campaign_id = 1  # the only campaign of the fresh emulator
    campaign_calls = [(m, p) for m, p in writes(emulator) if p.startswith(f"/api/autocall/campaigns/{campaign_id}")]
    assert campaign_calls[-2:] == [("POST", f"/api/autocall/campaigns/{campaign_id}/stop"),
                                   ("DELETE", f"/api/autocall/campaigns/{campaign_id}")]
    assert engine.state == {}
    assert make_provider(VariableProvider).client.variables.find_by_code("customer_name") is None


def test_token_appears_nowhere_in_state_outputs_or_pickled_providers(
    emulator: Any, engine: EngineMocks, token: str, make_provider: Any
) -> None:
    seen: Seen = {}
    up(stack(seen), engine)
    blobs = []
    for record in engine.state.values():
        blob = record.provider_blob
        blob = blob.get("value", blob) if isinstance(blob, dict) else blob
        blobs.append(base64.b64decode(blob))
        assert b"pulumi_zorio.resources" in blobs[-1] and len(blobs[-1]) < 500  # pickled by reference
    for cls in (VariableProvider, MediaFileProvider, ScriptProvider, CampaignProvider):
        configured = make_provider(cls)
        configured.client.voices.list()  # client built, session open, token in use
        blobs.append(dill.dumps(configured, recurse=True))
        blobs.append(base64.b64decode(serialize_provider(configured)))
        assert dill.loads(dill.dumps(configured))._settings == {}
    state_text = json.dumps({n: {"id": r.id, "inputs": r.inputs, "outs": r.outs} for n, r in engine.state.items()},
                            default=str)
    secret = token.encode()
    assert all(secret not in blob and token.split("|")[-1].encode() not in blob for blob in blobs)
    assert token not in state_text and token not in json.dumps(seen, default=str)
    assert token.split("|")[-1] not in state_text
