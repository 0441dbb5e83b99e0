"""The one error type the backend raises; app.py renders it as the Laravel envelope (contract section 2)."""

from __future__ import annotations

from typing import Any

from zorio_emulator import rules


class ApiError(Exception):
    """An HTTP error answer: status, message, optional field errors and headers."""

    def __init__(
        self,
        status: int,
        message: str,
        errors: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """The JSON body: `{"message": ...}` plus `errors` for validation failures."""
        out: dict[str, Any] = {"message": self.message}
        if self.errors is not None:
            out["errors"] = self.errors
        return out


def malformed_body() -> ApiError:
    """400 for a body that is not valid JSON, or not the JSON object required [D section 2]."""
    return ApiError(400, rules.MSG_MALFORMED_BODY)


def not_found(message: str = rules.MSG_NOT_FOUND) -> ApiError:
    """404 for an id outside the caller's account."""
    return ApiError(404, message)


def conflict(message: str) -> ApiError:
    """409 for a state-machine violation or a resource in use."""
    return ApiError(409, message)


def invalid(errors: dict[str, list[str]]) -> ApiError:
    """422 with every field error collected."""
    return ApiError(422, rules.MSG_INVALID, errors)


def invalid_field(field: str, message: str) -> ApiError:
    """422 for one field."""
    return invalid({field: [message]})


def unauthenticated() -> ApiError:
    """401 for a missing, unknown or revoked token."""
    return ApiError(401, rules.MSG_UNAUTHENTICATED)


def forbidden() -> ApiError:
    """403 for a token that lacks a permission."""
    return ApiError(403, rules.MSG_FORBIDDEN)
