"""`Script`: a TTS template with its DTMF menu (api-contract §9); every field is updatable, never replaced."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

import pulumi

from pulumi_zorio.resources._base import ZorioProvider
from pulumi_zorio.resources._convert import IdInput, constructor_props
from pulumi_zorio.resources._resource import ZorioResource
from pulumi_zorio.resources.program_checks import placeholders_declared

# BEGIN GENERATED: args (from schemas/script.json by `python -m pulumi_zorio.codegen`; edit the schema)
@dataclass(frozen=True, kw_only=True)
class DtmfActionArgs:
    """One key of the DTMF menu. playback and playback_then_hangup need target_audio_url, queue needs
    target_queue_name, switch_script needs target_script_id, repeat_script and hangup need no target; a target the
    action does not use is rejected."""

    digit: pulumi.Input[str]
    """The key: one of 0-9, * or #, unique within the script. One of 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, *, #."""
    action_type: pulumi.Input[str]
    """What pressing the key does. One of playback, playback_then_hangup, queue, switch_script, repeat_script,
    hangup."""
    label: pulumi.Input[str] | None = None
    """Short label, at most 100 characters."""
    target_audio_url: pulumi.Input[str] | None = None
    """For playback and playback_then_hangup: the file_path of an existing media file, e.g. /media/thank_you.wav. Pass
    `media.file_path`."""
    target_queue_name: pulumi.Input[str] | None = None
    """For queue: the name of an agent queue the account offers (`zorio queues` lists them), e.g. support@default. See
    `get_queue`."""
    target_script_id: IdInput | None = None
    """For switch_script: the id of another existing, non-archived script. Pass `other_script.id`."""


@dataclass(frozen=True, kw_only=True)
class ScriptArgs:
    """A TTS script: a template with {{variable_code}} placeholders read by a voice, and a DTMF menu. Every field
    updates in place; a script is never replaced."""

    template_text: pulumi.Input[str]
    """The text read to the called party, at most 5000 characters. Placeholders {{variable_code}} must name defined
    variables; the API does not check this and an undefined code only fails when audio is rendered."""
    voice_id: pulumi.Input[str]
    """The id of a voice the account offers (`zorio voices` lists them), e.g. vi-VN-female-01. See `get_voice`."""
    name: pulumi.Input[str] | None = None
    """Script name, at most 255 characters. Defaults to the logical name."""
    description: pulumi.Input[str] | None = None
    """Free text, at most 2000 characters."""
    tts_tier: pulumi.Input[str] | None = None
    """TTS quality tier. One of A, B; default B."""
    max_repeat_per_attempt: pulumi.Input[int] | None = None
    """How many times the script may repeat within one call attempt. 1 to 5; default 1."""
    status: pulumi.Input[str] | None = None
    """Script status. The API's default is draft, but scripts managed as code exist to be used, so the default here is
    active; a campaign can only use an active script. One of draft, active, archived; default active."""
    dtmf_actions: pulumi.Input[Sequence[DtmfActionArgs | dict[str, Any]]] | None = None
    """The DTMF menu: what happens when the called party presses a key. At most 12 actions, digits unique. The order
    does not matter to the API. Each action a `DtmfActionArgs` or a dict."""
    adopt_id: IdInput | None = None
    """Id of an existing Zorio script to take over instead of creating a new one (written by `zorio export`). Keep it:
    it also marks the object as taken over, so the stack releases it (leaves it in Zorio) instead of deleting it when
    it stops managing it."""


OUTPUT_KEYS = ("tenant_id", "variables", "created_at", "updated_at")
"""The properties that are not `*Args` fields: Pulumi makes an Output only for keys in the props."""
# END GENERATED


class ScriptProvider(ZorioProvider):
    """CRUD for scripts; a PUT that sends `dtmf_actions` replaces the whole menu (contract §9)."""

    kind = "script"


class Script(ZorioResource, module="zorio", name="Script"):
    """A Zorio TTS script. Its dependencies (media files, switch targets) follow from the Outputs it uses."""

    # BEGIN GENERATED: class (from schemas/script.json by `python -m pulumi_zorio.codegen`; edit the schema)
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
    """The account that owns the script."""
    variables: pulumi.Output[list[str]]
    """The variable codes the template uses, in order of first use (reported by the API)."""

    @overload
    def __init__(self, resource_name: str, args: ScriptArgs, opts: pulumi.ResourceOptions | None = None) -> None: ...

    @overload
    def __init__(self, resource_name: str, opts: pulumi.ResourceOptions | None = None, *,
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
        """A Zorio script, its inputs as keywords (or pass a `ScriptArgs`).

        :param resource_name: The Pulumi resource name; also the default `name`.
        :param opts: Pulumi resource options (e.g. `protect`, `depends_on`).
        :param template_text: The text read to the called party, at most 5000 characters. Placeholders
            {{variable_code}} must name defined variables; the API does not check this and an undefined code
            only fails when audio is rendered.
        :param voice_id: The id of a voice the account offers (`zorio voices` lists them), e.g.
            vi-VN-female-01. See `get_voice`.
        :param name: Script name, at most 255 characters. Defaults to the logical name.
        :param description: Free text, at most 2000 characters.
        :param tts_tier: TTS quality tier. One of A, B; default B.
        :param max_repeat_per_attempt: How many times the script may repeat within one call attempt. 1 to 5;
            default 1.
        :param status: Script status. The API's default is draft, but scripts managed as code exist to be
            used, so the default here is active; a campaign can only use an active script. One of draft,
            active, archived; default active.
        :param dtmf_actions: The DTMF menu: what happens when the called party presses a key. At most 12
            actions, digits unique. The order does not matter to the API. Each action a `DtmfActionArgs` or a
            dict.
        :param adopt_id: Id of an existing Zorio script to take over instead of creating a new one (written by
            `zorio export`). Keep it: it also marks the object as taken over, so the stack releases it (leaves
            it in Zorio) instead of deleting it when it stops managing it.
        """
    # END GENERATED

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """`Script(name, template_text=..., voice_id=..., ...)` or `Script(name, ScriptArgs(...), opts)`;
        an unknown keyword is a TypeError listing the valid inputs."""
        _, props, opts = constructor_props("Script", ScriptArgs, OUTPUT_KEYS, resource_name, args, kwargs)
        props["template_text"] = placeholders_declared(resource_name, props["template_text"])
        super().__init__(ScriptProvider(), resource_name, props, opts)
