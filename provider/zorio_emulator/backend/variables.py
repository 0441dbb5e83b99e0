"""Variables, the pool of template placeholders (contract section 7)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from zorio_emulator import clock, errors, rules, variants
from zorio_emulator.backend.core import BackendCore, paginate_store
from zorio_emulator.validation import Validator, message

KIND = "variable"


def placeholders(template: str) -> list[str]:
    """Codes used by `{{ code }}` placeholders, in order of first use [I]."""
    return list(dict.fromkeys(rules.PLACEHOLDER_RE.findall(template or "")))


class VariablesMixin(BackendCore):
    """Variable rules."""

    def _check_variable(self, body: dict[str, Any], tenant_id: int, current: dict[str, Any] | None) -> dict[str, Any]:
        check = Validator(body, partial=current is not None)
        code = check.string("variable_code", required=True)  # the regex bounds the length
        if isinstance(code, str):
            if current is not None and code != current["variable_code"]:
                check.fail("variable_code", rules.MSG_VARIABLE_CODE_FIXED)
            elif not rules.VARIABLE_CODE_RE.match(code):
                check.fail("variable_code", message("regex", "variable_code"))
            elif current is None and any(v["variable_code"] == code for v in self.store.all(KIND, tenant_id)):
                if self.settings.has(variants.DUPLICATE_409):
                    raise errors.conflict(message("unique", "variable_code"))
                check.fail("variable_code", message("unique", "variable_code"))
        check.string("name", required=True, max=rules.VARIABLE_LIMITS["name"])
        check.string("description", nullable=True, max=rules.VARIABLE_LIMITS["description"])
        check.string("sample_value", nullable=True, max=rules.VARIABLE_LIMITS["sample_value"])
        check.raise_if_failed()
        return check.clean

    def list_variables(self, tenant_id: int, query: Mapping[str, str]) -> dict[str, Any]:
        """GET /api/autocall/variables (paginated)."""
        with self.store.tx():
            return paginate_store(self.store, KIND, tenant_id, query)

    def get_variable(self, tenant_id: int, raw_id: Any) -> dict[str, Any]:
        """GET /api/autocall/variables/{id}."""
        with self.store.tx():
            return {"data": self._get(KIND, raw_id, tenant_id)}

    def create_variable(self, tenant_id: int, body: dict[str, Any]) -> dict[str, Any]:
        """POST /api/autocall/variables → 201."""
        with self.store.tx():
            clean = self._check_variable(body, tenant_id, None)
            now = clock.iso()
            obj = {
                "id": self.store.next_id(KIND), "variable_code": clean["variable_code"], "name": clean["name"],
                "description": clean.get("description"), "sample_value": clean.get("sample_value"),
                "created_at": now, "updated_at": now,
            }
            self.store.put(KIND, obj["id"], tenant_id, obj)
            return {"data": obj}

    def update_variable(self, tenant_id: int, raw_id: Any, body: dict[str, Any]) -> dict[str, Any]:
        """PUT /api/autocall/variables/{id}: partial update; the code cannot change [I]."""
        with self.store.tx():
            obj = self._get(KIND, raw_id, tenant_id)
            clean = self._check_variable(body, tenant_id, obj)
            changed = {k: v for k, v in clean.items() if obj.get(k) != v}
            if changed:
                obj.update(changed, updated_at=clock.iso())
                self.store.put(KIND, obj["id"], tenant_id, obj)
            return {"data": obj}

    def delete_variable(self, tenant_id: int, raw_id: Any) -> None:
        """DELETE /api/autocall/variables/{id}: 409 while a non-archived script uses it [I]."""
        with self.store.tx():
            obj = self._get(KIND, raw_id, tenant_id)
            users = [
                s["id"] for s in self.store.all("script", tenant_id)
                if s["status"] != "archived" and obj["variable_code"] in placeholders(s["template_text"])
            ]
            if users:
                raise errors.conflict(rules.MSG_VARIABLE_IN_USE.format(ids=", ".join(map(str, users))))
            self.store.delete(KIND, obj["id"])

