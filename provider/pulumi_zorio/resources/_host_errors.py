"""Concise errors from the dynamic-provider host: a refusal or an API error reaches `pulumi up` as its message alone.

The SDK's host (`python -m pulumi.dynamic`) reports every exception a provider raises as `traceback.format_exc()`
(`_abort_with_traceback`), so an intended refusal ("a stopped campaign can never dial again; create a new
campaign") arrives buried under 15 lines of Python frames. The host looks `traceback` up in its module globals at
each error, so inside the host (and only there) that name is given a stand-in whose `format_exc` returns the
message alone for the errors this package raises on purpose; any other exception keeps its full traceback.
"""

from __future__ import annotations

import sys
import traceback
from typing import Any

HOST_MODULE = "pulumi.dynamic.__main__"


class _ConciseTraceback:
    """`traceback`, except that `format_exc` is one paragraph for `concise` errors."""

    def __init__(self, concise: tuple[type[BaseException], ...]) -> None:
        self._concise = concise

    def __getattr__(self, name: str) -> Any:
        return getattr(traceback, name)

    def format_exc(self, *args: Any, **kwargs: Any) -> str:
        error = sys.exc_info()[1]
        if isinstance(error, self._concise):
            return str(error)
        return traceback.format_exc(*args, **kwargs)


def install_in_host(*concise: type[BaseException]) -> bool:
    """Make the running host report `concise` errors by message; False (and nothing changed) outside the host."""
    host = sys.modules.get("__main__")
    spec = getattr(host, "__spec__", None)
    if host is None or spec is None or spec.name != HOST_MODULE or not hasattr(host, "traceback"):
        return False
    host.traceback = _ConciseTraceback(concise)  # type: ignore[attr-defined]
    return True
