"""Routes of /api/autocall/campaigns (contract section 10) and their leads (section 11)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from zorio_emulator import lifecycle, rules
from zorio_emulator import schemas as s
from zorio_emulator.openapi import op, page_params
from zorio_emulator.routes.common import api_user, backend, body, caller, deleted, id_path, ok, page, query

router = APIRouter(prefix="/api/autocall/campaigns", tags=["campaigns"])
ID = id_path("Campaign id")


@router.get("", **op(s.CampaignPage, errors=(401, 403, 422, 429), params=page_params(("status", "campaign status"))))
def list_campaigns(request: Request) -> JSONResponse:
    """The tenant's campaigns, paginated, `?status=`."""
    return page(request, backend(request).list_campaigns(api_user(request).tenant_id, query(request)))


@router.post("", **op(s.CampaignOut, 201, body=s.CampaignCreate))
def create_campaign(request: Request) -> JSONResponse:
    """Create a campaign in `draft` → 201."""
    who = api_user(request)
    return ok(backend(request).create_campaign(who.tenant_id, body(request)), 201)


@router.get("/{campaign_id}", **op(s.CampaignOut, errors=(401, 403, 404, 429)))
def get_campaign(request: Request, campaign_id: str = ID) -> JSONResponse:
    """One campaign."""
    return ok(backend(request).get_campaign(api_user(request).tenant_id, campaign_id))


@router.put("/{campaign_id}", **op(s.CampaignOut, body=s.CampaignUpdate, errors=(401, 403, 404, 409, 429)))
def update_campaign(request: Request, campaign_id: str = ID) -> JSONResponse:
    """Partial update, limited by status."""
    who = api_user(request)
    return ok(backend(request).update_campaign(who.tenant_id, campaign_id, body(request)))


@router.delete("/{campaign_id}", **op(None, 204, errors=(401, 403, 404, 409, 429)))
def delete_campaign(request: Request, campaign_id: str = ID) -> Response:
    """Delete a campaign that is not dialing."""
    backend(request).delete_campaign(api_user(request).tenant_id, campaign_id)
    return deleted(request)


def _action_route(verb: str) -> None:
    """POST /{id}/<verb>: needs autocall_manage_campaign too [D start, I others]."""
    code = lifecycle.http_status(verb)
    errors = (401, 403, 404, 409, 422, 429) if verb == "start" else (401, 403, 404, 409, 429)

    def action(request: Request, campaign_id: str = ID) -> JSONResponse:
        who = caller(request, rules.PERM_API, rules.PERM_CAMPAIGN)
        status, data = backend(request).campaign_action(who.tenant_id, campaign_id, verb)
        return ok(data, status)

    action.__name__ = f"{verb}_campaign"
    action.__doc__ = f"`{verb}` the campaign (status machine, section 10)."
    router.post(f"/{{campaign_id}}/{verb}", **op(s.CampaignOut, code, errors=errors))(action)


for _verb in lifecycle.VERBS:
    _action_route(_verb)


def import_leads(request: Request, campaign_id: str = ID) -> JSONResponse:
    """Bulk import leads → 202 with accepted / duplicates / rejected."""
    who = api_user(request)
    return ok(backend(request).import_leads(who.tenant_id, campaign_id, body(request)), 202)


_IMPORT_DOC = op(s.ImportOut, 202, body=s.LeadImport, errors=(401, 403, 404, 409, 429))
router.post("/{campaign_id}/leads/import", **_IMPORT_DOC)(import_leads)
router.post("/{campaign_id}/leads", operation_id="import_leads_alias", **_IMPORT_DOC)(import_leads)


@router.get("/{campaign_id}/leads", **op(s.LeadPage, errors=(401, 403, 404, 422, 429),
                                             params=page_params(("phone", "substring of the number"))))
def list_leads(request: Request, campaign_id: str = ID) -> JSONResponse:
    """The campaign's leads, paginated, `?phone=`."""
    return page(request, backend(request).list_leads(api_user(request).tenant_id, campaign_id, query(request)))
