"""Pydantic models that describe the public API in /openapi.json (bodies are parsed by hand, see validation.py).

Every limit, range and enum comes from rules.py, so the published schema cannot drift from the rules enforced.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from zorio_emulator import rules

def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def between(bounds: tuple[int, int]) -> dict[str, int]:
    """`ge`/`le` keywords of a Field from an inclusive range of rules.py."""
    low, high = bounds
    return {"ge": low, "le": high}


def opt(**kwargs: Any) -> Any:
    """An optional, non-nullable field of a partial update (absent is fine, null is a 422)."""
    return Field(None, json_schema_extra=_no_default, **kwargs)


class Open(BaseModel):
    """Base: extra keys allowed (clients must ignore unknown fields)."""

    model_config = ConfigDict(extra="allow")


class ErrorBody(Open):
    """Every error answer: a message, plus `errors` for validation failures (section 2)."""

    message: str
    errors: dict[str, list[str]] | None = None


# --- auth ---------------------------------------------------------------------------
class User(Open):
    id: int
    username: str
    email: str | None = None
    role: str
    team_id: int | None = None


# Laravel's `required` refuses empty and whitespace-only strings.
NON_BLANK = r"\S"


class LoginRequest(Open):
    username: str = Field(max_length=255, pattern=NON_BLANK)
    password: str = Field(max_length=255, pattern=NON_BLANK)
    device_name: str | None = Field(None, max_length=255)


class LoginData(Open):
    user: User


class LoginResponse(Open):
    data: LoginData
    token: str


class MeData(Open):
    user: User
    permissions: list[str]


class MeResponse(Open):
    data: MeData


# --- pagination -------------------------------------------------------------------
class Page(Open):
    current_page: int
    data: list[dict[str, Any]]
    last_page: int
    per_page: int
    total: int


# --- variables ----------------------------------------------------------------------
class Variable(Open):
    id: int
    variable_code: str
    name: str
    description: str | None = None
    sample_value: str | None = None
    created_at: str
    updated_at: str


class VariableCreate(Open):
    variable_code: str = Field(pattern=rules.VARIABLE_CODE_RE.pattern, max_length=rules.VARIABLE_CODE_MAX)
    name: str = Field(max_length=rules.VARIABLE_LIMITS["name"], pattern=NON_BLANK)
    description: str | None = Field(None, max_length=rules.VARIABLE_LIMITS["description"])
    sample_value: str | None = Field(None, max_length=rules.VARIABLE_LIMITS["sample_value"])


class VariableUpdate(Open):
    variable_code: str = opt(description="Must equal the current code", max_length=rules.VARIABLE_CODE_MAX)
    name: str = opt(max_length=rules.VARIABLE_LIMITS["name"], pattern=NON_BLANK)
    description: str | None = Field(None, max_length=rules.VARIABLE_LIMITS["description"])
    sample_value: str | None = Field(None, max_length=rules.VARIABLE_LIMITS["sample_value"])


class VariablePage(Page):
    data: list[Variable]


class VariableOut(Open):
    data: Variable


# --- catalogs -------------------------------------------------------------------------
class Voice(Open):
    id: str
    name: str
    preview_url: str | None = None
    gender: str | None = None
    language: str | None = None


class VoiceList(Open):
    data: list[Voice]


class Queue(Open):
    name: str
    display_name: str | None = None


class QueueList(Open):
    data: list[Queue]


class ActionTypeList(Open):
    data: list[str]


class CallerIdMember(Open):
    id: int
    number: str
    display_name: str | None = None
    carrier: str
    carrier_label: str | None = None
    status: str
    trunk_name: str | None = None
    weight: int


class CallerIdGroup(Open):
    id: int
    name: str
    description: str | None = None
    rotation_strategy: str
    sticky_enabled: bool
    status: str
    caller_ids_count: int
    created_at: str


class CallerIdGroupDetail(CallerIdGroup):
    caller_ids: list[CallerIdMember]


class CallerIdGroupList(Open):
    data: list[CallerIdGroup]


class CallerIdGroupOut(Open):
    data: CallerIdGroupDetail


class MonitorMember(Open):
    caller_id_id: int
    number: str
    carrier: str
    status: str
    health_score: int
    calls_today: int
    daily_cap: int
    cooldown_until: str | None = None


class Monitor(Open):
    group_id: int
    group_name: str
    total_members: int
    eligible_now: int
    in_cooldown: int
    disabled: int
    members: list[MonitorMember]


class MonitorOut(Open):
    data: Monitor


# --- media files ------------------------------------------------------------------------
class MediaFile(Open):
    id: int
    name: str
    category: str
    file_path: str
    original_filename: str | None = None
    size_bytes: int
    duration_seconds: float
    created_at: str
    updated_at: str


class MediaUpload(BaseModel):
    file: bytes = Field(json_schema_extra={"format": "binary", "type": "string"})
    name: str = Field(max_length=rules.MEDIA_NAME_MAX, pattern=NON_BLANK)
    category: Literal[rules.MEDIA_CATEGORIES]  # type: ignore[valid-type]


class MediaUpdate(Open):
    name: str = opt(max_length=rules.MEDIA_NAME_MAX, pattern=NON_BLANK)
    category: Literal[rules.MEDIA_CATEGORIES] = opt()  # type: ignore[valid-type]


class MediaPage(Page):
    data: list[MediaFile]


class MediaOut(Open):
    data: MediaFile


# --- scripts ------------------------------------------------------------------------------
class DtmfAction(Open):
    digit: str = Field(pattern=rules.DTMF_DIGIT_PATTERN)
    label: str | None = Field(None, max_length=rules.DTMF_LABEL_MAX)
    action_type: Literal[rules.ACTION_TYPES]  # type: ignore[valid-type]
    target_audio_url: str | None = None
    target_queue_name: str | None = None
    target_script_id: int | None = None


class ScriptFields(Open):
    name: str = Field(max_length=rules.SCRIPT_LIMITS["name"], pattern=NON_BLANK)
    description: str | None = Field(None, max_length=rules.SCRIPT_LIMITS["description"])
    template_text: str = Field(max_length=rules.SCRIPT_LIMITS["template_text"], pattern=NON_BLANK)
    voice_id: str = Field(description="An id from GET /api/autocall/voices", pattern=NON_BLANK)
    tts_tier: Literal[rules.TTS_TIERS] = "B"  # type: ignore[valid-type]
    max_repeat_per_attempt: int = Field(1, **between(rules.MAX_REPEAT_RANGE))
    status: Literal[rules.SCRIPT_STATUSES] = "draft"  # type: ignore[valid-type]
    dtmf_actions: list[DtmfAction] | None = Field(None, max_length=rules.DTMF_MAX_ACTIONS, description="null = no actions")


class ScriptUpdate(Open):
    name: str = opt(max_length=rules.SCRIPT_LIMITS["name"], pattern=NON_BLANK)
    description: str | None = Field(None, max_length=rules.SCRIPT_LIMITS["description"])
    template_text: str = opt(max_length=rules.SCRIPT_LIMITS["template_text"], pattern=NON_BLANK)
    voice_id: str = opt(pattern=NON_BLANK)
    tts_tier: Literal[rules.TTS_TIERS] = opt()  # type: ignore[valid-type]
    max_repeat_per_attempt: int = opt(**between(rules.MAX_REPEAT_RANGE))
    status: Literal[rules.SCRIPT_STATUSES] = opt()  # type: ignore[valid-type]
    dtmf_actions: list[DtmfAction] | None = Field(None, max_length=rules.DTMF_MAX_ACTIONS,
                                                  description="replaces the whole list; null = none")


class Script(ScriptFields):
    id: int
    tenant_id: int
    variables: list[str]
    created_at: str
    updated_at: str


class ScriptPage(Page):
    data: list[Script]


class ScriptOut(Open):
    data: Script


# --- campaigns ----------------------------------------------------------------------------
class CampaignUpdate(Open):
    name: str = opt(max_length=rules.CAMPAIGN_LIMITS["name"], pattern=NON_BLANK)
    description: str | None = Field(None, max_length=rules.CAMPAIGN_LIMITS["description"])
    script_id: int = opt()
    caller_id_group_id: int | None = None
    max_retries: int = opt(**between(rules.CAMPAIGN_RANGES["max_retries"]))
    retry_interval_minutes: int = opt(**between(rules.CAMPAIGN_RANGES["retry_interval_minutes"]))
    retry_only_when: Literal[rules.RETRY_ONLY_WHEN] = opt()  # type: ignore[valid-type]
    max_concurrent: int = opt(**between(rules.CAMPAIGN_RANGES["max_concurrent"]))
    originate_timeout: int = opt(**between(rules.CAMPAIGN_RANGES["originate_timeout"]))
    write_to_main_cdr: bool = opt()
    start_at: str | None = Field(None, json_schema_extra={"format": "date-time"})
    end_at: str | None = Field(None, json_schema_extra={"format": "date-time"})


class CampaignCreate(CampaignUpdate):
    name: str = Field(max_length=rules.CAMPAIGN_LIMITS["name"], pattern=NON_BLANK)
    script_id: int


class Campaign(Open):
    id: int
    tenant_id: int
    name: str
    description: str | None = None
    script_id: int
    caller_id_group_id: int | None = None
    max_retries: int
    retry_interval_minutes: int
    retry_only_when: str
    max_concurrent: int
    originate_timeout: int
    write_to_main_cdr: bool
    start_at: str | None = None
    end_at: str | None = None
    status: str
    gateway_name: str | None = None
    leads_count: int
    created_at: str
    updated_at: str


class CampaignPage(Page):
    data: list[Campaign]


class CampaignOut(Open):
    data: Campaign


# --- leads ----------------------------------------------------------------------------------
class LeadIn(Open):
    phone: str | None = None
    phone_number: str | None = None
    payload: dict[str, Any] | None = None
    variables: dict[str, Any] | None = None


class LeadImport(Open):
    leads: list[LeadIn] = Field(max_length=rules.LEADS_MAX_PER_REQUEST)


class Rejected(Open):
    index: int
    errors: dict[str, list[str]]


class ImportResult(Open):
    accepted: int
    duplicates: int
    rejected: list[Rejected]


class ImportOut(Open):
    data: ImportResult


class Lead(Open):
    id: int
    campaign_id: int
    phone_number: str
    payload: dict[str, Any]
    status: str
    created_at: str
    updated_at: str


class LeadPage(Page):
    data: list[Lead]
