"""The yaml-quickstart stack as a typed Python Pulumi program: one variable, one audio prompt, one script with a
DTMF menu and one DRAFT campaign (nothing dials) on the caller-ID group "Group A - Viettel Sales".

Endpoints it touches when applied: GET /api/caller-id-groups (+ /{id}) for the lookup, POST /api/autocall/variables,
POST /api/media-files, POST /api/autocall/scripts, POST /api/autocall/campaigns. Relative paths (the audio source)
resolve from the project directory, which is the working directory under `pulumi up` and `zorio apply`.
"""

from __future__ import annotations

import pulumi

import pulumi_zorio as zorio

# A placeholder variable: templates use it as {{salutation_name}}.
salutation = zorio.Variable(
    "salutation_name",
    zorio.VariableArgs(variable_code="salutation_name", name="Salutation", sample_value="anh An"),
)

# An audio prompt; scripts reference its `file_path`, so a new recording is re-pointed automatically.
thank_you = zorio.MediaFile(
    "thank_you",
    zorio.MediaFileArgs(source="audio/thank_you.wav", category="announcement"),
)

reminder = zorio.Script(
    "reminder",
    zorio.ScriptArgs(
        voice_id="vi-VN-female-01",
        tts_tier="B",
        template_text="Hello {{salutation_name}}. Press 1 to confirm, 2 to talk to an agent, 9 to hear this again.",
        dtmf_actions=[
            zorio.DtmfActionArgs(digit="1", label="Confirm", action_type="playback_then_hangup",
                                 target_audio_url=thank_you.file_path),
            zorio.DtmfActionArgs(digit="2", label="Agent", action_type="queue", target_queue_name="support@default"),
            zorio.DtmfActionArgs(digit="9", label="Repeat", action_type="repeat_script"),
        ],
    ),
    # {{salutation_name}} is text, not an Output: say the order (created after, deleted before the variable).
    opts=pulumi.ResourceOptions(depends_on=[salutation]),
)

# Looked up by name when the program runs (never a resource in the state); an unknown or disabled group is an
# error listing the active ones.
group = zorio.get_caller_id_group(name="Group A - Viettel Sales")

q3_care = zorio.Campaign(
    "q3_care",
    zorio.CampaignArgs(
        script_id=reminder.id,
        caller_id_group_id=group.id,
        status="draft",  # nothing dials until this says "running"
        max_retries=3,
        start_at="2026-06-25T08:00:00Z",
        end_at="2026-06-30T17:00:00+07:00",
    ),
)

pulumi.export("variables", {"salutation_name": salutation.id})
pulumi.export("media", {"thank_you": {"id": thank_you.id, "file_path": thank_you.file_path}})
pulumi.export("scripts", {"reminder": reminder.id})
pulumi.export("campaigns", {"q3_care": {"id": q3_care.id, "status": q3_care.status}})
