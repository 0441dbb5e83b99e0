"""The Zorio API client: typed errors, retries, idempotent writes, process-wide rate limits, list cache.

It knows nothing about Pulumi; the provider and the CLI both build on it.
"""

from __future__ import annotations

from pulumi_zorio.client._config import ClientConfig
from pulumi_zorio.client._secret import Secret, redact
from pulumi_zorio.client.client import ZorioClient
from pulumi_zorio.client.errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    NotFoundError,
    OutcomeUnknownError,
    PermissionDeniedError,
    RateLimitError,
    RedirectError,
    ServerError,
    TransportError,
    ValidationError,
    WaitTimeoutError,
    ZorioError,
    error_from_response,
)

__all__ = [
    "ApiError",
    "AuthenticationError",
    "BadRequestError",
    "ClientConfig",
    "ConfigurationError",
    "ConflictError",
    "NotFoundError",
    "OutcomeUnknownError",
    "PermissionDeniedError",
    "RateLimitError",
    "RedirectError",
    "Secret",
    "ServerError",
    "TransportError",
    "ValidationError",
    "WaitTimeoutError",
    "ZorioClient",
    "ZorioError",
    "error_from_response",
    "redact",
]


def _reset_process_state() -> None:
    """Forget every process-wide limiter window, login token and cached listing (tests only)."""
    from pulumi_zorio.client import _auth, _cache, _ratelimit, _service

    _ratelimit.PROCESS_LIMITER.reset()
    _cache.PROCESS_CACHE.reset()
    _auth.reset()
    _service.reset_claims()
