"""Contract section 2 (error envelopes) and the decisions on bad input: routing errors, malformed bodies,
wrong types for every field, huge and odd values. The emulator must answer every one of them without a 5xx."""

from __future__ import annotations

import re

import pytest
import requests

from contract_support import assert_message, assert_validation

BASE = "/api/autocall"


def test_unknown_route_answers_404_with_route_message(api):
    response = api.get(f"{BASE}/no-such-thing")
    assert response.status_code == 404
    assert re.fullmatch(r"The route /?api/autocall/no-such-thing could not be found\.", response.json()["message"])


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", f"{BASE}/voices", "GET"),
        ("POST", f"{BASE}/queues", "GET"),
        ("PATCH", f"{BASE}/variables/1", "PUT"),
        ("GET", f"{BASE}/campaigns/1/start", "POST"),
        ("PUT", f"{BASE}/campaigns/1/leads", "POST"),
        ("POST", "/api/caller-id-groups", "GET"),
        ("PUT", "/api/caller-id-groups/3", "GET"),
        ("DELETE", "/api/caller-id-groups/3", "GET"),
        ("POST", "/api/caller-id-groups/3/monitor", "GET"),
        ("GET", "/api/auth/logout", "POST"),
        ("POST", "/api/media-files/1/download", "GET"),
    ],
)
def test_wrong_method_answers_405_listing_supported_methods(api, method, path, allowed):
    response = api.request(method, path, json={})
    assert response.status_code == 405, response.text
    message = response.json()["message"]
    route = re.escape(path.lstrip("/"))
    assert re.fullmatch(rf"The {method} method is not supported for route /?{route}\. Supported methods: .+", message), message
    assert allowed in message.split("Supported methods:")[1]


@pytest.mark.parametrize(
    "kind", ["variables", "scripts", "campaigns"],
)
@pytest.mark.parametrize("bad_id", ["abc", "1.5", "1e3", "0", "-1", "99999999999999999999999999", "%20", "null"])
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_unknown_or_malformed_ids_answer_404(api, kind, bad_id, method):
    response = api.request(method, f"{BASE}/{kind}/{bad_id}", json={"name": "x"})
    assert response.status_code == 404, response.text
    if bad_id.lstrip("-").isdigit():
        assert response.json() == {"message": "Resource not found"}


@pytest.mark.parametrize("bad_id", ["abc", "0", "-1", "99999999999999999999999999"])
@pytest.mark.parametrize("suffix", ["", "/download"])
def test_unknown_or_malformed_media_ids_answer_404(api, bad_id, suffix):
    response = api.get(f"/api/media-files/{bad_id}{suffix}")
    assert response.status_code == 404, response.text
    if bad_id.lstrip("-").isdigit():
        assert response.json() == {"message": "Resource not found"}


@pytest.mark.parametrize("bad_id", ["0", "-1", "99999999999999999999999999", "abc"])
@pytest.mark.parametrize("suffix", ["start", "pause", "resume", "stop", "archive", "unarchive", "leads", "leads/import"])
def test_unknown_campaign_ids_answer_404_on_every_action(api, bad_id, suffix):
    response = api.post(f"{BASE}/campaigns/{bad_id}/{suffix}", json={"leads": []})
    assert response.status_code == 404, response.text
    if bad_id.lstrip("-").isdigit():
        assert response.json() == {"message": "Resource not found"}


@pytest.mark.parametrize("bad_id", ["0", "-1", "999", "99999999999999999999999999"])
@pytest.mark.parametrize("suffix", ["", "/monitor"])
def test_unknown_group_ids_answer_pool_not_found(api, bad_id, suffix):
    assert_message(api.get(f"/api/caller-id-groups/{bad_id}{suffix}"), 404, "Pool not found.")


# --- malformed bodies -------------------------------------------------------------------------------------------

MALFORMED = [b"{", b"not json", b"{'a': 1}", b"[]", b"[1, 2]", b'"text"', b"1", b"null", b"true", b"\xff\xfe"]


def _json_endpoints(api):
    variable = api.variable()
    script = api.script()
    campaign = api.campaign(script_id=script["id"])
    media = api.media()
    return [
        ("POST", f"{BASE}/variables"),
        ("PUT", f"{BASE}/variables/{variable['id']}"),
        ("POST", f"{BASE}/scripts"),
        ("PUT", f"{BASE}/scripts/{script['id']}"),
        ("POST", f"{BASE}/campaigns"),
        ("PUT", f"{BASE}/campaigns/{campaign['id']}"),
        ("POST", f"{BASE}/campaigns/{campaign['id']}/leads"),
        ("POST", f"{BASE}/campaigns/{campaign['id']}/leads/import"),
        ("PUT", f"/api/media-files/{media['id']}"),
        ("POST", "/api/auth/login"),
    ]


@pytest.mark.parametrize("raw", MALFORMED, ids=[repr(body) for body in MALFORMED])
def test_malformed_or_non_object_json_answers_400_malformed_request_body(api, raw):
    for method, path in _json_endpoints(api):
        response = api.request(method, path, data=raw, headers={"Content-Type": "application/json; charset=utf-8"})
        assert response.status_code == 400, f"{method} {path} {raw!r}: {response.status_code} {response.text}"
        assert response.json() == {"message": "Malformed request body"}, (method, path)


def test_malformed_json_creates_nothing(api):
    api.post(f"{BASE}/variables", data=b'{"variable_code": "x"', headers={"Content-Type": "application/json"})
    assert api.get(f"{BASE}/variables").json()["total"] == 0


def test_body_over_one_mebibyte_answers_413(api):
    huge = {"variable_code": "big", "name": "big", "description": "x" * (1024 * 1024 + 10)}
    assert_message(api.post(f"{BASE}/variables", json=huge), 413, "The request body is too large.")
    assert api.get(f"{BASE}/variables").json()["total"] == 0


def test_body_just_under_one_mebibyte_is_validated_not_refused(api):
    body = {"variable_code": "big", "name": "big", "description": "x" * (1024 * 1024 - 200)}
    assert_validation(api.post(f"{BASE}/variables", json=body),
                      {"description": "The description must not be greater than 1000 characters."})


def test_unknown_fields_in_body_are_ignored(api):
    response = api.post(f"{BASE}/variables", json={"variable_code": "known", "name": "Known", "colour": "blue",
                                                   "id": 424242, "tenant_id": 2})
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert "colour" not in data
    assert data["id"] != 424242
    assert api.get(f"{BASE}/variables/{data['id']}").status_code == 200


def test_all_field_errors_are_reported_at_once(api):
    response = api.post(f"{BASE}/scripts", json={"tts_tier": "Z", "max_repeat_per_attempt": 9})
    assert_validation(response, {
        "name": "The name field is required.",
        "template_text": "The template text field is required.",
        "voice_id": "The voice id field is required.",
        "tts_tier": "The selected tts tier is invalid.",
        "max_repeat_per_attempt": "The max repeat per attempt must be between 1 and 5.",
    })


# --- wrong types, nulls, ranges: exact Laravel 9 messages -------------------------------------------------------

VARIABLE_CASES = [
    ("variable_code", None, "The variable code field is required."),
    ("variable_code", 123, "The variable code must be a string."),
    ("variable_code", "Customer", "The variable code format is invalid."),
    ("variable_code", "1abc", "The variable code format is invalid."),
    ("variable_code", "a-b", "The variable code format is invalid."),
    ("variable_code", "a" * 65, "The variable code format is invalid."),
    ("variable_code", "tên", "The variable code format is invalid."),
    ("name", None, "The name field is required."),
    ("name", 5, "The name must be a string."),
    ("name", ["a"], "The name must be a string."),
    ("name", "x" * 256, "The name must not be greater than 255 characters."),
    ("description", 5, "The description must be a string."),
    ("description", "x" * 1001, "The description must not be greater than 1000 characters."),
    ("sample_value", {"a": 1}, "The sample value must be a string."),
    ("sample_value", "x" * 256, "The sample value must not be greater than 255 characters."),
]


@pytest.mark.parametrize(("field", "value", "message"), VARIABLE_CASES)
def test_variable_fields_rejected_with_exact_message(api, field, value, message):
    body = {"variable_code": "ok_code", "name": "Ok", field: value}
    assert_validation(api.post(f"{BASE}/variables", json=body), {field: message})
    assert api.get(f"{BASE}/variables").json()["total"] == 0


SCRIPT_CASES = [
    ("name", None, "The name field is required."),
    ("name", 7, "The name must be a string."),
    ("name", "x" * 256, "The name must not be greater than 255 characters."),
    ("description", 7, "The description must be a string."),
    ("description", "x" * 2001, "The description must not be greater than 2000 characters."),
    ("template_text", None, "The template text field is required."),
    ("template_text", {"t": 1}, "The template text must be a string."),
    ("template_text", "x" * 5001, "The template text must not be greater than 5000 characters."),
    ("voice_id", None, "The voice id field is required."),
    ("voice_id", "no-such-voice", "The selected voice id is invalid."),
    ("tts_tier", "C", "The selected tts tier is invalid."),
    ("tts_tier", "b", "The selected tts tier is invalid."),
    ("max_repeat_per_attempt", 0, "The max repeat per attempt must be between 1 and 5."),
    ("max_repeat_per_attempt", 6, "The max repeat per attempt must be between 1 and 5."),
    ("max_repeat_per_attempt", "many", "The max repeat per attempt must be an integer."),
    ("max_repeat_per_attempt", 2.5, "The max repeat per attempt must be an integer."),
    ("status", "deleted", "The selected status is invalid."),
    ("dtmf_actions", "menu", "The dtmf actions must be an array."),
    ("dtmf_actions", [{"digit": str(d % 10), "action_type": "hangup"} for d in range(13)],
     "The dtmf actions must not have more than 12 items."),
]


@pytest.mark.parametrize(("field", "value", "message"), SCRIPT_CASES)
def test_script_fields_rejected_with_exact_message(api, field, value, message):
    body = {"name": "S", "template_text": "Hi", "voice_id": "vi-VN-female-01", field: value}
    assert_validation(api.post(f"{BASE}/scripts", json=body), {field: message})
    assert api.get(f"{BASE}/scripts").json()["total"] == 0


CAMPAIGN_CASES = [
    ("name", None, "The name field is required."),
    ("name", 1, "The name must be a string."),
    ("name", "x" * 256, "The name must not be greater than 255 characters."),
    ("description", "x" * 2001, "The description must not be greater than 2000 characters."),
    ("script_id", None, "The script id field is required."),
    ("script_id", "abc", "The script id must be an integer."),
    ("caller_id_group_id", 999, "The selected caller id group id is invalid."),
    ("caller_id_group_id", "abc", "The caller id group id must be an integer."),
    ("max_retries", -1, "The max retries must be between 0 and 10."),
    ("max_retries", 11, "The max retries must be between 0 and 10."),
    ("max_retries", "x", "The max retries must be an integer."),
    ("retry_interval_minutes", 0, "The retry interval minutes must be between 1 and 43200."),
    ("retry_interval_minutes", 43201, "The retry interval minutes must be between 1 and 43200."),
    ("retry_only_when", "never", "The selected retry only when is invalid."),
    ("max_concurrent", 0, "The max concurrent must be between 1 and 200."),
    ("max_concurrent", 201, "The max concurrent must be between 1 and 200."),
    ("originate_timeout", 9, "The originate timeout must be between 10 and 180."),
    ("originate_timeout", 181, "The originate timeout must be between 10 and 180."),
    ("write_to_main_cdr", "yes", "The write to main cdr field must be true or false."),
    ("write_to_main_cdr", 2, "The write to main cdr field must be true or false."),
    ("start_at", "tomorrow", "The start at is not a valid date."),
    ("start_at", "2026-13-45T99:00:00Z", "The start at is not a valid date."),
    ("end_at", "soon", "The end at is not a valid date."),
]


@pytest.mark.parametrize(("field", "value", "message"), CAMPAIGN_CASES)
def test_campaign_fields_rejected_with_exact_message(api, field, value, message):
    script = api.script()
    body = {"name": "C", "script_id": script["id"], "caller_id_group_id": 3, field: value}
    assert_validation(api.post(f"{BASE}/campaigns", json=body), {field: message})
    assert api.get(f"{BASE}/campaigns").json()["total"] == 0


@pytest.mark.parametrize("value", [10**30, -(10**30), 1e308])
@pytest.mark.parametrize("field", ["max_retries", "retry_interval_minutes", "max_concurrent", "originate_timeout",
                                   "script_id", "caller_id_group_id"])
def test_huge_numbers_are_rejected_not_crashing(api, field, value):
    script = api.script()
    body = {"name": "C", "script_id": script["id"], "caller_id_group_id": 3, field: value}
    response = api.post(f"{BASE}/campaigns", json=body)
    assert response.status_code == 422, response.text
    assert field in response.json()["errors"]


def test_unicode_text_round_trips(api):
    name = "Tên khách hàng — 客户 😀 \u200b"
    variable = api.variable("unicode_name", name=name, sample_value="anh Ân")
    fetched = api.get(f"{BASE}/variables/{variable['id']}").json()["data"]
    assert fetched["name"] == name
    assert fetched["sample_value"] == "anh Ân"
    script = api.script(template_text="Xin chào {{unicode_name}}, bấm phím 1 😀")
    assert api.get(f"{BASE}/scripts/{script['id']}").json()["data"]["template_text"] == "Xin chào {{unicode_name}}, bấm phím 1 😀"


def test_name_of_exactly_255_characters_is_accepted(api):
    variable = api.variable("long_name", name="é" * 255)
    assert variable["name"] == "é" * 255


# --- nothing ever answers 5xx -----------------------------------------------------------------------------------

WEIRD_VALUES = [None, 10**40, -(10**40), 1e308, -1, 0, 3.5, True, "", "x" * 70000, "\u0000\u0001", "😀" * 300,
                "' OR 1=1 --", [], [None], {}, {"$gt": ""}]

FIELDS = {
    "variables": ["variable_code", "name", "description", "sample_value"],
    "scripts": ["name", "description", "template_text", "voice_id", "tts_tier", "max_repeat_per_attempt", "status",
                "dtmf_actions"],
    "campaigns": ["name", "description", "script_id", "caller_id_group_id", "max_retries", "retry_interval_minutes",
                  "retry_only_when", "max_concurrent", "originate_timeout", "write_to_main_cdr", "start_at", "end_at"],
}


@pytest.mark.parametrize("value", WEIRD_VALUES, ids=[repr(v)[:20] for v in WEIRD_VALUES])
def test_odd_field_values_never_crash(api, value):
    script = api.script()
    campaign = api.campaign(script_id=script["id"])
    variable = api.variable()
    media = api.media()
    valid = {
        "variables": {"variable_code": "fuzz_code", "name": "n"},
        "scripts": {"name": "n", "template_text": "t", "voice_id": "vi-VN-female-01"},
        "campaigns": {"name": "n", "script_id": script["id"], "caller_id_group_id": 3},
    }
    targets = {"variables": variable["id"], "scripts": script["id"], "campaigns": campaign["id"]}
    failures = []
    for kind, fields in FIELDS.items():
        for field in fields:
            for method, path in (("POST", f"{BASE}/{kind}"), ("PUT", f"{BASE}/{kind}/{targets[kind]}")):
                response = api.request(method, path, json={**valid[kind], field: value})
                if response.status_code >= 500 or "json" not in response.headers.get("Content-Type", ""):
                    failures.append((method, path, field, response.status_code, response.text[:200]))
    for field in ("name", "category", "file_path"):
        response = api.put(f"/api/media-files/{media['id']}", json={field: value})
        if response.status_code >= 500:
            failures.append(("PUT", "media", field, response.status_code, response.text[:200]))
    for body in ({"leads": value}, {"leads": [value]}, {"leads": [{"phone": value}]},
                 {"leads": [{"phone": "0987654321", "payload": value}]}):
        response = api.post(f"{BASE}/campaigns/{campaign['id']}/leads", json=body)
        if response.status_code >= 500:
            failures.append(("POST", "leads", body, response.status_code, response.text[:200]))
    for params in ({"page": value}, {"per_page": value}, {"status": value}):
        response = api.get(f"{BASE}/campaigns", params=params if not isinstance(value, (list, dict)) else {})
        if response.status_code >= 500:
            failures.append(("GET", "campaigns", params, response.status_code, response.text[:200]))
    assert not failures, failures


@pytest.mark.parametrize("field", ["digit", "label", "action_type", "target_audio_url", "target_queue_name",
                                   "target_script_id"])
@pytest.mark.parametrize("value", [None, 10**40, [], {}, "x" * 3000, True, -5])
def test_odd_dtmf_values_answer_422_not_crash(api, field, value):
    action = {"digit": "1", "label": "L", "action_type": "hangup", field: value}
    response = api.post(f"{BASE}/scripts", json={"name": "n", "template_text": "t", "voice_id": "vi-VN-female-01",
                                                 "dtmf_actions": [action]})
    if field in ("digit", "action_type") or value is not None:
        assert response.status_code == 422, response.text
        assert any(key.startswith(f"dtmf_actions.0.{field}") for key in response.json()["errors"]), response.text
    elif field != "label":
        # A null target counts as absent, so `hangup` with null targets is valid (Laravel `prohibited`).
        assert response.status_code == 201, response.text
    else:
        assert response.status_code in (201, 422), response.text


def test_documented_content_type_with_charset_is_accepted(api):
    response = api.post(f"{BASE}/variables", data='{"variable_code": "charset_ok", "name": "Tên"}'.encode(),
                        headers={"Content-Type": "application/json; charset=utf-8"})
    assert response.status_code == 201, response.text
    assert response.json()["data"]["name"] == "Tên"


@pytest.mark.parametrize(("method", "path"), [("GET", f"{BASE}/voices"), ("POST", f"{BASE}/variables"),
                                              ("GET", f"{BASE}/campaigns/999999"), ("GET", "/api/nope")])
def test_responses_are_json(api, method, path):
    response = api.request(method, path, json={})
    assert response.headers["Content-Type"].startswith("application/json")
    assert isinstance(response.json(), dict)


def test_head_on_a_get_route_answers_like_get_without_body(api):
    response = api.request("HEAD", f"{BASE}/voices")
    assert response.status_code == 200
    assert response.content == b""


# --- concurrent duplicates: the rules hold, nothing crashes ------------------------------------------------------

def _in_parallel(count, call):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda _: call(), range(count)))


def test_concurrent_creates_of_one_code_give_one_201(zorio):
    token = zorio.admin.token
    responses = _in_parallel(10, lambda: requests.post(
        zorio.admin.url(f"{BASE}/variables"), json={"variable_code": "race", "name": "r"}, timeout=15,
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"}))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [422] * 9, statuses
    assert zorio.admin.get(f"{BASE}/variables").json()["total"] == 1


def test_concurrent_uploads_of_one_name_get_distinct_paths(zorio):
    from contract_support import wav_bytes

    token = zorio.admin.token
    content = wav_bytes(0.2)
    responses = _in_parallel(6, lambda: requests.post(
        zorio.admin.url("/api/media-files"), data={"name": "same", "category": "ivr"}, timeout=15,
        files={"file": ("s.wav", content, "audio/wav")},
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"}))
    assert [r.status_code for r in responses] == [201] * 6
    paths = sorted(r.json()["data"]["file_path"] for r in responses)
    assert paths == sorted(["/media/same.wav"] + [f"/media/same-{n}.wav" for n in range(2, 7)])


def test_concurrent_starts_give_one_202(zorio):
    campaign = zorio.admin.campaign()
    token = zorio.admin.token
    responses = _in_parallel(5, lambda: requests.post(
        zorio.admin.url(f"{BASE}/campaigns/{campaign['id']}/start"), timeout=15,
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"}))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [202, 409, 409, 409, 409], statuses


@pytest.mark.parametrize("kind", ["variables", "scripts", "campaigns"])
def test_unknown_fields_in_put_are_ignored(api, kind):
    obj = {"variables": api.variable, "scripts": api.script, "campaigns": api.campaign}[kind]()
    response = api.put(f"{BASE}/{kind}/{obj['id']}", json={"name": "renamed", "colour": "blue", "tenant_id": 2,
                                                           "id": obj["id"] + 1000, "created_at": "2000-01-01T00:00:00Z"})
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["id"], data["name"], data["created_at"]) == (obj["id"], "renamed", obj["created_at"])
    assert "colour" not in data
    assert data.get("tenant_id", 1) == 1


@pytest.mark.parametrize(("method", "path"), [
    ("OPTIONS", f"{BASE}/voices"),
    ("TRACE", f"{BASE}/voices"),
    ("GET", f"{BASE}/campaigns/1/start/extra"),
    ("GET", "//api//autocall//voices"),
    ("GET", "/api/%ff%fe"),
    ("GET", f"{BASE}/" + "a" * 8000),
    ("GET", f"{BASE}/campaigns?page=%00&per_page=%ff"),
    ("GET", f"{BASE}/campaigns/1/leads?phone=%2B84%00"),
    ("DELETE", f"{BASE}/campaigns/%2e%2e"),
    ("GET", "/api/media-files/1/download/../../../etc/passwd"),
])
def test_odd_requests_never_crash(api, method, path):
    response = api.session.request(method, api.base_url + path, timeout=15)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert "message" in response.json()
