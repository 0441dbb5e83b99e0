"""Iterators over the API's paginated lists (`?page=&per_page=`, Laravel envelope) and plain lists."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pulumi_zorio.client import _api_rules as rules
from pulumi_zorio.client._transport import Call, Transport


def iterate(transport: Transport, path: str, params: Mapping[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    """Every item of a list, fetched lazily `PER_PAGE_MAX` at a time.

    Tolerant of a plain `{"data": [...]}` answer (no pagination keys): that is the whole list.
    Stops at `last_page`, or at the first short or empty page when the server does not say.
    """
    page = 1
    while True:
        query = {**(params or {}), "page": page, "per_page": rules.PER_PAGE_MAX}
        body = transport.call(Call("GET", path, params=query))
        items = _items(body)
        yield from items
        if not _has_more(body, page, len(items)):
            return
        page += 1


def fetch_plain(transport: Transport, path: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """A small fixed list that the API returns whole (voices, queues, caller-ID groups)."""
    return _items(transport.call(Call("GET", path, params=params)))


def _items(body: Any) -> list[Any]:
    data = body.get("data") if isinstance(body, dict) else body
    return list(data) if isinstance(data, list) else []


def _has_more(body: Any, page: int, count: int) -> bool:
    if not isinstance(body, dict) or "current_page" not in body and "last_page" not in body:
        return False  # a plain list: everything came in one answer
    last_page = body.get("last_page")
    if isinstance(last_page, int):
        return page < last_page and count > 0
    per_page = body.get("per_page")
    return count > 0 and isinstance(per_page, int) and count >= per_page
