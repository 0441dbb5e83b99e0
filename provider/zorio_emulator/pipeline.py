"""The ASGI middleware every request passes: body limits, faults, auth, rate limits, idempotency, request log.

Order for /api requests [brief]: 413 → route match (404/405 before auth, as Laravel) → auth 401 →
rate limit 429 → fault rule taken → idempotency (replay / 422 / 409 / in flight) → fault delay → fault answer or
the route (permission 403 → lookup 404 → validation 422 → state 409) → idempotency stored → delay after commit →
after_commit fault. A retry that would be replayed is not replayed while a fault rule matches it: the fault
applies (its answer replaces the replay; the committed change is the one stored).
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from anyio import to_thread
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zorio_emulator import clock, idempotency, rules, variants
from zorio_emulator.faults import FaultRule
from zorio_emulator.runtime import Runtime

logger = logging.getLogger("zorio_emulator")
JSON_TYPE = "application/json"
# Headers a replay reproduces; rate-limit headers are always fresh.
_REPLAYED_HEADERS = ("content-type", "content-disposition")


@dataclass
class Answer:
    """A complete HTTP response held in memory."""

    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def json(cls, status: int, data: Any, headers: dict[str, str] | None = None) -> Answer:
        """A JSON answer."""
        payload = b"" if data is None else json.dumps(data, separators=(",", ":")).encode()
        head = [("content-type", JSON_TYPE)] if data is not None else []
        return cls(status, payload, head + list((headers or {}).items()))


def body_limit(scope: Scope, runtime: Runtime) -> int:
    """1 MiB for JSON, 25 MiB for multipart uploads [I]."""
    content_type = _header(scope, "content-type") or ""
    if content_type.lower().startswith("multipart/"):
        return runtime.settings.max_multipart_body_bytes
    return runtime.settings.max_json_body_bytes


def _header(scope: Scope, name: str) -> str | None:
    raw = name.encode("latin-1")
    for key, value in scope["headers"]:
        if key.lower() == raw:
            return value.decode("latin-1")
    return None


async def read_body(receive: Receive, limit: int) -> tuple[bytes, bool]:
    """The whole request body; past `limit` the rest is drained and discarded (→ 413)."""
    chunks: list[bytes] = []
    size, too_large = 0, False
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            too_large = True
        elif chunk:
            chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return (b"" if too_large else b"".join(chunks)), too_large


def replay_receive(body: bytes) -> Receive:
    """A `receive` that yields the buffered body once, then waits like a live connection."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()
        return {"type": "http.disconnect"}

    return receive


async def send_answer(send: Send, answer: Answer, extra: dict[str, str] | None = None) -> None:
    """Write an Answer with a correct content-length."""
    headers = [(k, v) for k, v in answer.headers if k.lower() != "content-length"]
    headers += list((extra or {}).items())
    headers.append(("content-length", str(len(answer.body))))
    await send({
        "type": "http.response.start", "status": answer.status,
        "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers],
    })
    await send({"type": "http.response.body", "body": answer.body})


async def capture(app: ASGIApp, scope: Scope, body: bytes) -> Answer:
    """Run the inner app and collect its whole response; unexpected exceptions become 500 [section 2]."""
    answer = Answer(0)
    chunks: list[bytes] = []

    async def collect(message: Message) -> None:
        if message["type"] == "http.response.start":
            answer.status = message["status"]
            answer.headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in message.get("headers", [])]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    try:
        await app(scope, replay_receive(body), collect)
    except Exception:  # noqa: BLE001 - any bug must still answer the contract's 500
        logger.exception("unhandled error in %s %s", scope["method"], scope["path"])
        return Answer.json(500, {"message": rules.MSG_SERVER_ERROR})
    if answer.status == 0:
        return Answer.json(500, {"message": rules.MSG_SERVER_ERROR})
    answer.body = b"".join(chunks)
    return answer


def fault_answer(rule: FaultRule) -> Answer:
    """The body the contract documents for the fault's status (section 2)."""
    status = rule.status or 500
    message = rules.FAULT_MESSAGES.get(status, "Server Error" if status >= 500 else "Error")
    headers: dict[str, str] = {}
    if status == 429:
        message = rules.MSG_TOO_MANY.format(seconds=rule.retry_after)
        headers["Retry-After"] = str(rule.retry_after)
    if status == 422:
        return Answer.json(status, {"message": message, "errors": {}}, headers)
    return Answer.json(status, {"message": message}, headers)


async def drop_connection(scope: Scope, send: Send) -> None:
    """Close the socket without an HTTP response (server.py exposes the transport in the scope)."""
    transport = scope.get("zorio.transport")
    if transport is not None:
        transport.abort()
        for _ in range(3):  # let uvicorn see connection_lost before the app returns
            await asyncio.sleep(0)
        return
    # Fallback (no transport, e.g. another ASGI server): start a response and break it off mid-way.
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-length", b"1048576"), (b"content-type", b"application/json")]})
    raise ConnectionAbortedError("fault: drop_connection")


def match_route(routes: list[BaseRoute], scope: Scope) -> Match:
    """FULL when a route serves this method and path, PARTIAL for a wrong method, NONE otherwise."""
    best = Match.NONE
    for route in routes:
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return match
        if match == Match.PARTIAL:
            best = match
    return best


class ApiPipeline:
    """Pure ASGI middleware in front of the FastAPI routes."""

    def __init__(self, app: ASGIApp, runtime: Runtime, routes: list[BaseRoute]) -> None:
        self.app = app
        self.runtime = runtime
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body, too_large = await read_body(receive, body_limit(scope, self.runtime))
        scope["zorio.body"] = body
        path = scope["path"]
        is_api = path == "/api" or path.startswith("/api/")
        if too_large:
            answer = Answer.json(413, {"message": rules.MSG_TOO_LARGE})
            if is_api:
                self._log(scope, answer.status)
            await send_answer(send, answer)
            return
        if not is_api:
            await send_answer(send, await capture(self.app, scope, body))
            return
        exchange = Exchange(self, scope, body, send)
        await exchange.run()

    def _log(self, scope: Scope, status: int, key: str | None = None) -> None:
        """One log entry; who called is the tenant and the token's id and name, never the token itself."""
        who = scope.get("zorio.principal")
        self.runtime.log({
            "method": scope["method"], "path": scope["path"], "status": status,
            "idempotency_key": key if key is not None else _header(scope, rules.IDEMPOTENCY_HEADER),
            "tenant_id": who.tenant_id if who else None, "token_id": who.token_id if who else None,
            "token_name": who.token_name if who else None, "at": clock.iso(),
        })


class Exchange:
    """One /api request going through the pipeline."""

    def __init__(self, pipeline: ApiPipeline, scope: Scope, body: bytes, send: Send) -> None:
        self.p = pipeline
        self.rt = pipeline.runtime
        self.client_scope = scope
        # HEAD is served as GET (Laravel answers HEAD on every GET route); uvicorn drops the body for HEAD
        # because its own scope still says HEAD.
        self.scope = dict(scope, method="GET") if scope["method"] == "HEAD" else scope
        self.logged = False
        self.body = body
        self.send = send
        self.method: str = self.scope["method"]
        self.path: str = scope["path"]
        self.rate_headers: dict[str, str] = {}
        self.key = _header(scope, rules.IDEMPOTENCY_HEADER)

    async def run(self) -> None:
        """Answer the request; the log entry is written before the answer leaves (tests read it right after)."""
        try:
            await self._run()
        finally:
            self._log(0)  # no answer was sent (dropped connection or a crash)

    def _log(self, status: int) -> None:
        if not self.logged:
            self.logged = True
            self.p._log(self.client_scope, status, self.key)

    async def _reply(self, answer: Answer, extra: dict[str, str] | None = None) -> int:
        self._log(answer.status)
        await send_answer(self.send, answer, {**self.rate_headers, **(extra or {})})
        return answer.status

    async def _run(self) -> int:
        if self.rt.settings.has(variants.ACCEPT_REDIRECT) and not variants.wants_json(_header(self.scope, "accept")):
            return await self._reply(self._login_redirect())
        if match_route(self.p.routes, self.scope) != Match.FULL:
            return await self._reply(await capture(self.p.app, self.scope, self.body))
        refused = await self._authenticate()
        if refused is not None:
            return await self._reply(refused)
        # A rule hits only requests that got past auth and rate limiting (those answer for themselves).
        fault = self.rt.faults.take(self.client_scope["method"], self.path)
        decision, scope_key = await self._idempotency_begin()
        if decision is not None and decision.kind == idempotency.REPLAY and fault is not None:
            return await self._replay_under(fault, decision)
        if decision is not None and decision.kind != idempotency.NEW:
            return await self._reply(self._decided(decision))
        try:
            return await self._process(fault, scope_key if decision is not None else None)
        finally:
            if decision is not None:
                await to_thread.run_sync(self.rt.idempotency.release, scope_key, self.key)

    def _login_redirect(self) -> Answer:
        """accept-redirect: Laravel's answer to a request that does not ask for JSON, a redirect to its login page."""
        host = _header(self.scope, "host") or "localhost"
        location = f"{self.scope.get('scheme', 'http')}://{host}{variants.LOGIN_PAGE}"
        page = f'<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0;url={location}"></head></html>'
        return Answer(302, page.encode(), [("content-type", "text/html; charset=UTF-8"), ("location", location)])

    async def _authenticate(self) -> Answer | None:
        """401 without a valid token (login excepted), then the rate limit (429)."""
        token_key = ""
        if not (self.path.rstrip("/") == "/api/auth/login"):
            auth = _header(self.scope, "authorization") or ""
            bearer = auth[7:].strip() if auth[:7].lower() == "bearer " else None
            principal = await to_thread.run_sync(self.rt.backend.authenticate, bearer)
            if principal is None:
                return Answer.json(401, {"message": rules.MSG_UNAUTHENTICATED})
            self.scope["zorio.principal"] = principal
            token_key = f"token:{principal.token_id}"
        login_key = self._login_key() if not token_key else ""
        verdict = self.rt.limiter.check(self.method, self.path, token_key, login_key)
        self.rate_headers = {k: v for k, v in verdict.headers.items() if k != "Retry-After"}
        if not verdict.allowed:
            message = rules.MSG_TOO_MANY.format(seconds=verdict.retry_after)
            return Answer.json(429, {"message": message}, {"Retry-After": str(verdict.retry_after)})
        return None

    def _login_key(self) -> str:
        """Login is limited per username + client address [D section 4]."""
        try:
            username = json.loads(self.body or b"{}").get("username")
        except (ValueError, AttributeError, RecursionError):
            username = None
        client = (self.scope.get("client") or ("", 0))[0]
        return f"login:{username if isinstance(username, str) else ''}:{client}"

    async def _idempotency_begin(self) -> tuple[idempotency.Decision | None, str]:
        """Look up the Idempotency-Key (section 5); None when the request has none."""
        scope_key = idempotency.scope_of(_header(self.scope, "authorization"))
        if self.key is None or self.method not in rules.IDEMPOTENCY_METHODS:
            return None, scope_key
        if self.rt.settings.has(variants.IDEMPOTENCY_IGNORED):
            return None, scope_key
        if len(self.key) > rules.IDEMPOTENCY_MAX_KEY or not self.key.strip():
            text = (f"The idempotency key must not be greater than {rules.IDEMPOTENCY_MAX_KEY} characters."
                    if self.key.strip() else "The idempotency key field is required.")
            return idempotency.Decision("invalid", body=text.encode()), scope_key
        digest = idempotency.body_hash(self.body, _header(self.scope, "content-type"))
        decision = await to_thread.run_sync(
            self.rt.idempotency.begin, scope_key, self.key, self.method, self.path, digest
        )
        return decision, scope_key

    def _decided(self, decision: idempotency.Decision) -> Answer:
        """The answer for a replay or a refused key."""
        if decision.kind == idempotency.REPLAY:
            return Answer(decision.status, decision.body, decision.headers + [("Idempotent-Replayed", "true")])
        if decision.kind == idempotency.MISMATCH:
            return Answer.json(422, {"message": rules.MSG_IDEMPOTENCY_MISMATCH})
        if decision.kind == idempotency.IN_FLIGHT:
            return Answer.json(409, {"message": rules.MSG_IDEMPOTENCY_IN_FLIGHT})
        return Answer.json(422, {"message": rules.MSG_INVALID, "errors": {"idempotency_key": [decision.body.decode()]}})

    async def _process(self, fault: FaultRule | None, scope_key: str | None) -> int:
        """Fault delay, then the fault or the real route; store the real response for the key."""
        if fault is not None and fault.delay_s > 0:
            await asyncio.sleep(fault.delay_s)
        if fault is not None and fault.answers and not fault.after_commit:
            return await self._fault(fault)
        answer = await capture(self.p.app, self.scope, self.body)
        if scope_key is not None:
            stored = [(k, v) for k, v in answer.headers if k.lower() in _REPLAYED_HEADERS]
            await to_thread.run_sync(self.rt.idempotency.finish, scope_key, self.key, answer.status, stored, answer.body)
        return await self._after_commit(fault, answer)

    async def _replay_under(self, fault: FaultRule, decision: idempotency.Decision) -> int:
        """A retry whose key holds a stored answer, hit by a fault: the earlier attempt is the commit (nothing runs
        again), and the fault decides the answer, as for any other request it matches."""
        if fault.delay_s > 0:
            await asyncio.sleep(fault.delay_s)
        if fault.answers and not fault.after_commit:
            return await self._fault(fault)
        return await self._after_commit(fault, self._decided(decision))

    async def _after_commit(self, fault: FaultRule | None, answer: Answer) -> int:
        """The change is committed: wait if the fault says so, then its answer (lost response) or the real one."""
        if fault is not None and fault.delay_after_commit_s > 0:
            await asyncio.sleep(fault.delay_after_commit_s)
        if fault is not None and fault.answers:
            return await self._fault(fault)
        return await self._reply(answer)

    async def _fault(self, fault: FaultRule) -> int:
        if fault.drop_connection:
            self._log(0)
            await drop_connection(self.client_scope, self.send)
            return 0
        return await self._reply(fault_answer(fault))
