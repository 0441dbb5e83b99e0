"""Routes of /api/autocall/scripts (contract section 9)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from zorio_emulator import schemas as s
from zorio_emulator.openapi import op, page_params
from zorio_emulator.routes.common import api_user, backend, body, deleted, id_path, ok, page, query

router = APIRouter(prefix="/api/autocall/scripts", tags=["scripts"])
ID = id_path("Script id")


@router.get("", **op(s.ScriptPage, errors=(401, 403, 422, 429),
                        params=page_params(("status", "draft, active or archived"))))
def list_scripts(request: Request) -> JSONResponse:
    """The tenant's scripts, paginated, `?status=`."""
    return page(request, backend(request).list_scripts(api_user(request).tenant_id, query(request)))


@router.post("", **op(s.ScriptOut, 201, body=s.ScriptFields))
def create_script(request: Request) -> JSONResponse:
    """Create a script with its DTMF actions → 201."""
    who = api_user(request)
    return ok(backend(request).create_script(who.tenant_id, body(request)), 201)


@router.get("/{script_id}", **op(s.ScriptOut, errors=(401, 403, 404, 429)))
def get_script(request: Request, script_id: str = ID) -> JSONResponse:
    """One script."""
    return ok(backend(request).get_script(api_user(request).tenant_id, script_id))


@router.put("/{script_id}", **op(s.ScriptOut, body=s.ScriptUpdate, errors=(401, 403, 404, 409, 429)))
def update_script(request: Request, script_id: str = ID) -> JSONResponse:
    """Partial update; `dtmf_actions`, when sent, replaces the list."""
    who = api_user(request)
    return ok(backend(request).update_script(who.tenant_id, script_id, body(request)))


@router.delete("/{script_id}", **op(None, 204, errors=(401, 403, 404, 409, 429)))
def delete_script(request: Request, script_id: str = ID) -> Response:
    """Delete; 409 while a campaign or another script uses it."""
    backend(request).delete_script(api_user(request).tenant_id, script_id)
    return deleted(request)
