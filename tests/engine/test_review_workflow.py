"""The GitOps workflow's pull-request steps, run as the runner runs them, under the real Pulumi CLI against the
emulator: `pulumi preview`, the review step (`pulumi stack export | zorio plan --pulumi-state -`) and the step that
posts one comment and updates it on the next push (`gh` is a stand-in that records what it is asked: GitHub is the
one service no test here can reach)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from examples.support import EXAMPLES, GITOPS  # tests/examples, loaded as the package `examples`

from review.support import assert_diagrams_parse  # tests/review, loaded as the package `review`

from .support import TOOLS_BIN, PulumiProject

pytestmark = [pytest.mark.engine, pytest.mark.timeout(600)]

WORKFLOW = EXAMPLES / "gitops" / ".github" / "workflows" / "zorio.yml"
FAKE_GH = '''#!/usr/bin/env python3
import json, os, sys
log = os.environ["GH_LOG"]
calls = json.load(open(log)) if os.path.exists(log) else []
args = sys.argv[1:]
body = None
if "-F" in args:
    body = open(args[args.index("-F") + 1].split("@", 1)[1], encoding="utf-8").read()
calls.append({"args": args, "body": body})
json.dump(calls, open(log, "w"))
posted = [c for c in calls[:-1] if c["body"] is not None and "--method" not in c["args"]]
if "--paginate" in args:
    print(json.dumps([[{"id": 77, "body": posted[-1]["body"], "html_url": "https://github.test/c/77"}]] if posted else [[]]))
else:
    print(json.dumps({"id": 77, "html_url": "https://github.test/c/77"}))
'''


def run_steps(project: PulumiProject, preview_output: str, gh_log: Path) -> None:
    """The review and post steps of the plan job, in bash, with the env the workflow gives them."""
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = {step.get("name"): step for step in flow["jobs"]["plan"]["steps"]}
    review = steps["Review (zorio plan against the stack's ids, as Markdown)"]["run"]
    post = steps["Post the review (one comment per pull request, updated on each push)"]["run"]
    bin_dir = gh_log.parent / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "gh").write_text(FAKE_GH.replace("#!/usr/bin/env python3", f"#!{sys.executable}"), encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    env = {**project.environment(), "ZORIO_CONFIG": "zorio.yaml", "PULUMI_STACK": "test", "GH_LOG": str(gh_log),
           "PREVIEW": preview_output, "PR_NUMBER": "5", "REPOSITORY": "acme/zorio-config", "GH_TOKEN": "gh-token",
           "PATH": os.pathsep.join([str(bin_dir), str(Path(sys.executable).parent), str(TOOLS_BIN),
                                    os.environ["PATH"]])}
    for script in (review, post):
        done = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=project.project, env=env,
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_pull_request_job_posts_one_review_comment_and_updates_it_on_the_next_push(
    tmp_path: Path, emulator: Any, token: str
) -> None:
    project = PulumiProject.create(EXAMPLES / GITOPS.folder, tmp_path, "venv")
    project.init({"zorio:baseUrl": emulator.base_url}, {"zorio:token": token})
    project.env.update(ZORIO_BASE_URL=emulator.base_url, ZORIO_TOKEN=token)
    project.up()
    config = project.project / "zorio.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("của bạn đến hạn", "của quý khách đến hạn").replace("status: draft  ",
                                                                                     "status: running"),
                      encoding="utf-8")
    gh_log = tmp_path / "gh.json"

    run_steps(project, project.preview().stdout, gh_log)
    run_steps(project, project.preview().stdout, gh_log)  # the next push

    calls = json.loads(gh_log.read_text(encoding="utf-8"))
    writes = [call for call in calls if call["body"] is not None]
    assert [("--method" in call["args"]) for call in writes] == [False, True]  # posted once, then updated
    assert writes[1]["args"][:3] == ["api", "--method", "PATCH"] and writes[1]["args"][3].endswith("/comments/77")
    body = writes[1]["body"]
    assert body.startswith("<!-- zorio-review -->\n## Zorio review\n\n> [!CAUTION]\n> **⚠ DIALS REAL PEOPLE:** "
                           "campaign `december_payments` will be started (draft → running)")
    assert "**Plan:** 0 to add, 2 to change, 0 to destroy." in body  # against the stack's ids: updates, not creates
    assert "của <del>bạn</del><ins>quý khách</ins> đến" in body
    assert assert_diagrams_parse(body) in (0, 1)
    assert "```mermaid\n---\nconfig:\n  flowchart:\n    wrappingWidth: 360\n---\nflowchart LR\n" in body
    assert re.search(r"<details><summary>pulumi preview</summary>\n\n```\n.*payment_reminder.*\n```", body, re.S)
    assert token not in json.dumps(calls)
    assert not (project.project / ".zorio-state.json").exists()
