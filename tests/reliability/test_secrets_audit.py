"""Issue 15: no credential leaks through a whole `zorio` cycle, with a token and with a username and password.

apply → plan → edit and apply → export, an API 422, a server error that outlasts the retries, destroy, then an auth
failure (a revoked token, a wrong password), each through the CLI as a user runs it. After every command the token (or the password, and every session token its logins
obtained) must be nowhere: not in stdout or stderr, not in any file under the project (the state file at each step,
the pickled providers in it, decoded from base64 and searched as bytes, the exported YAML and audio), and not in
Python logging at DEBUG (the CLI has no verbose option; logging is where its debug output goes). Existing tests prove
parts of this for one command each (tests/cli: the token in apply / destroy / plan output and in the state after
apply; tests/client/test_redaction.py: errors and logs of the client used directly; tests/resources: the pickled
providers under the test engine); this one covers the CLI cycle end to end, login credentials, every intermediate
state, the exports and the CLI's error paths.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import traceback
from pathlib import Path
from typing import Any

import dill
import pytest
from click.testing import Result

from cli.support import TOKEN, zorio
from pulumi_zorio.client import _auth
from zorio_emulator import seed

from .scenarios import SMALL_PROJECT

PASSWORD = "pw-Canary-7Qx9-zorio"
"""The admin user's password in the login run: distinctive, so that finding it anywhere means it leaked."""
WRONG_PASSWORD = "pw-Wrong-3Kd8-zorio"

FIRST = SMALL_PROJECT.replace("status: draft", "status: running")
SECOND = FIRST.replace("anh An", "chi Binh").replace("status: running", "status: paused, max_retries: 5")
REFUSED_SCRIPT = "scripts:\n  spoken: {voice_id: vi-VN-female-01, template_text: Hi}\n"
"""Passes every check of the plan; its create is answered 422 by a fault rule (what only the API can refuse). Applied
as a project of its own: a failed apply leaves the state of its project out of dependency order
(test_after_a_failed_apply.py)."""


class Audit:
    """Runs `zorio` commands and, after each, searches everything a user or a log collector could see."""

    def __init__(self, project: Path, secrets: list[str], caplog: pytest.LogCaptureFixture) -> None:
        self.project, self.secrets, self.caplog = project, list(secrets), caplog
        self.blobs_seen = 0
        self.states_seen = 0

    def run(self, *args: str) -> Result:
        result = zorio(*args)
        self.secrets += _session_tokens()  # tokens that logins of this command obtained
        self.check(f"zorio {' '.join(args)}: output", _shown(result))
        self.check_files(f"after zorio {' '.join(args)}")
        self.check(f"zorio {' '.join(args)}: logging", self.caplog.text)
        return result

    def check(self, where: str, text: str | bytes) -> None:
        data = text.encode() if isinstance(text, str) else text
        for secret in self.secrets:
            for part in {secret, secret.split("|", 1)[-1]}:
                assert part.encode() not in data, f"{where} holds a credential"
        assert not TOKEN.search(data.decode("utf-8", "replace")), f"{where} holds an API token"

    def check_files(self, when: str) -> None:
        for path in sorted(p for p in self.project.parent.rglob("*") if p.is_file()):
            self.check(f"{path.name} {when}", path.read_bytes())
            if path.name == ".zorio-state.json":
                self.states_seen += 1
                for blob in _provider_blobs(json.loads(path.read_text(encoding="utf-8"))):
                    self.blobs_seen += 1
                    self.check(f"a pickled provider in {path.name} {when}", blob)


def _provider_blobs(state: dict[str, Any]) -> list[bytes]:
    """Every `__provider` of the state, base64-decoded: the dill pickle the engine would load."""
    blobs = []
    for record in [*state.get("resources", []), *state.get("pending_deletes", [])]:
        for values in (record.get("inputs", {}), record.get("outputs", {})):
            blob = values.get("__provider")
            if blob is None:
                continue
            raw = base64.b64decode(blob.get("value") if isinstance(blob, dict) else blob)
            provider = dill.loads(raw)  # it is a real pickle of a provider, holding nothing once loaded
            assert type(provider).__module__.startswith("pulumi_zorio.resources") and provider._settings == {}
            blobs.append(raw)
    return blobs


def _session_tokens() -> list[str]:
    return [secret.reveal() for secret in _auth._tokens.values()]


def _exception_text(result: Result) -> str:
    """The traceback a terminal would show for an exception that escaped the command (none is expected, but see
    test_error_reporting.py), with the exception's repr."""
    if result.exc_info is None or isinstance(result.exception, SystemExit):
        return ""
    return "".join(traceback.format_exception(*result.exc_info)) + repr(result.exception)


def _shown(result: Result) -> str:
    """Everything the user sees of a command: stdout, stderr and an escaped traceback."""
    return result.stdout + result.stderr + _exception_text(result)


@pytest.fixture
def credentials(request: pytest.FixtureRequest, emulator: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """ZORIO_TOKEN (a logged-in admin token), or ZORIO_USERNAME / ZORIO_PASSWORD (a distinctive password); returns
    the secrets that must never show."""
    monkeypatch.setattr(seed, "USERS", tuple({**user, "password": PASSWORD} if user["username"] == "admin" else user
                                             for user in seed.USERS))
    assert emulator.control("POST", "reset").status_code == 204  # the emulator reloads its seed: the new password
    emulator.settings(rate_limit_scale=100, start_delay_s=0)
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    for name in ("ZORIO_TOKEN", "ZORIO_USERNAME", "ZORIO_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    if request.param == "token":
        token = emulator.login("admin", PASSWORD)
        monkeypatch.setenv("ZORIO_TOKEN", token)
        return [token, PASSWORD]
    monkeypatch.setenv("ZORIO_USERNAME", "admin")
    monkeypatch.setenv("ZORIO_PASSWORD", PASSWORD)
    return [PASSWORD]


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("credentials", ["token", "login"], indirect=True)
def test_no_credential_shows_anywhere_through_a_full_cycle_and_its_errors(
    credentials: list[str], emulator: Any, workdir: Path, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    quiet = logging.getLogger("pulumi_zorio.local.pulumi")  # the engine's SDK log: it does not propagate
    monkeypatch.setattr(quiet, "level", logging.DEBUG)
    quiet.addHandler(caplog.handler)
    try:
        _cycle(Audit(workdir, credentials, caplog), emulator, workdir, monkeypatch, login="ZORIO_USERNAME" in os.environ)
    finally:
        quiet.removeHandler(caplog.handler)


def _cycle(audit: Audit, emulator: Any, project: Path, monkeypatch: pytest.MonkeyPatch, login: bool) -> None:
    config = project / "zorio.yaml"
    config.write_text(FIRST, encoding="utf-8")
    assert audit.run("apply", "--yes", "proj").exit_code == 0
    assert audit.run("plan", "proj").exit_code == 0
    config.write_text(SECOND, encoding="utf-8")
    assert audit.run("apply", "--yes", "proj").exit_code == 0
    exported = audit.run("export", "--out", "exported")
    assert exported.exit_code == 0, exported.stderr
    assert sorted(p.name for p in (project.parent / "exported").rglob("*") if p.is_file()) == [
        "thank_you.wav", "zorio.yaml"]

    # An API 422, then a server error that outlasts the retries
    (project.parent / "bad").mkdir()
    (project.parent / "bad" / "zorio.yaml").write_text(REFUSED_SCRIPT, encoding="utf-8")
    assert emulator.control("POST", "faults", {"method": "POST", "path": "/api/autocall/scripts", "status": 422,
                                               "times": 1}).status_code == 201
    invalid = audit.run("apply", "--yes", "bad")
    assert invalid.exit_code == 1 and "HTTP 422" in _shown(invalid), _shown(invalid)
    assert emulator.control("POST", "faults", {"method": "*", "path": "/api/autocall/*", "status": 500,
                                               "times": 100}).status_code == 201
    failed = audit.run("plan", "proj")
    assert failed.exit_code == 1 and "HTTP 500" in _shown(failed), _shown(failed)
    assert emulator.control("DELETE", "faults").status_code == 204

    destroyed = audit.run("destroy", "--yes", "proj")
    assert destroyed.exit_code == 0, _shown(destroyed)
    assert audit.states_seen >= 6 and audit.blobs_seen >= 8  # the state and its pickles really were searched

    # An auth failure: a password that is wrong (and must not be echoed either), or a token that was revoked
    if login:
        audit.secrets.append(WRONG_PASSWORD)
        monkeypatch.setenv("ZORIO_PASSWORD", WRONG_PASSWORD)
        _auth._tokens.clear()  # a new run logs in again
    else:
        token = next(s for s in audit.secrets if "|" in s)
        assert emulator.api(token).post(f"{emulator.base_url}/api/auth/logout").status_code == 204
    refused = audit.run("plan", "proj")
    assert refused.exit_code == 1 and "HTTP 401" in _shown(refused), _shown(refused)
