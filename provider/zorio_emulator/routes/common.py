"""Helpers shared by the route modules: the backend, the caller, permission checks, JSON answers."""

from __future__ import annotations

from typing import Any

from fastapi import Path, Request
from fastapi.responses import JSONResponse, Response

from zorio_emulator import errors, rules, variants
from zorio_emulator.backend import Backend, Principal
from zorio_emulator.runtime import Runtime
from zorio_emulator.validation import parse_json_object


def runtime(request: Request) -> Runtime:
    """The Runtime behind this app."""
    return request.app.state.runtime


def backend(request: Request) -> Backend:
    """The backend behind this app."""
    return runtime(request).backend


def caller(request: Request, *permissions: str, admin_ok: bool = False) -> Principal:
    """The authenticated principal (pipeline.py did the 401), after the permission check (403)."""
    who: Principal | None = request.scope.get("zorio.principal")
    if who is None:
        raise errors.unauthenticated()
    if admin_ok and who.role == rules.ADMIN_ROLE:
        return who
    if not all(who.can(p) for p in permissions):
        raise errors.forbidden()
    return who


def api_user(request: Request) -> Principal:
    """Every /api/autocall/* call needs autocall_api_access [D section 3]."""
    return caller(request, rules.PERM_API)


def body(request: Request) -> dict[str, Any]:
    """The JSON object body (buffered by the pipeline), or 400 "Malformed request body"."""
    return parse_json_object(request.scope.get("zorio.body", b""))


def ok(data: Any, status: int = 200) -> JSONResponse:
    """A JSON answer."""
    return JSONResponse(data, status_code=status)


def no_content() -> Response:
    """204."""
    return Response(status_code=204)


def deleted(request: Request) -> Response:
    """A DELETE's success: 204 [I], or 200 `{"data": {}}` under the delete-200 variant."""
    if runtime(request).settings.has(variants.DELETE_200):
        return ok({"data": {}})
    return no_content()


def query(request: Request) -> dict[str, str]:
    """The query string as a plain dict (last value wins); laravel-paginator clamps `per_page`."""
    params = dict(request.query_params)
    if runtime(request).settings.has(variants.LARAVEL_PAGINATOR):
        return variants.clamp_per_page(params, rules.MAX_PER_PAGE)
    return params


def page(request: Request, body: dict[str, Any]) -> JSONResponse:
    """A paginated list [D section 1], with Laravel's full paginator keys under the laravel-paginator variant."""
    if runtime(request).settings.has(variants.LARAVEL_PAGINATOR):
        body = variants.laravel_page(body, str(request.url.replace(query="")))
    return ok(body)


def id_path(description: str = "Object id") -> Any:
    """A path id: parsed by the backend so that non-numeric ids are 404, documented as an integer."""
    return Path(..., description=description, json_schema_extra={"type": "integer"})
