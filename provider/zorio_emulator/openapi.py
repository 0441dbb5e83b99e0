"""OpenAPI helpers: `op()` builds one operation's decorator arguments (request body, every response it can give).

Request bodies are parsed by hand (validation.py), so their schemas are declared through `openapi_extra`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from zorio_emulator import rules
from zorio_emulator.schemas import ErrorBody, MediaUpload

ERROR_TEXT = {
    400: "Malformed request body (not JSON, or not a JSON object)", 401: "Unauthenticated", 403: "This action is unauthorized", 404: "Not found", 405: "Method not allowed",
    409: "Conflict with the current state", 413: "Request body too large", 422: "Validation error",
    429: "Too many requests (Retry-After)", 500: "Server error",
}
ID_PARAM_LIST = [401, 403, 404, 422, 429]


def op(
    ok: type[BaseModel] | None, status: int = 200, *, body: type[BaseModel] | None = None,
    errors: tuple[int, ...] = (401, 403, 429), multipart: bool = False, params: list[dict[str, Any]] | None = None,
    binary: bool = False, tag: str | None = None,
) -> dict[str, Any]:
    """Decorator arguments for one documented operation."""
    responses: dict[int | str, dict[str, Any]] = {}
    if binary:
        responses[status] = {"description": "The stored audio", "content": {"audio/wav": {"schema": {"type": "string", "format": "binary"}}}}
    elif ok is not None:
        responses[status] = {"model": ok, "description": "Success"}
    else:
        responses[status] = {"description": "No content"}
    codes = set(errors) | {413, 500}
    if body is not None or multipart:
        codes |= {422}
    if body is not None:
        codes |= {400}
    for code in sorted(codes):
        responses[code] = {"model": ErrorBody, "description": ERROR_TEXT.get(code, "Error")}
    extra: dict[str, Any] = {}
    if body is not None:
        schema = inline_schema(body)
        # A body whose fields are all optional (partial updates) may be empty: it reads as `{}`.
        extra["requestBody"] = {"required": bool(schema.get("required")), "content": {"application/json": {"schema": schema}}}
    if multipart:
        extra["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": inline_schema(MediaUpload)}}}
    if params:
        extra["parameters"] = params
    out: dict[str, Any] = {"status_code": status, "responses": responses, "openapi_extra": extra}
    if tag:
        out["tags"] = [tag]
    return out


def control(ok: type[BaseModel] | None, status: int = 200, *, body: type[BaseModel] | None = None,
            errors: tuple[int, ...] = ()) -> dict[str, Any]:
    """Decorator arguments for a /_emulator operation (no auth, no rate limit)."""
    return op(ok, status, body=body, errors=errors)


def page_params(*filters: tuple[str, str]) -> list[dict[str, Any]]:
    """OpenAPI query parameters: page, per_page and the listed filters."""
    out = [
        {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "default": 1}},
        {"name": "per_page", "in": "query", "required": False,
         "schema": {"type": "integer", "minimum": 1, "maximum": rules.MAX_PER_PAGE, "default": rules.DEFAULT_PER_PAGE}},
    ]
    for name, description in filters:
        out.append({"name": name, "in": "query", "required": False, "description": description, "schema": {"type": "string"}})
    return out


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with every `$defs` reference inlined (request bodies live outside components)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return resolve(defs[ref.split("/")[-1]])
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    return resolve(schema)
