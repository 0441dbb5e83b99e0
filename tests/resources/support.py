"""Helpers for provider tests: the emulator's request log seen as writes, and small real WAV files."""

from __future__ import annotations

import io
import wave
from pathlib import Path
from typing import Any


def settled_log(emulator: Any) -> list[dict[str, Any]]:
    """The request log (contract §13): every answered request is in it."""
    return list(emulator.requests_log())


def writes(emulator: Any) -> list[tuple[str, str]]:
    """(method, path) of every non-GET API call in the request log, in order (control calls excluded)."""
    return [
        (entry["method"], entry["path"].split("?")[0])
        for entry in settled_log(emulator)
        if entry["method"] != "GET" and entry["path"].startswith("/api/")
    ]


def clear_log(emulator: Any) -> None:
    """Forget the request log, so a test sees only the calls of the step it asserts."""
    assert emulator.control("DELETE", "requests").status_code == 204


def write_wav(path: Path, seconds: float = 0.1, tone: int = 0) -> Path:
    """A small valid WAV file; a different `tone` gives different bytes (new content)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        sample = tone.to_bytes(2, "little", signed=True)
        out.writeframes(sample * int(seconds * 8000))
    path.write_bytes(buffer.getvalue())
    return path
