"""No duplicates, ever: lost responses, dropped connections and timeouts of creates and deletes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from pulumi_zorio.client import NotFoundError, OutcomeUnknownError, ZorioClient

from .conftest import MakeClient, add_fault, api_calls

VARIABLES = "/api/autocall/variables"
SCRIPTS = "/api/autocall/scripts"
SCRIPT = {"name": "reminder", "template_text": "Hello", "voice_id": "vi-VN-female-01", "status": "active"}


def _codes(client: ZorioClient, code: str) -> list[dict]:
    return [v for v in client.variables.list() if v["variable_code"] == code]


def test_create_ends_with_exactly_one_object_when_the_response_is_lost(emulator, client: ZorioClient) -> None:
    add_fault(emulator, method="POST", path=VARIABLES, status=500, after_commit=True, times=1)
    created = client.variables.create({"variable_code": "lost_reply", "name": "Lost"})
    assert [v["id"] for v in _codes(client, "lost_reply")] == [created["id"]]
    # the object was found by its natural key: the create was not sent a second time
    assert len(api_calls(emulator, "POST", VARIABLES)) == 1


def test_create_ends_with_exactly_one_object_when_the_connection_drops_after_commit(
    emulator, client: ZorioClient
) -> None:
    add_fault(emulator, method="POST", path=VARIABLES, drop_connection=True, after_commit=True, times=1)
    created = client.variables.create({"variable_code": "dropped", "name": "Dropped"})
    assert [v["id"] for v in _codes(client, "dropped")] == [created["id"]]
    assert len(api_calls(emulator, "POST", VARIABLES)) == 1


def test_create_is_sent_again_when_the_failure_happened_before_commit(emulator, client: ZorioClient) -> None:
    add_fault(emulator, method="POST", path=VARIABLES, status=503, times=2)
    created = client.variables.create({"variable_code": "second_try", "name": "Second"})
    assert [v["id"] for v in _codes(client, "second_try")] == [created["id"]]
    assert [e["status"] for e in api_calls(emulator, "POST", VARIABLES)] == [503, 503, 201]


def test_create_ends_with_exactly_one_object_when_the_first_attempt_times_out(
    emulator, make_client: MakeClient
) -> None:
    # a retry that lands while the first attempt still runs gets 409 "still being processed" and waits
    client = make_client(timeout=(2.0, 0.3), backoff_scale=0.3)
    add_fault(emulator, method="POST", path=VARIABLES, delay_s=0.8, times=1)
    created = client.variables.create({"variable_code": "slow_commit", "name": "Slow"})
    assert [v["id"] for v in _codes(client, "slow_commit")] == [created["id"]]


def test_script_create_ends_with_one_object_when_the_response_is_lost(emulator, client: ZorioClient) -> None:
    add_fault(emulator, method="POST", path="/api/autocall/scripts", status=502, after_commit=True, times=1)
    payload = {"name": "reminder", "template_text": "Hello", "voice_id": "vi-VN-female-01", "status": "active"}
    created = client.scripts.create(payload)
    assert [s["id"] for s in client.scripts.list() if s["name"] == "reminder"] == [created["id"]]
    assert len(api_calls(emulator, "POST", "/api/autocall/scripts")) == 1


def test_media_upload_ends_with_one_file_when_the_response_is_lost(emulator, client: ZorioClient, wav) -> None:
    add_fault(emulator, method="POST", path="/api/media-files", status=500, after_commit=True, times=1)
    created = client.media_files.upload("Thank you", "announcement", wav, filename="thank_you.wav")
    assert [m["id"] for m in client.media_files.list() if m["name"] == "Thank you"] == [created["id"]]
    assert len(api_calls(emulator, "POST", "/api/media-files")) == 1


def test_delete_succeeds_when_its_response_is_lost_and_the_object_is_gone(emulator, client: ZorioClient) -> None:
    variable = client.variables.create({"variable_code": "doomed", "name": "Doomed"})
    add_fault(emulator, method="DELETE", path=f"{VARIABLES}/*", status=500, after_commit=True, times=1)
    client.variables.delete(variable["id"])
    with pytest.raises(NotFoundError):
        client.variables.retrieve(variable["id"], fresh=True)
    assert len(api_calls(emulator, "DELETE", f"{VARIABLES}/{variable['id']}")) == 1


def test_create_waits_instead_of_failing_when_the_first_attempt_is_still_being_processed(
    emulator, make_client: MakeClient
) -> None:
    client = make_client(timeout=(2.0, 0.3), backoff_scale=0.3)
    add_fault(emulator, method="POST", path=VARIABLES, delay_s=1.5, times=1)
    created = client.variables.create({"variable_code": "in_flight", "name": "In flight"})
    assert [v["id"] for v in _codes(client, "in_flight")] == [created["id"]]
    assert 409 in [e["status"] for e in api_calls(emulator, "POST", VARIABLES)]


def test_create_returns_the_object_when_the_only_attempt_lost_its_response(emulator, make_client: MakeClient) -> None:
    client = make_client(max_attempts=1)
    add_fault(emulator, method="POST", path=VARIABLES, status=500, after_commit=True, times=1)
    created = client.variables.create({"variable_code": "last_look", "name": "Last"})
    assert [v["id"] for v in _codes(client, "last_look")] == [created["id"]]


def test_create_is_not_sent_again_while_the_lookup_for_it_fails(emulator, client: ZorioClient) -> None:
    # An API that ignores Idempotency-Key (issue 17) would create a second object from a blind resend.
    emulator.settings(variants=["idempotency-ignored"])
    add_fault(emulator, method="POST", path=SCRIPTS, status=500, after_commit=True, times=1)
    add_fault(emulator, method="GET", path=SCRIPTS, status=500, times=5)  # one whole lookup gives up
    created = client.scripts.create(SCRIPT)
    assert [s["id"] for s in client.scripts.list() if s["name"] == "reminder"] == [created["id"]]
    assert len(api_calls(emulator, "POST", SCRIPTS)) == 1


def test_create_whose_effect_cannot_be_checked_says_so_and_is_not_sent_again(emulator, client: ZorioClient) -> None:
    emulator.settings(variants=["idempotency-ignored"])
    add_fault(emulator, method="POST", path=SCRIPTS, status=500, after_commit=True, times=1)
    add_fault(emulator, method="GET", path=SCRIPTS, status=503, times=1000)
    with pytest.raises(OutcomeUnknownError) as caught:
        client.scripts.create(SCRIPT)
    assert str(caught.value) == (
        f"POST {SCRIPTS}: its answer was lost (HTTP 500: Server Error) and every check of whether it took effect "
        f"failed (GET {SCRIPTS} failed with HTTP 503: Service Unavailable (after 5 attempts)), so it was not sent "
        "again: it may have taken effect. Check the account before running again (after 5 attempts)")
    assert len(api_calls(emulator, "POST", SCRIPTS)) == 1


def test_parallel_creates_end_with_each_object_exactly_once_when_the_network_misbehaves(
    emulator, make_client: MakeClient
) -> None:
    emulator.settings(rate_limit_scale=30 / 120, rate_limit_window_s=1.0)
    client = make_client(rate_limit_window_s=1.0)
    add_fault(emulator, method="POST", path=VARIABLES, status=500, after_commit=True, times=4)
    add_fault(emulator, method="POST", path=VARIABLES, drop_connection=True, after_commit=True, times=4)
    add_fault(emulator, method="POST", path=VARIABLES, status=503, times=4)
    add_fault(emulator, method="POST", path=VARIABLES, drop_connection=True, times=4)
    codes = [f"code_{i:02d}" for i in range(40)]
    with ThreadPoolExecutor(8) as pool:
        created = list(pool.map(lambda c: client.variables.create({"variable_code": c, "name": c}), codes))
    live = sorted((v["variable_code"], v["id"]) for v in client.variables.list())
    assert live == sorted((v["variable_code"], v["id"]) for v in created)
    assert 429 not in [e["status"] for e in emulator.requests_log()]


def test_recovery_never_returns_a_twin_that_another_create_returned_when_fields_are_identical(
    emulator, client: ZorioClient
) -> None:
    payload = {"name": "twin", "template_text": "Hello", "voice_id": "vi-VN-female-01", "status": "active"}
    first = client.scripts.create(payload)
    add_fault(emulator, method="POST", path="/api/autocall/scripts", status=500, after_commit=True, times=1)
    second = client.scripts.create(payload)
    assert second["id"] != first["id"]
    assert sorted(s["id"] for s in client.scripts.list()) == sorted([first["id"], second["id"]])
