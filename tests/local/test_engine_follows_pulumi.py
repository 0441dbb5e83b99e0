"""Where the real Pulumi engine (docs/engine-notes.md) behaves in a way the local engine did not, the local engine
behind `zorio plan/apply` now does the same: refresh calls the provider's diff and takes in the refreshed inputs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pulumi_zorio.local import EngineError, LocalEngine, State

from .support import clear_log, stack, writes


def engine(project: Path, zorio_config: dict[str, str]) -> LocalEngine:
    return LocalEngine(State.load(project / ".zorio-state.json"), zorio_config)


def test_refresh_of_a_draft_started_in_the_console_succeeds_and_reports_the_drift(
    emulator: Any, token: str, project: Path, zorio_config: dict[str, str]
) -> None:
    engine(project, zorio_config).apply(stack("draft"))
    campaign_id = State.load(project / ".zorio-state.json").resources["q3_care"].id
    started = emulator.api(token).post(f"{emulator.base_url}/api/autocall/campaigns/{campaign_id}/start", timeout=10)
    assert started.status_code == 202, started.text

    events = dict((name, event) for event, name in engine(project, zorio_config).refresh())

    assert events["q3_care"] == "refresh-drifted" and events["customer_name"] == "refresh"
    record = State.load(project / ".zorio-state.json").resources["q3_care"]
    assert record.outputs["status"] in ("starting", "running")
    assert record.inputs["status"] == "running"  # the refreshed inputs, as Pulumi records them: a declarable status


def test_refresh_fails_with_the_resource_name_when_the_providers_diff_fails(
    emulator: Any, project: Path, zorio_config: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine runs Diff inside the refresh step: a diff that raises fails the refresh, so it must never raise."""
    engine(project, zorio_config).apply(stack("draft"))
    from pulumi_zorio.resources.campaign import CampaignProvider

    def broken(*_args: Any) -> Any:
        raise RuntimeError("diff exploded")

    monkeypatch.setattr(CampaignProvider, "diff", broken)
    clear_log(emulator)
    with pytest.raises(EngineError, match="q3_care: refresh failed: diff exploded"):
        engine(project, zorio_config).refresh()
    assert writes(emulator) == []
