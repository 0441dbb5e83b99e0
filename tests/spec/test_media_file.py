"""MediaFile: normalise, check, payload and flatten (the filesystem side is test_media_source.py)."""

from __future__ import annotations

from pulumi_zorio.spec.media_file import (
    REPLACE_ON,
    build_media_file_payload,
    check_media_file,
    flatten_media_file,
    normalise_media_file_inputs,
)
from spec.support import Said

SHA = "a" * 64


def test_media_file_replace_on_is_the_audio_content() -> None:
    assert REPLACE_ON == {"content_sha256"}


def test_media_file_check_accepts_each_audio_extension() -> None:
    for source in ("a.wav", "dir/b.MP3", "/abs/c.m4a"):
        assert check_media_file({"source": source, "category": "ivr", "content_sha256": SHA}) == []


def test_media_file_check_rejects_other_extensions_and_categories() -> None:
    assert check_media_file({"source": "a.ogg", "category": "music"}) == [
        Said("category", 'must be one of: announcement, ivr, moh, library (got "music")'),
        Said("source", 'must be a path ending in .wav, .mp3 or .m4a (got "a.ogg")'),
    ]


def test_media_file_check_requires_source_and_category() -> None:
    assert check_media_file({"name": "x"}) == [
        Said("category", "is required"),
        Said("source", "is required"),
    ]


def test_media_file_check_rejects_a_malformed_checksum() -> None:
    assert check_media_file({"source": "a.wav", "category": "ivr", "content_sha256": "xyz"})[0].path == (
        "content_sha256"
    )


def test_media_file_normalise_makes_adopt_id_an_int() -> None:
    assert normalise_media_file_inputs({"source": "a.wav", "adopt_id": 2.0, "name": None}) == {
        "source": "a.wav",
        "adopt_id": 2,
    }


def test_media_file_payload_is_metadata_only() -> None:
    inputs = {"name": "Thanks", "category": "announcement", "source": "a.wav", "content_sha256": SHA, "adopt_id": 1}
    assert build_media_file_payload(inputs) == {"name": "Thanks", "category": "announcement"}
    assert build_media_file_payload(inputs, only=["category"]) == {"category": "announcement"}


def test_media_file_flatten_keeps_output_fields_and_tolerates_missing_ones() -> None:
    api = {"id": 4.0, "name": "Thanks", "category": "ivr", "file_path": "/media/thanks.wav", "size_bytes": 10.0}
    assert flatten_media_file(api) == {
        "name": "Thanks",
        "category": "ivr",
        "id": 4,
        "file_path": "/media/thanks.wav",
        "original_filename": None,
        "size_bytes": 10,
        "duration_seconds": None,
        "created_at": None,
        "updated_at": None,
    }
