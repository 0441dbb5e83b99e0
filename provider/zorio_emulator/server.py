"""Running the emulator: `start_in_thread` (tests, benchmarks) and `serve` (foreground, `zorio emulator`).

Connections are served by uvicorn's h11 protocol, subclassed to expose the asyncio transport in the ASGI
scope (`zorio.transport`) so that a `drop_connection` fault can really close the socket without a response.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from zorio_emulator.app import create_app
from zorio_emulator.runtime import Runtime
from zorio_emulator.settings import EmulatorSettings

STARTUP_TIMEOUT_S = 10.0


class TransportExposingProtocol(H11Protocol):
    """uvicorn's h11 protocol, putting this connection's transport into every request scope."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        inner = self.app

        async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
            scope["zorio.transport"] = self.transport
            await inner(scope, receive, send)

        self.app = app

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        # Headers and body leave in two writes; without TCP_NODELAY, Nagle + delayed ACK add ~40 ms per request.
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket bound before uvicorn starts, so that port 0 works and the URL is known."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _url(sock: socket.socket, host: str) -> str:
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def _server(settings: EmulatorSettings) -> uvicorn.Server:
    app = create_app(settings)
    config = uvicorn.Config(
        app, http=TransportExposingProtocol, lifespan="off", log_level="warning", access_log=False,
        timeout_keep_alive=30,
    )
    server = uvicorn.Server(config)
    server.runtime = app.state.runtime  # type: ignore[attr-defined]
    return server


@dataclass
class RunningEmulator:
    """An emulator serving in a daemon thread."""

    base_url: str
    settings: EmulatorSettings
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def runtime(self) -> Runtime:
        """The emulator's state (backend, store): tests seed many objects through it instead of one request each."""
        return self._server.runtime  # type: ignore[attr-defined,no-any-return]

    def stop(self) -> None:
        """Stop serving and close the database."""
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._server.runtime.close()  # type: ignore[attr-defined]


def start_in_thread(settings: EmulatorSettings | None = None, host: str = "127.0.0.1", port: int = 0) -> RunningEmulator:
    """Start an emulator in a daemon thread; returns once it accepts connections."""
    settings = settings or EmulatorSettings()
    sock = _bind(host, port)
    server = _server(settings)
    server.config.setup_event_loop = lambda: None  # type: ignore[method-assign]

    def run() -> None:
        asyncio.run(server.serve(sockets=[sock]))

    thread = threading.Thread(target=run, name="zorio-emulator", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the Zorio emulator did not start")
        time.sleep(0.005)
    return RunningEmulator(_url(sock, host), settings, server, thread)


def serve(settings: EmulatorSettings | None = None, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Serve in the foreground until interrupted; prints the base URL and how to log in."""
    settings = settings or EmulatorSettings()
    sock = _bind(host, port)
    server = _server(settings)
    url = _url(sock, host)
    print(f"Zorio emulator listening on {url}  (db: {settings.db})", flush=True)
    print("Log in as admin/admin:", flush=True)
    print(
        f"  curl -s -X POST {url}/api/auth/login -H 'Accept: application/json' "
        "-H 'Content-Type: application/json' -d '{\"username\":\"admin\",\"password\":\"admin\"}'",
        flush=True,
    )
    print(f"OpenAPI: {url}/docs   Controls: {url}/_emulator/...   Stop: Ctrl+C", flush=True)
    if settings.variants:
        print(f"Variants on: {', '.join(sorted(settings.variants))}", flush=True)
    try:
        server.run(sockets=[sock])
    finally:
        server.runtime.close()  # type: ignore[attr-defined]
