"""The campaign status machine (contract section 10): the emulator's own transition table.

Deliberately a separate copy from the provider's planner, so that each side catches the other's mistakes.
"""

from __future__ import annotations

# verb → (statuses it is allowed from, resulting status, HTTP status). `None` result = the status before archiving.
TRANSITIONS: dict[str, tuple[frozenset[str], str | None, int]] = {
    "start": (frozenset({"draft"}), "starting", 202),
    "pause": (frozenset({"running"}), "paused", 200),
    "resume": (frozenset({"paused"}), "running", 200),
    "stop": (frozenset({"starting", "running", "paused"}), "stopped", 200),
    "archive": (frozenset({"draft", "stopped", "completed"}), "archived", 200),
    "unarchive": (frozenset({"archived"}), None, 200),
}
VERBS = tuple(TRANSITIONS)


def allowed(verb: str, status: str) -> bool:
    """Whether `verb` may be called on a campaign in `status`."""
    return status in TRANSITIONS[verb][0]


def target(verb: str, status: str, before_archive: str | None) -> str:
    """The status after `verb` (unarchive returns to the status held before archiving)."""
    result = TRANSITIONS[verb][1]
    return result if result is not None else (before_archive or "draft")


def http_status(verb: str) -> int:
    """202 for start (enqueued), 200 otherwise."""
    return TRANSITIONS[verb][2]
