"""What a user reads of a Problem, to compare checks' results with: `Said(path, message)`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pulumi_zorio.spec.problems import Problem


@dataclass(frozen=True)
class Said:
    """Equal to a Problem whose path and API-named message are these (a Problem compares by code and params)."""

    path: str
    message: str

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, Problem):
            return (other.path, other.message) == (self.path, self.message)
        if isinstance(other, Said):
            return (other.path, other.message) == (self.path, self.message)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.path, self.message))
