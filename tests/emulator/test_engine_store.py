"""Persistence and concurrency of the emulator's SQLite store: `--db FILE` restarts, no lost or doubled writes."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from zorio_emulator.server import start_in_thread
from zorio_emulator.settings import EmulatorSettings

VARIABLES = "/api/autocall/variables"


def _session(base_url: str) -> requests.Session:
    token = requests.post(f"{base_url}/_emulator/tokens", json={}, timeout=10).json()["token"]
    session = requests.Session()
    session.headers.update({"Authorization": f"Bearer {token}", "Accept": "application/json"})
    return session


def test_file_database_of_an_older_emulator_keeps_its_tokens_working(tmp_path):
    db = tmp_path / "old.sqlite"
    old = sqlite3.connect(db)  # the tokens table as emulators before token names wrote it
    old.execute("CREATE TABLE tokens (id INTEGER PRIMARY KEY, secret TEXT NOT NULL, tenant_id INTEGER NOT NULL, "
                "user_id INTEGER, role TEXT NOT NULL, permissions TEXT NOT NULL, source TEXT NOT NULL, "
                "revoked INTEGER NOT NULL DEFAULT 0)")
    old.execute("INSERT INTO tokens VALUES (7, 'oldsecret', 1, 1, 'admin', '[\"autocall_api_access\"]', 'login', 0)")
    old.commit()
    old.close()
    server = start_in_thread(EmulatorSettings(db=str(db)))
    try:
        answer = requests.get(f"{server.base_url}{VARIABLES}", timeout=10,
                              headers={"Authorization": "Bearer 7|oldsecret", "Accept": "application/json"})
        log = requests.get(f"{server.base_url}/_emulator/requests", timeout=10).json()["data"]
    finally:
        server.stop()
    assert answer.status_code == 200
    assert [(e["token_id"], e["token_name"]) for e in log] == [(7, None)]


def test_file_database_survives_a_restart(tmp_path):
    db = str(tmp_path / "zorio.sqlite")
    first = start_in_thread(EmulatorSettings(db=db))
    try:
        session = _session(first.base_url)
        created = session.post(f"{first.base_url}{VARIABLES}", json={"variable_code": "kept", "name": "Kept"}, timeout=10)
        token = session.headers["Authorization"]
    finally:
        first.stop()
    second = start_in_thread(EmulatorSettings(db=db))
    try:
        again = requests.get(f"{second.base_url}{VARIABLES}/{created.json()['data']['id']}",
                             headers={"Authorization": token, "Accept": "application/json"}, timeout=10)
        groups = requests.get(f"{second.base_url}/api/caller-id-groups", headers={"Authorization": token}, timeout=10)
    finally:
        second.stop()
    assert again.status_code == 200
    assert again.json()["data"]["variable_code"] == "kept"
    assert [g["id"] for g in groups.json()["data"]] == [3, 5]  # seeds were not loaded twice


def test_file_database_keeps_ids_increasing_after_restart(tmp_path):
    db = str(tmp_path / "ids.sqlite")
    ids = []
    for code in ("one", "two"):
        server = start_in_thread(EmulatorSettings(db=db))
        try:
            session = _session(server.base_url)
            response = session.post(f"{server.base_url}{VARIABLES}", json={"variable_code": code, "name": code}, timeout=10)
            ids.append(response.json()["data"]["id"])
        finally:
            server.stop()
    assert ids[1] > ids[0]


def test_concurrent_creates_are_neither_lost_nor_doubled(emulator):
    token = emulator.token()

    def create(worker: int) -> list[int]:
        session = emulator.api(token)
        out = []
        for index in range(25):
            response = session.post(f"{emulator.base_url}{VARIABLES}",
                                    json={"variable_code": f"w{worker}_{index}", "name": "x"}, timeout=30)
            assert response.status_code == 201, response.text
            out.append(response.json()["data"]["id"])
        return out

    emulator.settings(rate_limit_scale=None)
    with ThreadPoolExecutor(8) as pool:
        ids = [i for chunk in pool.map(create, range(8)) for i in chunk]
    listed = emulator.api(token).get(f"{emulator.base_url}{VARIABLES}?per_page=200", timeout=10).json()
    assert len(set(ids)) == 200
    assert listed["total"] == 200


def test_concurrent_updates_of_different_fields_lose_nothing(emulator):
    emulator.settings(rate_limit_scale=None)
    api = emulator.api()
    ids = [api.post(f"{emulator.base_url}{VARIABLES}", json={"variable_code": f"v{i}", "name": "start"}).json()["data"]["id"]
           for i in range(8)]
    barrier = threading.Barrier(8)

    def update(variable_id: int) -> int:
        session = emulator.api()
        barrier.wait()
        for round_ in range(10):
            response = session.put(f"{emulator.base_url}{VARIABLES}/{variable_id}",
                                   json={"name": f"n{round_}", "sample_value": f"s{variable_id}"}, timeout=30)
            assert response.status_code == 200, response.text
        return variable_id

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(update, ids))
    final = {v["id"]: v for v in api.get(f"{emulator.base_url}{VARIABLES}").json()["data"]}
    assert all(final[i]["name"] == "n9" and final[i]["sample_value"] == f"s{i}" for i in ids)


def test_concurrent_same_code_creates_exactly_one(emulator):
    emulator.settings(rate_limit_scale=None)
    barrier = threading.Barrier(8)

    def create(_: int) -> int:
        session = emulator.api()
        barrier.wait()
        return session.post(f"{emulator.base_url}{VARIABLES}", json={"variable_code": "race", "name": "x"}, timeout=30).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(pool.map(create, range(8)))
    assert statuses == [201] + [422] * 7


def test_concurrent_idempotent_retries_create_once(emulator):
    emulator.settings(rate_limit_scale=None)
    token = emulator.token()
    barrier = threading.Barrier(6)

    def create(_: int) -> int:
        session = emulator.api(token)
        barrier.wait()
        return session.post(f"{emulator.base_url}{VARIABLES}", json={"variable_code": "once", "name": "x"},
                            headers={"Idempotency-Key": "same"}, timeout=30).status_code

    with ThreadPoolExecutor(6) as pool:
        statuses = set(pool.map(create, range(6)))
    assert statuses <= {201, 409}
    assert emulator.api(token).get(f"{emulator.base_url}{VARIABLES}").json()["total"] == 1
