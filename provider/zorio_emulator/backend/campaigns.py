"""Campaigns (contract section 10): fields, PUT rules by status, the status machine, lazy starting → running."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from zorio_emulator import clock, errors, lifecycle, rules, variants
from zorio_emulator.backend.core import BackendCore, paginate_list, parse_id
from zorio_emulator.validation import MISSING, Validator, message

KIND = "campaign"
FIELD_ORDER = ("name", "description", "script_id", "caller_id_group_id", "max_retries", "retry_interval_minutes",
               "retry_only_when", "max_concurrent", "originate_timeout", "write_to_main_cdr", "start_at", "end_at")
INTERNAL = ("started_at", "before_archive")


class CampaignsMixin(BackendCore):
    """Campaign rules."""

    def _campaign_now(self, obj: dict[str, Any], tenant_id: int) -> dict[str, Any]:
        """`starting` reads as `running` once start_delay_s has passed since the start (no background thread)."""
        if obj["status"] == "starting" and clock.now() >= obj["started_at"] + self.settings.start_delay_s:
            obj.update(status="running", updated_at=clock.iso(obj["started_at"] + self.settings.start_delay_s))
            self.store.put(KIND, obj["id"], tenant_id, obj)
        return obj

    def _present(self, obj: dict[str, Any]) -> dict[str, Any]:
        count = self.store.execute("SELECT COUNT(*) FROM leads WHERE campaign_id = ?", (obj["id"],)).fetchone()[0]
        out = {k: v for k, v in obj.items() if k not in INTERNAL}
        out["leads_count"] = count
        return out

    # --- validation -------------------------------------------------------------------------
    def _check_campaign(self, body: dict[str, Any], tenant_id: int, current: dict[str, Any] | None) -> dict[str, Any]:
        check = Validator(body, partial=current is not None)
        check.string("name", required=True, max=rules.CAMPAIGN_LIMITS["name"])
        check.string("description", nullable=True, max=rules.CAMPAIGN_LIMITS["description"])
        script_id = check.integer("script_id", required=True)
        if isinstance(script_id, int):
            script = self._find("script", script_id, tenant_id) if parse_id(script_id) else None
            if script is None:
                check.fail("script_id", message("in", "script_id"))
            elif script["status"] != "active" and (current is None or script_id != current["script_id"]):
                check.fail("script_id", rules.MSG_SCRIPT_NOT_ACTIVE)
        group_id = check.integer("caller_id_group_id", nullable=True)
        if isinstance(group_id, int) and not self._group_usable(tenant_id, group_id):
            check.fail("caller_id_group_id", message("in", "caller_id_group_id"))
        for name, bounds in rules.CAMPAIGN_RANGES.items():
            check.integer(name, between=bounds)
        check.choice("retry_only_when", rules.RETRY_ONLY_WHEN)
        check.boolean("write_to_main_cdr")
        start, end = check.date("start_at"), check.date("end_at")
        self._check_window(check, current, start, end)
        check.raise_if_failed()
        clean = {k: (clock.iso(v) if k in ("start_at", "end_at") and v is not None else v) for k, v in check.clean.items()}
        return clean

    @staticmethod
    def _check_window(check: Validator, current: dict[str, Any] | None, start: Any, end: Any) -> None:
        """`end_at` must be after `start_at`; on PUT an omitted one keeps its stored value [D]."""
        if (start is MISSING and end is MISSING) or check.failed("start_at") or check.failed("end_at"):
            return

        def pick(value: Any, key: str) -> float | None:
            if value is MISSING:
                stored = (current or {}).get(key)
                return clock.parse_iso(stored) if stored else None
            return None if value is None else value.timestamp()

        begin, finish = pick(start, "start_at"), pick(end, "end_at")
        if begin is not None and finish is not None and finish <= begin:
            check.fail("end_at", message("after", "end_at", other="start at"))

    def _group_usable(self, tenant_id: int, group_id: int) -> bool:
        group = self._find("caller_id_group", group_id, tenant_id) if parse_id(group_id) else None
        return group is not None and group.get("status") == "active"

    # --- CRUD -------------------------------------------------------------------------------
    def list_campaigns(self, tenant_id: int, query: Mapping[str, str]) -> dict[str, Any]:
        """GET /api/autocall/campaigns?status= (paginated)."""
        check = Validator(dict(query))
        status = check.choice("status", rules.CAMPAIGN_STATUSES)
        check.raise_if_failed()
        with self.store.tx():
            items = [self._present(self._campaign_now(c, tenant_id)) for c in self.store.all(KIND, tenant_id)]
        return paginate_list([c for c in items if status is MISSING or c["status"] == status], query)

    def get_campaign(self, tenant_id: int, raw_id: Any) -> dict[str, Any]:
        """GET /api/autocall/campaigns/{id}."""
        with self.store.tx():
            return {"data": self._present(self._campaign(tenant_id, raw_id))}

    def create_campaign(self, tenant_id: int, body: dict[str, Any]) -> dict[str, Any]:
        """POST /api/autocall/campaigns → 201, status draft [D]."""
        with self.store.tx():
            clean = self._check_campaign(body, tenant_id, None)
            now = clock.iso()
            obj = {"id": self.store.next_id(KIND), "tenant_id": tenant_id}
            obj.update({k: clean.get(k, rules.CAMPAIGN_DEFAULTS.get(k)) for k in FIELD_ORDER})
            obj.update(status="draft", gateway_name=None, created_at=now, updated_at=now,
                       started_at=None, before_archive=None)
            self.store.put(KIND, obj["id"], tenant_id, obj)
            return {"data": self._present(obj)}

    def update_campaign(self, tenant_id: int, raw_id: Any, body: dict[str, Any]) -> dict[str, Any]:
        """PUT: every field in draft/paused; fewer in other statuses (409 names the first offending field) [I]."""
        with self.store.tx():
            obj = self._campaign(tenant_id, raw_id)
            clean = self._check_campaign(body, tenant_id, obj)
            changed = {k: v for k, v in clean.items() if obj.get(k) != v}
            editable = rules.EDITABLE_IN_STATUS[obj["status"]]
            if editable is not None:
                offending = [k for k in body if k in changed and k not in editable]
                if offending:
                    text = rules.MSG_PAUSE_FIRST if obj["status"] in rules.PAUSABLE_STATUSES else rules.MSG_CANNOT_CHANGE
                    raise errors.conflict(text.format(field=offending[0], status=obj["status"]))
            if changed:
                obj.update(changed, updated_at=clock.iso())
                self.store.put(KIND, obj["id"], tenant_id, obj)
            return {"data": self._present(obj)}

    def delete_campaign(self, tenant_id: int, raw_id: Any) -> None:
        """DELETE: only in draft, stopped, completed, archived [I]."""
        with self.store.tx():
            obj = self._campaign(tenant_id, raw_id)
            if obj["status"] not in rules.DELETABLE_STATUSES:
                raise errors.conflict(rules.MSG_STOP_BEFORE_DELETE)
            self.store.execute("DELETE FROM leads WHERE campaign_id = ?", (obj["id"],))
            self.store.delete(KIND, obj["id"])

    # --- status machine ------------------------------------------------------------------------
    def campaign_action(self, tenant_id: int, raw_id: Any, verb: str) -> tuple[int, dict[str, Any]]:
        """POST /api/autocall/campaigns/{id}/<verb>: (HTTP status, body)."""
        with self.store.tx():
            obj = self._campaign(tenant_id, raw_id)
            if not lifecycle.allowed(verb, obj["status"]):
                raise errors.conflict(rules.MSG_CANNOT.format(verb=verb, status=obj["status"]))
            if verb == "start":
                self._check_startable(tenant_id, obj)
                obj["started_at"] = clock.now()
            new_status = lifecycle.target(verb, obj["status"], obj.get("before_archive"))
            if verb == "archive":
                obj["before_archive"] = obj["status"]
            obj.update(status=new_status, updated_at=clock.iso())
            self.store.put(KIND, obj["id"], tenant_id, obj)
            return lifecycle.http_status(verb), {"data": self._present(obj)}

    def _check_startable(self, tenant_id: int, obj: dict[str, Any]) -> None:
        """Start needs a caller-ID group [I] (not under start-without-group: the default trunk dials), still
        active, and a script still active [I]."""
        problems: dict[str, list[str]] = {}
        if obj.get("caller_id_group_id") is None:
            if not self.settings.has(variants.START_WITHOUT_GROUP):
                problems["caller_id_group_id"] = [rules.MSG_GROUP_REQUIRED_TO_START]
        elif not self._group_usable(tenant_id, obj["caller_id_group_id"]):
            problems["caller_id_group_id"] = [message("in", "caller_id_group_id")]
        script = self._find("script", obj["script_id"], tenant_id)
        if script is None or script["status"] != "active":
            problems["script_id"] = [rules.MSG_SCRIPT_NOT_ACTIVE]
        if problems:
            raise errors.invalid(problems)

    def control_campaign_status(self, raw_id: Any, body: dict[str, Any]) -> dict[str, Any]:
        """POST /_emulator/campaigns/{id}/status: what the dialing engine does on its own (section 13)."""
        check = Validator(body)
        status = check.choice("status", rules.CAMPAIGN_STATUSES, required=True)
        check.raise_if_failed()
        with self.store.tx():
            obj_id = parse_id(raw_id)
            found = None if obj_id is None else self.store.get(KIND, obj_id)
            if found is None:
                raise errors.not_found()
            tenant_id, obj = found
            obj = self._campaign_now(obj, tenant_id)
            if status == "archived" and obj["status"] != "archived":
                obj["before_archive"] = obj["status"]
            if status == "starting":
                obj["started_at"] = clock.now()
            obj.update(status=status, updated_at=clock.iso())
            self.store.put(KIND, obj["id"], tenant_id, obj)
            return {"data": self._present(obj)}
