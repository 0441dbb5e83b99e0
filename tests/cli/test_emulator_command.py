"""`zorio emulator` and `zorio demo` as a new user runs them from the README."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import requests
from click.testing import CliRunner

from pulumi_zorio.cli import demo as demo_module
from pulumi_zorio.cli import main

from .support import TOKEN

EXAMPLE = str(Path(demo_module.__file__).resolve().parents[3] / "examples" / "appointment-reminders")
ZORIO = [sys.executable, "-c", "from pulumi_zorio.cli import main; main()"]


def test_emulator_command_prints_url_and_answers_login_until_interrupted():
    process = subprocess.Popen(
        [*ZORIO, "emulator", "--port", "0", "--rate-limit-scale", "off"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        banner = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+", banner).group(0)
        login = requests.post(f"{url}/api/auth/login", json={"username": "admin", "password": "admin"}, timeout=10)
        assert login.status_code == 200
        assert re.fullmatch(r"\d+\|\w{40}", login.json()["token"])
        assert "curl -s -X POST " + url + "/api/auth/login" in process.stdout.readline() + process.stdout.readline()
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_emulator_command_rejects_a_bad_rate_limit_scale():
    result = CliRunner().invoke(main, ["emulator", "--rate-limit-scale", "fast"])
    assert result.exit_code == 2
    assert "expected a positive number or 'off', got 'fast'" in result.output


def test_demo_applies_the_example_to_a_local_emulator_and_lists_what_it_created(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # paths outside the working directory are shown in full
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    output = re.sub(r"127\.0\.0\.1:(?!8080)\d+", "127.0.0.1:PORT", result.stdout)
    output = re.sub(r"/\S*/zorio-demo-\w+/", "TMP/", output)
    lines = [line.rstrip() for line in output.splitlines()]
    assert lines[0].strip("─ ") == "Zorio emulator on http://127.0.0.1:PORT"
    assert lines[1:4] == [
        "A local stand-in for the Zorio API: nothing leaves this machine and nobody is called.",
        "Logged in as admin/admin (token 1|…, redacted).",
        f"Copied {EXAMPLE} to TMP/appointment-reminders.",
    ]
    assert lines[4].strip("─ ") == "zorio apply --yes appointment-reminders"
    plan_end = lines.index("Plan: 12 to add, 0 to change, 0 to destroy.")
    assert [line for line in lines[:plan_end] if line.startswith("  # ")][-2:] == [
        "  # campaign missed_followup will be created", "  # campaign november_reminders will be created"]
    assert lines[plan_end - 2:plan_end + 2] == [
        "⚠ DIALS REAL PEOPLE: campaign missed_followup will be started (draft → paused)",
        "⚠ DIALS REAL PEOPLE: campaign november_reminders will be started (draft → running)",
        "Plan: 12 to add, 0 to change, 0 to destroy.",
        "⚠ This plan DIALS REAL PEOPLE: 2 campaigns will start or resume calling leads.",
    ]
    progress = lines[plan_end + 2:lines.index("Apply complete: 12 added, 0 changed, 0 destroyed.")]
    assert len(progress) == 24 and "campaign november_reminders: Creating..." in progress
    table = lines.index("Apply complete: 12 added, 0 changed, 0 destroyed.") + 1
    assert lines[table].strip("─ ") == "What the account now holds"
    rows = [re.split(r"\s{2,}", line) for line in lines[table + 1:table + 14]]
    assert [(row[0], row[1], row[3] if len(row) > 3 else "") for row in rows] == [
        ("kind", "name", "status"),
        ("variable", "appointment_date", ""), ("variable", "appointment_time", ""),
        ("variable", "clinic_name", ""), ("variable", "customer_name", ""),
        ("media file", "Appointment cancelled", ""), ("media file", "Appointment confirmed", ""),
        ("media file", "Opening hours", ""),
        ("script", "appointment_reminder", "active"), ("script", "cancel_appointment", "active"),
        ("script", "missed_appointment", "active"),
        ("campaign", "missed_followup", "paused"), ("campaign", "november_reminders", "running"),
    ]
    assert all(row[2].isdigit() for row in rows[1:])  # ids in creation order, which may vary between runs
    assert lines[table + 14:] == [
        "",
        "Do it yourself: run `zorio emulator` in one terminal, then in another:",
        "  export ZORIO_BASE_URL=http://127.0.0.1:8080 ZORIO_TOKEN=<token>",
        f"  zorio apply {EXAMPLE}      # the plan, a question, then the changes",
        f"  zorio plan {EXAMPLE}       # now \"No changes.\" (exit 0; 2 when something would change)",
        f"  zorio destroy {EXAMPLE}    # removes it all",
        "<token> is the \"token\" field of the login call that `zorio emulator` prints (or export "
        "ZORIO_USERNAME=admin ZORIO_PASSWORD=admin instead).",
    ]
    assert result.stderr.startswith("zorio apply (the local engine; production runs `pulumi up`)")
    assert not TOKEN.search(result.stdout + result.stderr)


def test_demo_without_the_examples_folder_fails_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(demo_module, "examples_dir", lambda: tmp_path / "examples")
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: cannot find the example appointment-reminders (looked in {tmp_path}/examples/appointment-reminders); "
        "the demo runs from a clone of the repository installed with `pip install -e .`\n")


EMULATOR_STACK = ("fastapi", "uvicorn", "starlette", "multipart", "python_multipart")
"""The emulator's server stack: the `emulator` extra, not a dependency of Pulumi programs (mutagen is one: it reads
the duration of MP3 and M4A sources when a plan checks them)."""


def without_emulator_stack(code: str) -> list[str]:
    """Python running `code` as if the `emulator` extra were not installed (a program's lean install)."""
    hide = "; ".join(f"sys.modules[{name!r}] = None" for name in EMULATOR_STACK)
    return [sys.executable, "-c", f"import sys; {hide}; {code}"]


def test_emulator_and_demo_without_the_emulator_extra_say_how_to_install_it():
    for command in ("emulator", "demo"):
        result = subprocess.run(without_emulator_stack(f"from pulumi_zorio.cli import main; main([{command!r}])"),
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert "pip install 'pulumi-zorio[emulator]'" in result.stderr
        assert "missing module: fastapi" in result.stderr or "missing module: uvicorn" in result.stderr


def test_a_pulumi_program_needs_none_of_the_emulator_packages():
    """`pip install pulumi-zorio` (what a program's requirements.txt brings) installs no server stack, and the
    provider, the YAML program and the validator run without it."""
    from importlib.metadata import requires

    core = [req for req in requires("pulumi-zorio") or [] if "extra ==" not in req]
    assert not [req for req in core if req.split(">")[0].split("<")[0].split("=")[0].strip().lower().replace(
        "-", "_") in {*EMULATOR_STACK, "python_multipart"}], core
    code = ("import pulumi_zorio, pulumi_zorio.resources, pulumi_zorio.desired; "
            "from pulumi_zorio.cli import main; main(['validate', " + repr(EXAMPLE) + "])")
    result = subprocess.run(without_emulator_stack(code), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
