"""Which line of the user's program to blame: the innermost frame outside the SDK, this package, the standard library
and installed packages (shared by the local engine's error messages and the program-wide checks)."""

from __future__ import annotations

import runpy
import sysconfig
import traceback
from collections.abc import Iterable
from pathlib import Path

import pulumi

import pulumi_zorio

_NOT_THE_PROGRAM = tuple(
    {Path(module.__file__).resolve().parent for module in (pulumi, pulumi_zorio, runpy)}  # type: ignore[arg-type]
    | {Path(sysconfig.get_paths()[key]).resolve() for key in ("stdlib", "purelib", "platlib")}
)


def user_line(frames: Iterable[traceback.FrameSummary]) -> str:
    """`file:line: ` of the innermost frame (of `frames`, outermost first) in the user's program, or ""."""
    for frame in reversed(list(frames)):
        path = Path(frame.filename)
        if frame.filename.startswith("<") or not path.is_absolute():
            continue
        if not any(path.resolve().is_relative_to(folder) for folder in _NOT_THE_PROGRAM):
            return f"{frame.filename}:{frame.lineno}: "
    return ""


def error_line(error: BaseException) -> str:
    """`file:line: ` of the user's line in the error's traceback, or ""."""
    return user_line(traceback.extract_tb(error.__traceback__))


def calling_line() -> str:
    """`file:line: ` of the user's line that called into pulumi_zorio (a resource constructor), or ""."""
    return user_line(traceback.extract_stack())
