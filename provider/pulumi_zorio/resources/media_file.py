"""`MediaFile`: an uploaded audio prompt (api-contract §8); new audio content (sha256 of the source) replaces it.

Replacement is create-before-delete: the new upload gets a new `file_path`, scripts using `media.file_path`
are updated to it, and only then is the old file deleted (which the API refuses while a script uses it).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import pulumi

from pulumi_zorio.client import NotFoundError
from pulumi_zorio.resources._base import ZorioProvider, ZorioResourceError
from pulumi_zorio.resources._convert import IdInput, props_from_args, split_constructor_args
from pulumi_zorio.resources._resource import ZorioResource
from pulumi_zorio.spec import UNKNOWN, Problem, is_unknown
from pulumi_zorio.spec.media_source import inspect_media_source

OUTPUT_KEYS = ("content_sha256", "file_path", "original_filename", "size_bytes", "duration_seconds",
               "created_at", "updated_at")


@dataclass(frozen=True, kw_only=True)
class MediaFileArgs:
    """The declared state of a media file."""

    source: pulumi.Input[str]
    """Local .wav/.mp3/.m4a file (≤20 MB) to upload; relative to the project directory. Moving it is no
    change; changing its content replaces the media file."""
    category: pulumi.Input[str]
    """announcement, ivr, moh or library."""
    name: pulumi.Input[str] | None = None
    """Display name (≤255). Defaults to the resource name. The server chooses `file_path` at upload (from the name, or
    otherwise); it is always read back, never predicted."""
    adopt_id: IdInput | None = None
    """Id of an existing Zorio media file to take over instead of uploading; keep it: the object is then
    released, not deleted, when the stack stops managing it."""


class MediaFileProvider(ZorioProvider):
    """Upload, metadata edits and delete; `content_sha256` is computed at check time from `source`."""

    kind = "media_file"
    service = "media_files"

    def _check_more(self, inputs: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
        """The source must exist and be audio; its sha256 becomes the `content_sha256` input."""
        source = inputs.get("source")
        if is_unknown(source):  # preview: the content is known only when the source is
            return {**inputs, "content_sha256": UNKNOWN}, []
        if not isinstance(source, str) or not source.lower().endswith((".wav", ".mp3", ".m4a")):
            return inputs, []  # unknown until apply, or a bad value the shape check reports
        found = inspect_media_source(source, base_dir=os.getcwd())
        if found.problems:
            return inputs, list(found.problems)
        return {**inputs, "content_sha256": found.content_sha256}, []

    def _adopt(self, object_id: int, inputs: dict[str, Any]) -> dict[str, Any]:
        """Take over only a media file whose stored audio is the declared source's. A new recording of an adopted
        prompt (a replacement, which runs create again with the same adopt_id) must not take over, and then have
        deleted, the very object it replaces: it is refused before any write, with the way out."""
        declared = inputs.get("content_sha256")
        try:
            stored = hashlib.sha256(self.client.media_files.download(object_id)).hexdigest()
        except NotFoundError:
            stored = None  # the base adoption reports the missing object
        if declared and stored and stored != declared:
            raise ZorioResourceError(
                f"cannot adopt media file {object_id}: its stored audio differs from {inputs.get('source')} (a new "
                "recording?). Remove adopt_id to upload the recording as a new media file (the old one is released, "
                "not deleted), or put back the file that was exported"
            )
        return super()._adopt(object_id, inputs)

    def _create(self, inputs: dict[str, Any]) -> dict[str, Any]:
        path = Path(inputs["source"]).expanduser()
        path = path if path.is_absolute() else Path(os.getcwd()) / path
        return self.client.media_files.upload(inputs["name"], inputs["category"], path, create_key=self.create_key)


class MediaFile(ZorioResource, module="zorio", name="MediaFile"):
    """An audio prompt. Pass `file_path` to a script's `target_audio_url`, so the script follows a new upload."""

    name: pulumi.Output[str]
    category: pulumi.Output[str]
    source: pulumi.Output[str]
    content_sha256: pulumi.Output[str]
    """SHA-256 of the uploaded source, computed at check time (the API returns no checksum)."""
    adopt_id: pulumi.Output[int | None]
    file_path: pulumi.Output[str]
    """Where the API serves the audio, e.g. /media/thank_you.wav: what `target_audio_url` holds."""
    original_filename: pulumi.Output[str]
    size_bytes: pulumi.Output[int]
    duration_seconds: pulumi.Output[float]
    created_at: pulumi.Output[str]
    updated_at: pulumi.Output[str]

    @overload
    def __init__(
        self, resource_name: str, args: MediaFileArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None: ...

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        source: pulumi.Input[str],
        category: pulumi.Input[str],
        name: pulumi.Input[str] | None = None,
        adopt_id: IdInput | None = None,
    ) -> None:
        """An audio prompt, its inputs as keywords.

        :param resource_name: The Pulumi resource name; also the default `name`.
        :param opts: Pulumi resource options (e.g. `protect`, `depends_on`).
        :param source: Local .wav/.mp3/.m4a file (≤20 MB) to upload, relative to the project directory.
            Moving it is no change; changing its content replaces the media file.
        :param category: announcement, ivr, moh or library.
        :param name: Display name (≤255). Defaults to the resource name. The server chooses `file_path` at upload;
            it is read back, never predicted.
        :param adopt_id: Id of an existing Zorio media file to take over instead of uploading; keep it: it is
            then released, not deleted.
        """

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """`MediaFile(name, source=..., category=...)` or `MediaFile(name, MediaFileArgs(...), opts)`;
        an unknown keyword is a TypeError listing the valid inputs."""
        values, opts = split_constructor_args("MediaFile", MediaFileArgs, args, kwargs)
        props = props_from_args(values, OUTPUT_KEYS)
        props["name"] = props["name"] if props["name"] is not None else resource_name
        super().__init__(MediaFileProvider(), resource_name, props, opts)
