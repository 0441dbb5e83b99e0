"""Which line of the user's program to blame: the innermost frame outside the SDK, this package, the standard library
and installed packages (shared by the local engine's error messages and the program-wide checks)."""

from __future__ import annotations

import functools
import runpy
import sysconfig
import traceback
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pulumi

import pulumi_zorio

_NOT_THE_PROGRAM = tuple(
    {Path(module.__file__).resolve().parent for module in (pulumi, pulumi_zorio, runpy)}  # type: ignore[arg-type]
    | {Path(sysconfig.get_paths()[key]).resolve() for key in ("stdlib", "purelib", "platlib")}
)


@functools.cache
def _in_the_program(filename: str) -> bool:
    """Whether a frame's file is the user's (asked once per file: every Script constructor asks, and resolving a
    path costs a system call per component)."""
    path = Path(filename)
    if filename.startswith("<") or not path.is_absolute():
        return False
    resolved = path.resolve()
    return not any(resolved.is_relative_to(folder) for folder in _NOT_THE_PROGRAM)


def _user_line(frames: Iterator[tuple[FrameType, int]]) -> str:
    """`file:line: ` of the first of `frames` (innermost first) in the user's program, or ""."""
    for frame, lineno in frames:
        if _in_the_program(frame.f_code.co_filename):
            return f"{frame.f_code.co_filename}:{lineno}: "
    return ""


def error_line(error: BaseException) -> str:
    """`file:line: ` of the user's line in the error's traceback, or ""."""
    return _user_line(reversed(list(traceback.walk_tb(error.__traceback__))))


def calling_line() -> str:
    """`file:line: ` of the user's line that called into pulumi_zorio (a resource constructor), or ""."""
    return _user_line(traceback.walk_stack(None))
