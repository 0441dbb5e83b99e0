"""Contract sections 6 and 9 (read-only catalogs): voices, queues and DTMF action types, plus the seed data and
control calls that change them."""

from __future__ import annotations

import pytest

from contract_support import assert_validation

VOICE_KEYS = {"id", "name", "preview_url", "gender", "language"}


def _voices(api):
    response = api.get("/api/autocall/voices")
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"data"}
    return {voice["id"]: voice for voice in response.json()["data"]}


def test_voices_list_has_documented_shape(api):
    voices = _voices(api)
    documented = voices["voice_id_premium_02"]
    assert set(documented) == VOICE_KEYS
    assert all(isinstance(documented[key], str) for key in VOICE_KEYS)
    assert documented["preview_url"].startswith("https://")
    library = voices["vi-VN-female-01"]
    assert set(library) == VOICE_KEYS
    assert library["language"].startswith("vi")


def test_voices_never_report_a_tier(api):
    for voice in _voices(api).values():
        assert not any("tier" in key for key in voice), voice


def test_degraded_voice_has_only_id_and_name_equal_to_id(api):
    degraded = [voice for voice in _voices(api).values() if set(voice) == {"id", "name"}]
    assert len(degraded) == 1
    assert degraded[0]["name"] == degraded[0]["id"]


def test_every_listed_voice_is_either_complete_or_degraded(api):
    for voice in _voices(api).values():
        assert set(voice) in (VOICE_KEYS, {"id", "name"}), voice


def test_added_voice_is_listed_and_usable(api, emulator):
    voice = {"id": "vi-VN-male-07", "name": "Nam", "preview_url": "https://cdn.example/p.mp3", "gender": "male",
             "language": "vi"}
    assert emulator.control("POST", "voices", voice).status_code == 201
    assert _voices(api)["vi-VN-male-07"] == voice
    assert api.script(voice_id="vi-VN-male-07")["voice_id"] == "vi-VN-male-07"


def test_withdrawn_voice_disappears_from_the_list(api, emulator):
    assert emulator.control("PATCH", "voices/vi-VN-female-01", {"status": "disabled"}).status_code == 200
    assert "vi-VN-female-01" not in _voices(api)
    body = {"name": "s", "template_text": "t", "voice_id": "vi-VN-female-01"}
    assert_validation(api.post("/api/autocall/scripts", json=body), {"voice_id": "The selected voice id is invalid."})


def test_voices_are_the_same_for_both_tenants(zorio):
    assert set(_voices(zorio.admin)) == set(_voices(zorio.other))


def test_queues_list_has_documented_shape(api):
    response = api.get("/api/autocall/queues")
    assert response.status_code == 200
    assert set(response.json()) == {"data"}
    queues = {queue["name"]: queue for queue in response.json()["data"]}
    assert {"support@default", "sales@default"} <= set(queues)
    assert queues["support@default"] == {"name": "support@default", "display_name": "Support"}
    for queue in queues.values():
        assert set(queue) == {"name", "display_name"}


def test_added_queue_is_listed_and_usable(api, emulator):
    assert emulator.control("POST", "queues", {"name": "vip@default", "display_name": "VIP"}).status_code == 201
    names = [queue["name"] for queue in api.get("/api/autocall/queues").json()["data"]]
    assert "vip@default" in names
    script = api.script(dtmf_actions=[{"digit": "1", "label": "VIP", "action_type": "queue",
                                       "target_queue_name": "vip@default"}])
    assert script["dtmf_actions"][0]["target_queue_name"] == "vip@default"


def test_action_types_list_every_documented_type(api):
    response = api.get("/api/autocall/dtmf-action-types")
    assert response.status_code == 200
    assert set(response.json()) == {"data"}
    assert sorted(response.json()["data"]) == sorted(
        ["playback", "playback_then_hangup", "queue", "switch_script", "repeat_script", "hangup"])


@pytest.mark.parametrize("path", ["/api/autocall/voices", "/api/autocall/queues", "/api/autocall/dtmf-action-types",
                                  "/api/caller-id-groups"])
def test_small_fixed_lists_ignore_pagination_parameters(api, path):
    response = api.get(path, params={"page": 2, "per_page": 1})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"data"}
    assert body["data"] == api.get(path).json()["data"]


def test_degraded_voice_is_still_usable_for_scripts(api):
    degraded = next(voice for voice in _voices(api).values() if set(voice) == {"id", "name"})
    assert api.script(voice_id=degraded["id"])["voice_id"] == degraded["id"]


def test_added_degraded_voice_keeps_its_short_shape(api, emulator):
    assert emulator.control("POST", "voices", {"id": "vi-VN-short-09", "name": "vi-VN-short-09"}).status_code == 201
    assert _voices(api)["vi-VN-short-09"] == {"id": "vi-VN-short-09", "name": "vi-VN-short-09"}
