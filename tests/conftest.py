"""Shared fixtures: a fresh emulator on a free loopback port per test module, reset before each test."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from pulumi_zorio.client import _reset_process_state
from zorio_emulator.runtime import Runtime
from zorio_emulator.server import RunningEmulator, start_in_thread
from zorio_emulator.settings import EmulatorSettings

# Short enough that status-machine tests stay quick, long enough to observe `starting`.
TEST_START_DELAY_S = 0.2


@dataclass
class Emulator:
    """A handle on the running emulator: its URL plus the section 13 control calls."""

    base_url: str
    http: requests.Session
    runtime: Runtime

    def control(self, method: str, path: str, json: Any = None) -> requests.Response:
        """Call `/_emulator/<path>` (no auth) and return the raw response."""
        return self.http.request(method, f"{self.base_url}/_emulator/{path.lstrip('/')}", json=json, timeout=10)

    def token(self, tenant_id: int = 1, permissions: list[str] | None = None, role: str | None = None) -> str:
        """Mint a token with exactly these permissions (None = all) and role (None = the default, member)."""
        body: dict[str, Any] = {"tenant_id": tenant_id}
        if role is not None:
            body["role"] = role
        if permissions is not None:
            body["permissions"] = permissions
        response = self.control("POST", "tokens", body)
        assert response.status_code == 201, response.text
        return response.json()["token"]

    def login(self, username: str = "admin", password: str = "admin") -> str:
        """Log in through the public API and return the bearer token."""
        response = self.http.post(
            f"{self.base_url}/api/auth/login",
            json={"username": username, "password": password},
            headers={"Accept": "application/json"},
            timeout=10,
        )
        assert response.status_code == 200, response.text
        return response.json()["token"]

    def settings(self, **changes: Any) -> dict[str, Any]:
        """Change emulator settings until the next reset (e.g. rate_limit_scale=None)."""
        response = self.control("PATCH", "settings", changes)
        assert response.status_code == 200, response.text
        return response.json()

    def advance(self, seconds: float) -> None:
        """Move the emulator's clock forward (start delays, rate windows, idempotency keys), instead of sleeping."""
        response = self.control("POST", "clock", {"advance_s": seconds})
        assert response.status_code == 200, response.text

    def seed(self, kind: str, bodies: Iterable[dict[str, Any]], tenant_id: int = 1) -> list[dict[str, Any]]:
        """Create many `kind` objects (variable, script, campaign) straight in the emulator's backend, validated as
        a POST would be: bulk set-up without one HTTP request each (so the request log does not show them)."""
        create = getattr(self.runtime.backend, f"create_{kind}")
        return [create(tenant_id, dict(body))["data"] for body in bodies]

    def requests_log(self) -> list[dict[str, Any]]:
        """The emulator's request log (section 13)."""
        return self.control("GET", "requests").json()["data"]

    def api(self, token: str | None = None) -> requests.Session:
        """A session that sends the documented headers with a bearer token (a fresh admin one by default)."""
        session = requests.Session()
        session.headers["Accept"] = "application/json"
        session.headers["Authorization"] = f"Bearer {token or self.token()}"
        return session


@pytest.fixture(scope="module")
def emulator_server() -> Iterator[RunningEmulator]:
    """One emulator process-thread per test module, on a free loopback port."""
    server = start_in_thread(EmulatorSettings(db=":memory:", start_delay_s=TEST_START_DELAY_S))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def emulator(emulator_server: RunningEmulator) -> Iterator[Emulator]:
    """The module's emulator, reset to its seed data and startup settings before the test."""
    handle = Emulator(base_url=emulator_server.base_url, http=requests.Session(), runtime=emulator_server.runtime)
    response = handle.control("POST", "reset")
    assert response.status_code == 204, response.text
    yield handle
    handle.http.close()


@pytest.fixture(autouse=True)
def fresh_client_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test is its own `pulumi up`: no limiter window, login token or cached listing leaks between tests, and
    no login is kept on disk between them (tests of the login cache point ZORIO_LOGIN_CACHE at their own folder)."""
    monkeypatch.setenv("ZORIO_LOGIN_CACHE", "off")
    _reset_process_state()
    yield
    _reset_process_state()


@pytest.fixture
def token(emulator: Emulator) -> str:
    """An admin token; the emulator's limits scaled up (x100) so repeated applies and matrix tests never wait."""
    emulator.settings(rate_limit_scale=100)
    return str(emulator.token())


@pytest.fixture
def zorio_config(emulator: Emulator, token: str) -> dict[str, str]:
    """The stack configuration (`pulumi config`) that an engine passes to the providers' `configure()`."""
    return {"zorio:baseUrl": emulator.base_url, "zorio:token": token}
