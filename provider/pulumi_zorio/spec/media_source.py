"""The one module of `spec` that touches the filesystem: a media file's local `source` (exists, audio, sha256)."""

from __future__ import annotations

import hashlib
import wave
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Code, Problem

AUDIO_EXTENSIONS = (".wav", ".mp3", ".m4a")
"""Accepted uploads [D, contract §8]."""
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""`file` ≤ 20 MB [I, contract §8]."""
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class MediaSource:
    """What check() learns about a source: its resolved path and sha256, or the problems that stop it."""

    path: Path
    content_sha256: str | None = None
    problems: list[Problem] = field(default_factory=list)


def inspect_media_source(source: str, base_dir: str | Path | None = None, path: str = "source") -> MediaSource:
    """Check that `source` is a readable audio file the API will accept, and hash it (streamed).

    Relative paths are resolved against `base_dir` (the project or YAML file directory). The audio
    sniffing mirrors the API's magic-byte check [I], so a renamed text file fails at preview, not mid-`up`.
    """
    resolved = Path(source).expanduser()
    if base_dir is not None and not resolved.is_absolute():
        resolved = Path(base_dir) / resolved
    problem = _file_problem(resolved, source, path)
    if problem:
        return MediaSource(resolved, problems=[problem])
    try:
        with resolved.open("rb") as handle:
            head = handle.read(16)
        digest = sha256_of(resolved)
    except OSError as error:
        unreadable = Problem(path, Code.SOURCE_UNREADABLE, source=source, reason=error.strerror or str(error))
        return MediaSource(resolved, problems=[unreadable])
    found = audio_format(head)
    if found is None:
        return MediaSource(resolved, problems=[Problem(path, Code.NOT_AUDIO_CONTENT, source=source)])
    unplayable = _unplayable(resolved, found, source, path)
    if unplayable:
        return MediaSource(resolved, problems=[unplayable])
    return MediaSource(resolved, content_sha256=digest)


def _unplayable(resolved: Path, found: str, source: str, path: str) -> Problem | None:
    """Why a file with audio magic bytes holds nothing to play (a header only, a truncated or corrupt stream), or
    None. The API refuses such an upload [I]; finding it here fails the plan, not the apply halfway."""
    try:
        seconds = audio_seconds(resolved, found)
    except Exception as error:  # noqa: BLE001 - wave and mutagen raise many types for a corrupt file
        reason = "it ends too early" if isinstance(error, EOFError) else str(error) or type(error).__name__
        return Problem(path, Code.AUDIO_UNDECODABLE, source=source, format=found.upper(), reason=reason)
    if seconds <= 0:
        return Problem(path, Code.AUDIO_SILENT, source=source, format=found.upper())
    return None


def audio_seconds(path: Path, found: str) -> float:
    """The duration of the sound, decoded from the headers: stdlib `wave` for WAV, mutagen for MP3 and M4A."""
    if found == "wav":
        try:
            with wave.open(str(path)) as audio:  # PCM: the frames really present (a truncated file declares more)
                rate, frame_bytes = audio.getframerate(), audio.getsampwidth() * audio.getnchannels()
                frames = len(audio.readframes(audio.getnframes())) // max(frame_bytes, 1)
                return frames / rate if rate > 0 else 0.0
        except wave.Error as error:
            if "unknown format" not in str(error):  # µ-law, A-law, float, extensible: Zorio converts them
                raise
    import mutagen  # only for MP3, M4A and the WAV encodings the standard library does not read

    parsed = mutagen.File(str(path))
    if parsed is None:
        raise ValueError("no MP3 or M4A stream found")
    return float(parsed.info.length or 0.0)


def _file_problem(resolved: Path, source: str, path: str) -> Problem | None:
    if resolved.suffix.lower() not in AUDIO_EXTENSIONS:
        return Problem(path, Code.NOT_AUDIO_EXTENSION, source=source)
    if not resolved.exists():
        return Problem(path, Code.SOURCE_MISSING, source=source, resolved=str(resolved))
    if not resolved.is_file():
        return Problem(path, Code.SOURCE_NOT_A_FILE, source=source)
    size = resolved.stat().st_size
    if size > MAX_UPLOAD_BYTES:
        return Problem(path, Code.SOURCE_TOO_LARGE, source=source, megabytes=size / 1024 / 1024)
    return None


def sha256_of(path: str | Path) -> str:
    """Hex SHA-256 of the file's bytes, read in 1 MB chunks (audio files can be large)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def audio_format(head: bytes) -> str | None:
    """`wav`, `mp3` or `m4a` from the first bytes of a file, or None if it is none of them."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:3] == b"ID3" or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if head[4:8] == b"ftyp":
        return "m4a"
    return None
