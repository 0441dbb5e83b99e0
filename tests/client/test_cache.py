"""The list-read cache: bulk reads cost about N/200 list calls, writes invalidate, 404s stay 404s."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from pulumi_zorio.client import NotFoundError, _reset_process_state

from .conftest import MakeClient

VARIABLES = "/api/autocall/variables"


def _gets(emulator) -> tuple[int, int]:
    """(list calls, single-object reads) of variables in the request log."""
    log = [e for e in emulator.requests_log() if e["method"] == "GET"]
    lists = sum(1 for e in log if e["path"].split("?")[0] == VARIABLES)
    singles = sum(1 for e in log if e["path"].startswith(VARIABLES + "/"))
    return lists, singles


def test_reading_1000_objects_costs_at_most_5_list_calls_when_read_one_by_one(
    emulator, make_client: MakeClient
) -> None:
    emulator.settings(rate_limit_scale=None)
    token = emulator.token()
    created = emulator.seed("variable", ({"variable_code": f"v_{i:04d}", "name": f"V {i}"} for i in range(1000)))
    _reset_process_state()  # a new `pulumi refresh` process: nothing cached

    reader = make_client(token=token)
    with ThreadPoolExecutor(4) as pool:  # the provider host's thread pool
        read = list(pool.map(lambda v: reader.variables.retrieve(v["id"]), created))

    assert read == created
    lists, singles = _gets(emulator)
    assert lists <= 5 and singles <= 1


def test_not_found_is_raised_when_an_id_is_missing_from_a_fresh_listing(emulator, client) -> None:
    a = client.variables.create({"variable_code": "a_one", "name": "A"})
    b = client.variables.create({"variable_code": "b_two", "name": "B"})
    assert client.variables.retrieve(a["id"])["name"] == "A"
    assert client.variables.retrieve(b["id"])["name"] == "B"  # second read: the listing is loaded
    with pytest.raises(NotFoundError, match="HTTP 404: Resource not found"):
        client.variables.retrieve(999999)


def test_a_write_through_another_client_is_seen_when_the_listing_is_cached(
    emulator, make_client: MakeClient
) -> None:
    reader, writer = make_client(), make_client()
    ids = [reader.variables.create({"variable_code": f"c_{i}", "name": f"C{i}"})["id"] for i in range(3)]
    for object_id in ids:
        reader.variables.retrieve(object_id)
    writer.variables.update(ids[0], {"name": "renamed"})
    writer.variables.delete(ids[1])
    assert reader.variables.retrieve(ids[0])["name"] == "renamed"
    with pytest.raises(NotFoundError):
        reader.variables.retrieve(ids[1])
    assert reader.variables.retrieve(ids[2])["name"] == "C2"


def test_a_change_made_elsewhere_shows_after_the_ttl_when_the_listing_was_cached(
    emulator, make_client: MakeClient
) -> None:
    token = emulator.token()
    client = make_client(token=token, list_cache_ttl_s=0.5)
    ids = [client.variables.create({"variable_code": f"t_{i}", "name": "old"})["id"] for i in range(2)]
    for object_id in ids:
        client.variables.retrieve(object_id)
    outside = emulator.api(token).put(f"{emulator.base_url}{VARIABLES}/{ids[0]}", json={"name": "new"}, timeout=5)
    assert outside.status_code == 200, outside.text
    time.sleep(0.6)
    assert client.variables.retrieve(ids[0])["name"] == "new"


def test_the_codes_a_refresh_just_listed_are_known_without_reading_the_list_again(emulator, client) -> None:
    ids = [client.variables.create({"variable_code": f"r_{i}", "name": f"R{i}"})["id"] for i in range(3)]
    for object_id in ids:  # a refresh: the second read loads the listing
        client.variables.retrieve(object_id)
    before = _gets(emulator)

    assert client.variables.ids_by_code(cached=True) == {f"r_{i}": object_id for i, object_id in enumerate(ids)}
    assert _gets(emulator) == before


def test_the_cached_codes_are_read_again_after_a_write_since_the_listing(emulator, client) -> None:
    ids = [client.variables.create({"variable_code": f"d_{i}", "name": f"D{i}"})["id"] for i in range(2)]
    for object_id in ids:
        client.variables.retrieve(object_id)
    client.variables.delete(ids[0])
    made = client.variables.create({"variable_code": "d_new", "name": "New"})

    assert client.variables.ids_by_code(cached=True) == {"d_1": ids[1], "d_new": made["id"]}


def test_without_a_fresh_listing_the_cached_codes_are_read_live_and_kept(emulator, make_client: MakeClient) -> None:
    token = emulator.token()
    made = make_client(token=token).variables.create({"variable_code": "live_one", "name": "L"})
    _reset_process_state()  # a new process: nothing listed yet
    reader = make_client(token=token)

    assert reader.variables.ids_by_code(cached=True) == {"live_one": made["id"]}
    assert reader.variables.retrieve(made["id"])["name"] == "L"
    assert _gets(emulator)[1] == 0  # the read was served by the listing the codes loaded
