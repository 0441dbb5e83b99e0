"""Programs and helpers for the local-engine tests: a small stack, the emulator's writes, the account's objects."""

from __future__ import annotations

import io
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi

import pulumi_zorio as zorio

LISTS = {"variables": "/api/autocall/variables", "media": "/api/media-files", "scripts": "/api/autocall/scripts",
         "campaigns": "/api/autocall/campaigns"}


def stack(status: str = "draft", sample: str = "anh An", with_campaign: bool = True) -> Callable[[], None]:
    """Variable → script (placeholder, so depends_on) with an audio menu → campaign on a looked-up group."""

    def program() -> None:
        name = zorio.Variable("customer_name", zorio.VariableArgs(variable_code="customer_name", sample_value=sample))
        thanks = zorio.MediaFile("thank_you", source="audio/thank_you.wav", category="announcement")
        reminder = zorio.Script(
            "reminder", template_text="Hello {{customer_name}}. Press 1 to confirm.", voice_id="vi-VN-female-01",
            dtmf_actions=[zorio.DtmfActionArgs(digit="1", label="Confirm", action_type="playback_then_hangup",
                                               target_audio_url=thanks.file_path)],
            opts=pulumi.ResourceOptions(depends_on=[name]),
        )
        if with_campaign:
            group = zorio.get_caller_id_group(name="Group A - Viettel Sales")
            zorio.Campaign("q3_care", script_id=reminder.id, caller_id_group_id=group.id, status=status)

    return program


def writes(emulator: Any) -> list[tuple[str, str]]:
    """(method, path) of every non-GET API call in the request log, in order."""
    return [(e["method"], e["path"].split("?")[0]) for e in emulator.requests_log()
            if e["method"] != "GET" and e["path"].startswith("/api/")]


def clear_log(emulator: Any) -> None:
    assert emulator.control("DELETE", "requests").status_code == 204


def account(emulator: Any, token: str) -> dict[str, list[str]]:
    """The names of every object per kind: what `destroy` must bring back to the seed."""
    api = emulator.api(token)
    found = {}
    for kind, path in LISTS.items():
        data = api.get(emulator.base_url + path, params={"per_page": 100}, timeout=10).json()["data"]
        found[kind] = sorted(str(item.get("variable_code") or item.get("name")) for item in data)
    return found


def write_wav(path: Path, seconds: float = 0.1, tone: int = 0) -> Path:
    """A small valid WAV; another `tone` gives other bytes (new content)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(tone.to_bytes(2, "little", signed=True) * int(seconds * 8000))
    path.write_bytes(buffer.getvalue())
    return path
