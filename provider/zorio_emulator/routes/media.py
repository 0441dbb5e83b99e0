"""Routes of /api/media-files (contract section 8): any token may read, manage_recordings (or admin) writes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from zorio_emulator import errors, rules
from zorio_emulator import schemas as s
from zorio_emulator.openapi import op, page_params
from zorio_emulator.backend.media import Upload
from zorio_emulator.routes.common import backend, body, caller, deleted, id_path, ok, page, query

router = APIRouter(prefix="/api/media-files", tags=["media files"])
ID = id_path("Media file id")
MSG_BAD_FORM = "The request body must be a valid multipart/form-data body."


def manager(request: Request) -> Any:
    """Uploading, editing and deleting need manage_recordings or role admin [D section 3]."""
    return caller(request, rules.PERM_RECORDINGS, admin_ok=True)


@router.get("", **op(s.MediaPage, errors=(401, 422, 429), params=page_params(("category", "announcement, ivr, moh or library"))))
def list_media(request: Request) -> JSONResponse:
    """The tenant's media files, paginated, `?category=`."""
    return page(request, backend(request).list_media(query(request), caller(request).tenant_id))


async def _form(request: Request) -> tuple[dict[str, Any], Upload | None]:
    """The text fields and the `file` part of a multipart body."""
    try:
        form = await request.form(max_files=10, max_fields=100)
    except Exception:  # noqa: BLE001 - python-multipart raises several types for malformed bodies
        raise errors.invalid_field("body", MSG_BAD_FORM) from None
    fields: dict[str, Any] = {}
    upload: Upload | None = None
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            if key == "file" and upload is None:
                upload = Upload(value.filename, await value.read())
        else:
            fields.setdefault(key, value)
    await form.close()
    return fields, upload


@router.post("", **op(s.MediaOut, 201, multipart=True))
async def upload_media(request: Request) -> JSONResponse:
    """Upload an audio file (wav, mp3, m4a ≤ 20 MB) → 201."""
    who = manager(request)
    fields, upload = await _form(request)
    result = await run_in_threadpool(backend(request).upload_media, who.tenant_id, fields, upload)
    return ok(result, 201)


@router.get("/{media_id}", **op(s.MediaOut, errors=(401, 404, 429)))
def get_media(request: Request, media_id: str = ID) -> JSONResponse:
    """One media file's metadata."""
    return ok(backend(request).get_media(caller(request).tenant_id, media_id))


@router.put("/{media_id}", **op(s.MediaOut, body=s.MediaUpdate, errors=(401, 403, 404, 429)))
def update_media(request: Request, media_id: str = ID) -> JSONResponse:
    """Edit name and category; the audio and file_path never change."""
    who = manager(request)
    return ok(backend(request).update_media(who.tenant_id, media_id, body(request)))


@router.delete("/{media_id}", **op(None, 204, errors=(401, 403, 404, 409, 429)))
def delete_media(request: Request, media_id: str = ID) -> Response:
    """Delete; 409 while a non-archived script plays it."""
    backend(request).delete_media(manager(request).tenant_id, media_id)
    return deleted(request)


@router.get("/{media_id}/download", **op(None, errors=(401, 404, 429), binary=True))
def download_media(request: Request, media_id: str = ID) -> Response:
    """The stored WAV (16-bit PCM, 8 kHz, mono)."""
    obj, data = backend(request).download_media(caller(request).tenant_id, media_id)
    filename = obj["file_path"].rsplit("/", 1)[-1]
    return Response(data, media_type="audio/wav", headers={"Content-Disposition": f'attachment; filename="{filename}"'})
