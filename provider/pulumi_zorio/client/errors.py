"""The client's errors, split by what the caller should do, and the one function that maps a response.

    ZorioError                      anything this client raises
    ├── ConfigurationError          no base URL / no credentials: fix the configuration
    ├── TransportError              no HTTP answer (connection refused or dropped, timeout): retried, then raised
    ├── OutcomeUnknownError         a write's answer was lost and no check could tell whether it took effect: it
    │                               was not sent again (no duplicate); look at the account before running again
    ├── WaitTimeoutError            a campaign did not reach a status before the deadline
    └── ApiError (.status)          the API answered with an error status
        ├── RedirectError           3xx: a redirect instead of JSON (wrong base URL, a login page) — not followed
        ├── BadRequestError         400: the API could not read the request body — never retried
        ├── AuthenticationError     401: token unknown/revoked, or wrong username/password
        ├── PermissionDeniedError   403: the token lacks a permission
        ├── NotFoundError           404: no such object in this account
        ├── ConflictError           409: state machine, object in use, duplicate — never retried
        ├── ValidationError         422: `.field_errors` {field: [messages]} — never retried
        ├── RateLimitError          429: `.retry_after`; retried, raised once the attempts are spent
        └── ServerError             5xx: retried, raised once the attempts are spent

Every message names the method, the path, the status and the API's message, and never a credential.
"""

from __future__ import annotations

from typing import Any

import requests

from pulumi_zorio.client import _api_rules as rules
from pulumi_zorio.client._secret import redact
from pulumi_zorio.errors import PulumiZorioError

__all__ = [
    "ApiError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "NotFoundError",
    "OutcomeUnknownError",
    "PermissionDeniedError",
    "RateLimitError",
    "RedirectError",
    "ServerError",
    "TransportError",
    "ValidationError",
    "WaitTimeoutError",
    "ZorioError",
    "error_from_response",
]


class ZorioError(PulumiZorioError):
    """Base of every error the Zorio client raises; its text is always free of credentials."""

    def __init__(self, message: str) -> None:
        super().__init__(redact(message))

    @property
    def message(self) -> str:
        """The error text."""
        return str(self.args[0]) if self.args else ""


class ConfigurationError(ZorioError):
    """The client cannot be built: base URL or credentials missing or malformed."""


class WaitTimeoutError(ZorioError):
    """A wait for a status ran past its deadline; `.last_seen` is the last status observed."""

    def __init__(self, message: str, last_seen: str | None = None) -> None:
        super().__init__(message)
        self.last_seen = last_seen


UNREACHABLE = ("connection refused", "the host name does not resolve")
"""Failures that mean nothing answers at the base URL (rather than an answer lost on the way)."""


class TransportError(ZorioError):
    """No HTTP answer: the connection failed, dropped, or the timeout expired."""

    def __init__(self, method: str, path: str, reason: str, attempts: int = 1, base_url: str | None = None) -> None:
        self.method, self.path, self.attempts, self.reason = method, path, attempts, reason
        hint = ""
        if base_url and reason in UNREACHABLE:
            hint = (f" — is {base_url} the Zorio API's address (zorio:baseUrl or ZORIO_BASE_URL), and is it up? "
                    "For the local emulator, run `zorio emulator` first")
        super().__init__(f"{method} {path} failed without a response: {reason}{_after(attempts)}{hint}")


class OutcomeUnknownError(ZorioError):
    """A write's answer was lost and every check of whether it took effect failed. It was not sent again, since
    an API that ignores Idempotency-Key would apply it twice; `.lost` is the failure, `.check` the last check's."""

    def __init__(self, method: str, path: str, lost: str, check: ZorioError, attempts: int) -> None:
        self.method, self.path, self.lost, self.check, self.attempts = method, path, lost, check, attempts
        super().__init__(
            f"{method} {path}: its answer was lost ({lost}) and every check of whether it took effect failed "
            f"({check}), so it was not sent again: it may have taken effect. Check the account before running "
            f"again{_after(attempts)}"
        )


class ApiError(ZorioError):
    """The API answered with an error status; `.status`, `.api_message` and `.body` say how."""

    def __init__(
        self, method: str, path: str, status: int, api_message: str, body: Any = None, attempts: int = 1
    ) -> None:
        self.method, self.path, self.status = method, path, status
        self.api_message, self.body, self.attempts = redact(api_message), body, attempts
        super().__init__(self._describe())

    def _describe(self) -> str:
        text = self.api_message or "(no message)"
        return f"{self.method} {self.path} failed with HTTP {self.status}: {text}{_after(self.attempts)}"


class RedirectError(ApiError):
    """3xx: the API redirected instead of answering JSON. Never followed: a redirected POST turns into a GET."""

    def _describe(self) -> str:
        return (f"{super()._describe()} — the API answered with a redirect instead of JSON: check that zorio:baseUrl "
                "(or ZORIO_BASE_URL) is the API's own address (https://, no path), and that nothing between you and "
                "Zorio (a proxy, a login page) intercepts the requests")


class BadRequestError(ApiError):
    """400: the API could not read the request body (not JSON, or not the object it expects) [D section 2]."""

    def _describe(self) -> str:
        return (f"{super()._describe()} — the API could not read the request body as JSON; nothing was changed. "
                "A proxy between you and Zorio may alter request bodies; otherwise this is a bug in pulumi-zorio: "
                "please report it with this message")


class AuthenticationError(ApiError):
    """401: the token is unknown or revoked, or the username/password is wrong."""

    credentials: str | None = None
    """Where the credentials in use are set (`ClientConfig.credential_names`); None = name both places."""

    def _describe(self) -> str:
        if self.path == rules.LOGIN_PATH:
            fix = f"check {self.credentials or 'zorio:username and zorio:password (or ZORIO_USERNAME and ZORIO_PASSWORD)'}"
        else:
            fix = f"the token is unknown or revoked: check {self.credentials or 'zorio:token (or ZORIO_TOKEN)'}"
        return f"{super()._describe()} — {fix}"

    def naming(self, credentials: str) -> AuthenticationError:
        """The same error, its hint naming where the credentials in use are set."""
        self.credentials = credentials
        self.args = (redact(self._describe()),)
        return self


class PermissionDeniedError(ApiError):
    """403: the token is valid but lacks a permission this call needs."""

    def _describe(self) -> str:
        return f"{super()._describe()} — the token needs {rules.permission_needed(self.method, self.path)}"


class NotFoundError(ApiError):
    """404: the object does not exist in this account (other accounts' ids look the same)."""


class ConflictError(ApiError):
    """409: the call conflicts with the object's state (status machine, in use, duplicate)."""


class ValidationError(ApiError):
    """422: the API rejected fields; `.field_errors` maps each field (dotted for nested) to its messages."""

    def __init__(self, *args: Any, field_errors: dict[str, list[str]] | None = None, **kwargs: Any) -> None:
        self.field_errors = field_errors or {}
        super().__init__(*args, **kwargs)

    def _describe(self) -> str:
        details = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in self.field_errors.items())
        return super()._describe() + (f" [{details}]" if details else "")


class RateLimitError(ApiError):
    """429: too many requests; `.retry_after` is the server's advice in seconds (None when absent)."""

    def __init__(self, *args: Any, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(*args, **kwargs)


class ServerError(ApiError):
    """5xx: the server failed; the request may or may not have taken effect."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: ValidationError,
    429: RateLimitError,
}


def _after(attempts: int) -> str:
    return f" (after {attempts} attempts)" if attempts > 1 else ""


def _json_body(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _field_errors(body: Any) -> dict[str, list[str]]:
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, dict):
        return {}
    return {str(k): [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in errors.items()}


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds form; an HTTP date is ignored)."""
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def error_from_response(response: requests.Response, method: str, path: str, attempts: int = 1) -> ApiError:
    """The typed error for an error response: the only place a status becomes an exception class."""
    body = _json_body(response)
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, str) or not message:
        message = (response.text or response.reason or "").strip()[:300]
    common: dict[str, Any] = {"body": body, "attempts": attempts}
    status = response.status_code
    if 300 <= status < 400:
        where = response.headers.get("Location")
        return RedirectError(method, path, status, f"redirected to {where}" if where else message, **common)
    cls = _BY_STATUS.get(status, ServerError if status >= 500 else ApiError)
    if cls is ValidationError:
        return ValidationError(method, path, status, message, field_errors=_field_errors(body), **common)
    if cls is RateLimitError:
        retry_after = parse_retry_after(response.headers.get(rules.HEADER_RETRY_AFTER))
        return RateLimitError(method, path, status, message, retry_after=retry_after, **common)
    return cls(method, path, status, message, **common)
