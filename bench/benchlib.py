"""What the benchmarks against the emulator share: an in-process emulator with its control calls, `zorio` run in
process, a generated configuration.

Imported by `bench/run.py` and the benchmark modules beside it (they put `bench/` first on `sys.path` by being run
from it, as `python bench/run.py` does).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import requests
from click.testing import CliRunner

from pulumi_zorio.cli import main as zorio_main
from pulumi_zorio.client import _reset_process_state
from zorio_emulator.server import RunningEmulator, start_in_thread
from zorio_emulator.settings import EmulatorSettings


@dataclass(frozen=True)
class Invocation:
    """What one in-process `zorio` command did."""

    exit_code: int
    output: str
    seconds: float


class Emulator:
    """An emulator in a daemon thread on a free loopback port, with the `/_emulator` control calls."""

    def __init__(self, **settings: Any) -> None:
        self._server: RunningEmulator = start_in_thread(EmulatorSettings(**{"db": ":memory:", **settings}))
        self.base_url = self._server.base_url
        self.http = requests.Session()

    def control(self, method: str, path: str, body: object = None) -> requests.Response:
        """Call `/_emulator/<path>`; a failure raises (a benchmark must not measure a broken set-up)."""
        response = self.http.request(method, f"{self.base_url}/_emulator/{path}", json=body, timeout=30)
        response.raise_for_status()
        return response

    def reset(self, **settings: Any) -> None:
        """Seed data only, then these settings (e.g. `rate_limit_scale=None` switches the limits off)."""
        self.control("POST", "reset")
        if settings:
            self.control("PATCH", "settings", settings)

    def admin_token(self) -> str:
        """A token of role admin (a token minted without a role is a member with only the listed permissions)."""
        return str(self.control("POST", "tokens", {"tenant_id": 1, "role": "admin", "name": "bench"}).json()["token"])

    def api_log(self) -> list[dict[str, Any]]:
        """The request log's `/api/` calls (what a command cost)."""
        return [e for e in self.control("GET", "requests").json()["data"] if e["path"].startswith("/api/")]

    def clear_log(self) -> None:
        self.control("DELETE", "requests")

    @property
    def store(self) -> Any:
        """The emulator's database, for seeding thousands of objects without thousands of requests."""
        return self._server._server.runtime.store  # type: ignore[attr-defined]  # noqa: SLF001 - bench only

    def stop(self) -> None:
        self.http.close()
        self._server.stop()


class ProcessEmulator(Emulator):
    """An emulator in its own process, as the real API is: what this process's threads do cannot slow it down
    (an emulator thread shares the GIL with `zorio`'s own workers, so a parallel apply slowed the "server" it was
    measured against). No `store`: seed over HTTP."""

    def __init__(self, rate_limit_scale: float | None = None, db: str = ":memory:") -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        scale = "off" if rate_limit_scale is None else str(rate_limit_scale)
        self._process = subprocess.Popen(
            [sys.executable, "-c", "from pulumi_zorio.cli import main; main()", "emulator", "--port", str(port),
             "--rate-limit-scale", scale, "--db", db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base_url = f"http://127.0.0.1:{port}"
        self.http = requests.Session()
        deadline = time.monotonic() + 30
        while True:
            try:
                self.http.get(f"{self.base_url}/_emulator/requests", timeout=1)
                break
            except requests.ConnectionError:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the emulator process did not start") from None
                time.sleep(0.05)

    @property
    def store(self) -> Any:
        raise TypeError("an emulator in its own process has no store here: seed it over HTTP")

    def stop(self) -> None:
        self.http.close()
        self._process.terminate()
        self._process.wait(timeout=10)


@contextmanager
def emulator(**settings: Any) -> Iterator[Emulator]:
    """A running emulator, stopped on exit."""
    running = Emulator(**settings)
    try:
        yield running
    finally:
        running.stop()


def at_sizes(measure: Callable[[Emulator, int], Any], rows: Callable[[list[Any]], Any],
             sizes: Sequence[int]) -> Any:
    """A benchmark measured at each size (smallest first) on one emulator with rate limits off, as table rows."""
    with emulator(rate_limit_scale=None) as emu:
        return rows([measure(emu, total) for total in sorted(sizes)])


def api_headers(token: str) -> dict[str, str]:
    """The documented headers of a plain `requests` call (what the baselines send)."""
    return {"Accept": "application/json", "Authorization": f"Bearer {token}"}


def zorio(args: Sequence[str], base_url: str, token: str) -> Invocation:
    """Run `zorio ARGS` in this process as a fresh run would (no limiter window or cached listing carried over)."""
    _reset_process_state()
    env = {"ZORIO_BASE_URL": base_url, "ZORIO_TOKEN": token, "ZORIO_USERNAME": None, "ZORIO_PASSWORD": None}
    cwd = os.getcwd()
    started = time.perf_counter()
    try:
        result = CliRunner().invoke(zorio_main, list(args), env=env)
    finally:
        os.chdir(cwd)
        _reset_process_state()
    took = time.perf_counter() - started
    crash = result.exception if not isinstance(result.exception, SystemExit) else None
    return Invocation(result.exit_code, result.output + (f"\n{crash!r}" if crash else ""), took)


def variables_config(count: int) -> str:
    """A zorio.yaml declaring `count` variables (`var_00000`, ...)."""
    return "variables:\n" + "".join(f"  var_{i:05d}: {{name: Variable {i}}}\n" for i in range(count))
