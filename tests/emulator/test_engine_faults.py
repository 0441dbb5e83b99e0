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
