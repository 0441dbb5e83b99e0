"""Checks across a Python program's resources, as the YAML format makes them: every `{{placeholder}}` of a script's
template must be the code of a variable the program declares.

The API does not check placeholders; an undeclared one is read out as is, to real people [D]. A program may declare a
script before the variables it uses, so the check runs once the program's top-level code has finished: the SDK only
resolves inputs on its event loop after that code returns, and the check is the resolution of `template_text`. A
failure is a `pulumi.RunError` (shown without a traceback) naming the program's line and the fix.
"""

from __future__ import annotations

import asyncio
import difflib
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import pulumi

from pulumi_zorio.program_frames import calling_line
from pulumi_zorio.spec.placeholders import VARIABLE_CODE, placeholders


@dataclass
class _Declared:
    """The variable codes one program run declares; `unknown` when some code is only known after apply."""

    codes: set[str] = field(default_factory=set)
    unknown: bool = False


_CHECKED_BY_THE_LOADER: ContextVar[bool] = ContextVar("checked_by_the_loader", default=False)


@contextmanager
def checked_by_the_loader() -> Iterator[None]:
    """Resources declared in this block come from a YAML configuration whose loader has already checked every
    placeholder (at its own line, with the account's variables): no second check, and no Output per script."""
    token = _CHECKED_BY_THE_LOADER.set(True)
    try:
        yield
    finally:
        _CHECKED_BY_THE_LOADER.reset(token)


_RUNS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Declared] = weakref.WeakKeyDictionary()


def _this_run() -> _Declared:
    """The declarations of the program now running (one event loop per run, in Pulumi and in the local engine)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = asyncio.get_event_loop_policy().get_event_loop()
    return _RUNS.setdefault(loop, _Declared())


def variable_declared(code: Any) -> None:
    """A Variable with this `variable_code` (a string, or an Output known only later) is part of the program."""
    declared = _this_run()
    if isinstance(code, str):
        declared.codes.add(code)
    else:
        declared.unknown = True  # cannot tell which codes exist: no placeholder is reported


def placeholders_declared(script: str, template: Any) -> Any:
    """`template` as an input that, once the program has declared everything, fails when it names a variable the
    program does not declare (invalid placeholders are the provider's check, at the field)."""
    if _CHECKED_BY_THE_LOADER.get():
        return template
    declared, where = _this_run(), calling_line()

    def check(text: Any) -> Any:
        if isinstance(text, str) and not declared.unknown:
            for code in placeholders(text):
                if VARIABLE_CODE.fullmatch(code) and code not in declared.codes:
                    raise pulumi.RunError(f"{where}script {script}: {undeclared(code, declared.codes)}")
        return text

    return pulumi.Output.from_input(template).apply(check)


def undeclared(code: str, codes: set[str]) -> str:
    """The message for a placeholder no declared variable has, with the nearest declared code."""
    close = difflib.get_close_matches(code, sorted(codes), n=1, cutoff=0.6)
    hint = f"did you mean {{{{{close[0]}}}}}? If not, " if close else ""
    return (f"placeholder {{{{{code}}}}} is not the variable_code of a Variable this program declares, so it would be "
            f"read out as written on live calls; {hint}declare it: zorio.Variable(\"{code}\", variable_code=\"{code}\", "
            "...) (with adopt_id=<id> to manage one the account already has)")
