"""Contract section 8: media files (multipart upload, conversion to WAV 16-bit PCM 8 kHz mono, metadata edits,
download, deletion guarded by script usage)."""

from __future__ import annotations

import io
import wave

import pytest

from contract_support import TIMESTAMP_RE, assert_message, assert_validation, mp3_bytes, wav_bytes

PATH = "/api/media-files"
NOT_AUDIO = "The file must be an audio file of type: wav, mp3, m4a."


def _open_wav(content: bytes) -> wave.Wave_read:
    return wave.open(io.BytesIO(content), "rb")


def test_upload_returns_201_with_documented_fields(api):
    response = api.upload("thank_you", "announcement", wav_bytes(1.5), filename="Thank You.wav")
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert set(response.json()) == {"data"}
    assert {"id", "name", "category", "file_path", "original_filename", "size_bytes", "duration_seconds",
            "created_at", "updated_at"} <= set(data)
    assert data["name"] == "thank_you"
    assert data["category"] == "announcement"
    assert data["file_path"] == "/media/thank_you.wav"
    assert data["original_filename"] == "Thank You.wav"
    assert isinstance(data["size_bytes"], int) and data["size_bytes"] > 0
    assert isinstance(data["duration_seconds"], float)
    assert data["duration_seconds"] == pytest.approx(1.5, abs=0.05)
    assert TIMESTAMP_RE.match(data["created_at"])
    assert not any("checksum" in key or "sha" in key or "md5" in key for key in data)


@pytest.mark.parametrize("category", ["announcement", "ivr", "moh", "library"])
def test_every_documented_category_is_accepted(api, category):
    assert api.media(category=category)["category"] == category


def test_file_path_collisions_get_numbered_suffixes(api):
    paths = [api.media("greeting")["file_path"] for _ in range(3)]
    assert paths == ["/media/greeting.wav", "/media/greeting-2.wav", "/media/greeting-3.wav"]


@pytest.mark.parametrize(("rate", "channels", "width"), [(44100, 2, 2), (16000, 1, 2), (8000, 1, 1), (22050, 2, 1)])
def test_stored_audio_is_wav_16bit_8khz_mono(api, rate, channels, width):
    media = api.media(content=wav_bytes(1.0, rate=rate, channels=channels, sampwidth=width))
    response = api.get(f"{PATH}/{media['id']}/download")
    assert response.status_code == 200
    with _open_wav(response.content) as stored:
        assert (stored.getframerate(), stored.getnchannels(), stored.getsampwidth()) == (8000, 1, 2)
        assert stored.getnframes() / stored.getframerate() == pytest.approx(1.0, abs=0.05)
    assert media["duration_seconds"] == pytest.approx(1.0, abs=0.05)


def test_mp3_upload_is_converted_to_wav(api):
    response = api.upload("from_mp3", "ivr", mp3_bytes(38), filename="clip.mp3", content_type="audio/mpeg")
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert data["file_path"] == "/media/from_mp3.wav"
    assert data["original_filename"] == "clip.mp3"
    assert data["duration_seconds"] == pytest.approx(38 * 1152 / 44100, abs=0.1)
    content = api.get(f"{PATH}/{data['id']}/download").content
    with _open_wav(content) as stored:
        assert (stored.getframerate(), stored.getnchannels(), stored.getsampwidth()) == (8000, 1, 2)


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        (b"hello, I am plain text\n" * 50, "notes.txt"),
        (b"hello, I am plain text but named like audio\n" * 50, "fake.wav"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "image.mp3"),
        (b"%PDF-1.4\n" + bytes(300), "doc.m4a"),
        (b"RIFF\x00\x00\x00\x00WAVE", "truncated.wav"),
        (b"", "empty.wav"),
    ],
)
def test_non_audio_upload_is_refused(api, content, filename):
    response = api.upload("bad", "ivr", content, filename=filename, content_type="audio/wav")
    assert response.status_code == 422, response.text
    assert response.json()["message"] == "The given data was invalid."
    assert "file" in response.json()["errors"]
    if content:
        assert response.json()["errors"]["file"] == [NOT_AUDIO]
    assert api.get(PATH).json()["total"] == 0


def test_upload_over_20_mb_is_refused(api):
    header = wav_bytes(0.01)
    big = header + bytes(20 * 1024 * 1024 + 1 - len(header))
    response = api.upload("too_big", "moh", big, filename="big.wav")
    assert_validation(response, {"file": "The file must not be greater than 20480 kilobytes."})
    assert api.get(PATH).json()["total"] == 0


@pytest.mark.parametrize(("name", "category", "content", "errors"), [
    (None, "ivr", wav_bytes(0.1), {"name": "The name field is required."}),
    ("x" * 256, "ivr", wav_bytes(0.1), {"name": "The name must not be greater than 255 characters."}),
    ("n", None, wav_bytes(0.1), {"category": "The category field is required."}),
    ("n", "podcast", wav_bytes(0.1), {"category": "The selected category is invalid."}),
    ("n", "ivr", None, {"file": "The file field is required."}),
    (None, None, None, {"file": "The file field is required.", "name": "The name field is required.",
                        "category": "The category field is required."}),
])
def test_upload_field_errors(api, name, category, content, errors):
    assert_validation(api.upload(name, category, content), errors)


def test_upload_with_json_body_instead_of_multipart_is_refused(api):
    response = api.post(PATH, json={"name": "n", "category": "ivr", "file": "AAAA"})
    assert response.status_code == 422
    assert "file" in response.json()["errors"]


def test_put_edits_metadata_but_never_the_path(api):
    media = api.media("keep_path", category="ivr")
    response = api.put(f"{PATH}/{media['id']}", json={"name": "Renamed prompt", "category": "moh",
                                                      "file_path": "/media/hacked.wav"})
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["name"], data["category"], data["file_path"]) == ("Renamed prompt", "moh", "/media/keep_path.wav")
    assert data["duration_seconds"] == media["duration_seconds"]


def test_put_keeps_omitted_fields(api):
    media = api.media("partial", category="library")
    data = api.put(f"{PATH}/{media['id']}", json={"name": "only name"}).json()["data"]
    assert data["category"] == "library"


@pytest.mark.parametrize(("body", "errors"), [
    ({"category": "podcast"}, {"category": "The selected category is invalid."}),
    ({"name": "x" * 256}, {"name": "The name must not be greater than 255 characters."}),
    ({"name": 5}, {"name": "The name must be a string."}),
])
def test_put_validates_metadata(api, body, errors):
    media = api.media()
    assert_validation(api.put(f"{PATH}/{media['id']}", json=body), errors)


def test_audio_content_cannot_be_replaced(api):
    media = api.media(content=wav_bytes(0.5))
    before = api.get(f"{PATH}/{media['id']}/download").content
    api.put(f"{PATH}/{media['id']}", files={"file": ("new.wav", wav_bytes(2.0), "audio/wav")}, data={"name": "n"})
    assert api.get(f"{PATH}/{media['id']}/download").content == before


def test_download_matches_reported_duration(api):
    media = api.media(content=wav_bytes(2.0))
    response = api.get(f"{PATH}/{media['id']}/download")
    assert response.status_code == 200
    with _open_wav(response.content) as stored:
        assert stored.getnframes() / 8000 == pytest.approx(media["duration_seconds"], abs=0.01)


def test_get_returns_the_created_media(api):
    media = api.media()
    assert api.get(f"{PATH}/{media['id']}").json() == {"data": media}


def test_list_filters_by_category(api):
    ivr = api.media(category="ivr")
    api.media(category="moh")
    body = api.get(PATH, params={"category": "ivr"}).json()
    assert [item["id"] for item in body["data"]] == [ivr["id"]]
    assert body["total"] == 1
    assert api.get(PATH).json()["total"] == 2


def test_delete_removes_the_file(api):
    media = api.media()
    assert api.delete(f"{PATH}/{media['id']}").status_code == 204
    assert_message(api.get(f"{PATH}/{media['id']}"), 404, "Resource not found")
    assert api.get(f"{PATH}/{media['id']}/download").status_code == 404


def test_delete_refused_while_a_script_plays_it(api):
    media = api.media("menu_prompt")
    script = api.script(dtmf_actions=[{"digit": "1", "label": "Play", "action_type": "playback",
                                       "target_audio_url": media["file_path"]}])
    assert_message(api.delete(f"{PATH}/{media['id']}"), 409, f"Media file is used by script(s): {script['id']}.")
    assert api.get(f"{PATH}/{media['id']}").status_code == 200


def test_delete_allowed_when_only_archived_scripts_play_it(api):
    media = api.media()
    api.script(status="archived", dtmf_actions=[{"digit": "1", "label": "Bye", "action_type": "playback_then_hangup",
                                                 "target_audio_url": media["file_path"]}])
    assert api.delete(f"{PATH}/{media['id']}").status_code == 204


def test_path_of_deleted_file_is_not_a_valid_target(api):
    media = api.media()
    api.delete(f"{PATH}/{media['id']}")
    response = api.post("/api/autocall/scripts", json={
        "name": "s", "template_text": "t", "voice_id": "vi-VN-female-01",
        "dtmf_actions": [{"digit": "1", "label": "x", "action_type": "playback", "target_audio_url": media["file_path"]}],
    })
    assert_validation(response, {"dtmf_actions.0.target_audio_url": "The selected dtmf actions.0.target audio url is invalid."})
