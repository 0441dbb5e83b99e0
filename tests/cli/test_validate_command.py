"""`zorio validate` as CI runs it: whole output per stream, and the exit code."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from pulumi_zorio.cli import main

QUICKSTART = Path(__file__).resolve().parents[2] / "examples" / "yaml-quickstart"
BROKEN = """\
scripts:
  followup:
    voice_id: vi-VN-female-01
    template_text: "Hello {{custmer_name}}"
    dtmf_actions:
      - {digit: "1", action_type: playback, audio: thank_yuo}
campaigns:
  q4_care: {script: followup, status: running}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the quickstart plus a broken file, with the working directory set to it and no network."""
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    shutil.copytree(QUICKSTART, tmp_path / "quickstart")
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _refuse(*args: object) -> None:
    raise AssertionError("zorio validate must not open a network connection")


def test_validate_valid_folder_prints_summary_and_exits_zero(project: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "quickstart"])
    assert result.exit_code == 0
    assert result.stdout == "1 file valid: 1 variable, 1 media file, 1 script, 1 campaign\n"
    assert result.stderr == ""


def test_validate_invalid_file_reports_every_problem_on_stderr_and_exits_one(project: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "broken.yaml", "quickstart/zorio.yaml"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "broken.yaml:4:27: error: scripts.followup.template_text: placeholder {{custmer_name}} is not a declared "
        "variable; declare it under variables: or fix the name",
        "broken.yaml:6:52: error: scripts.followup.dtmf_actions.0.audio: unknown media 'thank_yuo'; did you mean "
        "'thank_you'? If not, declare it under media:",
        "broken.yaml:8:39: warning: campaigns.q4_care.caller_id_group: is not set, but status running starts the "
        "campaign: Zorio then dials from the default trunk's caller ID (numbers not chosen here), or refuses to start "
        "it if the account requires a group; set caller_id_group to choose the numbers people see (or keep status: "
        "draft)",
        "2 errors and 1 warning in 1 file",
    ]


def test_validate_reports_a_warning_without_failing(project: Path) -> None:
    config = project / "quickstart" / "zorio.yaml"
    text = config.read_text(encoding="utf-8").replace('    caller_id_group: "Group A - Viettel Sales"\n', "")
    config.write_text(text.replace("status: draft ", "status: running "), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "quickstart"])
    assert result.exit_code == 0
    assert result.stdout == "1 file valid: 1 variable, 1 media file, 1 script, 1 campaign; 1 warning\n"
    assert result.stderr == (
        "quickstart/zorio.yaml:30:13: warning: campaigns.q3_care.caller_id_group: is not set, but status running "
        "starts the campaign: Zorio then dials from the default trunk's caller ID (numbers not chosen here), or "
        "refuses to start it if the account requires a group; set caller_id_group to choose the numbers people see "
        "(or keep status: draft)\n")
    report = json.loads(CliRunner().invoke(main, ["validate", "--format", "json", "quickstart"]).stdout)
    assert report["valid"] is True
    assert [(p["severity"], p["line"], p["path"]) for p in report["problems"]] == [
        ("warning", 30, "campaigns.q3_care.caller_id_group")]


def test_validate_json_format_writes_the_report_to_stdout(project: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--format", "json", "broken.yaml"])
    assert result.exit_code == 1
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["files"] == ["broken.yaml"]
    assert report["counts"] == {"variables": 0, "media": 0, "scripts": 1, "campaigns": 1}
    assert report["problems"][1] == {
        "file": "broken.yaml",
        "line": 6,
        "column": 52,
        "severity": "error",
        "path": "scripts.followup.dtmf_actions.0.audio",
        "message": "unknown media 'thank_yuo'; declare it under media: or fix the name",
    }
    assert [(problem["line"], problem["severity"]) for problem in report["problems"]] == [
        (4, "error"), (6, "error"), (8, "warning")]


def test_validate_json_format_of_a_valid_folder_exits_zero(project: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "quickstart", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "valid": True,
        "files": ["quickstart/zorio.yaml"],
        "problems": [],
        "counts": {"variables": 1, "media": 1, "scripts": 1, "campaigns": 1},
    }


def test_validate_missing_path_is_a_usage_error(project: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "nowhere.yaml"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "Error: Invalid value for 'PATHS...': Path 'nowhere.yaml' does not exist."


def test_validate_without_path_is_a_usage_error(project: Path) -> None:
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: Missing argument 'PATHS...'."


def test_validate_json_lists_a_file_that_cannot_be_parsed(project: Path) -> None:
    (project / "tabs.yaml").write_text("scripts:\n\treminder: {}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--format", "json", "tabs.yaml"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "valid": False,
        "files": ["tabs.yaml"],
        "problems": [
            {
                "file": "tabs.yaml",
                "line": 2,
                "column": 1,
                "severity": "error",
                "path": "",
                "message": "a tab character: YAML is indented with spaces only; replace the tab by spaces",
            }
        ],
        "counts": {"variables": 0, "media": 0, "scripts": 0, "campaigns": 0},
    }
