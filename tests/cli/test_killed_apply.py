"""A `zorio apply` killed with SIGKILL at the worst moment (the API has committed a create, its answer is still on
the way) never leaves a duplicate: the re-run takes over what the killed run made, including a campaign whose start
went through, and ends with exactly one object per declared name in the declared status."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from .support import zorio

CONFIG = """\
variables:
  salutation_name: {name: Salutation, sample_value: anh An}
  due_day: {name: Due day, sample_value: '15'}
media:
  thank_you: {source: audio/thank_you.wav, category: announcement}
scripts:
  reminder:
    voice_id: vi-VN-female-01
    template_text: "Hello {{salutation_name}}, your bill is due on {{due_day}}. Press 1 to confirm."
    dtmf_actions:
      - {digit: "1", label: Confirm, action_type: playback_then_hangup, audio: thank_you}
  goodbye: {voice_id: vi-VN-female-01, template_text: Goodbye}
campaigns:
  q3_care: {script: reminder, caller_id_group: "Group A - Viettel Sales", status: running}
  q4_plan: {script: goodbye, caller_id_group: "Group A - Viettel Sales", status: draft}
"""
DECLARED = {
    "variables": ["Due day", "Salutation"], "media-files": ["thank_you"], "scripts": ["goodbye", "reminder"],
    "campaigns": ["q3_care", "q4_plan"],
}
POINTS = {
    "variable create": ("/api/autocall/variables", "variables"),
    "audio upload": ("/api/media-files", "media-files"),
    "script create": ("/api/autocall/scripts", "scripts"),
    "campaign create": ("/api/autocall/campaigns", "campaigns"),
    "campaign start": ("/api/autocall/campaigns/*/start", None),
}


def listed(emulator: Any, kind: str) -> list[dict[str, Any]]:
    path = "/api/media-files" if kind == "media-files" else f"/api/autocall/{kind}"
    session = emulator.api(os.environ["ZORIO_TOKEN"])
    return session.get(f"{emulator.base_url}{path}", params={"per_page": 200}).json()["data"]


@pytest.mark.parametrize("point", sorted(POINTS))
def test_an_apply_killed_after_the_api_committed_is_finished_by_the_next_run_without_a_duplicate(
    point: str, emulator: Any, token: str, project: Path
) -> None:
    (project / "zorio.yaml").write_text(CONFIG, encoding="utf-8")
    path, kind = POINTS[point]
    # The API commits, then holds its answer: the moment at which a killed client has made an object no state knows.
    rule = {"method": "POST", "path": path, "delay_after_commit_s": 60, "times": 1}
    assert emulator.control("POST", "faults", rule).status_code == 201
    killed = subprocess.Popen([str(Path(sys.executable).parent / "zorio"), "apply", "--yes", "quickstart"],
                              cwd=project.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        committed = time.monotonic() + 60
        while not _committed(emulator, kind):
            assert killed.poll() is None and time.monotonic() < committed, "the apply never reached the point"
            time.sleep(0.05)
        killed.send_signal(signal.SIGKILL)
    finally:
        killed.kill()
        killed.wait()
    assert emulator.control("DELETE", "faults").status_code == 204

    rerun = zorio("apply", "--yes", "quickstart")
    assert rerun.exit_code == 0, rerun.stderr
    assert {k: sorted(item["name"] for item in listed(emulator, k)) for k in DECLARED} == DECLARED
    statuses = {c["name"]: c["status"] for c in listed(emulator, "campaigns")}
    assert statuses in ({"q3_care": "running", "q4_plan": "draft"}, {"q3_care": "starting", "q4_plan": "draft"})
    again = zorio("plan", "quickstart")
    assert again.exit_code == 0, again.stdout + again.stderr  # converged: nothing left to do


def _committed(emulator: Any, kind: str | None) -> bool:
    if kind is None:  # the start went through: the campaign is past draft
        return any(c["status"] != "draft" for c in listed(emulator, "campaigns"))
    return bool(listed(emulator, kind))
