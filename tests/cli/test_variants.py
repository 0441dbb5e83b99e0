"""Ready for the real Zorio (issue 17): the full apply / refresh / destroy cycle of `zorio` under each emulator
variant, i.e. where the real API may differ from what api-contract.md infers. Each must converge the same way."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from local.support import write_wav  # tests/local, loaded as the package `local`

from .support import account, clear_log, zorio

VARIABLES = "/api/autocall/variables"
APPLIED = {"variables": [("salutation_name", None)], "media": [("thank_you", None)],
           "scripts": [("reminder", "active")], "campaigns": [("q3_care", "running")]}
EMPTY: dict[str, list[Any]] = {"variables": [], "media": [], "scripts": [], "campaigns": []}


def _variants(emulator: Any, *names: str) -> None:
    assert emulator.settings(variants=list(names))["variants"] == sorted(names)


def _new_audio(project: Path) -> None:
    write_wav(project / "audio" / "thank_you.wav", seconds=0.1, tone=700)


def _script_plays_the_media(emulator: Any, token: str) -> None:
    """The script's DTMF action points at the media file's file_path as the API stored it (read back)."""
    api = emulator.api(token)
    media = api.get(f"{emulator.base_url}/api/media-files", timeout=10).json()["data"]
    script = api.get(f"{emulator.base_url}/api/autocall/scripts", timeout=10).json()["data"][0]
    assert [action["target_audio_url"] for action in script["dtmf_actions"][:1]] == [m["file_path"] for m in media]


def full_cycle(emulator: Any, token: str, project: Path) -> None:
    """apply → plan (refresh: no changes) → new audio and an edit → apply → plan → destroy → nothing left."""
    applied = zorio("apply", "--yes", "quickstart")
    assert applied.exit_code == 0, applied.stderr
    assert account(emulator, token) == APPLIED
    _script_plays_the_media(emulator, token)
    planned = zorio("plan", "quickstart")
    assert (planned.exit_code, planned.stdout) == (0, "No changes. The Zorio account matches the configuration.\n")
    _new_audio(project)
    config = project / "zorio.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("anh An", "chị Bình"), encoding="utf-8")
    changed = zorio("apply", "--yes", "quickstart")
    assert changed.exit_code == 0, changed.stderr
    assert changed.stdout.endswith("Apply complete: 1 added, 2 changed, 1 destroyed.\n")
    assert account(emulator, token) == APPLIED
    _script_plays_the_media(emulator, token)
    assert zorio("plan", "quickstart").exit_code == 0
    destroyed = zorio("destroy", "--yes", "quickstart")
    assert destroyed.exit_code == 0, destroyed.stderr
    assert account(emulator, token) == EMPTY


@pytest.mark.parametrize("variant", ["delete-200", "duplicate-409", "idempotency-ignored", "file-path-hash",
                                     "laravel-paginator"])
def test_full_cycle_converges_under_the_variant(emulator: Any, token: str, project: Path, variant: str) -> None:
    _variants(emulator, variant)
    full_cycle(emulator, token, project)


def test_full_cycle_converges_when_the_api_shows_every_variant_at_once(
    emulator: Any, token: str, project: Path
) -> None:
    _variants(emulator, "delete-200", "duplicate-409", "idempotency-ignored", "file-path-hash", "laravel-paginator",
              "accept-redirect")
    full_cycle(emulator, token, project)


def test_every_request_asks_for_json_so_an_api_that_redirects_other_requests_never_does(
    emulator: Any, token: str, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _variants(emulator, "accept-redirect")
    monkeypatch.delenv("ZORIO_TOKEN")
    monkeypatch.setenv("ZORIO_USERNAME", "admin")
    monkeypatch.setenv("ZORIO_PASSWORD", "admin")  # so that the login request is the command's own
    clear_log(emulator)
    full_cycle(emulator, token, project)
    assert zorio("apply", "--yes", "quickstart").exit_code == 0
    assert zorio("export", "--out", "exported").exit_code == 0  # downloads the audio
    log = emulator.requests_log()
    assert [e for e in log if e["status"] == 302] == []
    sent = {(e["method"], e["path"].split("?")[0]) for e in log}
    assert {("POST", "/api/auth/login"), ("POST", "/api/media-files"), ("DELETE", "/api/media-files/1"),
            ("GET", "/api/media-files"), ("POST", "/api/autocall/campaigns/1/start"),
            ("GET", "/api/media-files/3/download")} <= sent


@pytest.mark.parametrize("path", [VARIABLES, "/api/media-files", "/api/autocall/scripts", "/api/autocall/campaigns"])
def test_a_create_whose_connection_drops_after_commit_ends_with_one_object_when_keys_are_ignored(
    emulator: Any, token: str, project: Path, path: str
) -> None:
    _variants(emulator, "idempotency-ignored")
    rule = {"method": "POST", "path": path, "after_commit": True, "drop_connection": True, "times": 1}
    assert emulator.control("POST", "faults", rule).status_code == 201
    applied = zorio("apply", "--yes", "quickstart")
    assert applied.exit_code == 0, applied.stderr
    assert account(emulator, token) == APPLIED
    posts = [e["status"] for e in emulator.requests_log() if e["method"] == "POST" and e["path"] == path]
    assert posts == [0]  # found by looking, never sent again
    assert zorio("plan", "quickstart").exit_code == 0


def test_a_create_answered_slowly_after_commit_ends_with_one_object_when_keys_are_ignored(
    emulator: Any, token: str, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _variants(emulator, "idempotency-ignored")
    monkeypatch.setenv("ZORIO_READ_TIMEOUT", "0.5")
    for path in (VARIABLES, "/api/media-files", "/api/autocall/scripts", "/api/autocall/campaigns"):
        rule = {"method": "POST", "path": path, "status": None, "delay_after_commit_s": 2, "times": 1}
        assert emulator.control("POST", "faults", rule).status_code == 201
    applied = zorio("apply", "--yes", "quickstart")
    assert applied.exit_code == 0, applied.stderr
    assert account(emulator, token) == APPLIED


def test_a_variable_that_already_exists_is_refused_with_its_id_and_the_adoption_to_declare(
    emulator: Any, token: str, project: Path
) -> None:
    existing = emulator.api(token).post(f"{emulator.base_url}{VARIABLES}", timeout=10,
                                        json={"variable_code": "salutation_name", "name": "Made in the console"})
    variable_id = existing.json()["data"]["id"]
    for variant in ([], ["duplicate-409"]):
        _variants(emulator, *variant)
        result = zorio("apply", "--yes", "quickstart")  # the plan reads the codes: refused before any write
        assert result.exit_code == 1
        assert result.stderr.splitlines()[-1] == (
            f"Error: salutation_name: variable code salutation_name already exists on the account (id {variable_id}),"
            f" so it cannot be created again. To manage that variable here, take it over: declare it with adopt_id: "
            f"{variable_id}; otherwise choose another code")


def _without_caller_id_group(project: Path) -> None:
    config = project / "zorio.yaml"
    text = config.read_text(encoding="utf-8")
    assert '    caller_id_group: "Group A - Viettel Sales"\n' in text
    config.write_text(text.replace('    caller_id_group: "Group A - Viettel Sales"\n', ""), encoding="utf-8")


NO_GROUP_WARNING = (
    "⚠ campaign q3_care will start without a caller-ID group: Zorio then dials from the default trunk's caller ID "
    "(numbers not chosen here), or refuses to start it if the account requires a group. Set caller_id_group "
    "(caller_id_group_id in Python) to choose the numbers people see.\n")


def test_plan_warns_that_a_campaign_will_start_without_a_caller_id_group(
    emulator: Any, token: str, project: Path
) -> None:
    _without_caller_id_group(project)
    result = zorio("plan", "quickstart")
    assert result.exit_code == 2, result.stderr
    assert NO_GROUP_WARNING in result.stdout
    markdown = zorio("plan", "--format", "markdown", "quickstart")
    warning = markdown.stdout.split("> [!WARNING]\n> ", 1)[1].split("\n", 1)[0]
    html = MarkdownIt("commonmark").render(warning)  # the text is escaped; it renders as written
    assert html == f"<p>{escape(NO_GROUP_WARNING.removeprefix('⚠ ').strip(), quote=False)}</p>\n"


def test_start_refused_for_want_of_a_caller_id_group_names_the_campaign_and_the_fix(
    emulator: Any, token: str, project: Path
) -> None:
    _without_caller_id_group(project)
    result = zorio("apply", "--yes", "quickstart")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2] == (
        "Error: q3_care: campaign q3_care (1) could not be started: Zorio requires a caller-ID group to start it "
        "(caller_id_group_id: The caller id group id field is required when starting a campaign.). Set "
        "caller_id_group (caller_id_group_id in Python) to an active group, or keep status: draft. The campaign "
        "q3_care that this step created (id 1) had not dialed and was deleted again, so nothing is left behind; fix "
        "the cause and run the update again")
    assert account(emulator, token)["campaigns"] == []


def test_full_cycle_of_a_campaign_without_a_caller_id_group_where_the_api_starts_it(
    emulator: Any, token: str, project: Path
) -> None:
    _variants(emulator, "start-without-group")
    _without_caller_id_group(project)
    applied = zorio("apply", "--yes", "quickstart")
    assert applied.exit_code == 0, applied.stderr
    assert NO_GROUP_WARNING in applied.stdout
    assert account(emulator, token) == APPLIED
    planned = zorio("plan", "quickstart")
    assert (planned.exit_code, planned.stdout) == (0, "No changes. The Zorio account matches the configuration.\n")
    assert zorio("destroy", "--yes", "quickstart").exit_code == 0
    assert account(emulator, token) == EMPTY
