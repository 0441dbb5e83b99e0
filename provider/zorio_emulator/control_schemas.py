"""Pydantic models documenting the /_emulator control surface (contract section 13) in /openapi.json."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from zorio_emulator.schemas import CallerIdGroupOut, Open


class TokenRequest(Open):
    tenant_id: int | None = Field(1, description="Tenant of the token (default 1)")
    permissions: list[str] | None = Field(None, description="Exactly these permissions; omitted = all")
    name: str | None = Field("emulator control", max_length=255, description="Shown in the request log")
    role: str | None = Field("member", max_length=64, description="member (default) grants nothing by itself; "
                             "admin may also manage media files")


class TokenOut(Open):
    token: str


class SettingsPatch(Open):
    start_delay_s: float | None = Field(None, ge=0, le=86400)
    rate_limit_scale: float | None = Field(None, gt=0, description="null switches rate limiting off")
    rate_limit_window_s: float | None = Field(None, gt=0, le=86400)
    variants: list[str] | None = Field(None, description="The variants that are on (replaces the list); "
                                       "see zorio_emulator/variants.py")


class SettingsOut(Open):
    db: str
    start_delay_s: float
    rate_limit_scale: float | None = None
    rate_limit_window_s: float
    variants: list[str] = Field(default_factory=list)


class VoiceIn(Open):
    id: str = Field(max_length=255)
    name: str | None = Field(None, max_length=255)
    status: Literal["active", "disabled"] | None = None


class VoicePatch(Open):
    status: Literal["active", "disabled"] | None = None
    name: str | None = Field(None, max_length=255)


class QueueIn(Open):
    name: str = Field(max_length=255)
    display_name: str | None = Field(None, max_length=255)


class GroupIn(Open):
    tenant_id: int | None = Field(1, description="Owning tenant (default 1)")
    id: int | None = None
    name: str = Field(max_length=150)
    description: str | None = Field(None, max_length=500)
    rotation_strategy: Literal["round_robin", "least_used", "cap_based", "weighted", "sticky_lead", "random"] | None = None
    sticky_enabled: bool | None = None
    status: Literal["active", "disabled"] | None = None
    caller_ids: list[dict[str, Any]] = Field(default_factory=list, description="Members in the public detail shape")


class GroupPatch(Open):
    status: Literal["active", "disabled"] | None = None
    name: str | None = Field(None, max_length=150)


class CampaignStatusIn(Open):
    status: Literal["draft", "starting", "running", "paused", "stopped", "completed", "archived"]


class FaultIn(Open):
    method: str = Field("*", description="HTTP method or *")
    path: str = Field(description="Glob on the request path, e.g. /api/autocall/scripts*")
    status: int | None = Field(500, ge=100, le=599, description="null = latency only")
    after_commit: bool = False
    drop_connection: bool = False
    delay_s: float = Field(0, ge=0, le=600, description="Seconds to wait before processing")
    delay_after_commit_s: float = Field(0, ge=0, le=600, description="Apply the change, then wait this long before "
                                        "answering (a slow answer to a committed change; implies after_commit)")
    times: int = Field(1, ge=1)
    retry_after: int = Field(1, ge=0, description="Retry-After of an injected 429")


class FaultOut(Open):
    id: int


class ListOut(Open):
    data: list[dict[str, Any]]


class ClockIn(Open):
    advance_s: float = Field(gt=0, le=30 * 86400, description="Seconds the emulator's time moves forward")


class ClockOut(Open):
    now: str = Field(description="The emulator's time after the move, in the contract's timestamp format")


class DataOut(Open):
    data: dict[str, Any]


__all__ = ["CallerIdGroupOut"]  # re-exported for routes/control.py
