"""Idempotency keys (api-contract.md section 5): replay, mismatch, per-token scope, what is not stored."""

from __future__ import annotations

import io
import wave

import requests

VARIABLES = "/api/autocall/variables"


def _post(emulator, api, body, key):
    return api.post(f"{emulator.base_url}{VARIABLES}", json=body, headers={"Idempotency-Key": key})


def test_idempotent_replay_returns_the_stored_response_and_does_nothing_again(emulator):
    api = emulator.api()
    first = _post(emulator, api, {"variable_code": "a", "name": "A"}, "key-1")
    second = _post(emulator, api, {"variable_code": "a", "name": "A"}, "key-1")
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert api.get(f"{emulator.base_url}{VARIABLES}").json()["total"] == 1


def test_idempotency_key_reused_with_other_body_is_refused(emulator):
    api = emulator.api()
    _post(emulator, api, {"variable_code": "a", "name": "A"}, "key-1")
    other = _post(emulator, api, {"variable_code": "b", "name": "B"}, "key-1")
    assert other.status_code == 422
    assert other.json() == {"message": "Idempotency-Key has already been used with a different request."}


def test_idempotency_key_reused_on_other_path_is_refused(emulator):
    api = emulator.api()
    _post(emulator, api, {"variable_code": "a", "name": "A"}, "key-1")
    other = api.delete(f"{emulator.base_url}{VARIABLES}/1", headers={"Idempotency-Key": "key-1"})
    assert other.status_code == 422


def test_idempotency_keys_are_per_token(emulator):
    first, second = emulator.api(), emulator.api()
    assert _post(emulator, first, {"variable_code": "a", "name": "A"}, "shared").status_code == 201
    response = _post(emulator, second, {"variable_code": "a", "name": "A"}, "shared")
    assert response.status_code == 422  # really executed: the code is taken
    assert "Idempotent-Replayed" not in response.headers


def test_idempotent_replay_of_a_validation_error(emulator):
    api = emulator.api()
    first = _post(emulator, api, {"name": "A"}, "bad")
    second = _post(emulator, api, {"name": "A"}, "bad")
    assert first.status_code == second.status_code == 422
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"


def test_idempotency_server_error_is_not_stored(emulator):
    api = emulator.api()
    emulator.control("POST", "faults", {"method": "POST", "path": VARIABLES, "status": 500})
    assert _post(emulator, api, {"variable_code": "a", "name": "A"}, "k").status_code == 500
    retry = _post(emulator, api, {"variable_code": "a", "name": "A"}, "k")
    assert retry.status_code == 201
    assert "Idempotent-Replayed" not in retry.headers


def test_idempotency_key_longer_than_255_is_a_validation_error(emulator):
    api = emulator.api()
    response = _post(emulator, api, {"variable_code": "a", "name": "A"}, "k" * 256)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["idempotency_key"]
    assert _post(emulator, api, {"variable_code": "a", "name": "A"}, "k" * 255).status_code == 201


def test_idempotent_delete_replays_204(emulator):
    api = emulator.api()
    created = api.post(f"{emulator.base_url}{VARIABLES}", json={"variable_code": "a", "name": "A"}).json()["data"]
    url = f"{emulator.base_url}{VARIABLES}/{created['id']}"
    assert api.delete(url, headers={"Idempotency-Key": "d"}).status_code == 204
    again = api.delete(url, headers={"Idempotency-Key": "d"})
    assert again.status_code == 204
    assert again.headers["Idempotent-Replayed"] == "true"


def test_idempotent_multipart_upload_replays_by_raw_body(emulator):
    api = emulator.api()
    files = {"file": ("a.wav", _silent_wav(), "audio/wav")}
    data = {"name": "Hello", "category": "ivr"}
    # requests picks a random boundary per call: build the body once and send the same bytes twice.
    prepared = requests_prepared(api, emulator.base_url, files, data)
    first = api.send(prepared)
    second = api.send(prepared)
    assert first.status_code == 201
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert api.get(f"{emulator.base_url}/api/media-files").json()["total"] == 1


def test_idempotent_multipart_retry_with_a_fresh_boundary_replays(emulator):
    api = emulator.api()
    send = lambda audio: api.post(f"{emulator.base_url}/api/media-files", files={"file": ("a.wav", audio)},  # noqa: E731
                                  data={"name": "Hello", "category": "ivr"}, headers={"Idempotency-Key": "u"})
    first, retry, other = send(_silent_wav()), send(_silent_wav()), send(_silent_wav() + b"\x00\x00")
    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert other.status_code == 422  # other audio under the same key is a different request


def _silent_wav() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * 1600)
    return buffer.getvalue()


def requests_prepared(api, base_url, files, data):
    request = requests.Request("POST", f"{base_url}/api/media-files", files=files, data=data,
                               headers={"Idempotency-Key": "upload-1"})
    return api.prepare_request(request)
