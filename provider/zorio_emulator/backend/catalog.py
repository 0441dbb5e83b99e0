"""Read-mostly catalogs: voices (section 6), queues and DTMF action types (section 9), caller-ID groups (section 12).

The control surface (section 13) adds and changes voices, queues and groups.
"""

from __future__ import annotations

import json
from typing import Any

from zorio_emulator import clock, errors, rules
from zorio_emulator.backend.core import BackendCore, parse_id
from zorio_emulator.seed import CARRIER_LABELS
from zorio_emulator.validation import Validator

GROUP = "caller_id_group"
GROUP_STATUSES = ("active", "disabled")
ROTATION_STRATEGIES = ("round_robin", "least_used", "cap_based", "weighted", "sticky_lead", "random")
MEMBER_PUBLIC = ("id", "number", "display_name", "carrier", "carrier_label", "status", "trunk_name", "weight")
GROUP_PUBLIC = ("id", "name", "description", "rotation_strategy", "sticky_enabled", "status")


def public_voice(voice: dict[str, Any]) -> dict[str, Any]:
    """A voice as listed: everything but the internal status; degraded voices keep only id and name."""
    return {k: v for k, v in voice.items() if k != "status"}


def public_group(group: dict[str, Any], with_members: bool = False) -> dict[str, Any]:
    """A group as seed 004 shows it; `caller_ids_count` counts active members."""
    out = {k: group.get(k) for k in GROUP_PUBLIC}
    out["caller_ids_count"] = sum(1 for m in group.get("caller_ids", []) if m.get("status") == "active")
    out["created_at"] = group.get("created_at")
    if with_members:
        out["caller_ids"] = [{k: m.get(k) for k in MEMBER_PUBLIC} for m in group.get("caller_ids", [])]
    return out


def monitor(group: dict[str, Any]) -> dict[str, Any]:
    """The runtime snapshot of seed 004, counted from each member's runtime data."""
    members = []
    for m in group.get("caller_ids", []):
        run = m.get("runtime") or {}
        status = run.get("status") or ("eligible" if m.get("status") == "active" else "disabled")
        members.append({
            "caller_id_id": m["id"], "number": m["number"], "carrier": m["carrier"], "status": status,
            "health_score": run.get("health_score", 100), "calls_today": run.get("calls_today", 0),
            "daily_cap": run.get("daily_cap", 200), "cooldown_until": run.get("cooldown_until"),
        })
    return {"data": {
        "group_id": group["id"], "group_name": group["name"], "total_members": len(members),
        "eligible_now": sum(1 for m in members if m["status"] == "eligible"),
        "in_cooldown": sum(1 for m in members if m["status"] == "cooldown"),
        "disabled": sum(1 for m in members if m["status"] == "disabled"),
        "members": members,
    }}


class CatalogMixin(BackendCore):
    """Voices, queues, action types and caller-ID groups."""

    def list_voices(self) -> dict[str, Any]:
        """GET /api/autocall/voices: only usable voices [D]."""
        with self.store.tx():
            return {"data": [public_voice(v) for v in self.store.all("voice") if v.get("status") == "active"]}

    def voice_ids(self) -> set[str]:
        """Ids of the listed (enabled) voices."""
        return {v["id"] for v in self.store.all("voice") if v.get("status") == "active"}

    def list_queues(self) -> dict[str, Any]:
        """GET /api/autocall/queues [I]."""
        with self.store.tx():
            return {"data": self.store.all("queue")}

    def queue_names(self) -> set[str]:
        """Names of the listed queues."""
        return {q["name"] for q in self.store.all("queue")}

    @staticmethod
    def list_action_types() -> dict[str, Any]:
        """GET /api/autocall/dtmf-action-types [I path]."""
        return {"data": list(rules.ACTION_TYPES)}

    def list_groups(self, tenant_id: int) -> dict[str, Any]:
        """GET /api/caller-id-groups: the caller's groups, plain list [D]."""
        with self.store.tx():
            return {"data": [public_group(g) for g in self.store.all(GROUP, tenant_id)]}

    def get_group(self, tenant_id: int, raw_id: Any) -> dict[str, Any]:
        """GET /api/caller-id-groups/{id} with caller_ids [D]."""
        with self.store.tx():
            return {"data": public_group(self._get(GROUP, raw_id, tenant_id), with_members=True)}

    def group_monitor(self, tenant_id: int, raw_id: Any) -> dict[str, Any]:
        """GET /api/caller-id-groups/{id}/monitor [D]."""
        with self.store.tx():
            return monitor(self._get(GROUP, raw_id, tenant_id))

    # --- control surface (section 13) ----------------------------------------------
    def control_add_voice(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST /_emulator/voices: add a voice in its public shape."""
        check = Validator(body)
        voice_id = check.string("id", required=True, max=255)
        check.string("name", nullable=True, max=255)
        check.choice("status", ("active", "disabled"))
        check.raise_if_failed()
        voice = {k: v for k, v in body.items() if k != "status"}
        voice.setdefault("name", voice_id)
        with self.store.tx():
            existing = [i for i, v in self._voices_by_key().items() if v["id"] == voice_id]
            key = existing[0] if existing else self.store.next_id("voice")
            self.store.put("voice", key, 0, {**voice, "status": body.get("status", "active")})
        return {"data": public_voice(voice)}

    def _voices_by_key(self) -> dict[int, dict[str, Any]]:
        rows = self.store.execute("SELECT id, data FROM objects WHERE kind = 'voice'").fetchall()
        return {row["id"]: json.loads(row["data"]) for row in rows}

    def control_patch_voice(self, voice_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """PATCH /_emulator/voices/{id}: e.g. `{"status": "disabled"}` withdraws it from the list."""
        check = Validator(body, partial=True)
        check.choice("status", ("active", "disabled"))
        check.string("name", max=255)
        check.raise_if_failed()
        with self.store.tx():
            match = [(k, v) for k, v in self._voices_by_key().items() if v["id"] == voice_id]
            if not match:
                raise errors.not_found()
            key, voice = match[0]
            voice.update({k: v for k, v in body.items() if k != "id"})
            self.store.put("voice", key, 0, voice)
        return {"data": voice}

    def control_add_queue(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST /_emulator/queues: `{"name", "display_name"}`."""
        check = Validator(body)
        name = check.string("name", required=True, max=255)
        check.string("display_name", nullable=True, max=255)
        check.raise_if_failed()
        queue = {"name": name, "display_name": body.get("display_name") or name}
        with self.store.tx():
            if name not in self.queue_names():
                key = self.store.next_id("queue")
                self.store.put("queue", key, 0, queue)
        return {"data": queue}

    def control_add_group(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST /_emulator/caller-id-groups: the public detail shape plus `tenant_id` (default 1)."""
        check = Validator(body)
        tenant_id = check.integer("tenant_id", nullable=True)
        group_id = check.integer("id", nullable=True, between=(1, 2**62))
        check.string("name", required=True, max=150)
        check.string("description", nullable=True, max=500)
        check.choice("rotation_strategy", ROTATION_STRATEGIES)
        check.choice("status", GROUP_STATUSES)
        check.boolean("sticky_enabled")
        members = body.get("caller_ids", [])
        if not isinstance(members, list) or not all(isinstance(m, dict) and m.get("number") for m in members):
            check.fail("caller_ids", "The caller ids must be an array of objects with a number.")
        check.raise_if_failed()
        with self.store.tx():
            if isinstance(group_id, int) and self.store.get(GROUP, group_id) is not None:
                raise errors.conflict(f"Caller-ID group {group_id} already exists.")
            group = self._build_group(body, group_id if isinstance(group_id, int) else None, members)
            self.store.put(GROUP, group["id"], tenant_id if isinstance(tenant_id, int) else 1, group)
            self.store.bump_sequence(GROUP, group["id"])
        return {"data": public_group(group, with_members=True)}

    def _build_group(self, body: dict[str, Any], group_id: int | None, members: list[dict[str, Any]]) -> dict[str, Any]:
        group = {
            "id": group_id or self.store.next_id(GROUP), "name": body["name"],
            "description": body.get("description"), "rotation_strategy": body.get("rotation_strategy", "round_robin"),
            "sticky_enabled": bool(body.get("sticky_enabled", False)), "status": body.get("status", "active"),
            "created_at": body.get("created_at") or clock.iso(), "caller_ids": [],
        }
        for m in members:
            member_id = parse_id(m.get("id")) or self.store.next_id("caller_id")
            self.store.bump_sequence("caller_id", member_id)
            carrier = m.get("carrier") if m.get("carrier") in CARRIER_LABELS else "other"
            group["caller_ids"].append({
                "id": member_id, "number": str(m["number"]), "display_name": m.get("display_name"),
                "carrier": carrier, "carrier_label": m.get("carrier_label") or CARRIER_LABELS[carrier],
                "status": m.get("status", "active"), "trunk_name": m.get("trunk_name"),
                "weight": m.get("weight", 1), "runtime": m.get("runtime") or {},
            })
        return group

    def control_patch_group(self, raw_id: Any, body: dict[str, Any]) -> dict[str, Any]:
        """PATCH /_emulator/caller-id-groups/{id}: e.g. `{"status": "disabled"}`."""
        check = Validator(body, partial=True)
        check.choice("status", GROUP_STATUSES)
        check.string("name", max=150)
        check.string("description", nullable=True, max=500)
        check.choice("rotation_strategy", ROTATION_STRATEGIES)
        check.boolean("sticky_enabled")
        check.raise_if_failed()
        with self.store.tx():
            obj_id = parse_id(raw_id)
            found = None if obj_id is None else self.store.get(GROUP, obj_id)
            if found is None:
                raise errors.not_found(rules.MSG_POOL_NOT_FOUND)
            tenant_id, group = found
            group.update(check.clean)
            self.store.put(GROUP, group["id"], tenant_id, group)
        return {"data": public_group(group, with_members=True)}
