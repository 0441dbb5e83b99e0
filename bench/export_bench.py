"""Measure `zorio export` of a 1,000-object account against a local emulator (rate limits off).

Run: .venv/bin/python bench/export_bench.py [--variables 700 --scripts 200 --campaigns 100]
Prints the export's wall time and API calls beside a baseline measured in the same run: reading every object with
one GET each (what a naive exporter does). Not a test.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import requests
from click.testing import CliRunner

from pulumi_zorio.cli import main
from zorio_emulator.server import start_in_thread
from zorio_emulator.settings import EmulatorSettings


def seed(base: str, headers: dict[str, str], variables: int, scripts: int, campaigns: int) -> list[str]:
    """Objects over the public API; returns their item paths (for the baseline)."""
    paths, script_ids = [], []
    with requests.Session() as http:
        http.headers.update(headers)
        for n in range(variables):
            made = http.post(f"{base}/api/autocall/variables", json={"variable_code": f"v{n:05d}", "name": f"V {n}"})
            paths.append(f"/api/autocall/variables/{made.json()['data']['id']}")
        for n in range(scripts):
            made = http.post(f"{base}/api/autocall/scripts", json={"name": f"Script {n}", "template_text": "Hello.",
                                                                   "voice_id": "vi-VN-female-01", "status": "active"})
            script_ids.append(made.json()["data"]["id"])
            paths.append(f"/api/autocall/scripts/{script_ids[-1]}")
        for n in range(campaigns):
            made = http.post(f"{base}/api/autocall/campaigns", json={"name": f"Campaign {n}", "caller_id_group_id": 3,
                                                                     "script_id": script_ids[n % len(script_ids)]})
            paths.append(f"/api/autocall/campaigns/{made.json()['data']['id']}")
    return paths


def read_each(base: str, headers: dict[str, str], paths: list[str]) -> float:
    """The naive baseline: one GET per object over one `requests` session; returns its wall time in seconds."""
    started = time.monotonic()
    with requests.Session() as http:
        http.headers.update(headers)
        for path in paths:
            http.get(f"{base}{path}").raise_for_status()
    return time.monotonic() - started


def main_bench() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variables", type=int, default=700)
    parser.add_argument("--scripts", type=int, default=200)
    parser.add_argument("--campaigns", type=int, default=100)
    args = parser.parse_args()
    server = start_in_thread(EmulatorSettings(db=":memory:", rate_limit_scale=None))
    base = server.base_url
    try:
        token = requests.post(f"{base}/_emulator/tokens", json={"tenant_id": 1, "role": "admin"}).json()["token"]
        headers = {"Accept": "application/json", "Authorization": f"Bearer {token}"}
        paths = seed(base, headers, args.variables, args.scripts, args.campaigns)
        requests.delete(f"{base}/_emulator/requests")
        naive = read_each(base, headers, paths)
        requests.delete(f"{base}/_emulator/requests")
        os.environ.update(ZORIO_BASE_URL=base, ZORIO_TOKEN=token)
        with tempfile.TemporaryDirectory() as temp:
            started = time.monotonic()
            result = CliRunner().invoke(main, ["export", "--out", str(Path(temp) / "out")])
            elapsed = time.monotonic() - started
        assert result.exit_code == 0, result.output
        calls = len([e for e in requests.get(f"{base}/_emulator/requests").json()["data"]
                     if e["path"].startswith("/api/")])
        print(f"export of {len(paths)} objects: {elapsed:.2f} s, {calls} API calls; baseline (one GET per object): "
              f"{naive:.2f} s, {len(paths)} calls -> {naive / elapsed:.1f}x faster, {len(paths) / calls:.0f}x fewer calls")
    finally:
        server.stop()


if __name__ == "__main__":
    main_bench()
