"""Mapping API responses to typed errors, and what their text tells a user."""

from __future__ import annotations

import json

import pytest
import requests

from pulumi_zorio.client import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RedirectError,
    ServerError,
    ValidationError,
    error_from_response,
)


def _response(status: int, body: object, headers: dict[str, str] | None = None) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(body).encode() if not isinstance(body, bytes) else body
    response.headers.update(headers or {})
    return response


@pytest.mark.parametrize(
    ("status", "cls"),
    [(401, AuthenticationError), (403, PermissionDeniedError), (404, NotFoundError), (409, ConflictError),
     (422, ValidationError), (429, RateLimitError), (500, ServerError), (503, ServerError), (400, BadRequestError),
     (418, ApiError), (302, RedirectError), (301, RedirectError)],
)
def test_error_class_follows_status_when_mapping_a_response(status: int, cls: type[ApiError]) -> None:
    error = error_from_response(_response(status, {"message": "m"}), "GET", "/api/x")
    assert type(error) is cls
    assert error.status == status


def test_bad_request_says_the_api_could_not_read_the_body_and_what_to_do_when_the_api_answers_400() -> None:
    error = error_from_response(_response(400, {"message": "Malformed request body"}), "PUT",
                                "/api/autocall/scripts/7")
    assert isinstance(error, BadRequestError)
    assert str(error) == (
        "PUT /api/autocall/scripts/7 failed with HTTP 400: Malformed request body — the API could not read the "
        "request body as JSON; nothing was changed. A proxy between you and Zorio may alter request bodies; "
        "otherwise this is a bug in pulumi-zorio: please report it with this message"
    )


def test_message_names_method_path_status_and_api_message_when_a_request_fails() -> None:
    error = error_from_response(_response(409, {"message": "Cannot pause a campaign in status draft."}),
                                "POST", "/api/autocall/campaigns/7/pause")
    assert str(error) == (
        "POST /api/autocall/campaigns/7/pause failed with HTTP 409: Cannot pause a campaign in status draft."
    )


def test_validation_error_lists_every_field_and_message_when_the_api_answers_422() -> None:
    body = {"message": "The given data was invalid.",
            "errors": {"variable_code": ["The variable code has already been taken."],
                       "dtmf_actions.1.digit": ["The digit is invalid.", "The digit must be unique."]}}
    error = error_from_response(_response(422, body), "POST", "/api/autocall/variables")
    assert isinstance(error, ValidationError)
    assert error.field_errors["dtmf_actions.1.digit"] == ["The digit is invalid.", "The digit must be unique."]
    assert "variable_code: The variable code has already been taken." in str(error)
    assert "dtmf_actions.1.digit: The digit is invalid. The digit must be unique." in str(error)


def test_rate_limit_error_carries_retry_after_when_the_header_is_present() -> None:
    error = error_from_response(_response(429, {"message": "Too many"}, {"Retry-After": "25"}), "GET", "/api/a")
    assert isinstance(error, RateLimitError) and error.retry_after == 25.0


def test_message_falls_back_to_the_body_text_when_the_answer_is_not_json() -> None:
    error = error_from_response(_response(502, b"<html>Bad Gateway</html>"), "GET", "/api/a", attempts=5)
    assert str(error) == "GET /api/a failed with HTTP 502: <html>Bad Gateway</html> (after 5 attempts)"
