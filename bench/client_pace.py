"""Measure the client's proactive rate limiting and list-read cache against a local emulator.

Run: .venv/bin/python bench/client_pace.py [--threads 8] [--requests 120] [--limit 20] [--window 3]
Prints ratios (elapsed / the minimum the limit forces, 429 count, list calls per 1,000 reads); not a test.
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from pulumi_zorio.client import ClientConfig, ZorioClient, _reset_process_state
from zorio_emulator.server import start_in_thread
from zorio_emulator.settings import EmulatorSettings


def _control(base: str, method: str, path: str, body: object = None) -> requests.Response:
    return requests.request(method, f"{base}/_emulator/{path}", json=body, timeout=10)


def minimum_seconds(total: int, limit: int, window: float) -> float:
    """The least time `total` requests can take under `limit` per sliding `window`: a full window per `limit`
    requests after the first burst."""
    return (total - 1) // limit * window


def pace(base: str, threads: int, total: int, limit: int, window: float) -> None:
    _control(base, "POST", "reset")
    _control(base, "PATCH", "settings", {"rate_limit_scale": limit / 120, "rate_limit_window_s": window})
    token = _control(base, "POST", "tokens", {"tenant_id": 1}).json()["token"]
    clients = [ZorioClient(ClientConfig(base_url=base, token=token, rate_limit_window_s=window)) for _ in range(threads)]
    started = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda i: clients[i % threads].voices.list(fresh=True), range(total)))
    elapsed = time.monotonic() - started
    log = _control(base, "GET", "requests").json()["data"]
    forced = minimum_seconds(total, limit, window)
    print(f"pace: {total} requests, {threads} threads, limit {limit}/{window:g}s -> {elapsed:.2f}s "
          f"(minimum {forced:.2f}s, ratio {elapsed / forced:.2f}), 429s: {sum(e['status'] == 429 for e in log)}")


def cache(base: str, count: int) -> None:
    _control(base, "POST", "reset")
    _control(base, "PATCH", "settings", {"rate_limit_scale": None})
    token = _control(base, "POST", "tokens", {"tenant_id": 1}).json()["token"]
    client = ZorioClient(ClientConfig(base_url=base, token=token))
    with ThreadPoolExecutor(8) as pool:
        made = list(pool.map(lambda i: client.variables.create({"variable_code": f"v{i}", "name": "n"}), range(count)))
    _reset_process_state()
    _control(base, "DELETE", "requests")
    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda v: client.variables.retrieve(v["id"]), made))
    log = _control(base, "GET", "requests").json()["data"]
    print(f"cache: {count} reads -> {len(log)} API calls "
          f"({sum(e['path'] == '/api/autocall/variables' for e in log)} list calls) in {time.monotonic() - started:.2f}s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--requests", type=int, default=120)
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--window", type=float, default=3.0)
    parser.add_argument("--objects", type=int, default=1000)
    args = parser.parse_args()
    server = start_in_thread(EmulatorSettings(db=":memory:"))
    try:
        pace(server.base_url, args.threads, args.requests, args.limit, args.window)
        cache(server.base_url, args.objects)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
