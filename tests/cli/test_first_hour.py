"""What a new user meets in the first hour (issue 18): no silent wait, a plan that says what apply would reject, and
errors that name the fix instead of a library's text or a traceback."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES
from .support import TOKEN, writes, zorio


@pytest.fixture
def login_env(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The emulator with the username and password in the environment, as the README suggests for a first try."""
    emulator.settings(rate_limit_scale=100)
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_USERNAME", "admin")
    monkeypatch.setenv("ZORIO_PASSWORD", "admin")
    monkeypatch.delenv("ZORIO_TOKEN", raising=False)
    return emulator


def _no_traceback(text: str) -> None:
    assert "Traceback" not in text and "HTTPConnectionPool" not in text and "the program failed" not in text


def test_a_throttled_login_says_what_it_waits_for_and_for_how_long(login_env: Any, project: Path) -> None:
    rule = {"method": "POST", "path": "/api/auth/login", "status": 429, "retry_after": 3, "times": 1}
    assert login_env.control("POST", "faults", rule).status_code == 201
    result = zorio("plan", "quickstart")
    assert result.exit_code == 2, result.stderr
    assert ("POST /api/auth/login: Zorio answered HTTP 429; retrying (attempt 2 of 5): continuing in 3 s"
            in result.stderr.splitlines())


def test_a_wrong_password_after_an_apply_is_one_line_naming_the_environment_variables(
    login_env: Any, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    monkeypatch.setenv("ZORIO_PASSWORD", "not-the-password")
    result = zorio("plan", "quickstart")  # the automatic refresh logs in first
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: cannot use the Zorio API: POST /api/auth/login failed with HTTP 401: Invalid username or password. "
        "— check ZORIO_USERNAME and ZORIO_PASSWORD")
    _no_traceback(result.output)


def test_a_voice_queue_or_group_the_account_lacks_fails_the_plan_at_its_line_with_the_nearest_name(
    login_env: Any, project: Path
) -> None:
    config = project / "zorio.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("vi-VN-female-01", "vi-VN-female-1").replace("support@default", "support"),
                      encoding="utf-8")
    result = zorio("plan", "quickstart")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(lines) == 2
    assert "scripts.reminder.voice_id: the account has no voice 'vi-VN-female-1'; did you mean 'vi-VN-female-01'?" \
        in lines[0] and ":19:15: error" in lines[0]
    assert "target_queue_name: the account has no queue 'support'; did you mean 'support@default'?" in lines[1]
    assert writes(login_env) == []
    _no_traceback(result.output)


def test_validate_online_reports_the_same_catalogue_problems_as_the_plan(login_env: Any, project: Path) -> None:
    config = project / "zorio.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("vi-VN-female-01", "VI-VN-FEMALE-01"),
                      encoding="utf-8")
    assert zorio("validate", "quickstart").exit_code == 0  # offline, nothing to say
    result = zorio("validate", "--online", "quickstart")
    assert result.exit_code == 1
    assert "the account has no voice 'VI-VN-FEMALE-01'; did you mean 'vi-VN-female-01'?" in result.stderr


def test_a_variable_code_the_account_already_has_fails_the_plan_with_the_adoption_to_declare(
    login_env: Any, project: Path, tmp_path: Path
) -> None:
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    result = zorio("plan", "--state", str(tmp_path / "other-state.json"), "quickstart")  # a stack that never made it
    assert result.exit_code == 1
    assert ("Error: salutation_name: variable code salutation_name already exists on the account (id 1), so it "
            "cannot be created again. To manage that variable here, take it over: declare it with adopt_id: 1"
            in result.stderr)


def test_a_python_program_with_an_undeclared_placeholder_fails_at_the_scripts_line(
    login_env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES / "python", tmp_path / "python")
    program = tmp_path / "python" / "__main__.py"
    text = program.read_text(encoding="utf-8")
    program.write_text(text.replace("Hello {{salutation_name}}.", "Hello {{salutation_name}}, due {{due_day}}."),
                       encoding="utf-8")
    line = next(n for n, t in enumerate(program.read_text().splitlines(), 1) if "zorio.Script(" in t)
    result = zorio("plan", "python")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(
        f"Error: {program}:{line}: script reminder: placeholder {{{{due_day}}}} is not the variable_code of a Variable "
        "this program declares")
    assert writes(login_env) == []


def test_apply_of_a_python_program_ends_with_its_exports(login_env: Any, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES / "python", tmp_path / "python")
    result = zorio("apply", "--yes", "python")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(
        "Outputs:\n"
        '    variables: {"salutation_name": "1"}\n'
        '    media: {"thank_you": {"id": "1", "file_path": "/media/thank_you.wav"}}\n'
        '    scripts: {"reminder": "1"}\n'
        '    campaigns: {"q3_care": {"id": "1", "status": "draft"}}\n')
    assert not TOKEN.search(result.output)


def test_the_emulator_on_a_port_in_use_says_so_in_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = zorio("emulator", "--port", str(port))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # a clean exit, not a crash
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: cannot listen on 127.0.0.1:{port}: Address already in use; stop what uses it or pass another "
        "--port (0 = any free port)")
    assert "Traceback" not in result.stderr


def test_parallel_steps_waiting_on_one_limit_print_one_line_in_a_ci_log() -> None:
    import io
    import time as clock

    from rich.console import Console

    from pulumi_zorio.cli.activity import Activity
    from pulumi_zorio.client._waits import Wait

    log = io.StringIO()
    activity = Activity(Console(file=log, width=200))
    reason = "rate limit of Zorio reached (120 AutoCall requests per minute)"
    waits = [Wait(reason, clock.monotonic() + 57) for _ in range(8)]
    for wait in waits:
        activity.wait_started(wait)
    for wait in waits:
        activity.wait_ended(wait)
    activity.wait_started(Wait(reason, clock.monotonic() + 30))  # a later wait is news again
    assert log.getvalue().splitlines() == [f"{reason}: continuing in 57 s", f"{reason}: continuing in 30 s"]


def test_planning_another_file_against_a_folders_state_says_it_destroys_what_that_state_holds(
    login_env: Any, project: Path
) -> None:
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    other = project / "other.yaml"
    other.write_text("variables:\n  due_day: {sample_value: '25'}\n", encoding="utf-8")
    result = zorio("plan", "--state", str(project / ".zorio-state.json"), str(other))
    assert result.exit_code == 2
    assert ("Note: 4 objects recorded in quickstart/.zorio-state.json are not declared by quickstart/other.yaml, so "
            "this plan destroys them. If they belong to another configuration, give each configuration its own state "
            "file: --state FILE.") in result.stderr.splitlines()


def test_counts_and_verbs_read_as_english(login_env: Any, project: Path) -> None:
    (project / "zorio.yaml").write_text("variables:\n  due_day: {sample_value: '25'}\n", encoding="utf-8")
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    assert "Read 1 managed object from the account." in zorio("plan", "quickstart").stderr.splitlines()
    assert "Destroy without asking" in zorio("destroy", "--help").output
    refused = zorio("destroy", "quickstart")
    assert refused.stderr.splitlines()[-1].startswith("Error: refusing to destroy without confirmation")


def test_after_an_apply_only_a_changed_voice_is_checked_against_the_account(login_env: Any, project: Path) -> None:
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    login_env.control("DELETE", "requests")
    assert zorio("plan", "quickstart").exit_code == 0
    assert not [e for e in login_env.requests_log() if e["path"].startswith("/api/autocall/voices")]  # unchanged
    config = project / "zorio.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("vi-VN-female-01", "vi-VN-male-2"), encoding="utf-8")
    result = zorio("plan", "quickstart")
    assert result.exit_code == 1
    assert "the account has no voice 'vi-VN-male-2'; did you mean 'vi-VN-male-02'?" in result.stderr
