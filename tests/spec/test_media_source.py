"""The media source on disk: exists, is audio, is hashed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pulumi_zorio.spec import media_source
from pulumi_zorio.spec.media_source import audio_format, inspect_media_source, sha256_of
from pulumi_zorio.spec.problems import Problem

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64


def test_media_source_of_a_wav_file_has_its_sha256(tmp_path: Path) -> None:
    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / "thanks.wav").write_bytes(WAV)
    found = inspect_media_source("audio/thanks.wav", base_dir=tmp_path)
    assert found.problems == []
    assert found.content_sha256 == hashlib.sha256(WAV).hexdigest()
    assert found.path == tmp_path / "audio" / "thanks.wav"


def test_media_source_missing_file_names_where_it_looked(tmp_path: Path) -> None:
    found = inspect_media_source("nope.wav", base_dir=tmp_path)
    assert found.problems == [Problem("source", f"nope.wav does not exist (looked for {tmp_path / 'nope.wav'})")]
    assert found.content_sha256 is None


def test_media_source_that_is_not_audio_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "fake.mp3").write_text("hello, I am text")
    assert inspect_media_source(str(tmp_path / "fake.mp3")).problems == [
        Problem("source", f"{tmp_path / 'fake.mp3'} is not an audio file (expected WAV, MP3 or M4A content)")
    ]


def test_media_source_with_a_wrong_extension_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "a.ogg").write_bytes(WAV)
    assert inspect_media_source("a.ogg", base_dir=tmp_path).problems == [
        Problem("source", "a.ogg must be a .wav, .mp3 or .m4a file")
    ]


def test_media_source_directory_is_not_a_file(tmp_path: Path) -> None:
    (tmp_path / "dir.wav").mkdir()
    assert inspect_media_source("dir.wav", base_dir=tmp_path).problems == [Problem("source", "dir.wav is not a file")]


def test_media_source_over_20_mb_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(media_source, "MAX_UPLOAD_BYTES", 10)
    (tmp_path / "big.wav").write_bytes(WAV)
    assert inspect_media_source("big.wav", base_dir=tmp_path).problems == [
        Problem("source", "big.wav is 0.0 MB; uploads are limited to 20 MB")
    ]


def test_media_source_sha256_streams_large_files(tmp_path: Path) -> None:
    data = b"\x01\x02" * (1024 * 1024 + 7)  # more than two chunks
    (tmp_path / "x.wav").write_bytes(data)
    assert sha256_of(tmp_path / "x.wav") == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (WAV[:16], "wav"),
        (b"ID3\x04\x00" + b"\x00" * 11, "mp3"),
        (b"\xff\xfb\x90\x64" + b"\x00" * 12, "mp3"),
        (b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 4, "m4a"),
        (b"hello world text", None),
        (b"", None),
    ],
)
def test_audio_format_sniffs_magic_bytes(head: bytes, expected: str | None) -> None:
    assert audio_format(head) == expected
