"""The backend's shared core: the one `_get` that raises the contract's 404, tenants, pagination."""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from zorio_emulator import errors, rules, validation
from zorio_emulator.settings import EmulatorSettings
from zorio_emulator.store import Store

SQLITE_MAX_INT = 2**63 - 1
# The 404 text per kind (section 2): caller-ID groups answer "Pool not found." [D].
NOT_FOUND_MESSAGE = {"caller_id_group": rules.MSG_POOL_NOT_FOUND}


@dataclass(frozen=True)
class Principal:
    """Who is calling: the authenticated token."""

    token_id: int
    tenant_id: int
    user_id: int | None
    role: str
    permissions: tuple[str, ...]
    token_name: str | None = None
    """The login's `device_name`, or the name a control-minted token was given (logged, never the token)."""

    def can(self, permission: str) -> bool:
        """Whether the token holds `permission`."""
        return permission in self.permissions


def parse_id(raw: Any) -> int | None:
    """A path id as a positive int that SQLite can hold, else None (→ 404)."""
    number = validation.to_int(raw) if not isinstance(raw, int) else raw
    if number is None or isinstance(raw, str) and not raw.strip().isdigit():
        return None
    return number if 0 < number <= SQLITE_MAX_INT else None


class BackendCore(ABC):
    """State and helpers every rule mixin uses, and what one mixin provides for the others (abstract here)."""

    def __init__(self, store: Store, settings: EmulatorSettings) -> None:
        self.store = store
        self.settings = settings

    def _get(self, kind: str, raw_id: Any, tenant_id: int) -> dict[str, Any]:
        """The object of `kind` with this id in the caller's tenant, else the contract's 404."""
        obj_id = parse_id(raw_id)
        found = None if obj_id is None else self.store.get(kind, obj_id)
        if found is None or found[0] != tenant_id:
            raise errors.not_found(NOT_FOUND_MESSAGE.get(kind, rules.MSG_NOT_FOUND))
        return found[1]

    @abstractmethod
    def _campaign_now(self, obj: dict[str, Any], tenant_id: int) -> dict[str, Any]:
        """The campaign `obj` with its status as of now (`starting` becomes `running` lazily).

        Declared here because the script and lead rules read campaigns too; CampaignsMixin implements it.
        """

    def _campaign(self, tenant_id: int, raw_id: Any) -> dict[str, Any]:
        """The campaign with this id in the caller's tenant, status as of now, else the contract's 404."""
        return self._campaign_now(self._get("campaign", raw_id, tenant_id), tenant_id)

    def _find(self, kind: str, raw_id: Any, tenant_id: int) -> dict[str, Any] | None:
        """Like `_get` but None instead of 404 (for validating references)."""
        try:
            return self._get(kind, raw_id, tenant_id)
        except errors.ApiError:
            return None


def page_params(query: Mapping[str, str]) -> tuple[int, int]:
    """`page` and `per_page` from the query string, validated with Laravel messages [D max 200]."""
    check = validation.Validator(dict(query))
    page = check.integer("page")
    per_page = check.integer("per_page")
    if page is not validation.MISSING and page < 1:
        check.fail("page", validation.message("min.numeric", "page", min=1))
    if per_page is not validation.MISSING:
        if per_page < 1:
            check.fail("per_page", validation.message("min.numeric", "per_page", min=1))
        elif per_page > rules.MAX_PER_PAGE:
            check.fail("per_page", validation.message("max.numeric", "per_page", max=rules.MAX_PER_PAGE))
    check.raise_if_failed()
    page = 1 if page is validation.MISSING or page is None else page
    per_page = rules.DEFAULT_PER_PAGE if per_page is validation.MISSING or per_page is None else per_page
    return page, per_page


def paginated(items: list[dict[str, Any]], total: int, page: int, per_page: int) -> dict[str, Any]:
    """The paginated body of section 1 (`items` is already the requested page)."""
    return {
        "current_page": page,
        "data": items,
        "last_page": max(1, math.ceil(total / per_page)),
        "per_page": per_page,
        "total": total,
    }


def paginate_store(store: Any, kind: str, tenant_id: int, query: Mapping[str, str]) -> dict[str, Any]:
    """The requested page of a tenant's unfiltered objects of `kind`, read from the store page by page."""
    page, per_page = page_params(query)
    items, total = store.page(kind, tenant_id, (page - 1) * per_page, per_page)
    return paginated(items, total, page, per_page)


def paginate_list(items: list[dict[str, Any]], query: Mapping[str, str]) -> dict[str, Any]:
    """Slice a full list into the requested page."""
    page, per_page = page_params(query)
    start = (page - 1) * per_page
    chunk = items[start : start + per_page] if start < len(items) else []
    return paginated(chunk, len(items), page, per_page)
