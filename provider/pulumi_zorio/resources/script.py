"""`Script`: a TTS template with its DTMF menu (api-contract §9); every field is updatable, never replaced."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

import pulumi

from pulumi_zorio.resources._base import ZorioProvider
from pulumi_zorio.resources._convert import IdInput, props_from_args, split_constructor_args
from pulumi_zorio.resources._resource import ZorioResource
from pulumi_zorio.resources.program_checks import placeholders_declared

OUTPUT_KEYS = ("tenant_id", "variables", "created_at", "updated_at")


@dataclass(frozen=True, kw_only=True)
class DtmfActionArgs:
    """One DTMF menu entry: what happens when the called party presses `digit`."""

    digit: pulumi.Input[str]
    """One of 0-9, * or #; unique within the script."""
    action_type: pulumi.Input[str]
    """playback, playback_then_hangup, queue, switch_script, repeat_script or hangup."""
    label: pulumi.Input[str] | None = None
    """Short label (≤100)."""
    target_audio_url: pulumi.Input[str] | None = None
    """For playback actions: a media file's `file_path` (pass `media.file_path`)."""
    target_queue_name: pulumi.Input[str] | None = None
    """For queue actions: a queue name, e.g. support@default (see `get_queue`)."""
    target_script_id: IdInput | None = None
    """For switch_script: another script's id (pass `other.id`)."""


@dataclass(frozen=True, kw_only=True)
class ScriptArgs:
    """The declared state of a script."""

    template_text: pulumi.Input[str]
    """Text read to the called party (≤5000); `{{variable_code}}` placeholders must be valid codes."""
    voice_id: pulumi.Input[str]
    """A voice id from the voices list (see `get_voice`), e.g. vi-VN-female-01."""
    name: pulumi.Input[str] | None = None
    """Script name (≤255). Defaults to the resource name."""
    description: pulumi.Input[str] | None = None
    """Free text (≤2000)."""
    tts_tier: pulumi.Input[str] | None = None
    """TTS quality tier, A or B (default B)."""
    max_repeat_per_attempt: pulumi.Input[int] | None = None
    """How often the script may repeat in one call attempt, 1-5 (default 1)."""
    status: pulumi.Input[str] | None = None
    """draft, active (default here: scripts as code exist to be used) or archived."""
    dtmf_actions: pulumi.Input[Sequence[DtmfActionArgs | dict[str, Any]]] | None = None
    """The DTMF menu, at most 12 actions with unique digits; order does not matter."""
    adopt_id: IdInput | None = None
    """Id of an existing Zorio script to take over instead of creating one; keep it: the object is then
    released, not deleted, when the stack stops managing it."""


class ScriptProvider(ZorioProvider):
    """CRUD for scripts; a PUT that sends `dtmf_actions` replaces the whole menu (contract §9)."""

    kind = "script"
    service = "scripts"


class Script(ZorioResource, module="zorio", name="Script"):
    """A Zorio TTS script. Its dependencies (media files, switch targets) follow from the Outputs it uses."""

    name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    template_text: pulumi.Output[str]
    voice_id: pulumi.Output[str]
    tts_tier: pulumi.Output[str]
    max_repeat_per_attempt: pulumi.Output[int]
    status: pulumi.Output[str]
    dtmf_actions: pulumi.Output[list[dict[str, Any]]]
    adopt_id: pulumi.Output[int | None]
    tenant_id: pulumi.Output[int]
    variables: pulumi.Output[list[str]]
    """The variable codes the template uses, in order of first use (reported by the API)."""
    created_at: pulumi.Output[str]
    updated_at: pulumi.Output[str]

    @overload
    def __init__(
        self, resource_name: str, args: ScriptArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None: ...

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        template_text: pulumi.Input[str],
        voice_id: pulumi.Input[str],
        name: pulumi.Input[str] | None = None,
        description: pulumi.Input[str] | None = None,
        tts_tier: pulumi.Input[str] | None = None,
        max_repeat_per_attempt: pulumi.Input[int] | None = None,
        status: pulumi.Input[str] | None = None,
        dtmf_actions: pulumi.Input[Sequence[DtmfActionArgs | dict[str, Any]]] | None = None,
        adopt_id: IdInput | None = None,
    ) -> None:
        """A TTS script with its DTMF menu, its inputs as keywords.

        :param resource_name: The Pulumi resource name; also the default `name`.
        :param opts: Pulumi resource options (e.g. `depends_on` the variables the template uses).
        :param template_text: Text read to the called party (≤5000); `{{variable_code}}` placeholders.
        :param voice_id: A voice id from the voices list (see `get_voice`), e.g. vi-VN-female-01.
        :param name: Script name (≤255). Defaults to the resource name.
        :param description: Free text (≤2000).
        :param tts_tier: TTS quality tier, A or B (default B).
        :param max_repeat_per_attempt: How often the script may repeat in one call attempt, 1-5 (default 1).
        :param status: draft, active (the default here) or archived.
        :param dtmf_actions: The DTMF menu (`DtmfActionArgs` or dicts), at most 12 actions with unique digits.
        :param adopt_id: Id of an existing Zorio script to take over instead of creating one; keep it: it is
            then released, not deleted.
        """

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """`Script(name, template_text=..., voice_id=..., ...)` or `Script(name, ScriptArgs(...), opts)`;
        an unknown keyword is a TypeError listing the valid inputs."""
        values, opts = split_constructor_args("Script", ScriptArgs, args, kwargs)
        props = props_from_args(values, OUTPUT_KEYS)
        props["name"] = props["name"] if props["name"] is not None else resource_name
        props["template_text"] = placeholders_declared(resource_name, props["template_text"])
        super().__init__(ScriptProvider(), resource_name, props, opts)
