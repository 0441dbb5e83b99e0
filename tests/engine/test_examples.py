"""Every example under the real Pulumi CLI against the emulator: preview, up, no-op, an edit, drift and refresh, an
out-of-band delete, destroy, and no credential in any file the engine wrote. Calls are counted in the emulator's
request log, so "exactly the expected calls" means exactly."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from examples.support import (  # tests/examples, loaded as the package `examples`
    ALL, APPOINTMENTS, EXAMPLES, GITOPS, LISTS, PYTHON, QUICKSTART, Example, account, api_call, clear_log,
    item_path, writes,
)

from local.support import write_wav  # tests/local, loaded as the package `local`

from .support import ROOT, PulumiProject, Result

pytestmark = [pytest.mark.engine, pytest.mark.timeout(900)]

ROOT_PROJECT = (ROOT / "Pulumi.yaml", ROOT / "__main__.py")
PASSWORD = "admin"


@dataclass
class Stack:
    """An example as a Pulumi stack: the project, where its YAML or Python lives, and how it logs in."""

    example: Example
    pulumi: PulumiProject
    sources: Path
    """The folder holding the files an edit changes (the copied example)."""
    secrets: tuple[re.Pattern[bytes], ...]
    """Credentials that must never be written to a file, in any form."""

    def id_of(self, name: str) -> str:
        return str(self.pulumi.resources()[name]["id"])

    def path_of(self, name: str) -> str:
        return item_path(self.example.section_of(name), self.id_of(name))


def set_up(example: Example, tmp_path: Path, emulator: Any, token: str) -> Stack:
    """The example as a user sets it up: the YAML ones through the repository's root project (`zorio:config`),
    the Python ones as their own projects. Credentials vary: a secret token, ZORIO_TOKEN, a login."""
    config = {"zorio:baseUrl": emulator.base_url}
    if example.folder in (QUICKSTART.folder, APPOINTMENTS.folder):
        pulumi = PulumiProject.create(ROOT, tmp_path, ".venv", extra_files=ROOT_PROJECT)
        sources = tmp_path / example.folder
        shutil.copytree(EXAMPLES / example.folder, sources)
        config["zorio:config"] = str(sources)
    else:
        pulumi = PulumiProject.create(EXAMPLES / example.folder, tmp_path, "venv")
        sources = pulumi.project
    if example is APPOINTMENTS:  # username + secret password: every run logs in
        pulumi.init({**config, "zorio:username": "admin"}, {"zorio:password": PASSWORD})
        # The emulator's password equals the user name, so look for it as a value of a password setting.
        password = re.compile(rb"password[\"']?\s*[:=]\s*[\"']?" + PASSWORD.encode() + rb"\b")
        return Stack(example, pulumi, sources, (password, literal(token)))
    if example is PYTHON:  # the token from the environment only, as a CI secret would be
        pulumi.env["ZORIO_TOKEN"] = token
        pulumi.init(config)
    else:
        pulumi.init(config, {"zorio:token": token})
    return Stack(example, pulumi, sources, (literal(token),))


def literal(secret: str) -> re.Pattern[bytes]:
    return re.compile(re.escape(secret.encode()))


def changed_fields(preview: dict[str, Any]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Resource name → (operation, input fields that differ) for every step `pulumi preview --json` plans."""
    found = {}
    for step in preview.get("steps", []):
        name = step["urn"].rsplit("::", 1)[1]
        if "pulumi-python:dynamic" not in step["urn"] or step["op"] == "same":
            continue
        old = (step.get("oldState") or {}).get("inputs") or {}
        new = (step.get("newState") or {}).get("inputs") or {}
        fields = sorted(k for k in {*old, *new} - {"__provider"} if old.get(k) != new.get(k))
        found[name] = (step["op"], tuple(fields))
    return found


def marked_fields(result: Result) -> set[str]:
    """The fields `pulumi preview --diff` marks as changed (`~ field :`)."""
    return set(re.findall(r"^\s+~ (\w+)\s*:", result.stdout, flags=re.M)) - {"config"}


def status_calls(stack: Stack, name: str, verbs: tuple[str, ...]) -> list[tuple[str, str]]:
    return [("POST", f"{stack.path_of(name)}/{verb}") for verb in verbs]


@pytest.mark.parametrize("example", ALL, ids=lambda example: example.folder)
def test_full_cycle_under_the_real_engine(example: Example, tmp_path: Path, emulator: Any, token: str) -> None:
    seed = account(emulator, token)
    stack = set_up(example, tmp_path, emulator, token)
    pulumi = stack.pulumi
    clear_log(emulator)

    # A new stack's preview writes nothing, and says loudly which campaigns will dial.
    preview = pulumi.preview()
    assert writes(emulator) == []
    for name in example.declared["campaigns"]:
        dials = name in (example.statuses or {})
        assert (f"campaign {name}: its declared status is" in preview.output) == dials, preview.output
    assert ("DIALS REAL PEOPLE" in preview.output) == bool(example.statuses)

    # up creates exactly what is declared, and starts only the campaigns declared running or paused.
    pulumi.up()
    assert account(emulator, token) == {section: sorted([*seed[section], *example.declared.get(section, {}).values()])
                                         for section in LISTS}
    creates = [w for w in writes(emulator) if w[1] in LISTS.values()]
    assert len(creates) == sum(len(names) for names in example.declared.values())
    started = {"running": ("start",), "paused": ("start", "pause")}
    expected_status_calls = [call for name, status in (example.statuses or {}).items()
                             for call in status_calls(stack, name, started[status])]
    assert sorted(w for w in writes(emulator) if w[1] not in LISTS.values()) == sorted(expected_status_calls)
    for name in example.declared["campaigns"]:
        live = api_call(emulator, token, "GET", stack.path_of(name))
        assert live["status"] == (example.statuses or {}).get(name, "draft")
    pulumi.preview("--expect-no-changes")

    # An edit of one resource, and drift of another made in the console (one run proves both): refresh takes the
    # drift in, the preview marks exactly the two fields, and up makes exactly one PUT for each resource.
    edit, drift = example.edit, example.drift
    assert edit.resource != drift.resource
    edit.apply(stack.sources)
    api_call(emulator, token, "PUT", stack.path_of(drift.resource), {drift.field: drift.live})
    pulumi.refresh()
    assert pulumi.resources()[drift.resource]["outputs"][drift.field] == drift.live
    assert changed_fields(pulumi.preview_json()) == {edit.resource: ("update", (edit.field,)),
                                                     drift.resource: ("update", (drift.field,))}
    assert marked_fields(pulumi.preview("--diff")) == {edit.field, drift.field}
    clear_log(emulator)
    pulumi.up()
    assert sorted(writes(emulator)) == sorted([("PUT", stack.path_of(edit.resource)),
                                               ("PUT", stack.path_of(drift.resource))])
    assert api_call(emulator, token, "GET", stack.path_of(edit.resource))[edit.field] == edit.live
    assert api_call(emulator, token, "GET", stack.path_of(drift.resource))[drift.field] == drift.declared

    # Deleted in the console: refresh drops it, up creates it again (and starts it only if declared so).
    gone = example.deleted
    gone_path = stack.path_of(gone)
    if api_call(emulator, token, "GET", gone_path)["status"] in ("running", "paused"):
        api_call(emulator, token, "POST", f"{gone_path}/stop")
    api_call(emulator, token, "DELETE", gone_path)
    pulumi.refresh()
    assert gone not in pulumi.resources()
    clear_log(emulator)
    pulumi.up()
    recreated = writes(emulator)
    # The same inputs within 24 h: the first POST gets the first create's answer replayed (same create key); its
    # campaign is gone, so the second sends the create anew, under the key's next generation.
    assert recreated[:2] == [("POST", LISTS["campaigns"])] * 2
    status = (example.statuses or {}).get(gone)
    assert recreated[2:] == status_calls(stack, gone, started[status] if status else ())
    pulumi.preview("--expect-no-changes")

    # destroy leaves the account as seeded; no credential was ever written to a file.
    pulumi.destroy()
    assert account(emulator, token) == seed
    exported = pulumi.run("stack", "export", "--show-secrets").stdout.encode()
    assert not [secret.pattern for secret in stack.secrets if secret.search(exported)]
    assert pulumi.files_holding(*stack.secrets) == []


def test_refresh_takes_in_campaigns_paused_resumed_and_stopped_in_the_console(
    tmp_path: Path, emulator: Any, token: str
) -> None:
    """The cases the engine's refresh-time Diff used to turn into errors (Pulumi >= 3.120 diffs on refresh)."""
    stack = set_up(APPOINTMENTS, tmp_path, emulator, token)
    pulumi = stack.pulumi
    pulumi.up()
    running, paused = stack.path_of("november_reminders"), stack.path_of("missed_followup")

    api_call(emulator, token, "POST", f"{running}/pause")  # an emergency pause
    api_call(emulator, token, "POST", f"{paused}/resume")  # someone let the paused one dial
    pulumi.refresh()
    outputs = {name: r["outputs"]["status"] for name, r in pulumi.resources().items() if name in
               ("november_reminders", "missed_followup")}
    assert outputs == {"november_reminders": "paused", "missed_followup": "running"}
    assert changed_fields(pulumi.preview_json()) == {"november_reminders": ("update", ("status",)),
                                                     "missed_followup": ("update", ("status",))}
    clear_log(emulator)
    pulumi.up()
    assert sorted(writes(emulator)) == sorted([("POST", f"{running}/resume"), ("POST", f"{paused}/pause")])

    api_call(emulator, token, "POST", f"{running}/stop")  # stopped for good in the console
    pulumi.refresh()
    assert pulumi.resources()["november_reminders"]["outputs"]["status"] == "stopped"
    assert marked_fields(pulumi.preview("--diff")) == {"status"}
    clear_log(emulator)
    failed = pulumi.up(check=False)
    assert failed.code != 0
    assert "is stopped and a stopped campaign can never dial again" in failed.output
    assert "Traceback" not in failed.output
    assert writes(emulator) == []


def test_a_draft_started_in_the_console_is_refreshed_and_never_put_back_to_draft(
    tmp_path: Path, emulator: Any, token: str
) -> None:
    stack = set_up(GITOPS, tmp_path, emulator, token)
    pulumi = stack.pulumi
    pulumi.up()
    campaign = stack.path_of("december_payments")
    api_call(emulator, token, "POST", f"{campaign}/start")
    pulumi.refresh()
    assert pulumi.resources()["december_payments"]["outputs"]["status"] in ("starting", "running")
    preview = pulumi.preview("--diff")
    assert marked_fields(preview) == {"status"}
    clear_log(emulator)
    failed = pulumi.up(check=False)
    assert "can never go back to draft" in failed.output and "Traceback" not in failed.output
    assert writes(emulator) == []


def test_new_audio_replaces_the_media_file_create_before_delete_with_the_script_repointed_between(
    tmp_path: Path, emulator: Any, token: str
) -> None:
    """The engine's replace order (create the new upload, update dependants, delete the original at the end) is
    the only one the API allows: a media file a script still uses cannot be deleted (409)."""
    stack = set_up(QUICKSTART, tmp_path, emulator, token)
    pulumi = stack.pulumi
    pulumi.up()
    old_media = stack.path_of("thank_you")
    api_call(emulator, token, "PUT", old_media, {"name": "renamed in the console"})  # media drift, too
    pulumi.refresh()
    # The engine previews an update of a dynamic resource with its new inputs as outputs, so the script's audio
    # path is unknown until apply: it shows as a possible change, and up then writes only what really changed.
    assert changed_fields(pulumi.preview_json()) == {"thank_you": ("update", ("name",)),
                                                     "reminder": ("update", ("dtmf_actions",))}
    clear_log(emulator)
    pulumi.up()
    assert writes(emulator) == [("PUT", old_media)]
    write_wav(stack.sources / "audio" / "thank_you.wav", tone=3)  # a new recording

    preview = pulumi.preview_json()
    assert changed_fields(preview)["thank_you"][0] == "replace"
    assert changed_fields(preview)["reminder"] == ("update", ("dtmf_actions",))
    clear_log(emulator)
    pulumi.up()
    new_media = stack.path_of("thank_you")
    assert writes(emulator) == [("POST", LISTS["media"]), ("PUT", stack.path_of("reminder")), ("DELETE", old_media)]
    script = api_call(emulator, token, "GET", stack.path_of("reminder"))
    assert script["dtmf_actions"][0]["target_audio_url"] == api_call(emulator, token, "GET", new_media)["file_path"]
    pulumi.preview("--expect-no-changes")


IGNORE_STATUS_PROGRAM = '''
import pulumi
import pulumi_zorio as zorio

script = zorio.Script("greeting", voice_id="vi-VN-female-01", template_text="Hello. Press 1 to hear this again.",
                      dtmf_actions=[zorio.DtmfActionArgs(digit="1", label="Again", action_type="repeat_script")])
group = zorio.get_caller_id_group(name="Group A - Viettel Sales")
zorio.Campaign("care", script_id=script.id, caller_id_group_id=group.id, status="running",
               max_retries=int(pulumi.Config().get("retries") or 3),
               opts=pulumi.ResourceOptions(ignore_changes=["status"]))  # operators pause and resume it
'''


def test_ignore_changes_on_status_keeps_a_console_pause_through_refresh_and_later_edits(
    tmp_path: Path, emulator: Any, token: str
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "Pulumi.yaml").write_text("name: ignore-status\nruntime:\n  name: python\n  options:\n"
                                        "    toolchain: pip\n    virtualenv: venv\n", encoding="utf-8")
    (source / "__main__.py").write_text(IGNORE_STATUS_PROGRAM, encoding="utf-8")
    pulumi = PulumiProject.create(source, tmp_path / "stack", "venv")
    pulumi.init({"zorio:baseUrl": emulator.base_url}, {"zorio:token": token})
    pulumi.up()
    campaign = item_path("campaigns", str(pulumi.resources()["care"]["id"]))
    api_call(emulator, token, "POST", f"{campaign}/pause")  # an operator pauses it

    # Without a refresh the recorded status is still running: the edit would resume it, so it is refused.
    pulumi.run("config", "set", "retries", "5")
    clear_log(emulator)
    refused = pulumi.up(check=False)
    assert refused.code != 0 and "is paused on the account but the stack records it as running" in refused.output
    assert writes(emulator) == []

    # With the refresh (`pulumi up --refresh`, or `pulumi refresh` first) the pause is what the stack records, and
    # ignore_changes keeps it: the edit is made while paused, nothing resumes.
    clear_log(emulator)
    pulumi.up("--refresh")
    assert writes(emulator) == [("PUT", campaign)]
    assert api_call(emulator, token, "GET", campaign)["status"] == "paused"
    pulumi.preview("--expect-no-changes")


def test_destroy_refuses_protected_objects_and_releases_adopted_ones(tmp_path: Path, emulator: Any, token: str) -> None:
    seed = account(emulator, token)
    existing = api_call(emulator, token, "POST", LISTS["variables"], {"variable_code": "loyalty_tier", "name": "Tier"})
    stack = set_up(QUICKSTART, tmp_path, emulator, token)
    config = stack.sources / "zorio.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("variables:\n", f"variables:\n  loyalty_tier: {{name: Tier, adopt_id: {existing['id']}}}\n")
    config.write_text(text.replace("    status: draft", "    protect: true\n    status: draft"), encoding="utf-8")
    pulumi = stack.pulumi
    clear_log(emulator)
    pulumi.up()
    assert ("POST", LISTS["variables"]) in writes(emulator)  # salutation_name
    assert writes(emulator).count(("POST", LISTS["variables"])) == 1  # loyalty_tier was taken over, not created

    clear_log(emulator)
    refused = pulumi.destroy(check=False)
    assert refused.code != 0 and "protected" in refused.output
    assert writes(emulator) == []

    config.write_text(config.read_text(encoding="utf-8").replace("    protect: true\n", ""), encoding="utf-8")
    pulumi.up()
    pulumi.destroy()
    after = account(emulator, token)
    assert after["variables"] == sorted([*seed["variables"], "loyalty_tier"])  # released, not deleted
    assert {k: v for k, v in after.items() if k != "variables"} == {k: v for k, v in seed.items() if k != "variables"}


def test_an_export_taken_over_by_pulumi_up_writes_nothing_previews_clean_and_survives_destroy(
    tmp_path: Path, emulator: Any, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`zorio export` → `pulumi up` adopts every object (every campaign status) without a single write, and
    `pulumi destroy` releases them: the account keeps everything it had."""
    from click.testing import CliRunner

    from cli.test_export_command import seed_account  # tests/cli, loaded as the package `cli`
    from pulumi_zorio.cli import main

    seed_account(emulator, token)
    before = account(emulator, token)
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", token)
    exported = tmp_path / "exported"
    result = CliRunner().invoke(main, ["export", "--out", str(exported)])
    assert result.exit_code == 0, result.output
    pulumi = PulumiProject.create(ROOT, tmp_path / "stack", ".venv", extra_files=ROOT_PROJECT)
    pulumi.init({"zorio:baseUrl": emulator.base_url, "zorio:config": str(exported)}, {"zorio:token": token})

    clear_log(emulator)
    pulumi.up()
    assert writes(emulator) == []
    pulumi.preview("--expect-no-changes")
    pulumi.destroy()
    assert writes(emulator) == [] and account(emulator, token) == before


def test_a_python_programs_undeclared_placeholder_fails_preview_at_the_scripts_line_and_a_bad_voice_at_its_yaml_line(
    tmp_path: Path, emulator: Any, token: str
) -> None:
    """The checks a plan makes before anything is written hold under the real engine too (no traceback)."""
    python = set_up(PYTHON, tmp_path / "python", emulator, token)
    program = python.pulumi.project / "__main__.py"
    text = program.read_text(encoding="utf-8")
    program.write_text(text.replace("Hello {{salutation_name}}.", "Hello {{salutation_name}}, due {{due_day}}."),
                       encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "zorio.Script(" in row)
    clear_log(emulator)
    refused = python.pulumi.preview(check=False)
    assert refused.code != 0
    assert (f"{program}:{line}: script reminder: placeholder {{{{due_day}}}} is not the variable_code of a Variable "
            "this program declares") in refused.output
    assert "Traceback" not in refused.output and writes(emulator) == []

    yaml = set_up(QUICKSTART, tmp_path / "yaml", emulator, token)
    config = yaml.sources / "zorio.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("vi-VN-female-01", "vi-VN-female-1"), encoding="utf-8")
    refused = yaml.pulumi.preview(check=False)
    assert refused.code != 0
    assert f"{config}:19:15: error: scripts.reminder.voice_id: the account has no voice 'vi-VN-female-1'; did you " \
           "mean 'vi-VN-female-01'?" in refused.output
    assert "Traceback" not in refused.output and writes(emulator) == []
