"""Contract section 5 (idempotency keys) and section 13 fault rules, seen from a client: replays, mismatches,
in-flight duplicates, lost responses (`after_commit`), plain 500s, dropped connections, latency and fault 429s."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
import requests

from contract_support import assert_message, wav_bytes

BASE = "/api/autocall"
MISMATCH = "Idempotency-Key has already been used with a different request."


def _key():
    return f"test-{uuid.uuid4()}"


def _total(api, path):
    return api.get(path).json()["total"]


def test_replay_returns_stored_response_and_does_nothing_again(api):
    key = _key()
    body = {"variable_code": "replayed", "name": "Replayed"}
    first = api.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": key})
    assert first.status_code == 201
    assert first.headers.get("Idempotent-Replayed") is None
    second = api.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": key})
    assert second.status_code == 201
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert second.json() == first.json()
    assert _total(api, f"{BASE}/variables") == 1


def test_without_key_a_repeat_runs_again(api):
    body = {"variable_code": "twice", "name": "Twice"}
    assert api.post(f"{BASE}/variables", json=body).status_code == 201
    again = api.post(f"{BASE}/variables", json=body)
    assert again.status_code == 422
    assert again.json()["errors"]["variable_code"] == ["The variable code has already been taken."]


def test_replay_of_a_state_change_does_not_conflict(api):
    campaign = api.campaign()
    key = _key()
    first = api.action(campaign["id"], "start", headers={"Idempotency-Key": key})
    second = api.action(campaign["id"], "start", headers={"Idempotency-Key": key})
    assert (first.status_code, second.status_code) == (202, 202)
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert second.json() == first.json()


def test_replay_of_put_returns_the_first_result(api):
    variable = api.variable("put_me", name="Before")
    key = _key()
    path = f"{BASE}/variables/{variable['id']}"
    first = api.put(path, json={"name": "After"}, headers={"Idempotency-Key": key})
    api.put(path, json={"name": "Changed meanwhile"})
    second = api.put(path, json={"name": "After"}, headers={"Idempotency-Key": key})
    assert second.status_code == 200
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert second.json() == first.json()
    assert api.get(path).json()["data"]["name"] == "Changed meanwhile"


def test_replay_of_delete_answers_204_instead_of_404(api):
    variable = api.variable()
    key = _key()
    path = f"{BASE}/variables/{variable['id']}"
    assert api.delete(path, headers={"Idempotency-Key": key}).status_code == 204
    second = api.delete(path, headers={"Idempotency-Key": key})
    assert second.status_code == 204
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert api.delete(path).status_code == 404


def test_client_errors_are_stored_and_replayed(api):
    key = _key()
    body = {"variable_code": "Bad Code", "name": "x"}
    first = api.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": key})
    second = api.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": key})
    assert (first.status_code, second.status_code) == (422, 422)
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert second.json() == first.json()


@pytest.mark.parametrize(
    "second",
    [
        ("POST", f"{BASE}/variables", {"variable_code": "key_a", "name": "Different"}),
        ("POST", f"{BASE}/scripts", {"variable_code": "key_a", "name": "A"}),
    ],
)
def test_same_key_with_different_request_answers_422(api, second):
    key = _key()
    first = api.post(f"{BASE}/variables", json={"variable_code": "key_a", "name": "A"}, headers={"Idempotency-Key": key})
    assert first.status_code == 201
    method, path, body = second
    response = api.request(method, path, json=body, headers={"Idempotency-Key": key})
    assert response.status_code == 422, response.text
    assert response.json()["message"] == MISMATCH
    assert _total(api, f"{BASE}/variables") == 1
    assert _total(api, f"{BASE}/scripts") == 0


def test_same_key_with_different_method_answers_422(api):
    variable = api.variable()
    key = _key()
    path = f"{BASE}/variables/{variable['id']}"
    assert api.put(path, json={"name": "n"}, headers={"Idempotency-Key": key}).status_code == 200
    response = api.delete(path, headers={"Idempotency-Key": key})
    assert response.status_code == 422
    assert response.json()["message"] == MISMATCH
    assert api.get(path).status_code == 200


def test_keys_are_scoped_per_token(zorio):
    key = _key()
    body = {"variable_code": "scoped", "name": "Scoped"}
    first = zorio.admin.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": key})
    second_token = zorio.as_token(zorio.emulator.token(tenant_id=1))
    second = second_token.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": key})
    assert first.status_code == 201
    assert second.headers.get("Idempotent-Replayed") is None
    assert second.status_code == 422  # ran for real: the code is taken
    other_tenant = zorio.other.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": key})
    assert other_tenant.status_code == 201
    assert other_tenant.headers.get("Idempotent-Replayed") is None


def test_in_flight_duplicate_answers_409(zorio, api):
    zorio.fault(method="POST", path=f"{BASE}/variables", delay_s=1.5, times=1)
    key = _key()
    body = {"variable_code": "slow", "name": "Slow"}
    headers = {"Idempotency-Key": key, "Authorization": f"Bearer {api.token}", "Accept": "application/json"}
    results = {}

    def first_call():
        results["first"] = requests.post(api.url(f"{BASE}/variables"), json=body, headers=headers, timeout=15)

    thread = threading.Thread(target=first_call)
    thread.start()
    time.sleep(0.5)
    second = api.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": key})
    thread.join(10)
    assert_message(second, 409, "A request with this Idempotency-Key is still being processed.")
    assert results["first"].status_code == 201
    third = api.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": key})
    assert third.status_code == 201
    assert third.headers.get("Idempotent-Replayed") == "true"
    assert _total(api, f"{BASE}/variables") == 1


# --- faults (section 13) ----------------------------------------------------------------------------------------

def test_plain_500_fault_changes_nothing(zorio, api):
    rule = zorio.fault(method="POST", path=f"{BASE}/variables", status=500, after_commit=False, times=1)
    assert isinstance(rule["id"], (int, str))
    response = api.post(f"{BASE}/variables", json={"variable_code": "lost", "name": "Lost"})
    assert_message(response, 500, "Server Error")
    assert _total(api, f"{BASE}/variables") == 0
    assert api.post(f"{BASE}/variables", json={"variable_code": "lost", "name": "Lost"}).status_code == 201


def test_500_is_not_stored_so_a_retry_with_the_same_key_runs(zorio, api):
    zorio.fault(method="POST", path=f"{BASE}/scripts*", status=500, times=1)
    key = _key()
    body = {"name": "S", "template_text": "t", "voice_id": "vi-VN-female-01"}
    assert api.post(f"{BASE}/scripts", json=body, headers={"Idempotency-Key": key}).status_code == 500
    retry = api.post(f"{BASE}/scripts", json=body, headers={"Idempotency-Key": key})
    assert retry.status_code == 201
    assert retry.headers.get("Idempotent-Replayed") is None
    assert _total(api, f"{BASE}/scripts") == 1


def test_after_commit_fault_applies_once_and_retry_replays_the_real_response(zorio, api):
    zorio.fault(method="POST", path=f"{BASE}/scripts*", status=500, after_commit=True, times=1)
    key = _key()
    body = {"name": "Committed", "template_text": "t", "voice_id": "vi-VN-female-01"}
    lost = api.post(f"{BASE}/scripts", json=body, headers={"Idempotency-Key": key})
    assert_message(lost, 500, "Server Error")
    listing = api.get(f"{BASE}/scripts").json()
    assert listing["total"] == 1
    retry = api.post(f"{BASE}/scripts", json=body, headers={"Idempotency-Key": key})
    assert retry.status_code == 201
    assert retry.headers.get("Idempotent-Replayed") == "true"
    assert retry.json()["data"]["id"] == listing["data"][0]["id"]
    assert _total(api, f"{BASE}/scripts") == 1


def test_after_commit_fault_on_a_status_change_applies_it(zorio, api):
    campaign = api.campaign()
    zorio.fault(method="POST", path=f"{BASE}/campaigns/*/start", status=500, after_commit=True, times=1)
    assert api.action(campaign["id"], "start").status_code == 500
    assert api.campaign_get(campaign["id"])["status"] in ("starting", "running")


def test_fault_hits_only_the_given_number_of_requests(zorio, api):
    zorio.fault(method="GET", path=f"{BASE}/voices", status=503, times=2)
    statuses = [api.get(f"{BASE}/voices").status_code for _ in range(3)]
    assert statuses == [503, 503, 200]


def test_fault_matches_method_and_glob(zorio, api):
    zorio.fault(method="POST", path=f"{BASE}/campaigns/*", status=500, times=5)
    campaign_list = api.get(f"{BASE}/campaigns")
    assert campaign_list.status_code == 200
    assert api.post(f"{BASE}/variables", json={"variable_code": "ok", "name": "ok"}).status_code == 201
    assert api.post(f"{BASE}/campaigns/1/start").status_code == 500


def test_delete_faults_removes_every_rule(zorio, api, emulator):
    zorio.fault(method="GET", path="/api/*", status=500, times=100)
    assert api.get(f"{BASE}/voices").status_code == 500
    assert emulator.control("DELETE", "faults").status_code == 204
    assert api.get(f"{BASE}/voices").status_code == 200


def test_reset_removes_fault_rules(zorio, emulator):
    zorio.fault(method="GET", path="/api/*", status=500, times=100)
    assert emulator.control("POST", "reset").status_code == 204
    assert zorio.as_token(emulator.token()).get(f"{BASE}/voices").status_code == 200


def test_drop_connection_gives_no_http_response(zorio, api):
    zorio.fault(method="POST", path=f"{BASE}/variables", drop_connection=True, times=1)
    with pytest.raises(requests.exceptions.ConnectionError):
        api.post(f"{BASE}/variables", json={"variable_code": "dropped", "name": "d"})
    assert api.get(f"{BASE}/voices").status_code == 200


def test_delay_adds_latency(zorio, api):
    zorio.fault(method="GET", path=f"{BASE}/voices", delay_s=0.6, times=1)
    started = time.monotonic()
    response = api.get(f"{BASE}/voices")
    assert response.status_code == 200
    assert time.monotonic() - started >= 0.55
    started = time.monotonic()
    api.get(f"{BASE}/voices")
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize(("rule_extra", "expected"), [({}, 1), ({"retry_after": 7}, 7)])
def test_fault_429_sends_retry_after(zorio, api, rule_extra, expected):
    zorio.fault(method="GET", path=f"{BASE}/voices", status=429, times=1, **rule_extra)
    response = api.get(f"{BASE}/voices")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) == expected


def test_fault_429_is_not_stored_for_idempotency(zorio, api):
    zorio.fault(method="POST", path=f"{BASE}/variables", status=429, times=1)
    key = _key()
    body = {"variable_code": "after_429", "name": "x"}
    assert api.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": key}).status_code == 429
    retry = api.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": key})
    assert retry.status_code == 201
    assert retry.headers.get("Idempotent-Replayed") is None


def test_faults_are_logged_with_their_status(zorio, api, emulator):
    assert emulator.control("DELETE", "requests").status_code == 204
    zorio.fault(method="GET", path=f"{BASE}/voices", status=500, times=1)
    api.get(f"{BASE}/voices", headers={"Idempotency-Key": "k1"})
    entries = [e for e in emulator.requests_log() if e["path"] == f"{BASE}/voices"]
    assert [e["status"] for e in entries] == [500]


def test_key_of_255_characters_is_accepted_and_longer_is_refused(api):
    body = {"variable_code": "long_key", "name": "x"}
    accepted = api.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": "k" * 255})
    assert accepted.status_code == 201
    refused = api.post(f"{BASE}/variables", json={**body, "variable_code": "longer_key"},
                       headers={"Idempotency-Key": "k" * 256})
    assert refused.status_code == 422, refused.text
    assert _total(api, f"{BASE}/variables") == 1


def test_multipart_upload_retry_with_same_key_replays(api):
    """requests draws a new multipart boundary per call: the retry is the same upload, not a different request."""
    key = _key()
    content = wav_bytes(0.3)
    first = api.post("/api/media-files", data={"name": "retry_me", "category": "ivr"},
                     files={"file": ("r.wav", content, "audio/wav")}, headers={"Idempotency-Key": key})
    second = api.post("/api/media-files", data={"name": "retry_me", "category": "ivr"},
                      files={"file": ("r.wav", content, "audio/wav")}, headers={"Idempotency-Key": key})
    assert first.status_code == 201, first.text
    assert second.status_code == 201, second.text
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert second.json() == first.json()
    assert _total(api, "/api/media-files") == 1


def test_multipart_upload_with_same_key_but_other_audio_is_a_mismatch(api):
    key = _key()
    api.post("/api/media-files", data={"name": "a", "category": "ivr"},
             files={"file": ("a.wav", wav_bytes(0.3), "audio/wav")}, headers={"Idempotency-Key": key})
    response = api.post("/api/media-files", data={"name": "a", "category": "ivr"},
                        files={"file": ("a.wav", wav_bytes(0.6), "audio/wav")}, headers={"Idempotency-Key": key})
    assert response.status_code == 422
    assert response.json()["message"] == MISMATCH
    assert _total(api, "/api/media-files") == 1


def test_lost_upload_response_then_retry_leaves_one_file(zorio, api):
    zorio.fault(method="POST", path="/api/media-files", status=500, after_commit=True, times=1)
    key = _key()
    content = wav_bytes(0.3)

    def upload():
        return api.post("/api/media-files", data={"name": "lost_upload", "category": "ivr"},
                        files={"file": ("l.wav", content, "audio/wav")}, headers={"Idempotency-Key": key})

    assert upload().status_code == 500
    retry = upload()
    assert retry.status_code == 201, retry.text
    assert retry.json()["data"]["file_path"] == "/media/lost_upload.wav"
    assert _total(api, "/api/media-files") == 1


def test_dropped_connection_after_commit_then_retry_replays(zorio, api):
    zorio.fault(method="POST", path=f"{BASE}/variables", after_commit=True, drop_connection=True, times=1)
    key = _key()
    body = {"variable_code": "dropped_after_commit", "name": "x"}
    with pytest.raises(requests.exceptions.ConnectionError):
        api.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": key})
    assert _total(api, f"{BASE}/variables") == 1
    retry = api.post(f"{BASE}/variables", json=body, headers={"Idempotency-Key": key})
    assert retry.status_code == 201
    assert retry.headers.get("Idempotent-Replayed") == "true"
    assert _total(api, f"{BASE}/variables") == 1


def test_lost_delete_response_then_retry_replays_204(zorio, api):
    variable = api.variable()
    path = f"{BASE}/variables/{variable['id']}"
    zorio.fault(method="DELETE", path=f"{BASE}/variables/*", status=500, after_commit=True, times=1)
    key = _key()
    assert api.delete(path, headers={"Idempotency-Key": key}).status_code == 500
    assert api.get(path).status_code == 404
    retry = api.delete(path, headers={"Idempotency-Key": key})
    assert retry.status_code == 204
    assert retry.headers.get("Idempotent-Replayed") == "true"


def test_lost_start_response_then_retry_replays_202(zorio, api):
    campaign = api.campaign()
    zorio.fault(method="POST", path=f"{BASE}/campaigns/*/start", status=502, after_commit=True, times=1)
    key = _key()
    assert api.action(campaign["id"], "start", headers={"Idempotency-Key": key}).status_code == 502
    retry = api.action(campaign["id"], "start", headers={"Idempotency-Key": key})
    assert retry.status_code == 202
    assert retry.json()["data"]["status"] == "starting"


def test_key_on_a_get_is_not_recorded(api):
    key = _key()
    assert api.get(f"{BASE}/voices", headers={"Idempotency-Key": key}).status_code == 200
    second = api.get(f"{BASE}/voices", headers={"Idempotency-Key": key})
    assert second.headers.get("Idempotent-Replayed") is None
    created = api.post(f"{BASE}/variables", json={"variable_code": "after_get", "name": "x"},
                       headers={"Idempotency-Key": key})
    assert created.status_code == 201, created.text
