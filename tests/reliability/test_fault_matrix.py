"""Issue 15: every mutating endpoint the provider uses × every fault the network or the API can throw at it.

Each cell applies a small project (a create, or a create and then an edit that updates, pauses / resumes / stops /
archives / unarchives, deletes or replaces), with one fault rule on the endpoint during the apply that calls it. The
cell passes when that apply succeeds and leaves the account with exactly the declared objects, one per name, in the
declared statuses, and `zorio plan` then says there is nothing to do. A cell whose fault never fired fails.

One failure of one request is what retries are for: the apply itself must succeed, not only a re-run of it (a user
would notice a failed apply in CI). Every cell does today, so the stricter bar is the one kept.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from cli.support import account, clear_log, zorio

from .scenarios import ENDPOINTS, FAULTS, Endpoint, Fault

pytestmark = pytest.mark.usefixtures("fast_backoff")


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_apply_converges_when_the_endpoint_fails_once(
    endpoint: str, fault: str, emulator: Any, token: str, workdir: Path
) -> None:
    target = ENDPOINTS[endpoint]
    scenario = target.scenario
    if target.apply == 2:  # the first apply only sets up what the second one changes
        (workdir / "zorio.yaml").write_text(scenario.first_yaml, encoding="utf-8")
        setup = zorio("apply", "--yes", "proj")
        assert setup.exit_code == 0, _transcript(setup)
        assert account(emulator, token) == scenario.first
    text, declared = (scenario.first_yaml, scenario.first) if target.apply == 1 else \
        (scenario.second_yaml, scenario.second)
    (workdir / "zorio.yaml").write_text(text, encoding="utf-8")
    if FAULTS[fault].variants:
        emulator.settings(variants=list(FAULTS[fault].variants))
    clear_log(emulator)
    rule = {"method": target.method, "path": target.path, "times": 1, **FAULTS[fault].rule}
    assert emulator.control("POST", "faults", rule).status_code == 201

    applied = zorio("apply", "--yes", "proj")
    _assert_fired(emulator, target, FAULTS[fault], applied)
    assert applied.exit_code == 0, _transcript(applied)
    assert account(emulator, token) == declared, _transcript(applied)
    plan = zorio("plan", "proj")
    assert plan.exit_code == 0, _transcript(applied, plan)


def _assert_fired(emulator: Any, target: Endpoint, fault: Fault, applied: Result) -> None:
    """The rule was used up, and the log shows the endpoint answering with the fault (0: no answer)."""
    assert emulator.control("GET", "faults").json()["data"] == [], "the fault never fired\n" + _transcript(applied)
    hits = [e for e in emulator.requests_log() if e["method"] == target.method
            and fnmatch.fnmatchcase(e["path"].split("?")[0], target.path) and e["status"] == fault.logged_status]
    assert len(hits) == 1, _transcript(applied)


def _transcript(*runs: Result) -> str:
    return "\n".join(f"--- exit {r.exit_code}\n{r.stdout}{r.stderr}" for r in runs)
