"""The FastAPI application factory: routes, the ASGI pipeline, and the handlers that render the Laravel envelope."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from zorio_emulator import errors, rules
from zorio_emulator.pipeline import ApiPipeline
from zorio_emulator.routes import ROUTERS
from zorio_emulator.runtime import Runtime
from zorio_emulator.settings import EmulatorSettings

METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def create_app(settings: EmulatorSettings | None = None) -> FastAPI:
    """A new emulator app with its own database and state."""
    runtime = Runtime(settings or EmulatorSettings())
    app = FastAPI(
        title="Zorio AutoCall API (emulator)",
        version="1.0",
        description="A faithful local emulator of the Zorio AutoCall API (api-contract.md). "
        "Controls under /_emulator are not part of the production API.",
    )
    app.state.runtime = runtime
    for router in ROUTERS:
        app.include_router(router)
    # A flat table of every route (FastAPI nests included routers), for 405 texts and the pipeline's matching.
    app.state.route_table = [route for router in ROUTERS for route in router.routes]
    _install_handlers(app)
    _install_security(app)
    app.add_middleware(ApiPipeline, runtime=runtime, routes=app.state.route_table)
    return app


def _install_handlers(app: FastAPI) -> None:
    """Every error leaves as `{"message": ..., "errors"?: ...}` (contract section 2)."""

    @app.exception_handler(errors.ApiError)
    async def api_error(_: Request, exc: errors.ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        path = request.url.path.lstrip("/")  # Laravel's $request->path()
        if exc.status_code == 405:
            found = _methods_for(request.app, request.url.path)
            if "GET" in found:
                found.add("HEAD")  # Laravel answers HEAD wherever GET is routed
            methods = sorted(found,
                             key=lambda m: METHOD_ORDER.index(m) if m in METHOD_ORDER else 99)
            text = rules.MSG_METHOD_NOT_ALLOWED.format(method=request.method, path=path, allowed=", ".join(methods))
            return JSONResponse({"message": text}, status_code=405, headers={"Allow": ", ".join(methods)})
        if exc.status_code == 404:
            return JSONResponse({"message": rules.MSG_ROUTE_NOT_FOUND.format(path=path)}, status_code=404)
        return JSONResponse({"message": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def request_error(request: Request, _: RequestValidationError) -> JSONResponse:
        # Only path parameters reach FastAPI's own validation; a malformed id is an unknown id (404).
        message = rules.MSG_POOL_NOT_FOUND if "caller-id-groups" in request.url.path else rules.MSG_NOT_FOUND
        return JSONResponse({"message": message}, status_code=404)

    @app.exception_handler(Exception)
    async def server_error(_: Request, __: Exception) -> JSONResponse:
        return JSONResponse({"message": rules.MSG_SERVER_ERROR}, status_code=500)


def _methods_for(app: FastAPI, path: str) -> set[str]:
    """Every method routed for this path (Starlette's 405 only knows the first matching route)."""
    found: set[str] = set()
    for route in app.state.route_table:
        regex = getattr(route, "path_regex", None)
        if regex is not None and regex.match(path):
            found |= set(getattr(route, "methods", None) or ())
    return found


def _install_security(app: FastAPI) -> None:
    """Document the bearer scheme on every /api operation except login."""
    original = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        schema.setdefault("components", {})["securitySchemes"] = {
            "bearerAuth": {"type": "http", "scheme": "bearer", "description": "`<id>|<random>` token"}
        }
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                if path.startswith("/api/") and not path.startswith("/api/auth/login"):
                    operation["security"] = [{"bearerAuth": []}]
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
