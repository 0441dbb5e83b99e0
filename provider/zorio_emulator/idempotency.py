"""Idempotency keys (contract section 5 [I]): per token and key, stored in SQLite for 24 h.

A key is registered as in flight before any work (or fault delay) starts, so a retry that overtakes a slow
first request gets 409 instead of running twice.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from zorio_emulator import clock, rules
from zorio_emulator.store import Store

NEW, REPLAY, MISMATCH, IN_FLIGHT = "new", "replay", "mismatch", "in_flight"


@dataclass
class Decision:
    """What to do with a request that carries an Idempotency-Key."""

    kind: str
    status: int = 0
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""


def scope_of(authorization: str | None) -> str:
    """Keys are per token: the hash of the Authorization header stands for the token."""
    return hashlib.sha256((authorization or "").encode("utf-8", "replace")).hexdigest()


def body_hash(body: bytes, content_type: str | None = None) -> str:
    """Hash of the raw request bytes; for multipart, with the random boundary replaced by a fixed token.

    Every HTTP client draws a fresh boundary per request, so a retry of the same upload would otherwise
    never match its first attempt.
    """
    boundary = _boundary(content_type or "")
    if boundary:
        body = body.replace(boundary.encode("latin-1", "replace"), b"<boundary>")
    return hashlib.sha256(body).hexdigest()


def _boundary(content_type: str) -> str | None:
    if not content_type.lower().startswith("multipart/"):
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "boundary" and value.strip('"'):
            return value.strip('"')
    return None


def cacheable(status: int) -> bool:
    """Responses ≥ 500 and 429 are not stored: the retry runs for real [I]."""
    return status < 500 and status != 429


class IdempotencyStore:
    """The idempotency table of the emulator database."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def begin(self, scope: str, key: str, method: str, path: str, digest: str) -> Decision:
        """Replay, refuse, or register the key as in flight (one transaction)."""
        with self.store.tx():
            self.store.execute("DELETE FROM idempotency WHERE created_at < ?", (clock.now() - rules.IDEMPOTENCY_TTL_S,))
            row = self.store.execute(
                "SELECT * FROM idempotency WHERE scope = ? AND key = ?", (scope, key)
            ).fetchone()
            if row is None:
                self.store.execute(
                    "INSERT INTO idempotency (scope, key, method, path, body_hash, created_at) VALUES (?,?,?,?,?,?)",
                    (scope, key, method, path, digest, clock.now()),
                )
                return Decision(NEW)
            if (row["method"], row["path"], row["body_hash"]) != (method, path, digest):
                return Decision(MISMATCH)
            if row["status"] is None:
                return Decision(IN_FLIGHT)
            headers = [(k, v) for k, v in json.loads(row["headers"] or "[]")]
            return Decision(REPLAY, row["status"], headers, bytes(row["body"] or b""))

    def finish(self, scope: str, key: str, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        """Store the real response, or forget the key when the response must not be replayed."""
        with self.store.tx():
            if not cacheable(status):
                self.release(scope, key)
                return
            self.store.execute(
                "UPDATE idempotency SET status = ?, headers = ?, body = ? WHERE scope = ? AND key = ?",
                (status, json.dumps(headers), body, scope, key),
            )

    def release(self, scope: str, key: str) -> None:
        """Forget an in-flight key whose request ended without a storable response."""
        with self.store.tx():
            self.store.execute(
                "DELETE FROM idempotency WHERE scope = ? AND key = ? AND status IS NULL", (scope, key)
            )
