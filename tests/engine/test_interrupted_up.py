"""A `pulumi up` killed (SIGKILL to every process it started: the CLI, the language host and the provider host)
right after Zorio committed a create leaves a pending create in the stack and an object no state knows. The next
`pulumi up` (non-interactive, as in CI) sends that create again under the same create key, gets the killed run's
object back, and ends with one object per name, recorded in the stack; a campaign whose start went through is not
started again. And the key never reaches an object this stack did not create: another stack's, or one made in the
console."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import dill
import pytest
from pulumi.dynamic.dynamic import serialize_provider

from examples.support import account, api_call, clear_log, writes  # tests/examples, loaded as the package `examples`

from .support import PULUMI, PulumiProject

pytestmark = [pytest.mark.engine, pytest.mark.timeout(600)]

PROGRAM = """\
import pulumi
import pulumi_zorio as zorio

greeting = zorio.Variable("greeting", variable_code="greeting", name="Greeting")
reminder = zorio.Script("reminder", voice_id="vi-VN-female-01", template_text="Hello {{greeting}}, see you soon.",
                        opts=pulumi.ResourceOptions(depends_on=[greeting]))
group = zorio.get_caller_id_group(name="Group A - Viettel Sales")
zorio.Campaign("q3_care", script_id=reminder.id, caller_id_group_id=group.id, status="running")
"""
SCRIPT_ONLY = """\
import pulumi_zorio as zorio

zorio.Script("reminder", voice_id="vi-VN-female-01", template_text="Hello, see you soon.")
"""
PROJECT = """\
name: interrupted
runtime:
  name: python
  options:
    toolchain: pip
    virtualenv: venv
"""
CAMPAIGNS = "/api/autocall/campaigns"


def make_project(tmp_path: Path, emulator: Any, token: str, program: str) -> PulumiProject:
    source = tmp_path / "source"
    source.mkdir()
    (source / "Pulumi.yaml").write_text(PROJECT, encoding="utf-8")
    (source / "__main__.py").write_text(program, encoding="utf-8")
    pulumi = PulumiProject.create(source, tmp_path / "stack", "venv")
    pulumi.init({"zorio:baseUrl": emulator.base_url}, {"zorio:token": token})
    return pulumi


def select_new_stack(pulumi: PulumiProject, stack: str, emulator: Any, token: str) -> None:
    pulumi.run("stack", "init", stack)
    pulumi.run("config", "set", "zorio:baseUrl", emulator.base_url)
    pulumi.run("config", "set", "--secret", "zorio:token", token)


def up_killed_once(pulumi: PulumiProject, emulator: Any, path: str, committed: Callable[[], bool]) -> None:
    """`pulumi up`, killed with its whole process group once Zorio has committed the first POST to `path`, whose
    answer the emulator holds back meanwhile."""
    rule = {"method": "POST", "path": path, "delay_after_commit_s": 60, "times": 1}
    assert emulator.control("POST", "faults", rule).status_code == 201
    log = pulumi.project.parent / "killed-up.log"
    with log.open("w") as output:
        up = subprocess.Popen([str(PULUMI), "up", "--yes", "--skip-preview", "--non-interactive"],
                              cwd=pulumi.project, env=pulumi.environment(), stdout=output, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not committed():
            assert up.poll() is None, f"pulumi up ended before Zorio committed POST {path}:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"pulumi up never sent POST {path}:\n{log.read_text()}"
            time.sleep(0.05)
    finally:
        if up.poll() is None:
            kill_tree(up.pid)
        up.wait()
    assert emulator.control("DELETE", "faults").status_code == 204
    pulumi.run("cancel", "--yes")  # the killed run's lock on the stack, as after any killed `pulumi up`


def kill_tree(pid: int) -> None:
    """SIGKILL a process and everything it started, as a lost machine takes them all: its process group, and the
    plugins Pulumi starts in process groups of their own (the provider host would otherwise live on, orphaned)."""
    tree = {pid, *_descendants(pid)}
    groups = set()
    for process in tree:
        with contextlib.suppress(ProcessLookupError):
            groups.add(os.getpgid(process))
    for group in groups & tree:  # (only groups led by a process of the tree: never a reused pid's)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)


def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        children = [child for child, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def without_keys(pulumi: PulumiProject) -> None:
    """Rewrite the stack's `__provider` blobs to what they were before create keys existed (no state at all)."""
    exported = pulumi.export()
    for resource in exported["deployment"]["resources"]:
        for bag in (resource.get("inputs", {}), resource.get("outputs", {})):
            if "__provider" in bag:
                provider = dill.loads(base64.b64decode(_plain(bag["__provider"])))
                assert provider.create_key is not None
                provider.create_key = None
                bag["__provider"] = serialize_provider(provider)
    state = pulumi.project.parent / "without-keys.json"
    state.write_text(json.dumps(exported), encoding="utf-8")
    pulumi.run("stack", "import", "--file", str(state))


def _plain(value: Any) -> str:
    """A value of `pulumi stack export --show-secrets`: the plaintext (JSON) of a secret, or the value itself."""
    return str(json.loads(value["plaintext"]) if isinstance(value, dict) else value)


def listed(emulator: Any, token: str, path: str) -> list[dict[str, Any]]:
    response = emulator.api(token).get(emulator.base_url + path, params={"per_page": 200}, timeout=10)
    return list(response.json()["data"])


def test_up_killed_after_each_create_and_the_campaign_start_ends_with_one_object_each_started_once(
    tmp_path: Path, emulator: Any, token: str
) -> None:
    pulumi = make_project(tmp_path, emulator, token, PROGRAM)
    count = lambda path: len(listed(emulator, token, path))  # noqa: E731
    # Each re-run finishes what the killed run left (the pending create) and is itself killed at the next point.
    up_killed_once(pulumi, emulator, "/api/autocall/variables", lambda: count("/api/autocall/variables") == 1)
    up_killed_once(pulumi, emulator, "/api/autocall/scripts", lambda: count("/api/autocall/scripts") == 1)
    up_killed_once(pulumi, emulator, CAMPAIGNS, lambda: count(CAMPAIGNS) == 1)
    assert set(pulumi.resources()) == {"greeting", "reminder"}  # the two taken back, the campaign still pending
    up_killed_once(pulumi, emulator, f"{CAMPAIGNS}/*/start",
                   lambda: any(c["status"] != "draft" for c in listed(emulator, token, CAMPAIGNS)))

    clear_log(emulator)  # (the killed start is not in it: the emulator logs a request when it answers)
    rerun = pulumi.up()
    assert "pending operations" in rerun.output  # the engine's warning: it did send the create again

    assert account(emulator, token) == {"variables": ["greeting"], "media": [], "scripts": ["reminder"],
                                        "campaigns": ["q3_care"]}
    recorded = {name: resource["id"] for name, resource in pulumi.resources().items()}
    live = {"greeting": listed(emulator, token, "/api/autocall/variables")[0]["id"],
            "reminder": listed(emulator, token, "/api/autocall/scripts")[0]["id"],
            "q3_care": listed(emulator, token, CAMPAIGNS)[0]["id"]}
    assert recorded == {name: str(object_id) for name, object_id in live.items()}
    assert listed(emulator, token, CAMPAIGNS)[0]["status"] in ("starting", "running")  # started by the killed run
    assert [w for w in writes(emulator) if w[1].endswith("/start")] == []  # and never again
    pulumi.preview("--expect-no-changes")
    # The engine keeps the pending creates (and its warning) until they are cleared; the objects are recorded by now.
    assert len(pulumi.export()["deployment"]["pending_operations"]) == 4
    pulumi.refresh("--clear-pending-creates")
    assert not pulumi.export()["deployment"].get("pending_operations")
    assert "pending operations" not in pulumi.up().output


def test_the_key_takes_over_no_console_object_no_other_stacks_and_no_deleted_one(
    tmp_path: Path, emulator: Any, token: str
) -> None:
    body = {"name": "reminder", "voice_id": "vi-VN-female-01", "template_text": "Hello, see you soon."}
    console = api_call(emulator, token, "POST", "/api/autocall/scripts", body)["id"]
    pulumi = make_project(tmp_path, emulator, token, SCRIPT_ONLY)
    pulumi.up()
    mine = pulumi.resources()["reminder"]["id"]
    without_keys(pulumi)  # the state as every stack made before create keys holds it: no change planned
    pulumi.preview("--expect-no-changes")
    select_new_stack(pulumi, "other", emulator, token)  # the same project and names, another stack
    pulumi.up()
    others = pulumi.resources()["reminder"]["id"]
    assert len({str(console), mine, others}) == 3  # identical scripts, each its own: nothing taken over

    # Destroyed, then declared again within the key's 24 h: the replayed answer names a deleted script, so the
    # create is sent anew (the next generation of the key) rather than recording a dead id.
    pulumi.run("stack", "select", "test")
    pulumi.destroy()
    pulumi.up()
    again = pulumi.resources()["reminder"]["id"]
    live = {str(script["id"]) for script in listed(emulator, token, "/api/autocall/scripts")}
    assert live == {str(console), others, again} and again != mine
