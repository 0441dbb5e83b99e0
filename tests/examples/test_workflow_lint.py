"""The GitOps example's GitHub Actions workflow passes actionlint (the linter GitHub users run), as built by
tools/install from its pinned Go module: a syntax slip or an unknown expression would break a team's pipeline."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ACTIONLINT = ROOT / ".tools" / "bin" / "actionlint"
WORKFLOWS = sorted((ROOT / "examples" / "gitops" / ".github" / "workflows").glob("*.y*ml"))


@pytest.fixture(scope="module")
def actionlint() -> Path:
    if ACTIONLINT.exists():
        return ACTIONLINT
    if shutil.which("go") is None:
        pytest.skip("no Go toolchain on this machine to build actionlint (tools/install)")
    pytest.fail(f"{ACTIONLINT} is missing: run tools/install (the README's set-up command does)", pytrace=False)


def test_gitops_workflows_are_clean_under_actionlint(actionlint: Path) -> None:
    assert WORKFLOWS, "the GitOps example has no workflow"
    result = subprocess.run([str(actionlint), "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_a_broken_workflow(actionlint: Path, tmp_path: Path) -> None:
    """The check can fail: a workflow with an undefined expression context is reported with its line."""
    broken = tmp_path / "broken.yml"
    text = WORKFLOWS[0].read_text(encoding="utf-8")
    broken.write_text(text.replace("${{ ", "${{ nonexistent_context.x || ", 1), encoding="utf-8")
    result = subprocess.run([str(actionlint), "-no-color", str(broken)], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 1
    assert "nonexistent_context" in result.stdout
