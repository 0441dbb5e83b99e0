"""The one place that sends HTTP to Zorio: auth, headers, timeouts, rate limits, retries, idempotency, logs.

One Idempotency-Key per logical request; after an ambiguous failure, `Call.recover` is asked first, and a write
is never sent again while that check fails: recovery must not depend on the server honouring the key (issue 17).
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, NoReturn

import requests
import requests.auth

from pulumi_zorio.client import _api_rules as rules
from pulumi_zorio.client._auth import TokenSource
from pulumi_zorio.client._backoff import retry_delay
from pulumi_zorio.client._config import ClientConfig
from pulumi_zorio.client._login_cache import LoginCache
from pulumi_zorio.client._ratelimit import PROCESS_LIMITER, RateLimiter, bucket_keys
from pulumi_zorio.client._secret import Secret, redact, refuse_pickling
from pulumi_zorio.client._waits import sleep_announced
from pulumi_zorio.client.errors import (
    ApiError,
    AuthenticationError,
    OutcomeUnknownError,
    TransportError,
    ZorioError,
    error_from_response,
    parse_retry_after,
)

logger = logging.getLogger("pulumi_zorio.client")

Recover = Callable[[], Any]


@dataclass(frozen=True)
class _CheckFailed:
    """`Call.recover` could not tell whether an earlier attempt took effect (its lookup failed)."""

    error: ZorioError


@dataclass
class Call:
    """One logical request, as the services describe it; retries resend exactly this."""

    method: str
    path: str
    params: Mapping[str, Any] | None = None
    json: Any = None
    body: bytes | None = None  # pre-encoded (multipart), identical on every attempt
    content_type: str | None = None
    accept: str = "application/json"
    raw: bool = False  # return bytes instead of parsed JSON
    recover: Recover | None = None
    authenticated: bool = True
    timeout: tuple[float, float] | None = None
    idempotency_key: str | None = field(default=None)
    shared_key: bool = False
    """The key may be in use by another process right now (a keyed create re-run after a killed one, whose request
    the server may still be processing): a 409 "still being processed" is waited out, as after a lost answer."""
    replayed: bool = field(default=False)
    """Set when the answer was the server's stored answer to an earlier request under the same key
    (`Idempotent-Replayed: true`): what it describes may have changed, or be gone, since."""

    def __post_init__(self) -> None:
        if self.idempotency_key is None and self.authenticated and self.method in rules.IDEMPOTENCY_METHODS:
            self.idempotency_key = str(uuid.uuid4())

    @property
    def mutating(self) -> bool:
        """Whether resending might apply a change twice (so an ambiguous failure needs care)."""
        return self.method in rules.IDEMPOTENCY_METHODS


@dataclass
class _Attempt:
    """What one send produced: a response, or the reason there was none."""

    response: requests.Response | None
    failure: str | None
    token: Secret | None


class Transport:
    """Sends `Call`s for one configuration. Thread-safe: each thread gets its own `requests.Session`."""

    def __init__(
        self,
        config: ClientConfig,
        limiter: RateLimiter = PROCESS_LIMITER,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self._limiter = limiter
        self._sleep = sleep
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()
        cache = LoginCache.for_login(config.base_url, config.username, config.password) if config.uses_login else None
        self._tokens = TokenSource(config.base_url, config.token, config.username, self._login, cache, config.password)
        self.server_clock_offset: float | None = None  # server time minus ours, from the Date header

    def __repr__(self) -> str:
        return f"Transport(base_url={self.config.base_url!r}, identity={self.config.identity()!r})"

    def __reduce__(self) -> NoReturn:
        refuse_pickling()

    # --- public ---------------------------------------------------------------------------
    def call(self, call: Call) -> Any:
        """Send `call` with retries; return the parsed JSON body (None when empty) or bytes when `raw`.

        After an attempt whose answer was lost (no answer, or a 5xx to a write), each further attempt first asks
        `call.recover` whether it took effect; while that check fails, the attempt is spent on checking again,
        never on a resend (an API that ignores Idempotency-Key would apply it twice).
        """
        attempt, relogged, ambiguous, lost = 0, False, False, ""
        while True:
            attempt += 1
            if ambiguous:
                found = self._recover(call)
                if isinstance(found, _CheckFailed):
                    if attempt >= self.config.max_attempts:
                        raise OutcomeUnknownError(call.method, call.path, lost, found.error, attempt)
                    self._pause(call, attempt, None, "could not check whether it took effect; checking again")
                    continue
                if found is not None:
                    return found
            result = self._send(call, attempt)
            if result.response is None:
                ambiguous, lost = ambiguous or call.mutating, result.failure or "no response"
                if attempt >= self.config.max_attempts:
                    error = TransportError(call.method, call.path, lost, attempt, base_url=self.config.base_url)
                    return self._give_up(call, ambiguous, lost, error)
                self._pause(call, attempt, None, f"no answer from {self.config.base_url} ({lost}); retrying")
                continue
            response = result.response
            if response.status_code in rules.SUCCESS_STATUSES:
                call.replayed = response.headers.get(rules.REPLAYED_HEADER, "").lower() == "true"
                return _body(response, call.raw)
            if self._should_relogin(call, response, relogged):
                relogged, attempt = True, attempt - 1  # the re-login does not spend an attempt
                self._tokens.renew(result.token)
                continue
            if call.mutating and response.status_code >= rules.RETRYABLE_MIN_SERVER_STATUS:
                ambiguous, lost = True, f"HTTP {response.status_code}: {_message(response) or response.reason}"
            if attempt < self.config.max_attempts and _retryable(response, ambiguous or call.shared_key):
                retry_after = parse_retry_after(response.headers.get(rules.HEADER_RETRY_AFTER))
                self._pause(call, attempt, retry_after, f"Zorio answered HTTP {response.status_code}; retrying")
                continue
            error = error_from_response(response, call.method, call.path, attempt)
            if isinstance(error, AuthenticationError):
                error = error.naming(self.config.credential_names())
            return self._give_up(call, ambiguous, lost, error)

    def _pause(self, call: Call, attempt: int, retry_after: float | None, why: str) -> None:
        """Wait before attempt `attempt + 1`; a long wait says what it waits for."""
        reason = f"{call.method} {call.path}: {why} (attempt {attempt + 1} of {self.config.max_attempts})"
        sleep_announced(reason, retry_delay(attempt, retry_after, self.config.backoff_scale), self._sleep)

    def probe(self, call: Call) -> requests.Response:
        """One attempt of `call`, with its headers, auth and rate limiting but no retry and no error mapping: the
        raw answer, for `zorio doctor` to look at (TransportError when there is none)."""
        result = self._send(call, 1)
        if result.response is None:
            raise TransportError(call.method, call.path, result.failure or "no response")
        return result.response

    def _recover(self, call: Call) -> Any:
        """Ask the caller whether an earlier, ambiguous attempt already took effect: what it returns (the object),
        None (it did not, or no check exists for this call), or `_CheckFailed` when the check itself failed."""
        if call.recover is None:
            return None
        try:
            recovered = call.recover()
        except ZorioError as exc:
            _log("%s %s: could not check for an earlier attempt's effect: %s", call.method, call.path, exc)
            return _CheckFailed(exc)
        if recovered is not None:
            _log("%s %s: an earlier attempt took effect; not sending it again", call.method, call.path)
        return recovered

    def _give_up(self, call: Call, ambiguous: bool, lost: str, error: ZorioError) -> Any:
        """Raise `error`, unless a last look shows that an ambiguous attempt did take effect after all (or cannot
        tell: then the error says that it may have)."""
        if not ambiguous:
            raise error
        found = self._recover(call)
        if isinstance(found, _CheckFailed):
            raise OutcomeUnknownError(call.method, call.path, lost, found.error, getattr(error, "attempts", 1))
        if found is not None:
            return found
        raise error

    def close(self) -> None:
        """Close every HTTP session this transport opened."""
        with self._sessions_lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()

    # --- one attempt --------------------------------------------------------------------------
    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            session.headers["User-Agent"] = self.config.user_agent
            with self._sessions_lock:
                self._sessions.append(session)
        return session

    def _headers(self, call: Call) -> dict[str, str]:
        headers = {"Accept": call.accept, "User-Agent": self.config.user_agent}
        if call.idempotency_key:
            headers[rules.IDEMPOTENCY_HEADER] = call.idempotency_key
        if call.content_type:
            headers["Content-Type"] = call.content_type
        elif call.json is not None:
            headers["Content-Type"] = rules.JSON_CONTENT_TYPE
        return headers

    def _send(self, call: Call, attempt: int) -> _Attempt:
        token = self._tokens.current() if call.authenticated else None
        buckets = bucket_keys(
            self.config.base_url, self.config.identity(), self._login_username(call), call.method, call.path
        )
        ticket = self._limiter.acquire(buckets, self.config.rate_limit_window_s)
        started = time.monotonic()
        response, failure = None, None
        try:
            response = self._session().request(
                call.method,
                self.config.base_url + call.path,
                params=call.params,
                data=call.body if call.body is not None else _json_bytes(call.json),
                headers=self._headers(call),
                auth=_Bearer(token) if token is not None else None,
                timeout=call.timeout or self.config.timeout,
                # A redirect is answered as an error (RedirectError), never followed: requests would resend a
                # POST as a GET. A download may be handed to a storage URL, so raw reads follow.
                allow_redirects=call.raw and call.method == "GET",
            )
        except requests.Timeout as exc:
            failure = f"timed out ({type(exc).__name__})"
        except requests.RequestException as exc:
            failure = _failure(exc)
        finally:
            retry_after = None
            if response is not None and response.status_code == 429:
                retry_after = parse_retry_after(response.headers.get(rules.HEADER_RETRY_AFTER))
            headers, status = (response.headers, response.status_code) if response is not None else (None, 0)
            self._limiter.release(ticket, headers, retry_after, status)
        self._observe_clock(response)
        self._log_attempt(call, attempt, response, failure, time.monotonic() - started)
        return _Attempt(response, failure, token)

    def _login_username(self, call: Call) -> str | None:
        return self.config.username if call.path == rules.LOGIN_PATH else None

    def _should_relogin(self, call: Call, response: requests.Response, relogged: bool) -> bool:
        return response.status_code == 401 and call.authenticated and self._tokens.can_relogin and not relogged

    def _observe_clock(self, response: requests.Response | None) -> None:
        date = response.headers.get("Date") if response is not None else None
        if not date:
            return
        try:
            self.server_clock_offset = parsedate_to_datetime(date).timestamp() - time.time()
        except (TypeError, ValueError):
            pass

    def _log_attempt(
        self, call: Call, attempt: int, response: requests.Response | None, failure: str | None, seconds: float
    ) -> None:
        if not logger.isEnabledFor(logging.DEBUG):
            return
        outcome = str(response.status_code) if response is not None else f"no response ({failure})"
        replayed = " (idempotent replay)" if response is not None and response.headers.get(rules.REPLAYED_HEADER) else ""
        _log(
            "%s %s -> %s in %.0f ms (attempt %d/%d)%s",
            call.method, call.path, outcome, seconds * 1000, attempt, self.config.max_attempts, replayed,
        )

    # --- login -------------------------------------------------------------------------------
    def token(self) -> Secret:
        """The bearer token calls carry: the configured one, or a login's (logging in now if there is none yet)."""
        return self._tokens.current()

    def _login(self) -> Secret:
        """POST /api/auth/login with the configured username and password; the token is a sibling of data [D]."""
        password = self.config.password
        body = {
            "username": self.config.username,
            "password": password.reveal() if password else "",
            "device_name": rules.LOGIN_DEVICE_NAME,
        }
        reply = self.call(Call("POST", rules.LOGIN_PATH, json=body, authenticated=False))
        token = reply.get("token") if isinstance(reply, dict) else None
        if not token and isinstance(reply, dict) and isinstance(reply.get("data"), dict):
            token = reply["data"].get("token")  # tolerate the token moving inside data
        if not isinstance(token, str) or not token:
            raise AuthenticationError("POST", rules.LOGIN_PATH, 200, "login answered without a token")
        return Secret(token)


class _Bearer(requests.auth.AuthBase):
    """`Authorization: Bearer <token>` [D]. Passed as `auth=` rather than a header so that a ~/.netrc
    entry for the host can never replace it (requests applies netrc only when no auth is given)."""

    def __init__(self, token: Secret) -> None:
        self._token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._token.reveal()}"
        return request

    def __repr__(self) -> str:
        return "_Bearer('***')"


def _failure(exc: requests.RequestException) -> str:
    """Why no answer came, in a few words: urllib3's nested reprs ("HTTPConnectionPool(host=...): Max retries
    exceeded ... NewConnectionError(...)") name the cause only at the bottom of the chain."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, (ConnectionResetError, http.client.RemoteDisconnected)):
            return "the connection was closed without an answer"
        if isinstance(cause, socket.gaierror) or type(cause).__name__ == "NameResolutionError":
            return "the host name does not resolve"
        if isinstance(cause, requests.exceptions.SSLError):
            return f"TLS failed: {_innermost(cause)}"
        cause = cause.__cause__ or cause.__context__ or (cause.args[0] if cause.args and
                                                         isinstance(cause.args[0], BaseException) else None)
    if isinstance(exc, requests.ConnectionError):
        return f"connection failed: {_innermost(exc)}"
    return f"{type(exc).__name__}: {exc}"


def _innermost(exc: BaseException) -> str:
    """The last line of the exception's own reason (urllib3 wraps the real one in several layers)."""
    text = str(exc)
    return text.rsplit(": ", 1)[-1].rstrip("')\"") or text


def _retryable(response: requests.Response, ambiguous: bool) -> bool:
    """429 and 5xx are retried; a 409 only when an earlier try of the same key is still running."""
    status = response.status_code
    if status in rules.RETRYABLE_STATUSES or status >= rules.RETRYABLE_MIN_SERVER_STATUS:
        return True
    if status == 409 and ambiguous:
        return bool(rules.IN_FLIGHT_CONFLICT.search(_message(response)))
    return False


def _message(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("message", "")) if isinstance(body, dict) else ""


def _json_bytes(value: Any) -> bytes | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _body(response: requests.Response, raw: bool) -> Any:
    if raw:
        return response.content
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError as exc:
        raise ApiError(
            response.request.method or "?", _path_of(response), response.status_code,
            f"expected JSON, got {response.headers.get('Content-Type', 'no content type')}",
        ) from exc


def _path_of(response: requests.Response) -> str:
    url = response.request.url or ""
    return "/" + url.split("/", 3)[3] if url.count("/") >= 3 else url


def _log(message: str, *args: Any) -> None:
    logger.debug(redact(message % args))
