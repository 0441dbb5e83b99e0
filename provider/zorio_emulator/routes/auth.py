"""Routes of /api/auth (contract section 3)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from zorio_emulator import schemas as s
from zorio_emulator.openapi import op
from zorio_emulator.routes.common import backend, body, caller, no_content, ok

router = APIRouter(prefix="/api/auth", tags=["auth"])


@router.post("/login", **op(s.LoginResponse, body=s.LoginRequest, errors=(401, 429)))
def login(request: Request) -> JSONResponse:
    """Log in with username and password; the token is a sibling of `data` [D]."""
    return ok(backend(request).login(body(request)))


@router.get("/me", **op(s.MeResponse, errors=(401, 429)))
def me(request: Request) -> JSONResponse:
    """The caller's user and permissions [I]."""
    return ok(backend(request).me(caller(request)))


@router.post("/logout", **op(None, 204, errors=(401, 429)))
def logout(request: Request) -> Response:
    """Revoke the calling token [I]."""
    backend(request).logout(caller(request))
    return no_content()
