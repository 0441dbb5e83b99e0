"""The GitOps example's GitHub Actions workflow: it parses, plans on pull requests and applies on main with the
secrets it needs, its `zorio` command lines run with real flags on the configuration it names, and its annotation
step turns `zorio validate --format json` problems into `::error` lines."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from string import Template
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from pulumi_zorio.cli import main

from .support import EXAMPLES, GITOPS

PROJECT = EXAMPLES / "gitops"
WORKFLOW = PROJECT / ".github" / "workflows" / "zorio.yml"
SECRETS = {"PULUMI_ACCESS_TOKEN", "ZORIO_BASE_URL", "ZORIO_TOKEN"}
SHELL_OPERATORS = {">", ">>", "<", "|", "||", "&&", ";", "2>", "&"}


def workflow() -> dict[str, Any]:
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    if True in document:  # YAML 1.1 (PyYAML) reads the key `on` as a boolean; GitHub reads it as "on"
        document["on"] = document.pop(True)
    return document


def steps(job: str) -> list[dict[str, Any]]:
    return list(workflow()["jobs"][job]["steps"])


def pulumi_step(job: str) -> dict[str, Any]:
    [step] = [s for s in steps(job) if str(s.get("uses", "")).startswith("pulumi/actions@")]
    return step


def shell_lines(run: str) -> list[str]:
    """The shell lines of a `run` script, without heredoc bodies (the annotation step's Python)."""
    lines, ending = [], None
    for line in run.splitlines():
        if ending is not None:
            ending = None if line.strip() == ending else ending
            continue
        lines.append(line)
        heredoc = re.search(r"<<-?\s*'?(\w+)'?", line)
        ending = heredoc.group(1) if heredoc else None
    return lines


def zorio_commands() -> list[list[str]]:
    """Every `zorio ...` invocation of every run step: its arguments, with the workflow's env expanded."""
    env = {k: str(v) for k, v in workflow()["env"].items()}
    found = []
    for job in workflow()["jobs"]:
        for step in steps(job):
            for line in shell_lines(step.get("run", "")):
                words = shlex.split(line, comments=True)
                while "zorio" in words:
                    words = words[words.index("zorio") + 1:]
                    args = []
                    for word in words:
                        if word in SHELL_OPERATORS:
                            break
                        args.append(Template(word).substitute(env))
                    found.append(args)
    return found


def annotation_script() -> str:
    """The Python the validate step feeds to `python -` (its heredoc), as the runner's shell would."""
    [run] = [s["run"] for s in steps("plan") if "--format json" in s.get("run", "")]
    match = re.search(r"<<'PY'\n(.*?)\nPY\n", run, re.S)
    assert match, "the validate step's annotation heredoc is missing"
    return match.group(1)


# --- structure --------------------------------------------------------------------------------------------------


def test_workflow_plans_on_pull_requests_and_applies_on_pushes_to_main() -> None:
    flow = workflow()
    assert flow["on"] == {"pull_request": {"branches": ["main"]}, "push": {"branches": ["main"]}}
    assert flow["permissions"] == {"contents": "read"}
    jobs = flow["jobs"]
    assert jobs["plan"]["if"] == "github.event_name == 'pull_request'"
    assert jobs["apply"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    preview, up = pulumi_step("plan"), pulumi_step("apply")
    assert preview["uses"] == up["uses"] == "pulumi/actions@v6"
    assert preview["with"]["command"] == "preview" and "comment-on-pr" not in preview["with"]  # ours is the comment
    assert up["with"]["command"] == "up" and "comment-on-pr" not in up["with"]
    # the preview-less up works from the recorded state: the plan must too, or reviewers see something else
    assert (preview["with"]["refresh"], up["with"]["refresh"]) == (False, False)
    assert preview["with"]["stack-name"] == up["with"]["stack-name"] == "${{ env.PULUMI_STACK }}"


def test_plan_job_may_comment_and_runs_after_checkout_python_install_and_validate() -> None:
    job = workflow()["jobs"]["plan"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    names = [s.get("uses", "").split("@")[0] or s.get("name", "") for s in job["steps"]]
    assert names[:2] == ["actions/checkout", "actions/setup-python"]
    assert names[-3:] == ["pulumi/actions", "Review (zorio plan against the stack's ids, as Markdown)",
                          "Post the review (one comment per pull request, updated on each push)"]
    assert job["steps"][1]["with"]["python-version"] == "3.11"  # a string: 3.11 as a number would be 3.1
    validate_at = next(i for i, s in enumerate(job["steps"]) if "zorio validate" in s.get("run", ""))
    install_at = next(i for i, s in enumerate(job["steps"]) if "pip install" in s.get("run", ""))
    assert install_at < validate_at < len(job["steps"]) - 3


def test_two_ups_never_overlap() -> None:
    apply = workflow()["jobs"]["apply"]
    assert apply["concurrency"]["cancel-in-progress"] is False
    assert apply["concurrency"]["group"].startswith("zorio-up-")
    assert "github.event" not in apply["concurrency"]["group"]  # one group for every push, not one per commit


def test_secrets_reach_pulumi_and_zorio_through_the_environment_and_no_script_text_holds_them() -> None:
    for job in ("plan", "apply"):
        env = pulumi_step(job)["env"]
        assert env == {name: "${{ secrets.%s }}" % name for name in SECRETS}
        for step in steps(job):
            assert "secrets." not in step.get("run", "") and "ZORIO_TOKEN" not in step.get("run", "")
            if "run" in step and "zorio plan" not in step["run"]:
                assert "env" not in step or not SECRETS & set(step["env"])
    [review] = [s for s in steps("plan") if "zorio plan" in s.get("run", "")]
    assert review["env"] == {name: "${{ secrets.%s }}" % name for name in SECRETS}  # the review reads the account


def test_install_step_builds_the_virtualenv_that_pulumi_yaml_names() -> None:
    runtime = yaml.safe_load((PROJECT / "Pulumi.yaml").read_text(encoding="utf-8"))["runtime"]
    venv = runtime["options"]["virtualenv"]
    assert runtime["name"] == "python" and runtime["options"]["toolchain"] == "pip"
    for job in ("plan", "apply"):
        [install] = [s["run"] for s in steps(job) if "pip install" in s.get("run", "")]
        assert f"python -m venv {venv}\n{venv}/bin/pip install -r requirements.txt" in install
    requirements = (PROJECT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "pulumi>=3.139.0,<4" in requirements


# --- the zorio command lines ------------------------------------------------------------------------------------


def test_workflow_validates_the_configuration_its_program_declares() -> None:
    config = workflow()["env"]["ZORIO_CONFIG"]
    assert (PROJECT / config).is_file()
    assert f'/ "{config}"' in (PROJECT / "__main__.py").read_text(encoding="utf-8")
    assert zorio_commands() == [["validate", "--format", "json", config],
                                ["plan", "--pulumi-state", "-", "--no-refresh", "--format", "markdown", config],
                                ["validate", config]]


@pytest.mark.parametrize("args", [a for a in zorio_commands() if a[0] == "validate"], ids=" ".join)
def test_every_zorio_validate_in_the_workflow_runs_with_real_flags(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PROJECT)  # the repository root of a copied example
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output  # an unknown flag or choice is a usage error: exit 2
    if "--format" in args and args[args.index("--format") + 1] == "json":
        report = json.loads(result.stdout)
        assert report["valid"] is True and report["problems"] == [] and report["files"] == [args[-1]]
        assert report["counts"] == {section: len(names) for section, names in GITOPS.declared.items()}


def test_the_review_command_of_the_workflow_runs_with_real_flags_on_a_stack_export_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_env: None
) -> None:
    [args] = [a for a in zorio_commands() if a[0] == "plan"]
    shutil.copytree(PROJECT, tmp_path / "repo", ignore=shutil.ignore_patterns(".github", "venv", "__pycache__"))
    monkeypatch.chdir(tmp_path / "repo")
    result = CliRunner().invoke(main, args, input=json.dumps({"version": 3, "deployment": {"resources": []}}))
    assert result.exit_code == 2, result.output  # an empty stack: everything is to be created
    assert result.stdout.startswith("**Plan:** 6 to add, 0 to change, 0 to destroy.")
    assert "```mermaid\n---\nconfig:\n  flowchart:\n    wrappingWidth: 360\n---\nflowchart LR\n" in result.stdout


def test_a_misspelt_flag_would_fail_the_check_above(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT)
    assert CliRunner().invoke(main, ["validate", "--formt", "json", "zorio.yaml"]).exit_code == 2
    assert CliRunner().invoke(main, ["validate", "--format", "sarif", "zorio.yaml"]).exit_code == 2


# --- the annotation step ----------------------------------------------------------------------------------------


def run_annotations(report_text: str, folder: Path) -> subprocess.CompletedProcess[str]:
    report = folder / "zorio-validate.json"
    report.write_text(report_text, encoding="utf-8")
    return subprocess.run([sys.executable, "-", report.name], input=annotation_script(), cwd=folder, text=True,
                          capture_output=True, timeout=30, check=False)


def test_annotation_step_turns_each_problem_into_an_error_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(PROJECT, tmp_path / "repo", ignore=shutil.ignore_patterns(".github", "venv", "__pycache__"))
    repo = tmp_path / "repo"
    text = (repo / "zorio.yaml").read_text(encoding="utf-8")
    (repo / "zorio.yaml").write_text(text.replace("hạn ngày {{due_date}}", "hạn ngày {{due_day}}"), encoding="utf-8")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["validate", "--format", "json", "zorio.yaml"])
    assert result.exit_code == 1

    annotated = run_annotations(result.stdout, repo)

    assert annotated.returncode == 0, annotated.stderr
    [problem] = json.loads(result.stdout)["problems"]
    placeholder_line = next(n for n, row in enumerate(text.splitlines(), 1) if "hạn ngày {{due_date}}" in row)
    assert (problem["file"], problem["line"]) == ("zorio.yaml", placeholder_line)  # at the placeholder itself
    assert "{{due_day}}" in problem["message"]
    assert annotated.stdout.splitlines() == [
        f"::error file=zorio.yaml,line={problem['line']},col={problem['column']},"
        f"title=zorio validate%3A scripts.payment_reminder.template_text::{problem['message']}",
        "zorio.yaml: 1 problem(s) (variables: 3, media: 1, scripts: 1, campaigns: 1)",
    ]


def test_annotation_step_prints_only_a_summary_for_a_valid_file_and_ignores_a_usage_error(tmp_path: Path) -> None:
    report = {"valid": True, "files": ["zorio.yaml"], "problems": [],
              "counts": {"variables": 3, "media": 1, "scripts": 1, "campaigns": 1}}
    valid = run_annotations(json.dumps(report), tmp_path)
    assert (valid.returncode, valid.stdout) == (0, "zorio.yaml: valid (variables: 3, media: 1, scripts: 1, campaigns: 1)\n")
    usage = run_annotations("", tmp_path)
    assert (usage.returncode, usage.stdout) == (0, "")
