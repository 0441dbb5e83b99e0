"""Bad input never causes a 500 (brief: wrong types, nulls, huge ints, unicode, unknown or non-numeric ids)."""

from __future__ import annotations

import itertools
import json

import pytest

WEIRD_IDS = ["0", "-1", "abc", "1.5", "99999999999999999999999999", "%20", "1e3", "%F0%9F%98%80"]
WEIRD_VALUES = [None, True, -1, 2**70, 1.5, " ", "Tiếng Việt 😀", "x" * 6000, [1, "a"], {"a": {"b": [None]}}]
FIELDS = ["name", "description", "template_text", "voice_id", "tts_tier", "max_repeat_per_attempt", "status",
          "dtmf_actions", "variable_code", "sample_value", "script_id", "caller_id_group_id", "max_retries",
          "start_at", "end_at", "write_to_main_cdr", "leads", "category", "retry_only_when"]
RAW_BODIES = [b"null", b"[]", b"42", b'"text"', b"{", b'{"a":NaN}', b'{"a":1e999}', b"\xff\xfe", b"[" * 5000 + b"]" * 5000]


def _operations(emulator) -> list[tuple[str, str]]:
    spec = emulator.http.get(f"{emulator.base_url}/openapi.json", timeout=10).json()
    return [(method.upper(), path) for path, item in spec["paths"].items() if path.startswith("/api/")
            for method in item if path != "/api/auth/logout"]


def _fill(path: str, value: str) -> str:
    return path.replace("{", "").replace("}", "") if "{" not in path else \
        "/".join(value if part.startswith("{") else part for part in path.split("/"))


@pytest.fixture
def api(emulator):
    emulator.settings(rate_limit_scale=None)
    return emulator.api()


def test_robustness_weird_ids_answer_404_never_500(emulator, api):
    for (method, path), raw_id in itertools.product(_operations(emulator), WEIRD_IDS):
        if "{" not in path:
            continue
        response = api.request(method, emulator.base_url + _fill(path, raw_id), json={}, timeout=10)
        assert response.status_code == 404, f"{method} {path} {raw_id}: {response.status_code} {response.text}"


def test_robustness_weird_field_values_never_500(emulator, api):
    created = _seed_objects(emulator, api)
    writes = [(m, p) for m, p in _operations(emulator) if m in ("POST", "PUT") and "media-files" not in p]
    for (method, path), field in itertools.product(writes, FIELDS):
        for value in WEIRD_VALUES:
            url = emulator.base_url + _fill(path, str(created.get(path.split("/")[3], 1)))
            response = api.request(method, url, json={field: value}, timeout=10)
            assert response.status_code < 500, f"{method} {path} {field}={value!r}: {response.text}"


def test_robustness_raw_bodies_are_400_never_500(emulator, api):
    for body in RAW_BODIES:
        response = api.post(f"{emulator.base_url}/api/autocall/variables", data=body,
                            headers={"Content-Type": "application/json"}, timeout=10)
        assert response.status_code == 400, (body[:20], response.text)
        assert response.json() == {"message": "Malformed request body"}


def test_robustness_empty_body_is_read_as_an_empty_object(emulator, api):
    response = api.post(f"{emulator.base_url}/api/autocall/variables", data=b"", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"variable_code", "name"}


def test_robustness_weird_query_parameters_never_500(emulator, api):
    for path, query in itertools.product(
        ["/api/autocall/variables", "/api/autocall/scripts", "/api/autocall/campaigns", "/api/media-files"],
        ["page=0", "page=-5", "page=abc", "per_page=201", "per_page=0", "page=1e3", "status=%00", "category=x",
         "page=99999999999999999999999", "per_page=%F0%9F%98%80", "page=1&page=2"],
    ):
        response = api.get(f"{emulator.base_url}{path}?{query}", timeout=10)
        assert response.status_code in (200, 422), f"{path}?{query}: {response.text}"


def test_robustness_weird_multipart_uploads_never_500(emulator, api):
    url = f"{emulator.base_url}/api/media-files"
    attempts = [
        dict(data={"name": "x", "category": "ivr"}),
        dict(files={"file": ("", b"")}, data={"name": "x", "category": "ivr"}),
        dict(files={"name": ("n.txt", b"file as name")}, data={"category": "ivr"}),
        dict(data=b"--broken\r\n", headers={"Content-Type": "multipart/form-data; boundary=broken"}),
        dict(data=b"garbage", headers={"Content-Type": "multipart/form-data"}),
        dict(json={"name": "x", "category": "ivr", "file": "base64?"}),
    ]
    for kwargs in attempts:
        response = api.post(url, timeout=10, **kwargs)
        assert response.status_code == 422, (kwargs, response.text)


def test_robustness_oversized_json_body_is_413(emulator, api):
    body = json.dumps({"name": "x" * (1024 * 1024)})
    response = api.post(f"{emulator.base_url}/api/autocall/variables", data=body,
                        headers={"Content-Type": "application/json"}, timeout=30)
    assert response.status_code == 413
    assert response.json() == {"message": "The request body is too large."}


def _seed_objects(emulator, api) -> dict[str, int]:
    """One variable, script and campaign, so updates reach validation rather than 404."""
    base = emulator.base_url
    api.post(f"{base}/api/autocall/variables", json={"variable_code": "v", "name": "V"})
    script = api.post(f"{base}/api/autocall/scripts",
                      json={"name": "S", "template_text": "Hi", "voice_id": "vi-VN-female-01", "status": "active"}).json()
    campaign = api.post(f"{base}/api/autocall/campaigns", json={"name": "C", "script_id": script["data"]["id"]}).json()
    return {"variables": 1, "scripts": script["data"]["id"], "campaigns": campaign["data"]["id"]}
