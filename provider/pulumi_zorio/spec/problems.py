"""`Problem`: one thing wrong with a resource's inputs, with the dotted path of the field it concerns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A validation finding, reported to the user at check/validate time (never half-way through `up`).

    `path` is dotted like the API's 422 keys (`dtmf_actions.1.digit`; "" = the whole resource) so the
    Pulumi layer can hand it to `CheckFailure(property, reason)` and the YAML loader can map it to a line.
    `message` reads after the path and says how to fix it; `str(problem)` is `"max_retries: must be
    between 0 and 10 (got 12)"`, which names the field.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def join_path(*parts: str | int) -> str:
    """Join path parts with dots, skipping empty ones: `join_path("dtmf_actions", 1, "digit")`."""
    return ".".join(str(part) for part in parts if part != "")
