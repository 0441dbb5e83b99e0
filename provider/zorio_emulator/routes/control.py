"""The emulator control surface under /_emulator (contract section 13 plus PATCH /settings); no auth."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from zorio_emulator import control_schemas as c
from zorio_emulator.openapi import control
from zorio_emulator.routes.common import backend, body, no_content, ok, runtime

router = APIRouter(prefix="/_emulator", tags=["emulator control"])


@router.post("/reset", **control(None, 204))
def reset(request: Request) -> Response:
    """Wipe everything, load the seed data, restore the startup settings."""
    runtime(request).reset()
    return no_content()


@router.post("/clock", **control(c.ClockOut, body=c.ClockIn))
def advance_clock(request: Request) -> JSONResponse:
    """Move the emulator's time forward (tests, instead of sleeping through a start delay or a rate window)."""
    return ok(runtime(request).advance_clock(body(request)))


@router.get("/settings", **control(c.SettingsOut))
def get_settings(request: Request) -> JSONResponse:
    """The current settings."""
    return ok(runtime(request).settings.to_json())


@router.patch("/settings", **control(c.SettingsOut, body=c.SettingsPatch))
def patch_settings(request: Request) -> JSONResponse:
    """Change start_delay_s / rate_limit_scale / rate_limit_window_s until the next reset."""
    return ok(runtime(request).patch_settings(body(request)))


@router.post("/tokens", **control(c.TokenOut, 201, body=c.TokenRequest))
def mint_token(request: Request) -> JSONResponse:
    """A token with exactly the given permissions (omitted = all); role `member` unless asked for."""
    return ok(backend(request).mint_token(body(request)), 201)


@router.post("/voices", **control(c.DataOut, 201, body=c.VoiceIn))
def add_voice(request: Request) -> JSONResponse:
    """Add (or replace) a voice."""
    return ok(backend(request).control_add_voice(body(request)), 201)


@router.patch("/voices/{voice_id}", **control(c.DataOut, body=c.VoicePatch, errors=(404,)))
def patch_voice(request: Request, voice_id: str) -> JSONResponse:
    """Change a voice, e.g. `{"status": "disabled"}`."""
    return ok(backend(request).control_patch_voice(voice_id, body(request)))


@router.post("/queues", **control(c.DataOut, 201, body=c.QueueIn))
def add_queue(request: Request) -> JSONResponse:
    """Add a queue."""
    return ok(backend(request).control_add_queue(body(request)), 201)


@router.post("/caller-id-groups", **control(c.CallerIdGroupOut, 201, body=c.GroupIn, errors=(409,)))
def add_group(request: Request) -> JSONResponse:
    """Add a caller-ID group (public detail shape, optional `tenant_id`)."""
    return ok(backend(request).control_add_group(body(request)), 201)


@router.patch("/caller-id-groups/{group_id}", **control(c.CallerIdGroupOut, body=c.GroupPatch, errors=(404,)))
def patch_group(request: Request, group_id: str) -> JSONResponse:
    """Change a group, e.g. `{"status": "disabled"}`."""
    return ok(backend(request).control_patch_group(group_id, body(request)))


@router.post("/campaigns/{campaign_id}/status", **control(c.DataOut, body=c.CampaignStatusIn, errors=(404,)))
def campaign_status(request: Request, campaign_id: str) -> JSONResponse:
    """What the dialing engine would do on its own (e.g. running → completed)."""
    return ok(backend(request).control_campaign_status(campaign_id, body(request)))


@router.post("/faults", **control(c.FaultOut, 201, body=c.FaultIn))
def add_fault(request: Request) -> JSONResponse:
    """Add a fault rule (delay_s before processing, delay_after_commit_s after the change is applied)."""
    return ok(runtime(request).faults.add(body(request)), 201)


@router.get("/faults", **control(c.ListOut))
def list_faults(request: Request) -> JSONResponse:
    """The active fault rules."""
    return ok({"data": runtime(request).faults.list()})


@router.delete("/faults", **control(None, 204))
def clear_faults(request: Request) -> Response:
    """Drop every fault rule."""
    runtime(request).faults.clear()
    return no_content()


@router.get("/requests", **control(c.ListOut))
def request_log(request: Request) -> JSONResponse:
    """The /api request log: method, path, status, idempotency_key, tenant_id, token_id, token_name, at (who
    called is named by the token's id and name, never by the token)."""
    return ok({"data": runtime(request).log_entries()})


@router.delete("/requests", **control(None, 204))
def clear_request_log(request: Request) -> Response:
    """Empty the request log."""
    runtime(request).clear_log()
    return no_content()
