"""Leads (contract section 11): bulk import with per-lead rejections, dedup by normalised phone, listing."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from zorio_emulator import clock, errors, rules
from zorio_emulator.backend.core import BackendCore, page_params, paginated
from zorio_emulator.validation import message

PAYLOAD_SCALARS = (str, int, float, bool, type(None))
SQLITE_MAX_OFFSET = 2**62


def normalise_phone(raw: str) -> str | None:
    """`0987654321`, `84987654321`, `+84987654321` → `84987654321`; None when not a Vietnamese number [D]."""
    match = rules.PHONE_RE.match(raw.strip())
    return None if match is None else "84" + match.group(1)


def phone_filter(raw: str) -> str:
    """The normalised form of a (partial) `?phone=` filter, for substring matching."""
    text = raw.strip()
    if text.startswith("+"):
        text = text[1:]
    elif text.startswith("0"):
        text = "84" + text[1:]
    return "".join(ch for ch in text if ch.isdigit())


def _check_lead(item: Any, codes: set[str]) -> tuple[dict[str, list[str]], str | None, str | None, dict[str, Any]]:
    """(errors, phone as sent, normalised phone, payload) of one lead; aliases phone_number and variables."""
    problems: dict[str, list[str]] = {}
    if not isinstance(item, dict):
        return {"phone": [message("required", "phone")]}, None, None, {}
    key = "phone" if "phone" in item or "phone_number" not in item else "phone_number"
    phone = item.get(key)
    normal = None
    if phone is None or (isinstance(phone, str) and not phone.strip()):
        problems[key] = [message("required", key)]
    elif not isinstance(phone, str):
        problems[key] = [message("string", key)]
    else:
        normal = normalise_phone(phone)
        if normal is None:
            problems[key] = [message("regex", key)]
    payload_key = "payload" if "payload" in item or "variables" not in item else "variables"
    payload = item.get(payload_key) or {}
    if not isinstance(payload, dict):
        problems[payload_key] = [message("array", payload_key)]
        payload = {}
    for code, value in payload.items():
        if code not in codes:
            problems[f"{payload_key}.{code}"] = [rules.MSG_PAYLOAD_UNDEFINED.format(code=code)]
        elif not isinstance(value, PAYLOAD_SCALARS):
            problems[f"{payload_key}.{code}"] = [message("string", f"{payload_key}.{code}")]
    return problems, phone if isinstance(phone, str) else None, normal, payload


class LeadsMixin(BackendCore):
    """Lead rules."""

    def import_leads(self, tenant_id: int, raw_id: Any, body: dict[str, Any]) -> dict[str, Any]:
        """POST …/leads/import (alias …/leads) → 202 with accepted / duplicates / rejected."""
        with self.store.tx():
            campaign = self._campaign(tenant_id, raw_id)
            leads = body.get("leads")
            if leads is None or leads == []:
                raise errors.invalid_field("leads", message("required", "leads"))
            if not isinstance(leads, list):
                raise errors.invalid_field("leads", message("array", "leads"))
            if len(leads) > rules.LEADS_MAX_PER_REQUEST:
                raise errors.invalid_field("leads", message("max.array", "leads", max=rules.LEADS_MAX_PER_REQUEST))
            if campaign["status"] in rules.LEAD_CLOSED_STATUSES:
                raise errors.conflict(rules.MSG_LEADS_CLOSED.format(status=campaign["status"]))
            return {"data": self._insert_leads(tenant_id, campaign["id"], leads)}

    def _insert_leads(self, tenant_id: int, campaign_id: int, leads: list[Any]) -> dict[str, Any]:
        codes = {v["variable_code"] for v in self.store.all("variable", tenant_id)}
        accepted, duplicates, rejected = 0, 0, []
        now = clock.iso()
        for index, item in enumerate(leads):
            problems, phone, normal, payload = _check_lead(item, codes)
            if problems:
                rejected.append({"index": index, "errors": problems})
                continue
            lead_id = self.store.next_id("lead")
            data = {"id": lead_id, "campaign_id": campaign_id, "phone_number": phone, "payload": payload,
                    "status": "pending", "attempts": 0, "created_at": now, "updated_at": now}
            cursor = self.store.execute(
                "INSERT OR IGNORE INTO leads (id, campaign_id, tenant_id, phone_norm, data) VALUES (?,?,?,?,?)",
                (lead_id, campaign_id, tenant_id, normal, json.dumps(data)),
            )
            if cursor.rowcount:
                accepted += 1
            else:
                duplicates += 1
        return {"accepted": accepted, "duplicates": duplicates, "rejected": rejected}

    def list_leads(self, tenant_id: int, raw_id: Any, query: Mapping[str, str]) -> dict[str, Any]:
        """GET …/leads?phone=&page= (paginated; phone is a substring of the normalised number)."""
        with self.store.tx():
            campaign = self._campaign(tenant_id, raw_id)
            page, per_page = page_params(query)
            where, params = "campaign_id = ?", [campaign["id"]]
            if query.get("phone", "").strip():
                needle = phone_filter(query["phone"]) or "\x00"  # no digits: matches nothing
                where += " AND instr(phone_norm, ?) > 0"
                params.append(needle)
            total = self.store.execute(f"SELECT COUNT(*) FROM leads WHERE {where}", tuple(params)).fetchone()[0]
            rows = self.store.execute(
                f"SELECT data FROM leads WHERE {where} ORDER BY id LIMIT ? OFFSET ?",
                (*params, per_page, min((page - 1) * per_page, SQLITE_MAX_OFFSET)),
            ).fetchall()
        return paginated([json.loads(r["data"]) for r in rows], total, page, per_page)
