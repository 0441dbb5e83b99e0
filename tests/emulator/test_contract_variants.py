"""Emulator variants (issue 17): each switch makes one inferred [I] rule behave the way the real Zorio plausibly
does instead, so that the client can be proven tolerant of it. Switched on per test through the settings."""

from __future__ import annotations

import re

import pytest
import requests

from contract_support import assert_message

BASE = "/api/autocall"
VARIANT_NAMES = ["accept-redirect", "delete-200", "duplicate-409", "file-path-hash", "idempotency-ignored",
                 "laravel-paginator", "start-without-group"]


def test_no_variant_is_on_by_default_and_the_settings_list_every_one_that_is(emulator):
    assert emulator.control("GET", "settings").json()["variants"] == []
    assert emulator.settings(variants=["duplicate-409", "delete-200"])["variants"] == ["delete-200", "duplicate-409"]
    assert emulator.control("POST", "reset").status_code == 204
    assert emulator.control("GET", "settings").json()["variants"] == []


def test_an_unknown_variant_is_refused_with_the_valid_names(emulator):
    response = emulator.control("PATCH", "settings", {"variants": ["delete-204"]})
    assert response.status_code == 422
    assert response.json()["errors"] == {"variants": [
        f"Unknown variant delete-204; the variants are: {', '.join(VARIANT_NAMES)}."]}


@pytest.mark.parametrize("kind", ["variables", "scripts", "campaigns", "media"])
def test_delete_200_answers_200_with_empty_data_instead_of_204(zorio, emulator, kind):
    api = zorio.admin
    created = {"variables": api.variable, "scripts": api.script, "campaigns": api.campaign, "media": api.media}[kind]()
    path = f"/api/media-files/{created['id']}" if kind == "media" else f"{BASE}/{kind}/{created['id']}"
    emulator.settings(variants=["delete-200"])
    response = api.delete(path)
    assert (response.status_code, response.json()) == (200, {"data": {}})
    assert api.get(path).status_code == 404


def test_duplicate_409_answers_409_for_a_variable_code_already_taken(zorio, emulator):
    api = zorio.admin
    api.variable("taken")
    emulator.settings(variants=["duplicate-409"])
    response = api.post(f"{BASE}/variables", json={"variable_code": "taken", "name": "Again"})
    assert_message(response, 409, "The variable code has already been taken.")
    assert api.get(f"{BASE}/variables").json()["total"] == 1


def test_idempotency_ignored_runs_a_repeated_key_again_without_replay_or_conflict(zorio, emulator):
    api = zorio.admin
    emulator.settings(variants=["idempotency-ignored"])
    headers = {"Idempotency-Key": "same-key"}
    first = api.post(f"{BASE}/variables", json={"variable_code": "once", "name": "Once"}, headers=headers)
    again = api.post(f"{BASE}/variables", json={"variable_code": "once", "name": "Once"}, headers=headers)
    other = api.post(f"{BASE}/variables", json={"variable_code": "other", "name": "Other"}, headers=headers)
    assert (first.status_code, again.status_code, other.status_code) == (201, 422, 201)
    assert "Idempotent-Replayed" not in again.headers
    assert again.json()["errors"] == {"variable_code": ["The variable code has already been taken."]}


def test_file_path_hash_stores_uploads_under_a_hash_not_the_slug_of_their_name(zorio, emulator):
    emulator.settings(variants=["file-path-hash"])
    first = zorio.admin.media(name="Thank you")
    second = zorio.admin.media(name="Thank you")
    assert re.fullmatch(r"/media/[0-9a-f]{32}\.wav", first["file_path"])
    assert first["file_path"] != second["file_path"]
    script = zorio.admin.script(dtmf_actions=[{"digit": "1", "action_type": "playback",
                                               "target_audio_url": first["file_path"]}])
    assert script["dtmf_actions"][0]["target_audio_url"] == first["file_path"]


def test_laravel_paginator_adds_the_full_paginator_keys_with_absolute_urls(zorio, emulator):
    api = zorio.admin
    for index in range(5):
        api.variable(f"v{index}")
    emulator.settings(variants=["laravel-paginator"])
    body = api.get(f"{BASE}/variables", params={"page": 2, "per_page": 2}).json()
    path = f"{emulator.base_url}{BASE}/variables"
    assert {k: v for k, v in body.items() if k not in ("data", "links")} == {
        "current_page": 2, "last_page": 3, "per_page": 2, "total": 5, "from": 3, "to": 4, "path": path,
        "first_page_url": f"{path}?page=1", "last_page_url": f"{path}?page=3",
        "next_page_url": f"{path}?page=3", "prev_page_url": f"{path}?page=1",
    }
    assert [v["variable_code"] for v in body["data"]] == ["v2", "v3"]
    assert body["links"] == [
        {"url": f"{path}?page=1", "label": "&laquo; Previous", "active": False},
        {"url": f"{path}?page=1", "label": "1", "active": False},
        {"url": f"{path}?page=2", "label": "2", "active": True},
        {"url": f"{path}?page=3", "label": "3", "active": False},
        {"url": f"{path}?page=3", "label": "Next &raquo;", "active": False},
    ]


def test_laravel_paginator_clamps_per_page_over_200_instead_of_refusing_it(zorio, emulator):
    api = zorio.admin
    assert api.get(f"{BASE}/variables", params={"per_page": 500}).status_code == 422
    emulator.settings(variants=["laravel-paginator"])
    body = api.get(f"{BASE}/variables", params={"per_page": 500}).json()
    assert (body["per_page"], body["from"], body["to"], body["next_page_url"]) == (200, None, None, None)


def test_accept_redirect_sends_requests_that_do_not_ask_for_json_to_the_login_page(zorio, emulator):
    emulator.settings(variants=["accept-redirect"])
    token = zorio.admin.session.headers["Authorization"]
    url = f"{emulator.base_url}{BASE}/voices"
    for accept in (None, "*/*", "text/html"):
        headers = {"Authorization": token} | ({"Accept": accept} if accept else {})
        response = requests.get(url, headers=headers, allow_redirects=False, timeout=10)
        assert (response.status_code, response.headers["Location"]) == (302, f"{emulator.base_url}/login"), accept
    assert requests.get(url, headers={"Authorization": token, "Accept": "application/json"}, timeout=10).ok
    assert [e["status"] for e in emulator.requests_log()] == [302, 302, 302, 200]


def test_start_without_group_starts_a_campaign_that_has_no_caller_id_group(zorio, emulator):
    api = zorio.admin
    campaign = api.campaign(caller_id_group_id=None)
    assert api.action(campaign["id"], "start").status_code == 422
    emulator.settings(variants=["start-without-group"])
    assert api.action(campaign["id"], "start").status_code == 202
    bad_group = api.campaign(caller_id_group_id=3)
    emulator.control("PATCH", "caller-id-groups/3", {"status": "disabled"})
    assert api.action(bad_group["id"], "start").status_code == 422  # a group that is set must still be active


def test_variant_names_are_the_same_in_the_settings_and_the_command_line_help():
    from click.testing import CliRunner

    from pulumi_zorio.cli import main
    from zorio_emulator.variants import VARIANTS

    assert sorted(VARIANTS) == VARIANT_NAMES
    help_text = re.sub(r"-\s+", "-", " ".join(CliRunner().invoke(main, ["emulator", "--help"]).output.split()))
    assert ", ".join(VARIANT_NAMES) in help_text
