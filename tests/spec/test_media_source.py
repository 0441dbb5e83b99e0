"""The media source on disk: exists, is audio, is hashed."""

from __future__ import annotations

import hashlib
import io
import struct
import wave
from pathlib import Path

import pytest

from pulumi_zorio.spec import media_source
from pulumi_zorio.spec.media_source import audio_format, inspect_media_source, sha256_of
from spec.support import Said



def wav_of(frames: int) -> bytes:
    """A WAV 16-bit 8 kHz mono file of `frames` silent frames (0: the header alone)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * frames)
    return buffer.getvalue()


WAV = wav_of(800)
MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 413
"""One MPEG-1 layer III frame header (128 kbit/s, 44.1 kHz) and a silent payload: 26 ms of sound."""


def test_media_source_of_a_wav_file_has_its_sha256(tmp_path: Path) -> None:
    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / "thanks.wav").write_bytes(WAV)
    found = inspect_media_source("audio/thanks.wav", base_dir=tmp_path)
    assert found.problems == []
    assert found.content_sha256 == hashlib.sha256(WAV).hexdigest()
    assert found.path == tmp_path / "audio" / "thanks.wav"


def test_media_source_missing_file_names_where_it_looked(tmp_path: Path) -> None:
    found = inspect_media_source("nope.wav", base_dir=tmp_path)
    assert found.problems == [Said("source", f"nope.wav does not exist (looked for {tmp_path / 'nope.wav'})")]
    assert found.content_sha256 is None


def test_media_source_that_is_not_audio_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "fake.mp3").write_text("hello, I am text")
    assert inspect_media_source(str(tmp_path / "fake.mp3")).problems == [
        Said("source", f"{tmp_path / 'fake.mp3'} is not an audio file (expected WAV, MP3 or M4A content)")
    ]


def test_media_source_with_a_wrong_extension_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "a.ogg").write_bytes(WAV)
    assert inspect_media_source("a.ogg", base_dir=tmp_path).problems == [
        Said("source", "a.ogg must be a .wav, .mp3 or .m4a file")
    ]


def test_media_source_directory_is_not_a_file(tmp_path: Path) -> None:
    (tmp_path / "dir.wav").mkdir()
    assert inspect_media_source("dir.wav", base_dir=tmp_path).problems == [Said("source", "dir.wav is not a file")]


def test_media_source_over_20_mb_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(media_source, "MAX_UPLOAD_BYTES", 10)
    (tmp_path / "big.wav").write_bytes(WAV)
    assert inspect_media_source("big.wav", base_dir=tmp_path).problems == [
        Said("source", "big.wav is 0.0 MB; uploads are limited to 20 MB")
    ]


def test_media_source_sha256_streams_large_files(tmp_path: Path) -> None:
    data = b"\x01\x02" * (1024 * 1024 + 7)  # more than two chunks
    (tmp_path / "x.wav").write_bytes(data)
    assert sha256_of(tmp_path / "x.wav") == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "wav"),
        (b"ID3\x04\x00" + b"\x00" * 11, "mp3"),
        (b"\xff\xfb\x90\x64" + b"\x00" * 12, "mp3"),
        (b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 4, "m4a"),
        (b"hello world text", None),
        (b"", None),
    ],
)
def test_audio_format_sniffs_magic_bytes(head: bytes, expected: str | None) -> None:
    assert audio_format(head) == expected


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (wav_of(0), "holds no audio (a WAV header with 0 seconds of sound); export the recording again"),
        (WAV[:44], "holds no audio (a WAV header with 0 seconds of sound); export the recording again"),
        (WAV[:36], "cannot be decoded as WAV (fmt chunk and/or data chunk missing); export it again from the audio editor"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64,
         "cannot be decoded as WAV (it ends too early); export it again from the audio editor"),
    ],
    ids=["header-only", "header-only-truncated", "no-data-chunk", "zero-format"],
)
def test_a_wav_with_no_sound_to_play_is_rejected_before_the_upload(
    content: bytes, problem: str, tmp_path: Path
) -> None:
    (tmp_path / "prompt.wav").write_bytes(content)
    found = inspect_media_source("prompt.wav", base_dir=tmp_path)
    assert found.problems == [Said("source", f"prompt.wav {problem}")]
    assert found.content_sha256 is None


def test_an_mp3_is_accepted_when_its_frames_decode_and_rejected_when_only_a_tag_is_there(tmp_path: Path) -> None:
    (tmp_path / "ok.mp3").write_bytes(MP3_FRAME * 40)
    (tmp_path / "tag_only.mp3").write_bytes(b"ID3\x04\x00" + b"\x00" * 11)
    assert inspect_media_source("ok.mp3", base_dir=tmp_path).problems == []
    assert inspect_media_source("tag_only.mp3", base_dir=tmp_path).problems == [Said(
        "source", "tag_only.mp3 cannot be decoded as MP3 (can't sync to MPEG frame); export it again from the audio "
        "editor")]


def riff_wav(format_tag: int, data: bytes, bits: int = 8) -> bytes:
    """A mono 8 kHz WAV of another encoding than PCM (7: µ-law, the usual telephony recording; 3: float)."""
    block = bits // 8
    fmt = struct.pack("<HHIIHH", format_tag, 1, 8000, 8000 * block, block, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


@pytest.mark.parametrize(("format_tag", "bits"), [(7, 8), (6, 8), (3, 32)], ids=["mu-law", "a-law", "float"])
def test_a_wav_in_an_encoding_the_standard_library_cannot_read_is_accepted_when_it_holds_sound(
    format_tag: int, bits: int, tmp_path: Path
) -> None:
    (tmp_path / "call.wav").write_bytes(riff_wav(format_tag, b"\x7f" * (8000 * bits // 8), bits))
    (tmp_path / "empty.wav").write_bytes(riff_wav(format_tag, b"", bits))
    assert inspect_media_source("call.wav", base_dir=tmp_path).problems == []
    assert inspect_media_source("empty.wav", base_dir=tmp_path).problems == [Said(
        "source", "empty.wav holds no audio (a WAV header with 0 seconds of sound); export the recording again")]
