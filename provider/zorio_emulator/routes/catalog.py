"""Routes of the read-only catalogs: voices, queues, DTMF action types (under /api/autocall) and caller-ID groups."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from zorio_emulator import schemas as s
from zorio_emulator.openapi import op
from zorio_emulator.routes.common import api_user, backend, caller, id_path, ok

router = APIRouter()
GROUP_ID = id_path("Caller-ID group id")


@router.get("/api/autocall/voices", tags=["voices"], **op(s.VoiceList))
def list_voices(request: Request) -> JSONResponse:
    """Usable voices [D section 6]."""
    api_user(request)
    return ok(backend(request).list_voices())


@router.get("/api/autocall/queues", tags=["scripts"], **op(s.QueueList))
def list_queues(request: Request) -> JSONResponse:
    """Queues a DTMF `queue` action may target."""
    api_user(request)
    return ok(backend(request).list_queues())


@router.get("/api/autocall/dtmf-action-types", tags=["scripts"], **op(s.ActionTypeList))
def list_action_types(request: Request) -> JSONResponse:
    """The six DTMF action types."""
    api_user(request)
    return ok(backend(request).list_action_types())


@router.get("/api/caller-id-groups", tags=["caller-id groups"], **op(s.CallerIdGroupList, errors=(401, 405, 429)))
def list_groups(request: Request) -> JSONResponse:
    """The caller's rotation groups [D seed 004]; any valid token."""
    return ok(backend(request).list_groups(caller(request).tenant_id))


@router.get("/api/caller-id-groups/{group_id}", tags=["caller-id groups"],
            **op(s.CallerIdGroupOut, errors=(401, 404, 405, 429)))
def get_group(request: Request, group_id: str = GROUP_ID) -> JSONResponse:
    """One group with its caller_ids."""
    return ok(backend(request).get_group(caller(request).tenant_id, group_id))


@router.get("/api/caller-id-groups/{group_id}/monitor", tags=["caller-id groups"],
            **op(s.MonitorOut, errors=(401, 404, 405, 429)))
def group_monitor(request: Request, group_id: str = GROUP_ID) -> JSONResponse:
    """The per-member runtime snapshot."""
    return ok(backend(request).group_monitor(caller(request).tenant_id, group_id))
