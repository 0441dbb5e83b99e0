"""Leads of a campaign: bulk import (chunked) and paginated listing (api-contract.md section 11)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pulumi_zorio.client import _api_rules as rules
from pulumi_zorio.client import _pagination
from pulumi_zorio.client._cache import PROCESS_CACHE, ListCache
from pulumi_zorio.client._service import Obj, data_of
from pulumi_zorio.client._transport import Call, Transport


class LeadsService:
    """`/api/autocall/campaigns/{id}/leads`. Import is safe to retry: the API de-duplicates leads by
    (campaign, normalised phone), so a resent chunk only reports duplicates."""

    def __init__(self, transport: Transport, cache: ListCache = PROCESS_CACHE) -> None:
        self._transport = transport
        self._cache = cache

    def import_leads(self, campaign_id: int | str, leads: Sequence[Mapping[str, Any]]) -> Obj:
        """Import `[{"phone", "payload": {code: value}}]` in chunks of 5000; return the summed report
        `{"accepted", "duplicates", "rejected": [{"index" (into `leads`), "errors"}]}`."""
        total: Obj = {"accepted": 0, "duplicates": 0, "rejected": []}
        size = rules.LEADS_MAX_PER_REQUEST
        try:
            for start in range(0, len(leads), size):
                chunk = [dict(lead) for lead in leads[start : start + size]]
                path = f"/api/autocall/campaigns/{campaign_id}/leads/import"
                report = data_of(self._transport.call(Call("POST", path, json={"leads": chunk})))
                total["accepted"] += int(report.get("accepted", 0) or 0)
                total["duplicates"] += int(report.get("duplicates", 0) or 0)
                for rejected in report.get("rejected") or []:
                    total["rejected"].append({**rejected, "index": int(rejected.get("index", 0)) + start})
        finally:
            self._cache.written(self._transport.config.base_url, "campaigns", campaign_id)  # leads_count
        return total

    def list(self, campaign_id: int | str, phone: str | None = None) -> Iterator[Obj]:
        """Every lead of a campaign (page by page), optionally only those whose phone matches `phone`."""
        params = {"phone": phone} if phone else None
        return _pagination.iterate(self._transport, f"/api/autocall/campaigns/{campaign_id}/leads", params)
