"""Retries against the emulator's fault rules: what ends in success, and what fails with which error."""

from __future__ import annotations

import pytest

from pulumi_zorio.client import (
    ConflictError,
    NotFoundError,
    ServerError,
    TransportError,
    ValidationError,
    ZorioClient,
)

from .conftest import MakeClient, add_fault, api_calls

VOICES = "/api/autocall/voices"
VARIABLES = "/api/autocall/variables"


def test_burst_of_429_ends_in_success_when_it_fits_the_attempt_budget(emulator, client: ZorioClient) -> None:
    add_fault(emulator, method="GET", path=VOICES, status=429, retry_after=0, times=4)
    voices = client.voices.list(fresh=True)
    assert any(v["id"] == "vi-VN-female-01" for v in voices)
    assert [e["status"] for e in api_calls(emulator, "GET", VOICES)] == [429, 429, 429, 429, 200]


def test_burst_of_5xx_ends_in_success_when_it_fits_the_attempt_budget(emulator, client: ZorioClient) -> None:
    add_fault(emulator, method="GET", path=VOICES, status=503, times=2)
    add_fault(emulator, method="GET", path=VOICES, status=500, times=2)
    assert client.voices.list(fresh=True)
    assert [e["status"] for e in api_calls(emulator, "GET", VOICES)] == [503, 503, 500, 500, 200]


def test_server_error_names_method_path_and_attempts_when_failures_outlast_the_budget(
    emulator, client: ZorioClient
) -> None:
    add_fault(emulator, method="GET", path=VOICES, status=500, times=100)
    with pytest.raises(ServerError) as caught:
        client.voices.list(fresh=True)
    assert str(caught.value) == f"GET {VOICES} failed with HTTP 500: Server Error (after 5 attempts)"
    assert len(api_calls(emulator, "GET", VOICES)) == 5


def test_attempt_budget_is_configurable_when_a_client_wants_fewer_tries(emulator, make_client: MakeClient) -> None:
    add_fault(emulator, method="GET", path=VOICES, status=502, times=100)
    with pytest.raises(ServerError):
        make_client(max_attempts=2).voices.list(fresh=True)
    assert len(api_calls(emulator, "GET", VOICES)) == 2


def test_transport_error_is_raised_when_every_connection_drops(emulator, client: ZorioClient) -> None:
    add_fault(emulator, method="GET", path=VOICES, drop_connection=True, times=100)
    with pytest.raises(TransportError) as caught:
        client.voices.list(fresh=True)
    assert str(caught.value).startswith(f"GET {VOICES} failed without a response: ")
    assert str(caught.value).endswith("(after 5 attempts)")


def test_timeout_is_retried_when_the_server_is_slow_once(emulator, make_client: MakeClient) -> None:
    add_fault(emulator, method="GET", path=VOICES, delay_s=1.0, times=1)
    client = make_client(timeout=(2.0, 0.3))
    assert client.voices.list(fresh=True)


def test_validation_error_is_not_retried_when_the_api_answers_422(emulator, client: ZorioClient) -> None:
    client.variables.create({"variable_code": "dup_code", "name": "One"})
    with pytest.raises(ValidationError) as caught:
        client.variables.create({"variable_code": "dup_code", "name": "Two"})
    assert "variable_code" in caught.value.field_errors
    assert "variable_code: The variable code has already been taken." in str(caught.value)
    assert len(api_calls(emulator, "POST", VARIABLES)) == 2


def test_conflict_is_not_retried_when_the_api_answers_409(emulator, client: ZorioClient) -> None:
    add_fault(emulator, method="DELETE", path=f"{VARIABLES}/*", status=409, times=5)
    variable = client.variables.create({"variable_code": "busy", "name": "Busy"})
    with pytest.raises(ConflictError):
        client.variables.delete(variable["id"])
    assert len(api_calls(emulator, "DELETE", f"{VARIABLES}/{variable['id']}")) == 1


def test_not_found_names_the_path_when_an_id_does_not_exist(emulator, client: ZorioClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.variables.retrieve(987654)
    assert str(caught.value) == f"GET {VARIABLES}/987654 failed with HTTP 404: Resource not found"


def test_retries_of_a_write_repeat_one_idempotency_key_when_the_server_fails(emulator, client: ZorioClient) -> None:
    variable = client.variables.create({"variable_code": "greeting", "name": "Greeting"})
    add_fault(emulator, method="PUT", path=f"{VARIABLES}/*", status=500, times=2)
    updated = client.variables.update(variable["id"], {"name": "Hello"})
    assert updated["name"] == "Hello"
    puts = api_calls(emulator, "PUT", f"{VARIABLES}/{variable['id']}")
    assert [e["status"] for e in puts] == [500, 500, 200]
    assert len({e["idempotency_key"] for e in puts}) == 1 and puts[0]["idempotency_key"]
    posts = api_calls(emulator, "POST", VARIABLES)
    assert posts[0]["idempotency_key"] not in (None, puts[0]["idempotency_key"])


def test_retry_after_is_honoured_when_a_429_says_how_long_to_wait(emulator, client: ZorioClient) -> None:
    import time

    add_fault(emulator, method="GET", path=VOICES, status=429, retry_after=1, times=1)
    started = time.monotonic()
    client.voices.list(fresh=True)
    assert time.monotonic() - started >= 1.0  # the backoff alone would have waited ~0.01 s
