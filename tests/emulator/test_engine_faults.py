"""Fault injection (api-contract.md section 13): answers instead of processing, lost responses, drops, latency."""

from __future__ import annotations

import time

import pytest
import requests

SCRIPTS = "/api/autocall/variables"


def _variable(code: str) -> dict:
    return {"variable_code": code, "name": code.title()}


def _fault(emulator, **rule) -> int:
    response = emulator.control("POST", "faults", {"method": "POST", "path": f"{SCRIPTS}*", **rule})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _codes(api, base_url) -> list[str]:
    return [v["variable_code"] for v in api.get(f"{base_url}{SCRIPTS}").json()["data"]]


def test_fault_answers_instead_of_processing_when_not_after_commit(emulator):
    api = emulator.api()
    _fault(emulator, status=500)
    response = api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("first"))
    assert response.status_code == 500
    assert response.json() == {"message": "Server Error"}
    assert _codes(api, emulator.base_url) == []


def test_fault_after_commit_applies_the_change_and_loses_the_response(emulator):
    api = emulator.api()
    _fault(emulator, status=503, after_commit=True)
    response = api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("lost"))
    assert response.status_code == 503
    assert response.json() == {"message": "Service Unavailable"}
    assert _codes(api, emulator.base_url) == ["lost"]


def test_fault_after_commit_retry_with_same_key_replays_the_real_response(emulator):
    api = emulator.api()
    _fault(emulator, status=500, after_commit=True)
    headers = {"Idempotency-Key": "retry-after-lost-response"}
    first = api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("once"), headers=headers)
    retry = api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("once"), headers=headers)
    assert first.status_code == 500
    assert retry.status_code == 201
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert _codes(api, emulator.base_url) == ["once"]


def test_fault_applies_to_a_retry_with_the_same_key_instead_of_a_replay(emulator):
    api = emulator.api()
    _fault(emulator, status=500, after_commit=True, times=2)
    headers = {"Idempotency-Key": "lost-twice"}
    statuses = [api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("twice_lost"), headers=headers)
                for _ in range(3)]
    assert [r.status_code for r in statuses] == [500, 500, 201]
    assert [r.headers.get("Idempotent-Replayed") for r in statuses] == [None, None, "true"]
    assert _codes(api, emulator.base_url) == ["twice_lost"]


def test_fault_before_commit_applies_to_a_retry_whose_key_would_replay(emulator):
    api = emulator.api()
    headers = {"Idempotency-Key": "done-once"}
    assert api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("done"), headers=headers).status_code == 201
    _fault(emulator, drop_connection=True)
    with pytest.raises(requests.exceptions.ConnectionError):
        api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("done"), headers=headers)
    assert [e["status"] for e in emulator.requests_log()] == [201, 0]
    assert _codes(api, emulator.base_url) == ["done"]


def test_fault_delay_after_commit_applies_the_change_then_answers_slowly(emulator):
    api = emulator.api()
    _fault(emulator, status=None, delay_after_commit_s=0.6)
    with pytest.raises(requests.exceptions.Timeout):
        api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("committed"), timeout=0.3)
    assert _codes(api, emulator.base_url) == ["committed"]  # already there while the answer is still on its way


def test_fault_delay_after_commit_then_its_status_is_a_slow_lost_response(emulator):
    api = emulator.api()
    _fault(emulator, status=503, delay_after_commit_s=0.1)
    response = api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("slow_lost"))
    assert response.status_code == 503
    assert _codes(api, emulator.base_url) == ["slow_lost"]


def test_fault_times_counts_down_then_requests_succeed(emulator):
    api = emulator.api()
    _fault(emulator, status=500, times=2)
    statuses = [api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable(f"v{i}")).status_code for i in range(3)]
    assert statuses == [500, 500, 201]
    assert emulator.control("GET", "faults").json()["data"] == []


def test_fault_drop_connection_is_a_connection_error_for_the_client(emulator):
    api = emulator.api()
    _fault(emulator, drop_connection=True)
    with pytest.raises(requests.exceptions.ConnectionError):
        api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("dropped"))
    assert _codes(api, emulator.base_url) == []
    assert emulator.requests_log()[0]["status"] == 0


def test_fault_drop_connection_after_commit_keeps_the_change(emulator):
    api = emulator.api()
    _fault(emulator, drop_connection=True, after_commit=True)
    with pytest.raises(requests.exceptions.ConnectionError):
        api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("kept"))
    assert _codes(api, emulator.base_url) == ["kept"]


def test_fault_delay_is_processed_even_when_the_client_gives_up(emulator):
    api = emulator.api()
    _fault(emulator, delay_s=0.6, status=None)
    with pytest.raises(requests.exceptions.Timeout):
        api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("slow"), timeout=0.2)
    time.sleep(0.7)
    assert _codes(api, emulator.base_url) == ["slow"]


def test_fault_delay_retry_during_first_request_is_told_in_flight(emulator):
    api = emulator.api()
    _fault(emulator, delay_s=0.6, status=None)
    headers = {"Idempotency-Key": "slow-key"}
    with pytest.raises(requests.exceptions.Timeout):
        api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("slow"), headers=headers, timeout=0.2)
    second = api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("slow"), headers=headers)
    assert second.status_code == 409
    assert second.json() == {"message": "A request with this Idempotency-Key is still being processed."}
    time.sleep(0.6)
    third = api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("slow"), headers=headers)
    assert third.status_code == 201
    assert third.headers["Idempotent-Replayed"] == "true"
    assert _codes(api, emulator.base_url) == ["slow"]


def test_fault_429_carries_retry_after(emulator):
    api = emulator.api()
    _fault(emulator, status=429, retry_after=7)
    response = api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("limited"))
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert response.json() == {"message": "Too many requests. Retry after 7 seconds."}


def test_fault_matches_only_its_method_and_path(emulator):
    api = emulator.api()
    _fault(emulator, status=500)
    assert api.get(f"{emulator.base_url}{SCRIPTS}").status_code == 200
    assert api.get(f"{emulator.base_url}/api/autocall/voices").status_code == 200
    assert emulator.control("GET", "faults").json()["data"][0]["times"] == 1


def test_fault_clear_removes_every_rule(emulator):
    api = emulator.api()
    _fault(emulator, status=500, times=5)
    assert emulator.control("DELETE", "faults").status_code == 204
    assert api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("fine")).status_code == 201


def test_request_log_records_the_tenant_and_the_token_id_and_name_but_never_the_token(emulator):
    login = emulator.http.post(f"{emulator.base_url}/api/auth/login", headers={"Accept": "application/json"},
                               json={"username": "other", "password": "other", "device_name": "ci-runner"}, timeout=10)
    token = login.json()["token"]
    emulator.api(token).get(f"{emulator.base_url}{SCRIPTS}")
    minted = emulator.token()
    emulator.api(minted).get(f"{emulator.base_url}{SCRIPTS}")
    emulator.http.get(f"{emulator.base_url}{SCRIPTS}", headers={"Accept": "application/json"}, timeout=10)
    log = emulator.requests_log()
    assert [(e["path"], e["tenant_id"], e["token_id"], e["token_name"]) for e in log] == [
        ("/api/auth/login", None, None, None),
        (SCRIPTS, 2, int(token.split("|")[0]), "ci-runner"),
        (SCRIPTS, 1, int(minted.split("|")[0]), "emulator control"),
        (SCRIPTS, None, None, None),
    ]
    text = str(log)
    assert token not in text and token.split("|")[1] not in text and minted.split("|")[1] not in text


def test_request_log_records_the_status_the_client_got(emulator):
    api = emulator.api()
    _fault(emulator, status=502)
    api.post(f"{emulator.base_url}{SCRIPTS}", json=_variable("x"), headers={"Idempotency-Key": "k1"})
    api.get(f"{emulator.base_url}{SCRIPTS}")
    log = emulator.requests_log()
    assert [(e["method"], e["path"], e["status"], e["idempotency_key"]) for e in log] == [
        ("POST", SCRIPTS, 502, "k1"), ("GET", SCRIPTS, 200, None),
    ]
    assert emulator.control("DELETE", "requests").status_code == 204
    assert emulator.requests_log() == []
