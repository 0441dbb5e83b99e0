"""A create under a create key (what the Pulumi engine's resources send, see resources/_create_key.py), repeated by
another process with the same token, as the `pulumi up` after a killed one is: the object the first one made comes
back, as it is now; a key whose object is gone moves on to its next generation; other inputs make another key."""

from __future__ import annotations

import threading
import time
from typing import Any

from pulumi_zorio.client import ZorioClient, _reset_process_state

from .conftest import MakeClient, add_fault, api_calls

SCRIPTS = "/api/autocall/scripts"
SCRIPT = {"name": "reminder", "template_text": "Hello", "voice_id": "vi-VN-female-01", "status": "active"}
KEY = "pulumi-zorio-create-test"


def rerun(make_client: MakeClient, token: str, **overrides: Any) -> ZorioClient:
    """A new process with the same token: nothing remembered from the first one (claims, caches, limiter)."""
    _reset_process_state()
    return make_client(token=token, **overrides)


def scripts(client: ZorioClient) -> list[Any]:
    return sorted(script["id"] for script in client.scripts.list())


def test_a_rerun_of_a_keyed_create_gets_the_first_runs_object_back(emulator: Any, make_client: MakeClient) -> None:
    token = emulator.token()
    first = make_client(token=token).scripts.create(SCRIPT, KEY)
    again = rerun(make_client, token).scripts.create(SCRIPT, KEY)
    assert again["id"] == first["id"]
    assert scripts(make_client(token=token)) == [first["id"]]
    assert [e["status"] for e in api_calls(emulator, "POST", SCRIPTS)] == [201, 201]  # the second one replayed


def test_a_replayed_object_deleted_since_is_not_returned_and_the_next_generation_is_stable(
    emulator: Any, make_client: MakeClient
) -> None:
    token = emulator.token()
    client = make_client(token=token)
    gone = client.scripts.create(SCRIPT, KEY)
    client.scripts.delete(gone["id"])
    second = rerun(make_client, token).scripts.create(SCRIPT, KEY)
    assert second["id"] != gone["id"]
    third = rerun(make_client, token).scripts.create(SCRIPT, KEY)  # a re-run of that one: `<key>.1` replayed
    assert third["id"] == second["id"]
    assert scripts(client) == [second["id"]]


def test_other_inputs_under_the_same_key_are_created_anew_not_given_the_earlier_object(
    emulator: Any, make_client: MakeClient
) -> None:
    token = emulator.token()
    earlier = make_client(token=token).scripts.create(SCRIPT, KEY)
    edited = rerun(make_client, token).scripts.create({**SCRIPT, "template_text": "Hello again"}, KEY)
    assert edited["id"] != earlier["id"] and edited["template_text"] == "Hello again"
    assert [e["status"] for e in api_calls(emulator, "POST", SCRIPTS)] == [201, 201]  # and no refused request


def test_another_token_is_not_replayed(emulator: Any, make_client: MakeClient) -> None:
    """The documented limit: keys are per token, so a re-run that logs in afresh makes a second object."""
    first = make_client().scripts.create(SCRIPT, KEY)
    second = rerun(make_client, emulator.token()).scripts.create(SCRIPT, KEY)
    assert second["id"] != first["id"]


def test_a_replayed_campaign_comes_back_with_its_live_status(emulator: Any, make_client: MakeClient) -> None:
    token = emulator.token()
    client = make_client(token=token)
    script = client.scripts.create(SCRIPT)
    payload = {"name": "q3_care", "script_id": script["id"], "caller_id_group_id": 3}
    created = client.campaigns.create(payload, KEY)
    assert created["status"] == "draft"
    client.campaigns.start(created["id"])
    again = rerun(make_client, token).campaigns.create(payload, KEY)
    assert again["id"] == created["id"] and again["status"] in ("starting", "running")


def test_a_keyed_upload_is_replayed_in_another_process(emulator: Any, make_client: MakeClient, wav: bytes) -> None:
    token = emulator.token()
    first = make_client(token=token).media_files.upload("thanks", "announcement", wav, "thanks.wav", create_key=KEY)
    again = rerun(make_client, token).media_files.upload("thanks", "announcement", wav, "thanks.wav", create_key=KEY)
    assert again["id"] == first["id"]
    assert [m["id"] for m in make_client(token=token).media_files.list()] == [first["id"]]


def test_a_rerun_while_the_first_request_is_still_being_processed_waits_for_its_answer(
    emulator: Any, make_client: MakeClient, token: str
) -> None:
    add_fault(emulator, method="POST", path=SCRIPTS, delay_s=1.0, times=1)  # the first one is slow to commit
    first: dict[str, Any] = {}
    slow = threading.Thread(target=lambda: first.update(make_client(token=token).scripts.create(SCRIPT, KEY)))
    slow.start()
    time.sleep(0.3)  # (ordering only: the first request is in the emulator's delay when the second arrives)
    again = rerun(make_client, token, backoff_scale=0.3).scripts.create(SCRIPT, KEY)
    slow.join()
    assert again["id"] == first["id"]
    assert [s["id"] for s in make_client(token=token).scripts.list()] == [first["id"]]
    assert 409 in [e["status"] for e in api_calls(emulator, "POST", SCRIPTS)]


def test_a_forced_replacement_that_gets_its_own_object_back_does_not_delete_it(
    emulator: Any, make_client: MakeClient
) -> None:
    """`pulumi up --replace` within 24 h, same inputs: the replacement's create is answered with the object itself,
    then Pulumi deletes the old one, which is that object: it stays, held by the replacement."""
    token = emulator.token()
    first = make_client(token=token).scripts.create(SCRIPT, KEY)
    client = rerun(make_client, token)
    replacement = client.scripts.create(SCRIPT, KEY)
    client.scripts.delete(first["id"])
    assert replacement["id"] == first["id"]
    assert scripts(client) == [first["id"]]
    assert api_calls(emulator, "DELETE", f"{SCRIPTS}/{first['id']}") == []


def test_an_object_a_create_made_anew_is_deleted_as_any_other(emulator: Any, make_client: MakeClient) -> None:
    token = emulator.token()
    client = make_client(token=token)
    made = client.scripts.create(SCRIPT, KEY)
    client.scripts.delete(made["id"])
    assert scripts(client) == []
