"""Contract section 9: scripts, their DTMF actions and the rules on targets, status, update and deletion."""

from __future__ import annotations

import pytest

from contract_support import TIMESTAMP_RE, assert_message, assert_validation

PATH = "/api/autocall/scripts"
VOICE = "vi-VN-female-01"


def _body(**fields):
    return {"name": "Reminder", "template_text": "Hello", "voice_id": VOICE, **fields}


def test_create_example_from_docs_returns_201_with_defaults(api):
    response = api.post(PATH, json=_body(template_text="Hello {{customer_name}}. Press 1 to confirm."))
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert {"id", "tenant_id", "name", "description", "template_text", "voice_id", "tts_tier",
            "max_repeat_per_attempt", "status", "dtmf_actions", "variables", "created_at", "updated_at"} <= set(data)
    assert isinstance(data["id"], int)
    assert data["tenant_id"] == 1
    assert data["tts_tier"] == "B"
    assert data["max_repeat_per_attempt"] == 1
    assert data["status"] == "draft"
    assert data["dtmf_actions"] == []
    assert data["description"] is None
    assert data["variables"] == ["customer_name"]
    assert TIMESTAMP_RE.match(data["created_at"]) and TIMESTAMP_RE.match(data["updated_at"])


def test_tenant_two_scripts_report_their_tenant(zorio):
    assert zorio.other.script()["tenant_id"] == 2


@pytest.mark.parametrize(("template", "variables"), [
    ("no placeholders", []),
    ("{{a}} {{b}} {{a}}", ["a", "b"]),
    ("{{ spaced }} and {{spaced}} then {{  first_seen_later }}", ["spaced", "first_seen_later"]),
    ("{{z_last}}{{a_first}}", ["z_last", "a_first"]),
    ("{{undefined_code}} is fine at this stage", ["undefined_code"]),
    ("single {braces} and {{ }} and {{Bad-Code}}", []),
])
def test_variables_list_placeholders_in_order_of_first_use(api, template, variables):
    assert api.script(template_text=template)["variables"] == variables


def test_variables_follow_template_updates(api):
    script = api.script(template_text="{{one}}")
    data = api.put(f"{PATH}/{script['id']}", json={"template_text": "{{two}} {{one}}"}).json()["data"]
    assert data["variables"] == ["two", "one"]


@pytest.mark.parametrize("tier", ["A", "B"])
@pytest.mark.parametrize("repeat", [1, 5])
@pytest.mark.parametrize("status", ["draft", "active", "archived"])
def test_documented_values_are_accepted(api, tier, repeat, status):
    data = api.script(tts_tier=tier, max_repeat_per_attempt=repeat, status=status)
    assert (data["tts_tier"], data["max_repeat_per_attempt"], data["status"]) == (tier, repeat, status)


@pytest.mark.parametrize("voice", ["vi-VN-female-01", "voice_id_premium_02"])
def test_listed_voices_are_accepted(api, voice):
    assert api.script(voice_id=voice)["voice_id"] == voice


def test_get_returns_the_created_script(api):
    script = api.script(description="desc")
    assert api.get(f"{PATH}/{script['id']}").json() == {"data": script}


# --- DTMF actions ------------------------------------------------------------------------------------------------

def _targets(api):
    media = api.media("menu_audio")
    other = api.script(name="target script")
    return media, other


def test_every_action_type_with_its_target_round_trips(api):
    media, other = _targets(api)
    actions = [
        {"digit": "1", "label": "Play", "action_type": "playback", "target_audio_url": media["file_path"]},
        {"digit": "2", "label": "Play and hang up", "action_type": "playback_then_hangup",
         "target_audio_url": media["file_path"]},
        {"digit": "3", "label": "Agent", "action_type": "queue", "target_queue_name": "support@default"},
        {"digit": "4", "label": "Other menu", "action_type": "switch_script", "target_script_id": other["id"]},
        {"digit": "*", "label": "Repeat", "action_type": "repeat_script"},
        {"digit": "#", "label": "Bye", "action_type": "hangup"},
    ]
    data = api.script(dtmf_actions=actions)
    assert len(data["dtmf_actions"]) == len(actions)
    for sent, got in zip(actions, data["dtmf_actions"]):
        assert {key: got[key] for key in sent} == sent
        assert isinstance(got["digit"], str)


@pytest.mark.parametrize("digit", list("0123456789*#"))
def test_every_documented_digit_is_accepted(api, digit):
    data = api.script(dtmf_actions=[{"digit": digit, "label": "x", "action_type": "hangup"}])
    assert data["dtmf_actions"][0]["digit"] == digit


def test_twelve_actions_are_accepted(api):
    actions = [{"digit": d, "label": f"k{d}", "action_type": "hangup"} for d in "0123456789*#"]
    assert len(api.script(dtmf_actions=actions)["dtmf_actions"]) == 12


def _action_error(api, action, field, message, index=0, extra_actions=()):
    actions = [*extra_actions, action]
    before = api.get(PATH).json()["total"]
    response = api.post(PATH, json=_body(dtmf_actions=actions))
    assert_validation(response, {f"dtmf_actions.{index}.{field}": message})
    assert api.get(PATH).json()["total"] == before


@pytest.mark.parametrize(("action", "field", "message"), [
    ({"label": "x", "action_type": "hangup"}, "digit", "The dtmf actions.0.digit field is required."),
    ({"digit": "A", "label": "x", "action_type": "hangup"}, "digit", "The selected dtmf actions.0.digit is invalid."),
    ({"digit": "10", "label": "x", "action_type": "hangup"}, "digit", "The selected dtmf actions.0.digit is invalid."),
    ({"digit": "1", "label": "x" * 101, "action_type": "hangup"}, "label",
     "The dtmf actions.0.label must not be greater than 100 characters."),
    ({"digit": "1", "label": "x"}, "action_type", "The dtmf actions.0.action type field is required."),
    ({"digit": "1", "label": "x", "action_type": "transfer"}, "action_type",
     "The selected dtmf actions.0.action type is invalid."),
    ({"digit": "1", "label": "x", "action_type": "playback"}, "target_audio_url",
     "The dtmf actions.0.target audio url field is required."),
    ({"digit": "1", "label": "x", "action_type": "playback_then_hangup"}, "target_audio_url",
     "The dtmf actions.0.target audio url field is required."),
    ({"digit": "1", "label": "x", "action_type": "playback", "target_audio_url": "/media/missing.wav"},
     "target_audio_url", "The selected dtmf actions.0.target audio url is invalid."),
    ({"digit": "1", "label": "x", "action_type": "playback", "target_audio_url": "https://example.com/a.wav"},
     "target_audio_url", "The selected dtmf actions.0.target audio url is invalid."),
    ({"digit": "1", "label": "x", "action_type": "queue"}, "target_queue_name",
     "The dtmf actions.0.target queue name field is required."),
    ({"digit": "1", "label": "x", "action_type": "queue", "target_queue_name": "nope@default"},
     "target_queue_name", "The selected dtmf actions.0.target queue name is invalid."),
    ({"digit": "1", "label": "x", "action_type": "switch_script"}, "target_script_id",
     "The dtmf actions.0.target script id field is required."),
    ({"digit": "1", "label": "x", "action_type": "switch_script", "target_script_id": 999999},
     "target_script_id", "The selected dtmf actions.0.target script id is invalid."),
    ({"digit": "1", "label": "x", "action_type": "hangup", "target_queue_name": "support@default"},
     "target_queue_name", "The dtmf actions.0.target queue name field is prohibited."),
    ({"digit": "1", "label": "x", "action_type": "repeat_script", "target_script_id": 1},
     "target_script_id", "The dtmf actions.0.target script id field is prohibited."),
    ({"digit": "1", "label": "x", "action_type": "queue", "target_queue_name": "support@default",
      "target_audio_url": "/media/x.wav"}, "target_audio_url",
     "The dtmf actions.0.target audio url field is prohibited."),
])
def test_invalid_action_is_refused_with_dotted_key(api, action, field, message):
    _action_error(api, action, field, message)


def test_unused_target_fields_may_be_null(api):
    data = api.script(dtmf_actions=[{"digit": "1", "label": "x", "action_type": "hangup", "target_audio_url": None,
                                     "target_queue_name": None, "target_script_id": None}])
    assert data["dtmf_actions"][0]["action_type"] == "hangup"


def test_prohibited_target_for_playback(api):
    media, other = _targets(api)
    _action_error(api, {"digit": "1", "label": "x", "action_type": "playback", "target_audio_url": media["file_path"],
                        "target_script_id": other["id"]}, "target_script_id",
                  "The dtmf actions.0.target script id field is prohibited.")


def test_error_key_uses_the_index_of_the_bad_action(api):
    good = [{"digit": "1", "label": "ok", "action_type": "hangup"}]
    _action_error(api, {"label": "x", "action_type": "hangup"}, "digit", "The dtmf actions.1.digit field is required.",
                  index=1, extra_actions=good)


def test_duplicate_digits_are_refused(api):
    actions = [{"digit": "1", "label": "a", "action_type": "hangup"}, {"digit": "1", "label": "b", "action_type": "hangup"}]
    assert_validation(api.post(PATH, json=_body(dtmf_actions=actions)),
                      {"dtmf_actions.1.digit": "The dtmf actions.1.digit field has a duplicate value."})


def test_playback_target_must_be_a_file_of_the_same_tenant(zorio):
    media = zorio.other.media("their_audio")
    response = zorio.admin.post(PATH, json=_body(dtmf_actions=[
        {"digit": "1", "label": "x", "action_type": "playback", "target_audio_url": media["file_path"]}]))
    assert_validation(response, {"dtmf_actions.0.target_audio_url":
                                 "The selected dtmf actions.0.target audio url is invalid."})


def test_switch_target_must_be_a_script_of_the_same_tenant(zorio):
    theirs = zorio.other.script()
    response = zorio.admin.post(PATH, json=_body(dtmf_actions=[
        {"digit": "1", "label": "x", "action_type": "switch_script", "target_script_id": theirs["id"]}]))
    assert_validation(response, {"dtmf_actions.0.target_script_id":
                                 "The selected dtmf actions.0.target script id is invalid."})


def test_switch_target_cannot_be_archived(api):
    archived = api.script(status="archived")
    response = api.post(PATH, json=_body(dtmf_actions=[
        {"digit": "1", "label": "x", "action_type": "switch_script", "target_script_id": archived["id"]}]))
    assert_validation(response, {"dtmf_actions.0.target_script_id":
                                 "The selected dtmf actions.0.target script id is invalid."})


def test_switch_target_cannot_be_the_script_itself(api):
    script = api.script()
    response = api.put(f"{PATH}/{script['id']}", json={"dtmf_actions": [
        {"digit": "1", "label": "x", "action_type": "switch_script", "target_script_id": script["id"]}]})
    assert_validation(response, {"dtmf_actions.0.target_script_id":
                                 "The selected dtmf actions.0.target script id is invalid."})


def test_switch_target_may_be_a_draft_script(api):
    draft = api.script(status="draft")
    data = api.script(dtmf_actions=[{"digit": "0", "label": "x", "action_type": "switch_script",
                                     "target_script_id": draft["id"]}])
    assert data["dtmf_actions"][0]["target_script_id"] == draft["id"]


def test_withdrawn_voice_is_refused(api, emulator):
    assert emulator.control("PATCH", "voices/voice_id_premium_02", {"status": "disabled"}).status_code == 200
    assert_validation(api.post(PATH, json=_body(voice_id="voice_id_premium_02")),
                      {"voice_id": "The selected voice id is invalid."})


# --- update --------------------------------------------------------------------------------------------------------

def test_put_is_partial_and_keeps_omitted_fields(api):
    script = api.script(description="keep", tts_tier="A", max_repeat_per_attempt=3,
                        dtmf_actions=[{"digit": "9", "label": "bye", "action_type": "hangup"}])
    response = api.put(f"{PATH}/{script['id']}", json={"name": "Renamed"})
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["name"] == "Renamed"
    for field in ("description", "tts_tier", "max_repeat_per_attempt", "dtmf_actions", "template_text", "voice_id",
                  "status"):
        assert data[field] == script[field], field
    assert data["id"] == script["id"]
    assert data["created_at"] == script["created_at"]


def test_put_dtmf_actions_replaces_the_whole_list(api):
    script = api.script(dtmf_actions=[{"digit": "1", "label": "a", "action_type": "hangup"},
                                      {"digit": "2", "label": "b", "action_type": "repeat_script"}])
    data = api.put(f"{PATH}/{script['id']}", json={"dtmf_actions": [
        {"digit": "#", "label": "only", "action_type": "hangup"}]}).json()["data"]
    assert [a["digit"] for a in data["dtmf_actions"]] == ["#"]
    data = api.put(f"{PATH}/{script['id']}", json={"dtmf_actions": []}).json()["data"]
    assert data["dtmf_actions"] == []


@pytest.mark.parametrize(("before", "after"), [("draft", "active"), ("active", "archived"), ("active", "draft"),
                                               ("archived", "active")])
def test_status_changes_through_put(api, before, after):
    script = api.script(status=before)
    data = api.put(f"{PATH}/{script['id']}", json={"status": after}).json()["data"]
    assert data["status"] == after


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", None, "The name field is required."),
    ("template_text", "x" * 5001, "The template text must not be greater than 5000 characters."),
    ("voice_id", "nope", "The selected voice id is invalid."),
    ("max_repeat_per_attempt", 6, "The max repeat per attempt must be between 1 and 5."),
    ("status", "gone", "The selected status is invalid."),
])
def test_put_validates_like_create(api, field, value, message):
    script = api.script()
    assert_validation(api.put(f"{PATH}/{script['id']}", json={field: value}), {field: message})
    assert api.get(f"{PATH}/{script['id']}").json()["data"] == script


@pytest.mark.parametrize("campaign_status", ["starting", "running", "paused"])
def test_archiving_refused_while_a_started_campaign_uses_it(zorio, campaign_status):
    script = zorio.admin.script()
    campaign = zorio.campaign_in(campaign_status, script_id=script["id"])
    response = zorio.admin.put(f"{PATH}/{script['id']}", json={"status": "archived"})
    assert_message(response, 409, f"Script is used by a running or paused campaign: {campaign['id']}.")
    assert zorio.admin.get(f"{PATH}/{script['id']}").json()["data"]["status"] == "active"


@pytest.mark.parametrize("campaign_status", ["draft", "stopped", "completed", "archived"])
def test_archiving_allowed_when_campaigns_are_not_running_or_paused(zorio, campaign_status):
    script = zorio.admin.script()
    zorio.campaign_in(campaign_status, script_id=script["id"])
    response = zorio.admin.put(f"{PATH}/{script['id']}", json={"status": "archived"})
    assert response.status_code == 200, response.text
    assert response.json()["data"]["status"] == "archived"


# --- delete --------------------------------------------------------------------------------------------------------

def test_delete_removes_the_script(api):
    script = api.script()
    assert api.delete(f"{PATH}/{script['id']}").status_code == 204
    assert_message(api.get(f"{PATH}/{script['id']}"), 404, "Resource not found")


@pytest.mark.parametrize("campaign_status", ["draft", "starting", "running", "paused", "stopped", "completed"])
def test_delete_refused_while_a_non_archived_campaign_uses_it(zorio, campaign_status):
    script = zorio.admin.script()
    campaign = zorio.campaign_in(campaign_status, script_id=script["id"])
    assert_message(zorio.admin.delete(f"{PATH}/{script['id']}"), 409,
                   f"Script is used by campaign(s): {campaign['id']}.")
    assert zorio.admin.get(f"{PATH}/{script['id']}").status_code == 200


def test_delete_allowed_when_only_archived_campaigns_use_it(zorio):
    script = zorio.admin.script()
    zorio.campaign_in("archived", script_id=script["id"])
    assert zorio.admin.delete(f"{PATH}/{script['id']}").status_code == 204


def test_delete_refused_while_another_script_switches_to_it(api):
    target = api.script()
    source = api.script(dtmf_actions=[{"digit": "1", "label": "go", "action_type": "switch_script",
                                       "target_script_id": target["id"]}])
    assert_message(api.delete(f"{PATH}/{target['id']}"), 409, f"Script is used by script(s): {source['id']}.")
    api.put(f"{PATH}/{source['id']}", json={"dtmf_actions": []})
    assert api.delete(f"{PATH}/{target['id']}").status_code == 204


def test_list_filters_by_status(api):
    active = api.script(status="active")
    api.script(status="draft")
    api.script(status="archived")
    body = api.get(PATH, params={"status": "active"}).json()
    assert [item["id"] for item in body["data"]] == [active["id"]]
    assert body["total"] == 1
    assert api.get(PATH).json()["total"] == 3


def test_deleting_the_campaign_frees_the_script(zorio):
    script = zorio.admin.script()
    campaign = zorio.campaign_in("draft", script_id=script["id"])
    assert zorio.admin.delete(f"{PATH}/{script['id']}").status_code == 409
    assert zorio.admin.delete(f"/api/autocall/campaigns/{campaign['id']}").status_code == 204
    assert zorio.admin.delete(f"{PATH}/{script['id']}").status_code == 204
