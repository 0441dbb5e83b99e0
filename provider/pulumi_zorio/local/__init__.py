"""The local stand-in for the Pulumi engine behind `zorio apply` / `zorio destroy` (production uses `pulumi up`).

Names are re-exported lazily (PEP 562): plan, render and state never import pulumi; only the engine does.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "EngineError": "engine", "LocalEngine": "engine",
    "Action": "plan", "Plan": "plan", "Step": "plan",
    "DEFAULT_STATE_NAME": "program", "Program": "program", "ProgramError": "program", "load_program": "program",
    "render_markdown": "render", "render_text": "render",
    "ResourceState": "state", "State": "state", "StateError": "state",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"pulumi_zorio.local.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'pulumi_zorio.local' has no attribute {name!r}")
