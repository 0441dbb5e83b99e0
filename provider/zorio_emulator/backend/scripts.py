"""TTS scripts and their DTMF actions (contract section 9)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from zorio_emulator import clock, errors, rules
from zorio_emulator.backend.core import BackendCore, paginate_list
from zorio_emulator.backend.variables import placeholders
from zorio_emulator.validation import MISSING, Validator, message, to_int

KIND = "script"
DEFAULTS = {"description": None, "tts_tier": "B", "max_repeat_per_attempt": 1, "status": "draft", "dtmf_actions": []}
FIELD_ORDER = ("name", "description", "template_text", "voice_id", "tts_tier", "max_repeat_per_attempt",
               "status", "dtmf_actions")


def present(obj: dict[str, Any]) -> dict[str, Any]:
    """A script as the API returns it, with `variables` derived from the template [I]."""
    out = {"id": obj["id"], "tenant_id": obj["tenant_id"]}
    out.update({k: obj.get(k) for k in FIELD_ORDER})
    out["variables"] = placeholders(obj.get("template_text") or "")
    out["created_at"], out["updated_at"] = obj["created_at"], obj["updated_at"]
    return out


class ScriptsMixin(BackendCore):
    """Script rules."""

    # --- validation ---------------------------------------------------------------------
    def _check_script(self, body: dict[str, Any], tenant_id: int, current: dict[str, Any] | None) -> dict[str, Any]:
        check = Validator(body, partial=current is not None)
        check.string("name", required=True, max=rules.SCRIPT_LIMITS["name"])
        check.string("description", nullable=True, max=rules.SCRIPT_LIMITS["description"])
        check.string("template_text", required=True, max=rules.SCRIPT_LIMITS["template_text"])
        voice = check.string("voice_id", required=True, max=255)
        if isinstance(voice, str) and voice not in self.voice_ids():  # type: ignore[attr-defined]
            check.fail("voice_id", message("in", "voice_id"))
            check.clean.pop("voice_id", None)
        check.choice("tts_tier", rules.TTS_TIERS)
        check.integer("max_repeat_per_attempt", between=rules.MAX_REPEAT_RANGE)
        check.choice("status", rules.SCRIPT_STATUSES)
        if "dtmf_actions" in body:
            self._check_actions(check, body["dtmf_actions"], tenant_id, current)
        check.raise_if_failed()
        return {k: v for k, v in check.clean.items() if "." not in k}  # drop per-action scratch values

    def _check_actions(self, check: Validator, actions: Any, tenant_id: int, current: dict[str, Any] | None) -> None:
        if actions is None:
            actions = []
        if not isinstance(actions, list):
            check.fail("dtmf_actions", message("array", "dtmf_actions"))
            return
        if len(actions) > rules.DTMF_MAX_ACTIONS:
            check.fail("dtmf_actions", message("max.array", "dtmf_actions", max=rules.DTMF_MAX_ACTIONS))
            return
        digits = Counter(a.get("digit") for a in actions if isinstance(a, dict) and isinstance(a.get("digit"), str))
        targets = self._targets(tenant_id, current)
        clean = [self._check_action(check, i, a, digits, targets) for i, a in enumerate(actions)]
        check.clean["dtmf_actions"] = clean

    def _targets(self, tenant_id: int, current: dict[str, Any] | None) -> dict[str, Any]:
        """What DTMF targets may point to: media paths, queue names, switchable script ids."""
        own = current["id"] if current else None
        return {
            "target_audio_url": {m["file_path"] for m in self.store.all("media", tenant_id)},
            "target_queue_name": self.queue_names(),  # type: ignore[attr-defined]
            "target_script_id": {
                s["id"] for s in self.store.all(KIND, tenant_id) if s["status"] != "archived" and s["id"] != own
            },
        }

    def _check_action(self, check: Validator, index: int, item: Any, digits: Counter, targets: dict[str, Any]) -> dict[str, Any]:
        """One DTMF action; errors are keyed `dtmf_actions.<i>.<field>`."""
        base = f"dtmf_actions.{index}"
        if not isinstance(item, dict):
            check.fail(base, message("array", base))
            return {}
        digit = check.string(f"{base}.digit", required=True, value=item.get("digit", MISSING))
        if isinstance(digit, str) and digit not in rules.DTMF_DIGITS:
            check.fail(f"{base}.digit", message("in", f"{base}.digit"))
            digit = None
        elif isinstance(digit, str) and digits[digit] > 1:
            check.fail(f"{base}.digit", message("distinct", f"{base}.digit"))
        label = check.string(f"{base}.label", nullable=True, max=rules.DTMF_LABEL_MAX, value=item.get("label", MISSING))
        action = check.choice(f"{base}.action_type", rules.ACTION_TYPES, required=True,
                              value=item.get("action_type", MISSING))
        out = {"digit": digit if isinstance(digit, str) else None, "label": label if isinstance(label, str) else None,
               "action_type": action if isinstance(action, str) else None,
               "target_audio_url": None, "target_queue_name": None, "target_script_id": None}
        needed = rules.ACTION_TARGET.get(action) if isinstance(action, str) else MISSING
        for target in rules.DTMF_TARGETS:
            field, value = f"{base}.{target}", item.get(target)
            if needed is MISSING:
                continue  # the action type is itself invalid; its targets cannot be judged
            if target != needed:
                if value not in (None, ""):
                    check.fail(field, message("prohibited", field))
                continue
            out[target] = self._check_target(check, field, target, value, targets)
        return out

    @staticmethod
    def _check_target(check: Validator, field: str, target: str, value: Any, targets: dict[str, Any]) -> Any:
        if value is None or value == "":
            check.fail(field, message("required", field))
            return None
        if target == "target_script_id":
            number = to_int(value)
            if number is None:
                check.fail(field, message("integer", field))
                return None
            value = number
        elif not isinstance(value, str):
            check.fail(field, message("string", field))
            return None
        if value not in targets[target]:
            check.fail(field, message("in", field))
            return None
        return value

    # --- operations -------------------------------------------------------------------------
    def list_scripts(self, tenant_id: int, query: Mapping[str, str]) -> dict[str, Any]:
        """GET /api/autocall/scripts?status= (paginated)."""
        check = Validator(dict(query))
        status = check.choice("status", rules.SCRIPT_STATUSES)
        check.raise_if_failed()
        with self.store.tx():
            items = [present(s) for s in self.store.all(KIND, tenant_id) if status is MISSING or s["status"] == status]
        return paginate_list(items, query)

    def get_script(self, tenant_id: int, raw_id: Any) -> dict[str, Any]:
        """GET /api/autocall/scripts/{id}."""
        with self.store.tx():
            return {"data": present(self._get(KIND, raw_id, tenant_id))}

    def create_script(self, tenant_id: int, body: dict[str, Any]) -> dict[str, Any]:
        """POST /api/autocall/scripts → 201 [D]."""
        with self.store.tx():
            clean = self._check_script(body, tenant_id, None)
            now = clock.iso()
            obj = {**DEFAULTS, **clean, "id": self.store.next_id(KIND), "tenant_id": tenant_id,
                   "created_at": now, "updated_at": now}
            self.store.put(KIND, obj["id"], tenant_id, obj)
            return {"data": present(obj)}

    def update_script(self, tenant_id: int, raw_id: Any, body: dict[str, Any]) -> dict[str, Any]:
        """PUT /api/autocall/scripts/{id}: partial; `dtmf_actions`, when sent, replaces the list [I]."""
        with self.store.tx():
            obj = self._get(KIND, raw_id, tenant_id)
            clean = self._check_script(body, tenant_id, obj)
            if clean.get("status") == "archived" and obj["status"] != "archived":
                live = [c["id"] for c in self._campaigns_of(tenant_id, obj["id"])
                        if c["status"] in rules.STARTED_STATUSES]
                if live:
                    raise errors.conflict(rules.MSG_SCRIPT_USED_BY_LIVE_CAMPAIGN.format(ids=_ids(live)))
            changed = {k: v for k, v in clean.items() if obj.get(k) != v}
            if changed:
                obj.update(changed, updated_at=clock.iso())
                self.store.put(KIND, obj["id"], tenant_id, obj)
            return {"data": present(obj)}

    def delete_script(self, tenant_id: int, raw_id: Any) -> None:
        """DELETE: 409 while a non-archived campaign uses it or another script switches to it [I]."""
        with self.store.tx():
            obj = self._get(KIND, raw_id, tenant_id)
            campaigns = [c["id"] for c in self._campaigns_of(tenant_id, obj["id"]) if c["status"] != "archived"]
            if campaigns:
                raise errors.conflict(rules.MSG_SCRIPT_USED_BY_CAMPAIGNS.format(ids=_ids(campaigns)))
            scripts = [
                s["id"] for s in self.store.all(KIND, tenant_id)
                if s["id"] != obj["id"] and s["status"] != "archived"
                and any(a.get("target_script_id") == obj["id"] for a in s["dtmf_actions"])
            ]
            if scripts:
                raise errors.conflict(rules.MSG_SCRIPT_USED_BY_SCRIPTS.format(ids=_ids(scripts)))
            self.store.delete(KIND, obj["id"])

    def _campaigns_of(self, tenant_id: int, script_id: int) -> list[dict[str, Any]]:
        """Campaigns using a script, with their lazily advanced status."""
        return [self._campaign_now(c, tenant_id) for c in self.store.all("campaign", tenant_id)
                if c["script_id"] == script_id]


def _ids(ids: list[int]) -> str:
    return ", ".join(str(i) for i in ids)
