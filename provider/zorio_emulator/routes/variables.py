"""Routes of /api/autocall/variables (contract section 7)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from zorio_emulator import schemas as s
from zorio_emulator.openapi import op, page_params
from zorio_emulator.routes.common import api_user, backend, body, deleted, id_path, ok, page, query

router = APIRouter(prefix="/api/autocall/variables", tags=["variables"])
ID = id_path("Variable id")


@router.get("", **op(s.VariablePage, errors=(401, 403, 422, 429), params=page_params()))
def list_variables(request: Request) -> JSONResponse:
    """The tenant's variables, paginated."""
    return page(request, backend(request).list_variables(api_user(request).tenant_id, query(request)))


@router.post("", **op(s.VariableOut, 201, body=s.VariableCreate))
def create_variable(request: Request) -> JSONResponse:
    """Create a variable → 201."""
    who = api_user(request)
    return ok(backend(request).create_variable(who.tenant_id, body(request)), 201)


@router.get("/{variable_id}", **op(s.VariableOut, errors=(401, 403, 404, 429)))
def get_variable(request: Request, variable_id: str = ID) -> JSONResponse:
    """One variable."""
    return ok(backend(request).get_variable(api_user(request).tenant_id, variable_id))


@router.put("/{variable_id}", **op(s.VariableOut, body=s.VariableUpdate, errors=(401, 403, 404, 429)))
def update_variable(request: Request, variable_id: str = ID) -> JSONResponse:
    """Partial update; `variable_code` cannot change."""
    who = api_user(request)
    return ok(backend(request).update_variable(who.tenant_id, variable_id, body(request)))


@router.delete("/{variable_id}", **op(None, 204, errors=(401, 403, 404, 409, 429)))
def delete_variable(request: Request, variable_id: str = ID) -> Response:
    """Delete; 409 while a non-archived script uses it."""
    backend(request).delete_variable(api_user(request).tenant_id, variable_id)
    return deleted(request)
