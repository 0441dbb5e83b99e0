"""Media files: multipart upload, metadata edits, download and delete (api-contract.md section 8)."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from urllib3 import encode_multipart_formdata

from pulumi_zorio.client._service import Obj, ResourceService, request_key
from pulumi_zorio.client._transport import Call

_MIME = {".wav": "audio/wav", ".mp3": "audio/mpeg", ".m4a": "audio/mp4"}


class MediaFilesService(ResourceService, spec_kind="media_file"):
    """`/api/media-files` (not under /api/autocall). A lost upload is recognised by name, category and
    original file name among files created since the first attempt began (the API returns no checksum,
    and `size_bytes` is the size after conversion to WAV, so the upload's size cannot be compared)."""

    def list(self, category: str | None = None, **filters: Any) -> Iterator[Obj]:
        """Every media file, optionally only one `category` (announcement, ivr, moh, library)."""
        return super().list(category=category, **filters)

    def upload(self, name: str, category: str, source: str | os.PathLike[str] | bytes, filename: str | None = None,
               create_key: str | None = None) -> Obj:
        """Upload audio (.wav/.mp3/.m4a, ≤ 20 MB) from a path or bytes; return the stored file.

        The multipart body is encoded once, with a fixed boundary, so every retry sends identical bytes
        under the same Idempotency-Key (the server ignores the boundary when it compares bodies); with a
        `create_key`, see `ResourceService._create_keyed`.
        """
        if isinstance(source, bytes):
            content, filename = source, filename or f"{name}.wav"
        else:
            content, filename = Path(source).read_bytes(), filename or Path(source).name
        mime = _MIME.get(Path(filename).suffix.lower(), "application/octet-stream")
        fields = {"name": name, "category": category, "file": (filename, content, mime)}
        # (a keyed upload's boundary comes from its key: a re-run in another process sends the same bytes)
        boundary = uuid.uuid4().hex if create_key is None else hashlib.sha256(create_key.encode()).hexdigest()[:32]
        body, content_type = encode_multipart_formdata(fields, boundary=boundary)
        sent = {"name": name, "category": category, "original_filename": filename}
        call_with = lambda key: Call("POST", self.path, body=body, content_type=content_type,  # noqa: E731
                                     idempotency_key=key)
        if create_key is None:
            return self._create(call_with(None), sent)
        return self._create_keyed(call_with, sent, request_key(create_key, body))

    def create(self, payload: Mapping[str, Any], create_key: str | None = None) -> Obj:
        """Same as `upload(**payload)`: media files are created by uploading their audio."""
        return self.upload(**payload, create_key=create_key)

    def _candidates(self, sent: Mapping[str, Any]) -> Iterator[Obj]:
        return self.list(category=sent.get("category"))

    def download(self, file_id: int | str) -> bytes:
        """The stored audio (WAV 16-bit PCM 8 kHz mono).

        Accept stays application/json [D]: a Laravel API renders its errors as JSON only for clients that
        ask for JSON, and the file itself is sent whatever the Accept header says.
        """
        return bytes(self._transport.call(Call("GET", f"{self._item_path(file_id)}/download", raw=True)))

    def download_to(self, file_id: int | str, destination: str | os.PathLike[str]) -> Path:
        """Download into `destination` (written whole, then renamed, so no half file is ever left)."""
        target = Path(destination)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(self.download(file_id))
        partial.replace(target)
        return target

    def update(self, object_id: int | str, payload: Mapping[str, Any]) -> Obj:
        """Edit `name` and/or `category`; the audio and `file_path` never change."""
        return super().update(object_id, payload)

