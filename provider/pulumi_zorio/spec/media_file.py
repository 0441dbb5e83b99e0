"""MediaFile (contract §8): replace rule, normalise, check, request payload and flatten of the API object."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from . import shape
from .fields import fields
from .problems import Problem
from .values import integral_fields, pick, select_payload, with_defaults

KIND = "media_file"
FIELDS = fields(KIND)
REPLACE_ON = FIELDS.replace_on
"""Audio content cannot be replaced in place [I]; new content (sha256 of the local source) is a new upload.
The upload gets a new `file_path`, scripts are updated to it, then the old file is deleted (create-before-delete)."""
NOT_COMPARED = frozenset({"source", "adopt_id"})
"""`source` is only where the bytes come from: moving the file is no change, its content (sha256) is."""


def normalise_media_file_inputs(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Inputs with None dropped, defaults applied and Pulumi's floats turned back into ints."""
    return integral_fields(with_defaults(inputs, shape.defaults(KIND)), FIELDS.integers)


def check_media_file(inputs: Mapping[str, Any]) -> list[Problem]:
    """The offline problems with a media file's inputs (shape only).

    Whether `source` exists and is audio needs the filesystem: `media_source.inspect_media_source`
    does that (and computes `content_sha256`), keeping this function pure.
    """
    return shape.check_shape(KIND, normalise_media_file_inputs(inputs))


def build_media_file_payload(inputs: Mapping[str, Any], only: Iterable[str] | None = None) -> dict[str, Any]:
    """The metadata fields of the multipart POST, or the JSON PUT body (`only` = the changed fields).

    `source`, `content_sha256` and `adopt_id` are ours and never sent; the file itself travels as the
    multipart `file` part, which the client reads from `source`.
    """
    return select_payload(normalise_media_file_inputs(inputs), FIELDS.payload, FIELDS.nullable, only)


def flatten_media_file(api: Mapping[str, Any]) -> dict[str, Any]:
    """The API object as `name`, `category` plus output-only fields; no checksum comes back [I]."""
    return integral_fields(pick(api, FIELDS.api), FIELDS.integers)
