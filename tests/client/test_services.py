"""The resource-oriented methods, each against the emulator: what a caller gets back."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pulumi_zorio.client import NotFoundError, ValidationError, ZorioClient

from .conftest import api_calls


def test_variable_round_trip_returns_plain_data_when_created_read_updated_and_deleted(client: ZorioClient) -> None:
    created = client.variables.create({"variable_code": "customer_name", "name": "Customer", "sample_value": "An"})
    assert created["variable_code"] == "customer_name" and isinstance(created["id"], int)
    assert client.variables.retrieve(created["id"]) == created
    assert client.variables.update(created["id"], {"name": "Client"})["name"] == "Client"
    assert client.variables.find_by_code("customer_name")["name"] == "Client"
    client.variables.delete(created["id"])
    assert client.variables.find_by_code("customer_name") is None


def test_list_pages_200_at_a_time_when_there_are_more_objects_than_one_page(emulator, client: ZorioClient) -> None:
    emulator.settings(rate_limit_scale=None)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: client.variables.create({"variable_code": f"p_{i}", "name": "P"}), range(401)))
    assert emulator.control("DELETE", "requests").status_code == 204
    assert len(list(client.variables.list())) == 401
    assert len(api_calls(emulator, "GET", "/api/autocall/variables")) == 3


def test_media_upload_from_a_path_returns_the_stored_file_when_the_audio_is_valid(
    client: ZorioClient, wav: bytes, tmp_path: Path
) -> None:
    source = tmp_path / "thank_you.wav"
    source.write_bytes(wav)
    media = client.media_files.upload("Thank you", "announcement", source)
    assert media["category"] == "announcement" and media["original_filename"] == "thank_you.wav"
    assert media["file_path"].startswith("/media/") and media["file_path"].endswith(".wav")
    downloaded = client.media_files.download_to(media["id"], tmp_path / "copy.wav")
    assert downloaded.read_bytes()[:4] == b"RIFF"
    assert client.media_files.update(media["id"], {"name": "Thanks"})["file_path"] == media["file_path"]
    assert [m["id"] for m in client.media_files.list(category="announcement")] == [media["id"]]
    client.media_files.delete(media["id"])
    with pytest.raises(NotFoundError):
        client.media_files.retrieve(media["id"], fresh=True)


def test_media_upload_raises_validation_error_on_file_when_the_bytes_are_not_audio(client: ZorioClient) -> None:
    with pytest.raises(ValidationError) as caught:
        client.media_files.upload("Notes", "library", b"plain text, not audio", filename="notes.wav")
    assert list(caught.value.field_errors) == ["file"]


def test_catalog_lookups_find_documented_entries_when_asked_by_id_or_name(emulator, client: ZorioClient) -> None:
    assert client.voices.get("vi-VN-female-01")["id"] == "vi-VN-female-01"
    assert client.queues.get("support@default")["name"] == "support@default"
    assert "playback_then_hangup" in client.dtmf_action_types.list()
    with pytest.raises(NotFoundError, match="no voice 'nope'"):
        client.voices.get("nope")
    assert len(api_calls(emulator, "GET", "/api/autocall/voices")) == 1  # the list is cached


def test_caller_id_groups_show_list_detail_and_monitor_when_read(client: ZorioClient) -> None:
    group = client.caller_id_groups.find_by_name("Group A - Viettel Sales")
    assert group["id"] == 3
    assert client.caller_id_groups.retrieve(3)["caller_ids"]
    assert "members" in client.caller_id_groups.monitor(3)
    with pytest.raises(NotFoundError, match="Pool not found."):
        client.caller_id_groups.retrieve(999999)
    with pytest.raises(NotFoundError, match="Group A - Viettel Sales"):
        client.caller_id_groups.find_by_name("Group Z")


def test_script_with_dtmf_menu_round_trips_when_targets_exist(client: ZorioClient, wav: bytes) -> None:
    media = client.media_files.upload("Bye", "announcement", wav, filename="bye.wav")
    client.variables.create({"variable_code": "customer_name", "name": "Customer"})
    script = client.scripts.create({
        "name": "reminder", "template_text": "Hello {{customer_name}}", "voice_id": "vi-VN-female-01",
        "status": "active",
        "dtmf_actions": [
            {"digit": "1", "label": "Bye", "action_type": "playback_then_hangup", "target_audio_url": media["file_path"]},
            {"digit": "2", "label": "Agent", "action_type": "queue", "target_queue_name": "support@default"},
        ],
    })
    assert script["variables"] == ["customer_name"] and len(script["dtmf_actions"]) == 2
    assert [s["id"] for s in client.scripts.list(status="active")] == [script["id"]]
    assert client.scripts.update(script["id"], {"description": "d"})["dtmf_actions"] == script["dtmf_actions"]
    client.scripts.delete(script["id"])
    assert list(client.scripts.list()) == []
