"""Every check rule reaches the engine as a CheckFailure on the right property, before any API call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pulumi.output
import pytest

from pulumi_zorio.resources import CampaignProvider, MediaFileProvider, ScriptProvider, VariableProvider
from pulumi_zorio.resources._base import ZorioProvider
from .support import write_wav

VARIABLE = {"variable_code": "customer_name", "name": "Customer"}
SCRIPT = {"name": "s", "template_text": "Hello {{customer_name}}", "voice_id": "vi-VN-female-01"}
CAMPAIGN = {"name": "c", "script_id": 1.0, "caller_id_group_id": 3.0}
HANGUP = {"digit": "9", "action_type": "hangup"}


def action(**fields: Any) -> dict[str, Any]:
    return {"digit": "1", "action_type": "hangup", **fields}


CASES: list[tuple[type[ZorioProvider], dict[str, Any], str, str]] = [
    (VariableProvider, {"name": "x"}, "variable_code", "is required"),
    (VariableProvider, {**VARIABLE, "variable_code": "Customer Name"}, "variable_code", "lowercase letters"),
    (VariableProvider, {**VARIABLE, "variable_code": "a" * 65}, "variable_code", "at most 64"),
    (VariableProvider, {**VARIABLE, "name": "x" * 256}, "name", "at most 255 characters"),
    (VariableProvider, {**VARIABLE, "description": "x" * 1001}, "description", "at most 1000 characters"),
    (VariableProvider, {**VARIABLE, "sample_value": "x" * 256}, "sample_value", "at most 255 characters"),
    (VariableProvider, {**VARIABLE, "colour": "red"}, "colour", "is not a known field"),
    (ScriptProvider, {"name": "s", "voice_id": "v"}, "template_text", "is required"),
    (ScriptProvider, {"name": "s", "template_text": "t"}, "voice_id", "is required"),
    (ScriptProvider, {**SCRIPT, "template_text": "x" * 5001}, "template_text", "at most 5000 characters"),
    (ScriptProvider, {**SCRIPT, "tts_tier": "C"}, "tts_tier", "must be one of: A, B"),
    (ScriptProvider, {**SCRIPT, "max_repeat_per_attempt": 6.0}, "max_repeat_per_attempt", "between 1 and 5"),
    (ScriptProvider, {**SCRIPT, "max_repeat_per_attempt": 0.0}, "max_repeat_per_attempt", "between 1 and 5"),
    (ScriptProvider, {**SCRIPT, "status": "live"}, "status", "must be one of: draft, active, archived"),
    (ScriptProvider, {**SCRIPT, "template_text": "Hi {{Customer Name}}"}, "template_text",
     "placeholder {{Customer Name}} is not a valid variable code"),
    (ScriptProvider, {**SCRIPT, "template_text": "Hi {{name"}, "template_text", "never closed"),
    (ScriptProvider, {**SCRIPT, "dtmf_actions": [action(digit=str(d % 10) if d < 10 else "*")
                                                  for d in range(13)]}, "dtmf_actions", "at most 12 items"),
    (ScriptProvider, {**SCRIPT, "dtmf_actions": [action(digit="A")]}, "dtmf_actions.0.digit", "got \"A\""),
    (ScriptProvider, {**SCRIPT, "dtmf_actions": [action(), action()]}, "dtmf_actions.1.digit",
     'digit "1" is already used by dtmf_actions.0'),
    (ScriptProvider, {**SCRIPT, "dtmf_actions": [action(label="x" * 101)]}, "dtmf_actions.0.label",
     "at most 100 characters"),
    (ScriptProvider, {**SCRIPT, "dtmf_actions": [action(action_type="transfer")]}, "dtmf_actions.0.action_type",
     "must be one of"),
    (ScriptProvider, {**SCRIPT, "dtmf_actions": [action(action_type="playback")]},
     "dtmf_actions.0.target_audio_url", "is required when action_type is playback"),
    (ScriptProvider, {**SCRIPT, "dtmf_actions": [action(action_type="queue")]},
     "dtmf_actions.0.target_queue_name", "is required when action_type is queue"),
    (ScriptProvider, {**SCRIPT, "dtmf_actions": [action(action_type="switch_script")]},
     "dtmf_actions.0.target_script_id", "is required when action_type is switch_script"),
    (ScriptProvider, {**SCRIPT, "dtmf_actions": [action(action_type="queue", target_queue_name="q",
                                                        target_audio_url="/media/a.wav")]},
     "dtmf_actions.0.target_audio_url", "is not used by action_type queue"),
    (ScriptProvider, {**SCRIPT, "dtmf_actions": [action(target_script_id=2.0)]},
     "dtmf_actions.0.target_script_id", "it takes no target"),
    (CampaignProvider, {"name": "c"}, "script_id", "is required"),
    (CampaignProvider, {**CAMPAIGN, "max_retries": 11.0}, "max_retries", "between 0 and 10"),
    (CampaignProvider, {**CAMPAIGN, "retry_interval_minutes": 0.0}, "retry_interval_minutes", "between 1 and 43200"),
    (CampaignProvider, {**CAMPAIGN, "retry_only_when": "never"}, "retry_only_when", "must be one of"),
    (CampaignProvider, {**CAMPAIGN, "max_concurrent": 201.0}, "max_concurrent", "between 1 and 200"),
    (CampaignProvider, {**CAMPAIGN, "originate_timeout": 9.0}, "originate_timeout", "between 10 and 180"),
    (CampaignProvider, {**CAMPAIGN, "description": "x" * 2001}, "description", "at most 2000 characters"),
    (CampaignProvider, {**CAMPAIGN, "status": "completed"}, "status", "must be one of"),
    (CampaignProvider, {**CAMPAIGN, "start_at": "2026-06-25T08:00:00"}, "start_at", "with a UTC offset"),
    (CampaignProvider, {**CAMPAIGN, "start_at": "2026-06-25T08:00:00Z", "end_at": "2026-06-25T15:00:00+07:00"},
     "end_at", "must be after start_at"),
    (MediaFileProvider, {"name": "m", "source": "a.wav", "category": "music"}, "category", "must be one of"),
    (MediaFileProvider, {"name": "m", "source": "missing.wav", "category": "ivr"}, "source", "does not exist"),
    (MediaFileProvider, {"name": "m", "source": "notes.txt", "category": "ivr"}, "source", ".wav, .mp3 or .m4a"),
    (MediaFileProvider, {"name": "m", "source": "fake.wav", "category": "ivr"}, "source", "is not an audio file"),
]


@pytest.fixture(autouse=True)
def project_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The engine runs the provider with the project directory as cwd; media sources are relative to it."""
    monkeypatch.chdir(tmp_path)
    write_wav(tmp_path / "a.wav")
    (tmp_path / "fake.wav").write_text("not audio")
    return tmp_path


@pytest.mark.parametrize(("cls", "news", "prop", "fragment"), CASES, ids=lambda v: v if isinstance(v, str) else None)
def test_check_rejects_with_the_field_named_when_input_breaks_a_rule(
    cls: type[ZorioProvider], news: dict[str, Any], prop: str, fragment: str
) -> None:
    failures = [(f.property, f.reason) for f in cls().check({}, news).failures]
    assert any(p == prop and fragment in reason for p, reason in failures), failures


@pytest.mark.parametrize(("cls", "news"), [
    (VariableProvider, VARIABLE),
    (ScriptProvider, {**SCRIPT, "dtmf_actions": [HANGUP, action(action_type="playback", target_audio_url="/m.wav")]}),
    (CampaignProvider, {**CAMPAIGN, "status": "running", "start_at": "2026-06-25T08:00:00Z"}),
    # without a caller-ID group the API decides (the default trunk may dial); preview warns, check does not refuse
    (CampaignProvider, {"name": "c", "script_id": 1.0, "status": "running"}),
    (MediaFileProvider, {"name": "m", "source": "a.wav", "category": "ivr"}),
])
def test_check_accepts_valid_inputs_and_fills_defaults(cls: type[ZorioProvider], news: dict[str, Any]) -> None:
    result = cls().check({}, news)
    assert result.failures == []
    if cls is ScriptProvider:
        assert result.inputs["status"] == "active" and result.inputs["tts_tier"] == "B"
    if cls is CampaignProvider:
        assert result.inputs["script_id"] == 1 and isinstance(result.inputs["script_id"], int)
    if cls is MediaFileProvider:
        assert len(result.inputs["content_sha256"]) == 64


def test_check_accepts_unknown_values_during_preview() -> None:
    unknown = pulumi.output.Unknown()
    script = ScriptProvider().check({}, {**SCRIPT, "dtmf_actions": [
        {"digit": "1", "action_type": "playback", "target_audio_url": unknown}, {"digit": "2", "action_type": "switch_script",
                                                                                 "target_script_id": unknown}]})
    campaign = CampaignProvider().check({}, {"name": "c", "script_id": unknown, "caller_id_group_id": 3.0,
                                             "status": "running"})
    media = MediaFileProvider().check({}, {"name": "m", "source": unknown, "category": "ivr"})
    assert script.failures == campaign.failures == media.failures == []
    assert isinstance(campaign.inputs["script_id"], pulumi.output.Unknown)


def test_check_accepts_a_pulumi_id_string_for_id_fields() -> None:
    result = CampaignProvider().check({}, {**CAMPAIGN, "script_id": "12"})
    assert result.failures == [] and result.inputs["script_id"] == 12


def test_media_content_is_unknown_while_its_source_is_unknown_never_removed() -> None:
    """Preview with a source that comes from another resource: the checksum is not known yet (shown as unknown),
    rather than absent, which the diff read as "the content was removed"."""
    media = MediaFileProvider().check({}, {"name": "m", "source": pulumi.output.Unknown(), "category": "ivr"})
    assert isinstance(media.inputs["content_sha256"], pulumi.output.Unknown)
    diff = MediaFileProvider().diff("1", {"name": "m", "category": "ivr", "source": "a.wav", "content_sha256": "ab" * 32},
                                    media.inputs)
    assert diff.changes is True
