"""Variables: the account's pool of template placeholders (api-contract.md section 7)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_zorio.client._service import Obj, ResourceService


class VariablesService(ResourceService, spec_kind="variable"):
    """`/api/autocall/variables`. `variable_code` is unique per account and cannot change, so it is
    the natural key a lost create is recovered by (no time window needed)."""

    match_requires_recent = False

    def create(self, payload: Mapping[str, Any], create_key: str | None = None) -> Obj:
        """Create a variable: `{"variable_code", "name", "description"?, "sample_value"?}`."""
        return super().create(payload, create_key)

    def ids_by_code(self, *, cached: bool = False) -> dict[str, Any]:
        """Every variable's id by its code: a live read of the whole list, or with `cached` the listing a refresh
        has just read (`listed`)."""
        variables = self.listed() if cached else self.list()
        return {str(variable["variable_code"]): variable["id"] for variable in variables}

    def find_by_code(self, code: str) -> Obj | None:
        """The variable with this code, or None (a live read of the whole list)."""
        return next((v for v in self.list() if v.get("variable_code") == code), None)
