"""`Prober`: single requests through the client's own transport (the same headers, auth and pacing as the provider),
answered raw so that `zorio doctor` can look at statuses and headers; it notes the rate-limit headers it sees."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import requests

from pulumi_zorio.client import _api_rules as rules
from pulumi_zorio.client._transport import Call, Transport

JSON_TYPE = "application/json"


class Prober:
    """Sends one attempt per request (no retry: a first contact wants to see the real answer)."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport
        self.limits: dict[str, str] = {}
        """X-RateLimit-Limit per bucket name (the tightest bucket of the request that reported it)."""
        self.rate_headers_missing: list[str] = []

    def send(self, method: str, path: str, *, params: Mapping[str, Any] | None = None, json_body: Any = None,
             body: bytes | None = None, accept: str = JSON_TYPE, key: str | None = None) -> requests.Response:
        """One request; TransportError when no answer came."""
        call = Call(method, path, params=params, json=json_body, body=body, accept=accept, idempotency_key=key,
                    content_type=rules.JSON_CONTENT_TYPE if body is not None else None)
        response = self.transport.probe(call)
        self._note_limits(method, path, response)
        return response

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        """GET `path`."""
        return self.send("GET", path, **kwargs)

    def _note_limits(self, method: str, path: str, response: requests.Response) -> None:
        bucket = _tightest_bucket(method, path)
        if bucket is None or response.status_code == 429:
            return
        limit = response.headers.get(rules.HEADER_LIMIT)
        if limit is None:
            self.rate_headers_missing.append(path)
        else:
            self.limits.setdefault(bucket.name, limit)


def _tightest_bucket(method: str, path: str) -> rules.Bucket | None:
    matching = [bucket for bucket in rules.BUCKETS if bucket.matches(method, path)]
    return min(matching, key=lambda bucket: bucket.limit) if matching else None


def body_of(response: requests.Response) -> Any:
    """The JSON body, or None when the answer is not JSON."""
    try:
        return response.json()
    except ValueError:
        return None


def message_of(response: requests.Response) -> str:
    """`HTTP 422 "The given data was invalid."`: the status and the API's message, for a finding."""
    body = body_of(response)
    message = body.get("message") if isinstance(body, dict) else None
    return f"HTTP {response.status_code}" + (f' "{short(message)}"' if isinstance(message, str) and message else "")


def is_json(response: requests.Response) -> bool:
    """Whether the answer says it is JSON (a login page or a proxy's error page is not)."""
    return "json" in response.headers.get("Content-Type", "").lower()


def field_errors(response: requests.Response) -> dict[str, Any]:
    """The 422 `errors` object, or {}."""
    body = body_of(response)
    errors = body.get("errors") if isinstance(body, dict) else None
    return errors if isinstance(errors, dict) else {}


def short(value: Any, limit: int = 60) -> str:
    """A value for a one-line detail."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"
