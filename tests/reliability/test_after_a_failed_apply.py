"""What a user meets after something failed, found by the reliability audit (issue 15): a failed apply must not leave a
state that `destroy` cannot undo, and an API failure while reading the account is an error line, not a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cli.support import account, zorio

from .scenarios import SMALL_PROJECT

FIRST = SMALL_PROJECT
SEED = {"variables": [], "media": [], "scripts": [], "campaigns": []}


def test_destroy_after_an_apply_that_failed_partway_deletes_dependants_first(
    emulator: Any, token: str, workdir: Path
) -> None:
    config = workdir / "zorio.yaml"
    config.write_text(FIRST, encoding="utf-8")
    assert zorio("apply", "--yes", "proj").exit_code == 0
    # a new script that only the API refuses (a 422 at its create), declared before the one the campaign uses
    config.write_text(FIRST.replace("scripts:\n", "scripts:\n  spoken: {voice_id: vi-VN-female-01, template_text: Hi}\n"),
                      encoding="utf-8")
    rule = {"method": "POST", "path": "/api/autocall/scripts", "status": 422, "times": 1}
    assert emulator.control("POST", "faults", rule).status_code == 201
    failed = zorio("apply", "--yes", "proj")
    assert failed.exit_code == 1 and "HTTP 422" in failed.stderr, failed.stderr
    destroyed = zorio("destroy", "--yes", "proj")
    assert destroyed.exit_code == 0, destroyed.stderr
    assert account(emulator, token) == SEED


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("command", ["plan", "apply", "destroy"])
@pytest.mark.parametrize("failure", ["server error", "revoked token"])
def test_an_api_failure_while_reading_the_account_is_one_error_line_not_a_traceback(
    command: str, failure: str, emulator: Any, token: str, workdir: Path
) -> None:
    (workdir / "zorio.yaml").write_text(FIRST, encoding="utf-8")
    assert zorio("apply", "--yes", "proj").exit_code == 0
    if failure == "server error":
        rule = {"method": "GET", "path": "/api/*", "status": 500, "times": 100}
        assert emulator.control("POST", "faults", rule).status_code == 201
    else:
        assert emulator.api(token).post(f"{emulator.base_url}/api/auth/logout").status_code == 204
    result = zorio(command, *(["--yes"] if command != "plan" else []), "proj")
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), repr(result.exception)  # reported, not escaped
    assert result.stderr.splitlines()[-1].startswith("Error: ")
