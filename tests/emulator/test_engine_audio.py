"""Audio handling of media uploads (api-contract.md section 8): detection, WAV conversion, durations, slugs."""

from __future__ import annotations

import io
import math
import struct
import wave

import pytest

from zorio_emulator import audio
from zorio_emulator.backend.media import slugify

MEDIA = "/api/media-files"


def _wav(seconds: float, rate: int = 44100, channels: int = 2, width: int = 2) -> bytes:
    frames = int(seconds * rate)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        pack = (lambda v: struct.pack("<h", int(v * 12000))) if width == 2 else (lambda v: bytes([int(128 + v * 100)]))
        out.writeframes(b"".join(pack(math.sin(i / 10)) * channels for i in range(frames)))
    return buffer.getvalue()


def _mp3(frames: int) -> bytes:
    """Silent MPEG-1 Layer III frames, 128 kbit/s at 44.1 kHz (417 bytes, 1152 samples each)."""
    header = bytes([0xFF, 0xFB, 0x90, 0x00])
    return (header + bytes(417 - len(header))) * frames


def _upload(emulator, api, data: bytes, filename: str = "a.wav", name: str = "Greeting", category: str = "ivr"):
    return api.post(f"{emulator.base_url}{MEDIA}", files={"file": (filename, data)},
                    data={"name": name, "category": category})


@pytest.mark.parametrize(("data", "kind"), [
    (b"RIFF\x00\x00\x00\x00WAVEfmt ", "wav"), (b"ID3\x04\x00", "mp3"), (b"\xff\xfb\x90\x00", "mp3"),
    (b"\x00\x00\x00\x20ftypM4A ", "m4a"), (b"hello world", None), (b"", None),
])
def test_audio_detection_by_magic_bytes(data, kind):
    assert audio.detect(data) == kind


def test_audio_wav_upload_is_converted_to_8k_mono_16bit(emulator):
    api = emulator.api()
    created = _upload(emulator, api, _wav(1.5, rate=44100, channels=2)).json()["data"]
    stored = api.get(f"{emulator.base_url}{MEDIA}/{created['id']}/download")
    with wave.open(io.BytesIO(stored.content)) as result:
        params = (result.getnchannels(), result.getsampwidth(), result.getframerate())
        seconds = result.getnframes() / result.getframerate()
    assert params == (1, 2, 8000)
    assert seconds == pytest.approx(1.5, abs=0.01)
    assert created["duration_seconds"] == pytest.approx(1.5, abs=0.001)
    assert created["size_bytes"] == len(stored.content)
    assert stored.headers["content-type"] == "audio/wav"


def test_audio_8bit_wav_is_converted_to_16bit(emulator):
    api = emulator.api()
    created = _upload(emulator, api, _wav(0.5, rate=8000, channels=1, width=1)).json()["data"]
    stored = api.get(f"{emulator.base_url}{MEDIA}/{created['id']}/download").content
    with wave.open(io.BytesIO(stored)) as result:
        assert result.getsampwidth() == 2
        assert result.getnframes() == 4000


def test_audio_mp3_duration_is_measured_and_stored_as_wav(emulator):
    api = emulator.api()
    response = _upload(emulator, api, _mp3(100), filename="a.mp3")
    assert response.status_code == 201, response.text
    created = response.json()["data"]
    expected = 100 * 1152 / 44100
    assert created["duration_seconds"] == pytest.approx(expected, abs=0.05)
    stored = api.get(f"{emulator.base_url}{MEDIA}/{created['id']}/download").content
    with wave.open(io.BytesIO(stored)) as result:
        assert result.getframerate() == 8000
        assert result.getnframes() / 8000 == pytest.approx(expected, abs=0.05)


def test_audio_non_audio_file_is_refused(emulator):
    response = _upload(emulator, emulator.api(), b"%PDF-1.7 not audio", filename="a.wav")
    assert response.status_code == 422
    assert response.json()["errors"] == {"file": ["The file must be an audio file of type: wav, mp3, m4a."]}


def test_audio_corrupt_wav_header_is_refused(emulator):
    response = _upload(emulator, emulator.api(), b"RIFF\x10\x00\x00\x00WAVEjunkjunk")
    assert response.status_code == 422
    assert "file" in response.json()["errors"]


@pytest.mark.parametrize(("name", "slug"), [
    ("Cảm ơn quý khách!", "cam-on-quy-khach"), ("Đường dây nóng", "duong-day-nong"),
    ("thank_you", "thank_you"), ("  --Hello  World--  ", "hello-world"), ("!!!", "audio"), ("日本", "audio"),
])
def test_audio_file_path_slug(name, slug):
    assert slugify(name) == slug


def test_audio_file_path_collisions_get_numbered(emulator):
    api = emulator.api()
    paths = [_upload(emulator, api, _wav(0.1, 8000, 1), name="Thank you").json()["data"]["file_path"] for _ in range(3)]
    assert paths == ["/media/thank-you.wav", "/media/thank-you-2.wav", "/media/thank-you-3.wav"]


def test_audio_upload_over_20_mb_is_refused_with_max_file(emulator):
    header = _wav(0.01, 8000, 1)
    response = _upload(emulator, emulator.api(), header + bytes(20 * 1024 * 1024 + 1 - len(header)))
    assert response.status_code == 422
    assert response.json()["errors"]["file"] == ["The file must not be greater than 20480 kilobytes."]
