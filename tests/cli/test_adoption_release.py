"""Objects taken over with `adopt_id` existed before the stack: when it stops managing them they are released, not
deleted (a campaign keeps its status and its call history), unless the YAML says `delete_on_destroy: true`; and
`protect: true` stops a delete altogether. What a user sees from `zorio apply` / `zorio destroy`, and the calls."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from .support import clear_log, writes, zorio

GROUP_A = 3


def console(emulator: Any, token: str, method: str, path: str, body: Any = None) -> dict[str, Any]:
    """A call made in the admin console (through the public API)."""
    response = emulator.api(token).request(method, f"{emulator.base_url}{path}", json=body, timeout=10)
    assert response.status_code in (200, 201, 202), response.text
    return dict(response.json()["data"])


def add_to_section(config: Path, section: str, text: str) -> None:
    """Insert YAML item lines right under the `section:` line of the file."""
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    index = lines.index(f"{section}:\n")
    config.write_text("".join([*lines[:index + 1], text, *lines[index + 1:]]), encoding="utf-8")


def test_destroy_releases_an_adopted_variable_and_deletes_it_only_with_delete_on_destroy(
    emulator: Any, token: str, project: Path
) -> None:
    config = project / "zorio.yaml"
    kept = console(emulator, token, "POST", "/api/autocall/variables", {"variable_code": "loyalty_tier",
                                                                         "name": "Loyalty tier"})
    gone = console(emulator, token, "POST", "/api/autocall/variables", {"variable_code": "member_since",
                                                                         "name": "Member since"})
    add_to_section(config, "variables", f"  loyalty_tier: {{name: Loyalty tier, adopt_id: {kept['id']}}}\n"
                                        f"  member_since: {{name: Member since, adopt_id: {gone['id']}, "
                                        "delete_on_destroy: true}\n")
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    clear_log(emulator)

    result = zorio("destroy", "--yes", "quickstart")

    assert result.exit_code == 0, result.stderr
    assert (f"  # variable loyalty_tier (id {kept['id']}) will be released: it stays in Zorio as it is, no longer "
            "managed by this stack (taken over with adopt_id)\n") in result.stdout
    assert f"  # variable member_since (id {gone['id']}) will be destroyed\n" in result.stdout
    assert "Plan: 0 to add, 0 to change, 5 to destroy, 1 to release.\n" in result.stdout
    assert "loyalty_tier: Releasing...\n" in result.stdout
    assert result.stdout.endswith("Destroy complete: 5 destroyed, 1 released (left in Zorio).\n")
    deleted = [path for method, path in writes(emulator) if method == "DELETE"]
    assert f"/api/autocall/variables/{gone['id']}" in deleted
    assert f"/api/autocall/variables/{kept['id']}" not in deleted
    assert console(emulator, token, "GET", f"/api/autocall/variables/{kept['id']}")["name"] == "Loyalty tier"


def test_an_adopted_running_campaign_removed_from_the_files_keeps_dialing_and_the_plan_says_so(
    emulator: Any, token: str, project: Path
) -> None:
    config = project / "zorio.yaml"
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    script_id = console(emulator, token, "GET", "/api/autocall/campaigns/1")["script_id"]
    legacy = console(emulator, token, "POST", "/api/autocall/campaigns",
                     {"name": "legacy", "script_id": script_id, "caller_id_group_id": GROUP_A})
    console(emulator, token, "POST", f"/api/autocall/campaigns/{legacy['id']}/start")
    deadline = time.monotonic() + 10
    while console(emulator, token, "GET", f"/api/autocall/campaigns/{legacy['id']}")["status"] != "running":
        assert time.monotonic() < deadline, "the emulator never moved the campaign to running"
        time.sleep(0.05)
    item = (f"  legacy:\n    adopt_id: {legacy['id']}\n    script: reminder\n"
            "    caller_id_group: \"Group A - Viettel Sales\"\n    status: running\n")
    add_to_section(config, "campaigns", item)
    clear_log(emulator)
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    assert writes(emulator) == []  # taken over as it is

    config.write_text(config.read_text(encoding="utf-8").replace(item, ""), encoding="utf-8")
    result = zorio("apply", "--yes", "quickstart")

    assert result.exit_code == 0, result.stderr
    assert (f"  # campaign legacy (id {legacy['id']}) will be released: it stays in Zorio as it is, no longer "
            "managed by this stack (taken over with adopt_id); it keeps its status running and goes on DIALING\n"
            ) in result.stdout
    assert writes(emulator) == []  # neither stopped nor deleted
    assert console(emulator, token, "GET", f"/api/autocall/campaigns/{legacy['id']}")["status"] == "running"


def test_destroy_of_a_protected_object_is_refused_before_anything_is_deleted(
    emulator: Any, token: str, project: Path
) -> None:
    config = project / "zorio.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    name: Salutation\n", "    name: Salutation\n    protect: true\n"), encoding="utf-8")
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    clear_log(emulator)

    result = zorio("destroy", "--yes", "quickstart")

    assert result.exit_code == 1
    assert ("Error: salutation_name: is protected, so it cannot be deleted: set protect to false (YAML: "
            "`protect: false`) and apply that first, then delete it") in result.stderr
    assert "Traceback" not in result.stderr
    assert writes(emulator) == []


def test_protect_added_without_any_other_change_is_recorded_and_holds(
    emulator: Any, token: str, project: Path
) -> None:
    config = project / "zorio.yaml"
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    name: Salutation\n", "    name: Salutation\n    protect: true\n"), encoding="utf-8")
    clear_log(emulator)
    recorded = zorio("apply", "--yes", "quickstart")
    assert recorded.exit_code == 0
    assert "Recorded the protect / release settings of salutation_name (nothing in Zorio changes)." in recorded.stdout
    assert writes(emulator) == []
    refused = zorio("destroy", "--yes", "quickstart")
    assert refused.exit_code == 1 and "salutation_name: is protected" in refused.stderr
    assert writes(emulator) == []


def test_a_state_written_before_release_existed_still_releases_adopted_objects(
    emulator: Any, token: str, project: Path
) -> None:
    config = project / "zorio.yaml"
    kept = console(emulator, token, "POST", "/api/autocall/variables", {"variable_code": "loyalty_tier", "name": "T"})
    add_to_section(config, "variables", f"  loyalty_tier: {{name: T, adopt_id: {kept['id']}}}\n")
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    state_file = project / ".zorio-state.json"
    state = json.loads(state_file.read_text(encoding="utf-8"))
    for record in state["resources"]:  # as an older pulumi-zorio wrote it
        record.pop("protect", None)
        record.pop("retain_on_delete", None)
    state_file.write_text(json.dumps(state), encoding="utf-8")
    clear_log(emulator)
    assert zorio("destroy", "--yes", "quickstart").exit_code == 0
    assert ("DELETE", f"/api/autocall/variables/{kept['id']}") not in writes(emulator)
