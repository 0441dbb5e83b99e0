"""What a plan notes on a record it found unchanged (`synced`: its outputs match its inputs) spares the next refresh
the diff of that record only while the outputs read are the same and the note was made by this planner."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pulumi.dynamic import DiffResult

from pulumi_zorio.local import LocalEngine, State
from pulumi_zorio.local.state import planner
from pulumi_zorio.resources.campaign import CampaignProvider

from .support import stack


def _settled(project: Path, zorio_config: dict[str, str]) -> Path:
    """An applied stack, then a refresh and a plan that found nothing to change, saved as an apply saves them."""
    path = project / ".zorio-state.json"
    LocalEngine(State.load(path), zorio_config).apply(stack("draft"))
    engine = LocalEngine(State.load(path), zorio_config)
    engine.refresh(save=False)
    assert not engine.preview(stack("draft")).has_changes
    engine.state.compact()
    return path


def _refresh_events(path: Path, zorio_config: dict[str, str]) -> dict[str, str]:
    return {name: event for event, name in LocalEngine(State.load(path), zorio_config).refresh(save=False)}


def _diff_sees_a_change(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on a campaign diff reports a change (as a newer planner might where an older one saw none)."""
    monkeypatch.setattr(CampaignProvider, "diff", lambda *_args: DiffResult(changes=True, replaces=[]))


def test_a_refresh_that_reads_what_a_plan_found_unchanged_does_not_diff_it_again(
    emulator: Any, project: Path, zorio_config: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _settled(project, zorio_config)
    assert State.load(path).resources["q3_care"].synced == planner()
    _diff_sees_a_change(monkeypatch)
    assert _refresh_events(path, zorio_config)["q3_care"] == "refresh"


def test_a_note_made_by_another_planner_is_not_trusted(
    emulator: Any, project: Path, zorio_config: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _settled(project, zorio_config)
    _diff_sees_a_change(monkeypatch)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'"synced": "{planner()}"', '"synced": "0.0.1+0123456789abcdef"'), encoding="utf-8")
    assert _refresh_events(path, zorio_config)["q3_care"] == "refresh-drifted"


def test_a_record_changed_in_the_account_is_diffed_and_loses_the_note(
    emulator: Any, token: str, project: Path, zorio_config: dict[str, str]
) -> None:
    path = _settled(project, zorio_config)
    campaign_id = State.load(path).resources["q3_care"].id
    started = emulator.api(token).post(f"{emulator.base_url}/api/autocall/campaigns/{campaign_id}/start", timeout=10)
    assert started.status_code == 202, started.text
    engine = LocalEngine(State.load(path), zorio_config)
    events = {name: event for event, name in engine.refresh(save=False)}
    assert events["q3_care"] == "refresh-drifted"
    assert engine.state.resources["q3_care"].synced is None
