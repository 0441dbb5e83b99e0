"""Media files (contract section 8): upload with conversion, metadata edits, download, delete."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from zorio_emulator import audio, clock, errors, rules, variants
from zorio_emulator.backend.core import BackendCore, paginate_list
from zorio_emulator.validation import Validator, message

KIND = "media"
_SLUG_DROP = re.compile(r"[^a-z0-9_-]+")


@dataclass
class Upload:
    """The file part of a multipart upload."""

    filename: str | None
    data: bytes


def slugify(name: str) -> str:
    """`Cảm ơn quý khách!` → `cam-on-quy-khach`: lowercase, accents transliterated, other runs → `-` [I]."""
    text = name.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _SLUG_DROP.sub("-", text).strip("-") or "audio"


def media_users(scripts: list[dict[str, Any]], file_path: str) -> list[int]:
    """Ids of non-archived scripts whose DTMF actions play `file_path`."""
    return [
        s["id"] for s in scripts
        if s["status"] != "archived" and any(a.get("target_audio_url") == file_path for a in s["dtmf_actions"])
    ]


class MediaMixin(BackendCore):
    """Media file rules."""

    def _unique_path(self, tenant_id: int, name: str) -> str:
        taken = {m["file_path"] for m in self.store.all(KIND, tenant_id)}
        slug = slugify(name)
        candidate, n = f"/media/{slug}.wav", 1
        while candidate in taken:
            n += 1
            candidate = f"/media/{slug}-{n}.wav"
        return candidate

    def list_media(self, query: Mapping[str, str], tenant_id: int) -> dict[str, Any]:
        """GET /api/media-files?category= (paginated)."""
        check = Validator(dict(query))
        category = check.choice("category", rules.MEDIA_CATEGORIES)
        check.raise_if_failed()
        with self.store.tx():
            items = self.store.all(KIND, tenant_id)
        if isinstance(category, str):
            items = [m for m in items if m["category"] == category]
        return paginate_list(items, query)

    def get_media(self, tenant_id: int, raw_id: Any) -> dict[str, Any]:
        """GET /api/media-files/{id}."""
        with self.store.tx():
            return {"data": self._get(KIND, raw_id, tenant_id)}

    def upload_media(self, tenant_id: int, fields: dict[str, Any], upload: Upload | None) -> dict[str, Any]:
        """POST /api/media-files (multipart) → 201; the audio is converted to WAV 8 kHz mono."""
        check = Validator(fields)
        name = check.string("name", required=True, max=rules.MEDIA_NAME_MAX)
        check.choice("category", rules.MEDIA_CATEGORIES, required=True)
        stored, duration = self._check_file(check, fields, upload)
        check.raise_if_failed()
        with self.store.tx():
            now, media_id = clock.iso(), self.store.next_id(KIND)
            file_path = (variants.hashed_file_path(tenant_id, media_id, stored)
                         if self.settings.has(variants.FILE_PATH_HASH) else self._unique_path(tenant_id, name))
            obj = {
                "id": media_id, "name": name, "category": check.clean["category"],
                "file_path": file_path, "original_filename": upload.filename,
                "size_bytes": len(stored), "duration_seconds": duration, "created_at": now, "updated_at": now,
            }
            self.store.put(KIND, obj["id"], tenant_id, obj)
            self.store.put_blob(KIND, obj["id"], stored)
        return {"data": obj}

    @staticmethod
    def _check_file(check: Validator, fields: dict[str, Any], upload: Upload | None) -> tuple[bytes, float]:
        """Validate the `file` part; returns the converted audio (or empties when invalid)."""
        if upload is None:
            rule = "file" if fields.get("file") not in (None, "") else "required"
            check.fail("file", message(rule, "file"))
            return b"", 0.0
        if len(upload.data) > rules.MEDIA_MAX_FILE_KB * 1024:
            check.fail("file", message("max.file", "file", max=rules.MEDIA_MAX_FILE_KB))
            return b"", 0.0
        try:
            return audio.convert(upload.data)
        except audio.NotAudio:
            check.fail("file", rules.MSG_NOT_AUDIO)
            return b"", 0.0

    def update_media(self, tenant_id: int, raw_id: Any, body: dict[str, Any]) -> dict[str, Any]:
        """PUT /api/media-files/{id}: name and category only; file_path never changes [I]."""
        with self.store.tx():
            obj = self._get(KIND, raw_id, tenant_id)
            check = Validator(body, partial=True)
            check.string("name", required=True, max=rules.MEDIA_NAME_MAX)
            check.choice("category", rules.MEDIA_CATEGORIES, required=True)
            check.raise_if_failed()
            changed = {k: v for k, v in check.clean.items() if obj.get(k) != v}
            if changed:
                obj.update(changed, updated_at=clock.iso())
                self.store.put(KIND, obj["id"], tenant_id, obj)
            return {"data": obj}

    def download_media(self, tenant_id: int, raw_id: Any) -> tuple[dict[str, Any], bytes]:
        """GET /api/media-files/{id}/download: the stored WAV."""
        with self.store.tx():
            obj = self._get(KIND, raw_id, tenant_id)
            return obj, self.store.get_blob(KIND, obj["id"]) or b""

    def delete_media(self, tenant_id: int, raw_id: Any) -> None:
        """DELETE /api/media-files/{id}: 409 while a non-archived script plays it [I]."""
        with self.store.tx():
            obj = self._get(KIND, raw_id, tenant_id)
            users = media_users(self.store.all("script", tenant_id), obj["file_path"])
            if users:
                raise errors.conflict(rules.MSG_MEDIA_IN_USE.format(ids=", ".join(map(str, users))))
            self.store.delete(KIND, obj["id"])
