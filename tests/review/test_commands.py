"""`zorio graph` (offline) and the review options of `zorio plan`, as a user runs them: the whole output per stream
and the exit status."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pulumi_zorio.cli import main

from .support import ROOT, MermaidParser

EXAMPLES = ROOT / "examples"


def zorio(*args: str, input: str | None = None) -> Result:  # noqa: A002
    return CliRunner().invoke(main, list(args), input=input)


def test_graph_prints_a_mermaid_picture_that_parses_and_calls_no_api(mermaid: MermaidParser,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZORIO_BASE_URL", "http://127.0.0.1:9")  # nothing listens there: any call would fail
    result = zorio("graph", str(EXAMPLES / "appointment-reminders"))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    mermaid.assert_parses(result.stdout)


def test_graph_markdown_is_a_page_with_the_picture_and_each_script() -> None:
    result = zorio("graph", "--format", "markdown", str(EXAMPLES / "gitops" / "zorio.yaml"))
    assert result.exit_code == 0
    assert result.stdout.startswith("# Call flows of `zorio.yaml`\n")
    assert "| `1` | `Paid` | `play audio payment_received, then hang up` |" in result.stdout


def test_graph_of_an_invalid_configuration_lists_its_problems_and_exits_one(tmp_path: Path) -> None:
    config = tmp_path / "zorio.yaml"
    config.write_text("scripts:\n  s:\n    voice_id: v\n    template_text: Hi {{nobody}}\n", encoding="utf-8")
    result = zorio("graph", str(config))
    assert result.exit_code == 1 and result.stdout == ""
    assert "{{nobody}}" in result.stderr and f"{config}:4:" in result.stderr


def test_graph_of_a_python_program_says_to_point_it_at_the_yaml() -> None:
    result = zorio("graph", str(EXAMPLES / "python"))
    assert result.exit_code == 1
    assert "zorio graph draws zorio YAML" in result.stderr


def test_plan_with_an_unknown_time_zone_exits_one_naming_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZORIO_TIMEZONE", "Mars/Olympus_Mons")
    result = zorio("plan", str(EXAMPLES / "gitops" / "zorio.yaml"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == ("Error: unknown time zone 'Mars/Olympus_Mons' (--timezone or "
                                              "ZORIO_TIMEZONE): use an IANA name such as Asia/Ho_Chi_Minh or "
                                              "Europe/Paris")


def test_plan_refuses_both_state_options() -> None:
    result = zorio("plan", "--state", "x.json", "--pulumi-state", "-", str(EXAMPLES / "gitops" / "zorio.yaml"))
    assert result.exit_code == 1
    assert "--state and --pulumi-state name two different states" in result.stderr


def test_plan_with_a_file_that_is_not_a_stack_export_exits_one(tmp_path: Path) -> None:
    export = tmp_path / "stack.json"
    export.write_text("not json", encoding="utf-8")
    result = zorio("plan", "--pulumi-state", str(export), str(EXAMPLES / "gitops" / "zorio.yaml"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(f"Error: {export} is not the output of `pulumi stack export`")


def test_plan_shows_times_in_the_configured_zone_and_names_for_ids(
    emulator: Any, token: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", token)
    monkeypatch.chdir(tmp_path)
    result = zorio("plan", "--timezone", "Europe/Paris", str(EXAMPLES / "gitops" / "zorio.yaml"))
    assert result.exit_code == 2, result.output
    assert "  + start_at               = 2026-12-01 02:00 +01:00\n" in result.stdout
    assert "  + caller_id_group        = Group A - Viettel Sales\n" in result.stdout
    assert "Times are shown in the account's time zone, Europe/Paris, UTC+01:00" in result.stdout


def test_plan_of_a_python_program_declaring_yaml_names_what_is_not_created_yet(
    emulator: Any, token: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", token)
    shutil.copytree(EXAMPLES / "gitops", tmp_path / "gitops", ignore=shutil.ignore_patterns(".github", "venv"))
    monkeypatch.chdir(tmp_path)
    result = zorio("plan", "gitops")  # __main__.py calls declare_from_paths
    assert result.exit_code == 2, result.output
    assert '  + dtmf_actions[digit=1]  = press 1 "Paid" → play audio payment_received, then hang up\n' in result.stdout
    assert "  + script                 = payment_reminder\n" in result.stdout
