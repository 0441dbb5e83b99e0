"""Variants: switchable alternatives to inferred [I] rules, each a plausible way the real Zorio API may differ
from api-contract.md (issue 17). Off by default; `--variant` / `ZORIO_EMULATOR_VARIANTS` / the settings turn them on.

The rules a variant changes stay where they live (backend, routes, pipeline), which ask `settings.has(name)`;
the shapes that only a variant produces (Laravel's full paginator, a hashed file path) are built here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

DELETE_200 = "delete-200"
DUPLICATE_409 = "duplicate-409"
IDEMPOTENCY_IGNORED = "idempotency-ignored"
FILE_PATH_HASH = "file-path-hash"
LARAVEL_PAGINATOR = "laravel-paginator"
ACCEPT_REDIRECT = "accept-redirect"
START_WITHOUT_GROUP = "start-without-group"

VARIANTS: dict[str, str] = {
    ACCEPT_REDIRECT: "a request that does not ask for JSON (Accept: application/json) is redirected (302) to a "
                     "login page",
    DELETE_200: 'DELETE answers 200 {"data": {}} instead of 204',
    DUPLICATE_409: "a duplicate variable_code answers 409 instead of 422",
    FILE_PATH_HASH: "an upload's file_path is a hash, not the slug of its name",
    IDEMPOTENCY_IGNORED: "Idempotency-Key is ignored: no replay, no conflict",
    LARAVEL_PAGINATOR: "lists carry Laravel's full paginator keys (from, to, links, next_page_url, ...) and "
                       "per_page over 200 is clamped to 200",
    START_WITHOUT_GROUP: "a campaign starts without caller_id_group_id (the default trunk's caller ID)",
}
ENV_VARIANTS = "ZORIO_EMULATOR_VARIANTS"
LOGIN_PAGE = "/login"


class UnknownVariant(ValueError):
    """A variant name that does not exist; the message lists the valid ones."""


def parse(names: str | Iterable[str]) -> frozenset[str]:
    """`"delete-200, duplicate-409"` or a list of names → the set of variants; UnknownVariant names the bad one."""
    items = names.split(",") if isinstance(names, str) else list(names)
    chosen = frozenset(str(item).strip() for item in items if str(item).strip())
    for name in sorted(chosen):
        if name not in VARIANTS:
            raise UnknownVariant(f"Unknown variant {name}; the variants are: {', '.join(sorted(VARIANTS))}.")
    return chosen


def hashed_file_path(tenant_id: int, media_id: int, stored: bytes) -> str:
    """FILE_PATH_HASH: `/media/<32 hex>.wav`, unique per upload (the same audio uploaded twice differs)."""
    digest = hashlib.sha256(f"{tenant_id}:{media_id}:".encode() + stored).hexdigest()[:32]
    return f"/media/{digest}.wav"


def wants_json(accept: str | None) -> bool:
    """Laravel's `wantsJson()`: the first type of the Accept header is JSON (`*/*` is not)."""
    first = (accept or "").split(",")[0].split(";")[0].strip().lower()
    return "/json" in first or "+json" in first


def clamp_per_page(query: Mapping[str, str], maximum: int) -> dict[str, str]:
    """LARAVEL_PAGINATOR: a `per_page` over the maximum is read as the maximum instead of refused."""
    out = dict(query)
    raw = out.get("per_page", "")
    if raw.strip().isdigit() and int(raw) > maximum:
        out["per_page"] = str(maximum)
    return out


def laravel_page(body: dict[str, Any], path_url: str) -> dict[str, Any]:
    """LARAVEL_PAGINATOR: a paginated body with every key of Laravel's LengthAwarePaginator, in its order."""
    page, last, per_page, total = body["current_page"], body["last_page"], body["per_page"], body["total"]
    count = len(body["data"])

    def url(number: int) -> str:
        return f"{path_url}?page={number}"

    links = [{"url": url(page - 1) if page > 1 else None, "label": "&laquo; Previous", "active": False}]
    links += [{"url": url(n), "label": str(n), "active": n == page} for n in range(1, last + 1)]
    links.append({"url": url(page + 1) if page < last else None, "label": "Next &raquo;", "active": False})
    first_item = (page - 1) * per_page + 1
    return {
        "current_page": page, "data": body["data"], "first_page_url": url(1),
        "from": first_item if count else None, "last_page": last, "last_page_url": url(last), "links": links,
        "next_page_url": url(page + 1) if page < last else None, "path": path_url, "per_page": per_page,
        "prev_page_url": url(page - 1) if page > 1 else None, "to": first_item + count - 1 if count else None,
        "total": total,
    }
