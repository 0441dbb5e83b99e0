"""The plan lists resources in the order the program declares them, whatever order their registrations
finish in: a PR comment does not reshuffle between two runs of the same configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pulumi_zorio as zorio
from pulumi_zorio.local import LocalEngine, State


def _program() -> None:
    """A script waiting for its audio's file path, declared before a variable that registers at once."""
    thanks = zorio.MediaFile("thank_you", source="audio/thank_you.wav", category="announcement")
    zorio.Script("reminder", template_text="Press 1 to confirm.", voice_id="vi-VN-female-01",
                 dtmf_actions=[zorio.DtmfActionArgs(digit="1", label="Confirm", action_type="playback_then_hangup",
                                                    target_audio_url=thanks.file_path)])
    zorio.Variable("customer_name", zorio.VariableArgs(variable_code="customer_name", sample_value="anh An"))


def test_preview_lists_steps_in_declaration_order_not_registration_order(
    emulator: Any, project: Path, zorio_config: dict[str, str]
) -> None:
    engine = LocalEngine(State.load(project / ".zorio-state.json"), zorio_config)
    plan = engine.preview(_program)
    assert [step.name for step in plan.steps] == ["thank_you", "reminder", "customer_name"]
    assert [step.name for step in engine.steps] == ["thank_you", "customer_name", "reminder"]  # as registered
