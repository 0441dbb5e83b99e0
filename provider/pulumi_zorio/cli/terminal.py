"""One wrapper around rich consoles: data to stdout, diagnostics to stderr, NO_COLOR respected."""

from __future__ import annotations

from rich.console import Console

# rich honours NO_COLOR and non-terminal outputs on its own; CI logs get plain text.
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

__all__ = ["err", "out"]
