"""`zorio apply` / `zorio destroy` as a user runs them: the plan, the confirmation (or the refusal without a
terminal), progress lines, convergence, destroy back to the seed; the whole output and the exit code."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from pulumi_zorio.cli import apply as apply_module

from .support import QUICKSTART_PLAN, TOKEN, account, banner, clear_log, writes, zorio

PROGRESS = """\
variable salutation_name: Creating...
variable salutation_name: Creation complete after 0.0s [id=1]
media file thank_you: Creating...
media file thank_you: Creation complete after 0.0s [id=1]
script reminder: Creating...
script reminder: Creation complete after 0.0s [id=1]
campaign q3_care: Creating...
campaign q3_care: Creation complete after 0.0s [id=1], status running
Apply complete: 4 added, 0 changed, 0 destroyed.
"""
CREATES = [("POST", "/api/autocall/variables"), ("POST", "/api/media-files"), ("POST", "/api/autocall/scripts"),
           ("POST", "/api/autocall/campaigns"), ("POST", "/api/autocall/campaigns/1/start")]


def _seconds_free(text: str) -> str:
    """Progress lines with the durations rounded away (the campaign waits for the emulator's start delay)."""
    return re.sub(r"after \d+\.\ds", "after 0.0s", text)


def test_apply_without_yes_and_without_a_terminal_refuses_and_writes_nothing(
    emulator: Any, token: str, project: Path
) -> None:
    result = zorio("apply", "quickstart")
    assert result.exit_code == 1
    assert result.stdout == QUICKSTART_PLAN
    assert result.stderr == banner("apply", "up") + (
        "Error: refusing to apply without confirmation: stdin is not a terminal. Review the plan above and re-run "
        "with --yes to perform these actions\n")
    assert writes(emulator) == []
    assert not (project / ".zorio-state.json").exists()


def test_apply_asks_with_the_dial_warning_and_a_no_answer_writes_nothing(
    emulator: Any, token: str, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(apply_module, "_interactive", lambda: True)
    result = zorio("apply", "quickstart", input="n\n")
    assert result.exit_code == 1
    assert result.stdout == QUICKSTART_PLAN + (
        "This plan DIALS REAL PEOPLE. Do you want to perform these actions? [y/N]: n\n")
    assert result.stderr.splitlines()[-1] == "Error: cancelled: nothing was changed"
    assert writes(emulator) == []


def test_apply_answered_yes_applies_the_plan(emulator: Any, token: str, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(apply_module, "_interactive", lambda: True)
    result = zorio("apply", "--parallel", "1", "quickstart", input="y\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("Apply complete: 4 added, 0 changed, 0 destroyed.\n")
    assert writes(emulator)[:5] == CREATES


def test_apply_yes_creates_in_dependency_order_and_a_second_apply_says_no_changes(
    emulator: Any, token: str, project: Path
) -> None:
    result = zorio("apply", "--yes", "--parallel", "1", "quickstart")  # one at a time: declaration order
    assert result.exit_code == 0, result.stderr
    assert _seconds_free(result.stdout) == QUICKSTART_PLAN + PROGRESS
    assert result.stderr == banner("apply", "up")
    assert writes(emulator) == CREATES
    assert account(emulator, token)["campaigns"] == [("q3_care", "running")]
    clear_log(emulator)
    again = zorio("apply", "--yes", "quickstart")
    assert again.exit_code == 0
    assert again.stdout == "No changes. The Zorio account matches the configuration.\n"
    assert writes(emulator) == []


def test_destroy_removes_everything_and_the_account_is_back_to_seed(
    emulator: Any, token: str, project: Path
) -> None:
    seed = account(emulator, token)
    # One step at a time: independent objects settle in declaration order, so the destroy order below is fixed.
    assert zorio("apply", "--yes", "--parallel", "1", "quickstart").exit_code == 0
    result = zorio("destroy", "--yes", "quickstart")
    assert result.exit_code == 0, result.stderr
    assert _seconds_free(result.stdout) == """\
Resource actions are indicated with the following symbols:
  - destroy

Zorio will perform the following actions:

  # campaign q3_care (id 1) will be destroyed
    status path running → deleted:
      · stop it for good (a stopped campaign never dials again)
      · delete it

  # script reminder (id 1) will be destroyed

  # media file thank_you (id 1) will be destroyed

  # variable salutation_name (id 1) will be destroyed

Plan: 0 to add, 0 to change, 4 to destroy.
campaign q3_care: Destroying...
campaign q3_care: Destruction complete after 0.0s [id=1]
script reminder: Destroying...
script reminder: Destruction complete after 0.0s [id=1]
media file thank_you: Destroying...
media file thank_you: Destruction complete after 0.0s [id=1]
variable salutation_name: Destroying...
variable salutation_name: Destruction complete after 0.0s [id=1]
Destroy complete: 4 destroyed.
"""
    assert account(emulator, token) == seed
    again = zorio("destroy", "--yes", "quickstart")
    assert again.exit_code == 0
    assert again.stdout == f"No resources are managed by {project / '.zorio-state.json'}; nothing to destroy.\n"


def test_destroy_without_yes_and_without_a_terminal_refuses_and_deletes_nothing(
    emulator: Any, token: str, project: Path
) -> None:
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    clear_log(emulator)
    result = zorio("destroy", "quickstart")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("Error: refusing to destroy without confirmation")
    assert writes(emulator) == []


def test_apply_of_invalid_yaml_exits_one_with_file_line_and_column_and_writes_nothing(
    emulator: Any, token: str, project: Path
) -> None:
    config = project / "zorio.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("script: reminder", "script: [reminder"),
                      encoding="utf-8")
    result = zorio("apply", "--yes", "quickstart")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(rf"^{re.escape(str(config))}:\d+:\d+: error: the \[ opened here is not closed before line \d+",
                     result.stderr, re.M)
    assert writes(emulator) == []
    assert not (project / ".zorio-state.json").exists()


def test_apply_never_shows_or_stores_the_token(emulator: Any, token: str, project: Path) -> None:
    applied = zorio("apply", "--yes", "quickstart")
    destroyed = zorio("destroy", "--yes", "quickstart")
    assert applied.exit_code == destroyed.exit_code == 0
    shown = applied.stdout + applied.stderr + destroyed.stdout + destroyed.stderr
    assert token not in shown and not TOKEN.search(shown)
    zorio("apply", "--yes", "quickstart")
    stored = (project / ".zorio-state.json").read_text(encoding="utf-8")
    assert token not in stored and token.split("|")[1] not in stored


def test_apply_runs_independent_steps_at_once_and_dependants_only_after_what_they_use(
    emulator: Any, token: str, project: Path
) -> None:
    """The variable and the audio prompt do not depend on each other: both start before either completes (the
    API answers each create after 0.5 s); the script waits for both, the campaign for the script."""
    for path in ("/api/autocall/variables", "/api/media-files"):
        rule = {"method": "POST", "path": path, "delay_s": 0.5, "times": 1}
        assert emulator.control("POST", "faults", rule).status_code == 201
    result = zorio("apply", "--yes", "quickstart")
    assert result.exit_code == 0, result.stderr
    progress = _seconds_free(result.stdout).removeprefix(QUICKSTART_PLAN).splitlines()
    assert sorted(progress[:2]) == ["media file thank_you: Creating...", "variable salutation_name: Creating..."]
    assert sorted(progress[2:4]) == ["media file thank_you: Creation complete after 0.0s [id=1]",
                                     "variable salutation_name: Creation complete after 0.0s [id=1]"]
    assert progress[4:] == PROGRESS.splitlines()[4:]
    assert account(emulator, token)["campaigns"] == [("q3_care", "running")]


def test_apply_with_markdown_format_prints_the_plan_as_markdown_then_progress(
    emulator: Any, token: str, project: Path
) -> None:
    result = zorio("apply", "--yes", "--parallel", "1", "--format", "markdown", "quickstart")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("> [!CAUTION]\n> **⚠ DIALS REAL PEOPLE:** campaign `q3_care` will be started")
    assert _seconds_free(result.stdout).endswith(PROGRESS)


def test_a_failed_parallel_apply_reports_only_after_the_steps_already_running_have_finished(
    emulator: Any, token: str, project: Path
) -> None:
    """The variable's create is still running (the API answers after 1 s) when the script's fails (a 422): the
    error comes after the variable is created and recorded, so nothing changes the account after it is shown."""
    (project / "zorio.yaml").write_text(
        "variables:\n  salutation_name: {sample_value: anh An}\n"
        "scripts:\n  goodbye: {voice_id: vi-VN-female-01, template_text: Goodbye}\n", encoding="utf-8")
    for rule in ({"method": "POST", "path": "/api/autocall/variables", "delay_s": 1.0, "times": 1},
                 {"method": "POST", "path": "/api/autocall/scripts", "status": 422, "times": 1}):
        assert emulator.control("POST", "faults", rule).status_code == 201
    result = zorio("apply", "--yes", "quickstart")
    assert result.exit_code == 1
    assert "variable salutation_name: Creation complete" in result.stdout
    assert result.stderr.splitlines()[-1].startswith("Stopped after 1 added, 0 changed, 0 destroyed.")
    recorded = json.loads((project / ".zorio-state.json").read_text(encoding="utf-8"))["resources"]
    assert [record["name"] for record in recorded] == ["salutation_name"]


def test_after_an_apply_that_failed_on_a_variable_destroy_removes_its_script_first(
    emulator: Any, token: str, project: Path
) -> None:
    """The script is unchanged but uses the variable whose update the API refused: the failed apply must not record
    the script before the variable, or destroy (newest first) would delete the variable the script still uses."""
    def config(sample: str, extra: str = "") -> str:
        return (f"variables:\n  greet: {{name: Greeting, sample_value: {sample}}}\n{extra}"
                "scripts:\n  hello: {voice_id: vi-VN-female-01, template_text: 'Hello {{greet}}'}\n")

    (project / "zorio.yaml").write_text(config("anh An"), encoding="utf-8")
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    (project / "zorio.yaml").write_text(config("chi Binh", "  other: {name: Other}\n"), encoding="utf-8")
    rule = {"method": "PUT", "path": "/api/autocall/variables*", "status": 422, "times": 10}
    assert emulator.control("POST", "faults", rule).status_code == 201
    assert zorio("apply", "--yes", "quickstart").exit_code == 1
    recorded = [r["name"] for r in json.loads((project / ".zorio-state.json").read_text(encoding="utf-8"))["resources"]]
    assert recorded.index("greet") < recorded.index("hello"), recorded
    destroyed = zorio("destroy", "--yes", "quickstart")
    assert destroyed.exit_code == 0, destroyed.output
    assert "Destroy complete: 3 destroyed." in destroyed.stdout


def test_an_apply_with_nothing_to_do_saves_what_its_plan_noted_and_a_plan_writes_nothing(
    emulator: Any, token: str, project: Path
) -> None:
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    state = project / ".zorio-state.json"
    applied = state.read_bytes()
    assert zorio("plan", "quickstart").exit_code == 0
    assert state.read_bytes() == applied  # read-only, though it noted each unchanged record in memory
    clear_log(emulator)

    result = zorio("apply", "--yes", "quickstart")

    assert result.exit_code == 0 and "No changes." in result.stdout
    assert writes(emulator) == []
    records = json.loads(state.read_text(encoding="utf-8"))["resources"]
    assert records and all(record.get("synced") for record in records)  # the next refresh skips their diffs
    assert all(record.get("declaration") for record in records if not record["type"].endswith("MediaFile"))
