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
from pulumi_zorio.resources._convert import IdInput, constructor_props
from pulumi_zorio.resources._resource import ZorioResource
from pulumi_zorio.spec import UNKNOWN, Problem, is_unknown
from pulumi_zorio.spec.media_source import inspect_media_source

# BEGIN GENERATED: args (from schemas/media_file.json by `python -m pulumi_zorio.codegen`; edit the schema)
@dataclass(frozen=True, kw_only=True)
class MediaFileArgs:
    """An audio prompt uploaded from a local file. Its file_path is what DTMF playback actions target. The audio
    content cannot be replaced in place, so new content (a different sha256 of the source) replaces the media file;
    name and category update in place."""

    source: pulumi.Input[str]
    """Path of the local audio file to upload (.wav, .mp3 or .m4a, at most 20 MB); relative paths are resolved against
    the project (or YAML file) directory. Moving the file is not a change; changing its content is."""
    category: pulumi.Input[str]
    """Library category. One of announcement, ivr, moh, library."""
    name: pulumi.Input[str] | None = None
    """Display name, at most 255 characters; the server derives file_path (/media/<slug-of-name>.wav) from it at
    upload. Defaults to the logical name."""
    adopt_id: IdInput | None = None
    """Id of an existing Zorio media file to take over instead of uploading a new one (written by `zorio export`).
    Keep it: it also marks the object as taken over, so the stack releases it (leaves it in Zorio) instead of deleting
    it when it stops managing it."""


OUTPUT_KEYS = ("content_sha256", "file_path", "original_filename", "size_bytes", "duration_seconds", "created_at",
               "updated_at")
"""The properties that are not `*Args` fields: Pulumi makes an Output only for keys in the props."""
# END GENERATED


class MediaFileProvider(ZorioProvider):
    """Upload, metadata edits and delete; `content_sha256` is computed at check time from `source`."""

    kind = "media_file"

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

    # BEGIN GENERATED: class (from schemas/media_file.json by `python -m pulumi_zorio.codegen`; edit the schema)
    name: pulumi.Output[str]
    category: pulumi.Output[str]
    source: pulumi.Output[str]
    adopt_id: pulumi.Output[int | None]
    content_sha256: pulumi.Output[str]
    """SHA-256 of the source file's bytes, computed by check(); never written by users. A different value replaces the
    media file."""
    file_path: pulumi.Output[str]
    """Where the API serves the audio, e.g. /media/thank_you.wav: what a DTMF action's target_audio_url holds."""
    original_filename: pulumi.Output[str]
    """The name of the uploaded file."""
    size_bytes: pulumi.Output[int]
    """Size of the stored audio (after conversion to WAV)."""
    duration_seconds: pulumi.Output[float]
    """Length of the audio in seconds."""

    @overload
    def __init__(self, resource_name: str, args: MediaFileArgs, opts: pulumi.ResourceOptions | None = None) -> None: ...

    @overload
    def __init__(self, resource_name: str, opts: pulumi.ResourceOptions | None = None, *,
                 source: pulumi.Input[str],
                 category: pulumi.Input[str],
                 name: pulumi.Input[str] | None = None,
                 adopt_id: IdInput | None = None,
    ) -> None:
        """A Zorio media file, its inputs as keywords (or pass a `MediaFileArgs`).

        :param resource_name: The Pulumi resource name; also the default `name`.
        :param opts: Pulumi resource options (e.g. `protect`, `depends_on`).
        :param source: Path of the local audio file to upload (.wav, .mp3 or .m4a, at most 20 MB); relative
            paths are resolved against the project (or YAML file) directory. Moving the file is not a change;
            changing its content is.
        :param category: Library category. One of announcement, ivr, moh, library.
        :param name: Display name, at most 255 characters; the server derives file_path
            (/media/<slug-of-name>.wav) from it at upload. Defaults to the logical name.
        :param adopt_id: Id of an existing Zorio media file to take over instead of uploading a new one
            (written by `zorio export`). Keep it: it also marks the object as taken over, so the stack
            releases it (leaves it in Zorio) instead of deleting it when it stops managing it.
        """
    # END GENERATED

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """`MediaFile(name, source=..., category=...)` or `MediaFile(name, MediaFileArgs(...), opts)`;
        an unknown keyword is a TypeError listing the valid inputs."""
        _, props, opts = constructor_props("MediaFile", MediaFileArgs, OUTPUT_KEYS, resource_name, args, kwargs)
        super().__init__(MediaFileProvider(), resource_name, props, opts)
