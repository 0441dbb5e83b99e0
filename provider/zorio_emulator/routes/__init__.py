"""Thin route modules, one per API area, plus `control` for the /_emulator surface (section 13)."""

from __future__ import annotations

from zorio_emulator.routes import auth, campaigns, catalog, control, media, scripts, variables

ROUTERS = (
    auth.router, variables.router, media.router, scripts.router, campaigns.router, catalog.router, control.router,
)

__all__ = ["ROUTERS"]
