"""`zorio plan` as CI runs it on a pull request: the whole output per stream, the exit code (0 no changes,
2 changes, 1 error), and never a write to the account or the state file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from pulumi_zorio.client import _reset_process_state

from review.support import assert_diagrams_parse  # tests/review, loaded as the package `review`

from .support import QUICKSTART_PLAN, TOKEN, banner, clear_log, writes, zorio


def test_plan_of_a_new_configuration_shows_creates_and_the_dial_warning_and_exits_two(
    emulator: Any, token: str, project: Path
) -> None:
    result = zorio("plan", "quickstart")
    assert result.exit_code == 2
    assert result.stdout == QUICKSTART_PLAN
    assert result.stderr == banner("plan", "preview")
    assert writes(emulator) == []
    assert not (project / ".zorio-state.json").exists()


def test_plan_after_apply_says_no_changes_and_exits_zero(emulator: Any, token: str, project: Path) -> None:
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    clear_log(emulator)
    result = zorio("plan", "quickstart")
    assert result.exit_code == 0
    assert result.stdout == "No changes. The Zorio account matches the configuration.\n"
    assert writes(emulator) == []


def test_plan_markdown_is_alone_on_stdout_with_a_caution_block_for_dialing(
    emulator: Any, token: str, project: Path
) -> None:
    result = zorio("plan", "--format", "markdown", "quickstart")
    assert result.exit_code == 2
    assert result.stderr == banner("plan", "preview")
    tokens = MarkdownIt("commonmark").enable("table").parse(result.stdout)
    quote = result.stdout.split("\n\n")[0]
    assert quote == ("> [!CAUTION]\n"
                     "> **⚠ DIALS REAL PEOPLE:** campaign `q3_care` will be started (draft → running)")
    assert [t.type for t in tokens][:2] == ["blockquote_open", "paragraph_open"]
    assert result.stdout.split("\n\n")[1] == "**Plan:** 4 to add, 0 to change, 0 to destroy."
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["Campaigns", "Campaign `q3_care`", "Changes", "`+` variable `salutation_name` will be created",
                        "`+` media file `thank_you` will be created", "`+` script `reminder` will be created",
                        "`+` campaign `q3_care` will be created"]
    cells_per_row, cells = [], 0
    for t in tokens:
        cells += t.type in ("th_open", "td_open")
        if t.type == "tr_close":
            cells_per_row, cells = [*cells_per_row, cells], 0
    assert set(cells_per_row) == {2}  # one row per field: no `|` in a value broke a row
    assert "| Caller-ID group | `Group A - Viettel Sales` |" in result.stdout
    assert "| `start_at` | `2026-06-25 15:00 +07:00` |" in result.stdout
    assert assert_diagrams_parse(result.stdout) in (0, 1)  # the script's call flow (0: no Node to parse it)
    assert "```mermaid\n---\nconfig:\n  flowchart:\n    wrappingWidth: 360\n---\nflowchart LR\n" in result.stdout
    assert writes(emulator) == []


@pytest.mark.parametrize("command", ["plan", "apply", "destroy"])
def test_missing_base_url_exits_one_naming_the_environment_variable(
    emulator: Any, token: str, project: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.delenv("ZORIO_BASE_URL")
    result = zorio(command, "quickstart")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "Error: no Zorio API URL: pass --base-url or set ZORIO_BASE_URL"
    assert writes(emulator) == []


@pytest.mark.parametrize("command", ["plan", "apply", "destroy"])
def test_missing_credentials_exit_one_naming_the_environment_variables(
    emulator: Any, token: str, project: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.delenv("ZORIO_TOKEN")
    monkeypatch.setenv("ZORIO_USERNAME", "admin")  # a username without its password is not enough
    result = zorio(command, "quickstart")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "Error: no credentials: set ZORIO_TOKEN, or ZORIO_USERNAME and " \
                                             "ZORIO_PASSWORD"


def test_plan_with_username_and_password_logs_in_instead_of_a_token(
    emulator: Any, token: str, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZORIO_TOKEN")
    monkeypatch.setenv("ZORIO_USERNAME", "admin")
    monkeypatch.setenv("ZORIO_PASSWORD", "admin")
    result = zorio("plan", "quickstart")
    assert result.exit_code == 2, result.stderr
    assert result.stdout == QUICKSTART_PLAN
    assert "admin" not in result.stdout + result.stderr.replace("admin/", "")


def test_plan_of_invalid_yaml_exits_one_with_file_line_and_column_and_writes_nothing(
    emulator: Any, token: str, project: Path
) -> None:
    config = project / "zorio.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("max_retries: 3", "max_retries: lots"),
                      encoding="utf-8")
    result = zorio("plan", "quickstart")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == banner("plan", "preview") + (
        f"Error: {project}: 1 problem; nothing was created or changed:\n"
        f'{config}:32:18: error: campaigns.q3_care.max_retries: must be a whole number (got "lots")\n')
    assert writes(emulator) == []
    assert not (project / ".zorio-state.json").exists()


@pytest.mark.parametrize("case", ["alias_bomb.yaml", "deep_nesting.yaml", "invalid_utf8.yaml"])
def test_plan_of_a_hostile_file_exits_one_with_its_located_problem_and_calls_nothing(
    case: str, emulator: Any, token: str, project: Path
) -> None:
    """The same bounded reading as `zorio validate`: a reason at a line, not a MemoryError or a RecursionError."""
    bad = Path(__file__).parents[1] / "desired" / "bad" / case
    config = project / "zorio.yaml"
    config.write_bytes(bad.read_bytes())
    clear_log(emulator)
    result = zorio("plan", "quickstart")
    expected = bad.read_text(encoding="utf-8", errors="replace").splitlines()[0].removeprefix("# expect: ")
    assert result.exit_code == 1
    assert result.stderr == banner("plan", "preview") + (
        f"Error: {project}: 1 problem; nothing was created or changed:\n{config}:{expected}\n")
    assert [entry for entry in emulator.requests_log() if entry["path"].startswith("/api/")] == []


def test_plan_usage_error_exits_one_so_that_two_always_means_changes(project: Path) -> None:
    result = zorio("plan", "nowhere")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Error: Invalid value for 'PATH': Path 'nowhere' does not exist."


def test_plan_never_prints_the_token(emulator: Any, token: str, project: Path) -> None:
    result = zorio("plan", "quickstart")
    assert token not in result.stdout + result.stderr
    assert not TOKEN.search(result.stdout + result.stderr)


def test_plan_that_cannot_be_applied_exits_one_with_the_reason(emulator: Any, token: str, project: Path) -> None:
    config = project / "zorio.yaml"
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    config.write_text(config.read_text(encoding="utf-8").replace("status: running ", "status: stopped "),
                      encoding="utf-8")
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    config.write_text(config.read_text(encoding="utf-8").replace("status: stopped ", "status: running "),
                      encoding="utf-8")
    clear_log(emulator)
    result = zorio("plan", "quickstart")
    refusal = ("campaign q3_care is stopped and a stopped campaign can never dial again; create a new campaign "
               "(e.g. rename it) to run it again")
    assert result.exit_code == 1
    assert '~ status = "stopped" → "running"\n' + f"  ✗ refused: {refusal}\n" in result.stdout  # the plan shows why
    assert result.stderr == banner("plan", "preview") + "Read 4 managed objects from the account.\n" + (
        f"Error: this plan cannot be applied (q3_care: {refusal}); change the configuration, nothing was changed\n")
    assert writes(emulator) == []


def test_plan_reads_the_account_first_so_an_out_of_band_edit_is_planned_back(
    emulator: Any, token: str, project: Path
) -> None:
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    edited = emulator.api(token).put(f"{emulator.base_url}/api/autocall/variables/1",
                                     json={"sample_value": "chị Hoa"}, timeout=10)
    assert edited.status_code == 200, edited.text
    clear_log(emulator)
    result = zorio("plan", "quickstart")
    assert result.exit_code == 2
    assert "# variable salutation_name (id 1) will be updated in-place" in result.stdout
    assert 'sample_value = "chị Hoa" → "anh An"' in result.stdout
    assert "Plan: 0 to add, 1 to change, 0 to destroy." in result.stdout
    assert writes(emulator) == []
    assert "chị Hoa" not in (project / ".zorio-state.json").read_text(encoding="utf-8")  # plan saved nothing


def test_plan_without_refresh_trusts_the_state_file(emulator: Any, token: str, project: Path) -> None:
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    emulator.api(token).put(f"{emulator.base_url}/api/autocall/variables/1", json={"sample_value": "chị Hoa"},
                            timeout=10)
    result = zorio("plan", "--no-refresh", "quickstart")
    assert (result.exit_code, result.stdout) == (0, "No changes. The Zorio account matches the configuration.\n")


def test_plan_shows_an_object_deleted_out_of_band_as_a_create(emulator: Any, token: str, project: Path) -> None:
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    assert emulator.api(token).post(f"{emulator.base_url}/api/autocall/campaigns/1/stop", timeout=10).status_code == 200
    deleted = emulator.api(token).delete(f"{emulator.base_url}/api/autocall/campaigns/1", timeout=10)
    assert deleted.status_code in (200, 204), deleted.text
    result = zorio("plan", "quickstart")
    assert result.exit_code == 2
    assert "gone from the account: q3_care" in result.stderr
    assert "# campaign q3_care will be created" in result.stdout
    assert "DIALS REAL PEOPLE: campaign q3_care will be started (draft → running)" in result.stdout


READ_MANY = """\
variables:
  salutation_name: {sample_value: anh An}
  due_day: {sample_value: '15'}
  amount: {sample_value: 500.000 VND}
scripts:
  reminder: {voice_id: vi-VN-female-01, template_text: "Hello {{salutation_name}}, {{amount}} is due on {{due_day}}"}
  goodbye: {voice_id: vi-VN-female-01, template_text: Goodbye}
campaigns:
  q3_care: {script: reminder, caller_id_group: "Group A - Viettel Sales", status: draft}
  q4_plan: {script: goodbye, caller_id_group: "Group A - Viettel Sales", status: draft}
"""


def test_plan_reads_each_kind_with_one_listing_not_one_call_per_object(
    emulator: Any, token: str, project: Path
) -> None:
    (project / "zorio.yaml").write_text(READ_MANY, encoding="utf-8")
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    _reset_process_state()  # a new `zorio plan` process: nothing cached
    clear_log(emulator)
    assert zorio("plan", "quickstart").exit_code == 0
    reads = sorted(entry["path"].split("?")[0] for entry in emulator.requests_log() if entry["path"].startswith("/api/"))
    assert reads == ["/api/autocall/campaigns", "/api/autocall/scripts", "/api/autocall/variables",
                     # no /api/autocall/voices: the scripts' voices are those the state records, accepted already
                     "/api/caller-id-groups", "/api/caller-id-groups/3"]  # the group's members come from its detail


def test_a_plan_that_creates_a_variable_checks_its_code_against_the_listing_the_refresh_read(
    emulator: Any, token: str, project: Path
) -> None:
    (project / "zorio.yaml").write_text(READ_MANY, encoding="utf-8")
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    (project / "zorio.yaml").write_text(READ_MANY.replace("variables:\n", "variables:\n  extra: {}\n"),
                                        encoding="utf-8")
    _reset_process_state()
    clear_log(emulator)
    planned = zorio("plan", "quickstart")
    assert "# variable extra will be created" in planned.stdout
    reads = [entry["path"].split("?")[0] for entry in emulator.requests_log() if entry["path"].startswith("/api/")]
    assert reads.count("/api/autocall/variables") == 1
