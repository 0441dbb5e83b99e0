"""Fault injection rules (contract section 13): match method + glob path on /api requests, count down `times`."""

from __future__ import annotations

import fnmatch
import itertools
import threading
from dataclasses import asdict, dataclass
from typing import Any

from zorio_emulator import errors
from zorio_emulator.validation import MISSING, Validator

HTTP_METHODS = ("*", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


@dataclass
class FaultRule:
    """One rule. `status` None = latency only (a rule with just `delay_s` or `delay_after_commit_s`).

    `delay_s` waits before the request is processed; `delay_after_commit_s` applies the change first and then
    waits before answering (a slow answer to a committed change; it implies `after_commit`).
    """

    id: int
    method: str
    path: str
    status: int | None
    after_commit: bool
    drop_connection: bool
    delay_s: float
    times: int
    retry_after: int
    delay_after_commit_s: float = 0.0

    def matches(self, method: str, path: str) -> bool:
        """Method equal (or `*`) and the glob matching the whole path."""
        return self.method in ("*", method) and fnmatch.fnmatchcase(path, self.path)

    @property
    def answers(self) -> bool:
        """Whether the rule replaces the response (a status or a dropped connection)."""
        return self.drop_connection or self.status is not None


class FaultRules:
    """The active rules, thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._ids = itertools.count(1)

    def add(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST /_emulator/faults → 201 `{"id": ...}`."""
        rule = _parse(body, next(self._ids))
        with self._lock:
            self._rules.append(rule)
        return {"id": rule.id, "data": asdict(rule)}

    def clear(self) -> None:
        """DELETE /_emulator/faults: drop every rule."""
        with self._lock:
            self._rules.clear()

    def list(self) -> list[dict[str, Any]]:
        """The active rules with their remaining `times`."""
        with self._lock:
            return [asdict(r) for r in self._rules]

    def take(self, method: str, path: str) -> FaultRule | None:
        """The first matching rule, counting one use; it disappears when `times` reaches 0."""
        with self._lock:
            for rule in self._rules:
                if rule.matches(method, path):
                    rule.times -= 1
                    if rule.times <= 0:
                        self._rules.remove(rule)
                    return rule
        return None


def _parse(body: dict[str, Any], rule_id: int) -> FaultRule:
    """Validate a rule body with Laravel messages."""
    check = Validator(body)
    method = check.string("method", max=10)
    if isinstance(method, str) and method.upper() not in HTTP_METHODS:
        check.fail("method", "The selected method is invalid.")
    path = check.string("path", required=True, max=1000)
    status = check.integer("status", nullable=True, between=(100, 599))
    check.boolean("after_commit")
    check.boolean("drop_connection")
    delay, delay_after = _seconds(check, body, "delay_s"), _seconds(check, body, "delay_after_commit_s")
    times = check.integer("times", between=(1, 10**9))
    retry_after = check.integer("retry_after", between=(0, 86400))
    check.raise_if_failed()
    drop = check.clean.get("drop_connection", False)
    if status is MISSING:  # a rule with only a delay (or a drop) answers nothing by itself
        status = None if (delay or delay_after or drop) else 500
    if isinstance(path, str) and not path.startswith("/"):
        raise errors.invalid_field("path", "The path must start with /.")
    return FaultRule(
        id=rule_id, method=(method or "*").upper() if isinstance(method, str) else "*", path=path,
        status=status, after_commit=bool(check.clean.get("after_commit", False) or delay_after),
        drop_connection=drop, delay_s=delay, times=1 if times is MISSING else times,
        retry_after=1 if retry_after is MISSING else retry_after, delay_after_commit_s=delay_after,
    )


def _seconds(check: Validator, body: dict[str, Any], name: str) -> float:
    """A delay of 0 to 600 seconds (0 when omitted)."""
    value = body.get(name, 0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 600:
        check.fail(name, f"The {name.replace('_', ' ')} must be between 0 and 600.")
        return 0.0
    return float(value)
