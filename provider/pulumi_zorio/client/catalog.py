"""Read-only catalogues: voices, queues and DTMF action types (api-contract.md sections 6 and 9).

They change rarely and many resources look them up, so each whole list is cached for the list TTL.
"""

from __future__ import annotations

from typing import Any

from pulumi_zorio.client import _pagination
from pulumi_zorio.client._cache import PROCESS_CACHE, ListCache
from pulumi_zorio.client._transport import Transport
from pulumi_zorio.client.errors import NotFoundError


class _CatalogService:
    kind = ""
    path = ""
    key_field = "id"

    def __init__(self, transport: Transport, cache: ListCache = PROCESS_CACHE) -> None:
        self._transport = transport
        self._cache = cache

    def list(self, *, fresh: bool = False) -> list[Any]:
        """The whole list (cached for the list TTL unless `fresh`)."""
        load = lambda: _pagination.fetch_plain(self._transport, self.path)  # noqa: E731
        config = self._transport.config
        ttl = 0.0 if fresh else config.list_cache_ttl_s
        return self._cache.plain((config.base_url, config.identity(), self.kind), ttl, load)

    def get(self, key: str) -> dict[str, Any]:
        """The entry whose `key_field` (or `name`) equals `key`; NotFoundError when there is none."""
        for item in self.list():
            if isinstance(item, dict) and key in (item.get(self.key_field), item.get("name")):
                return item
        raise NotFoundError("GET", self.path, 404, f"no {self.kind[:-1].replace('_', ' ')} {key!r} in the list")


class VoicesService(_CatalogService):
    """`GET /api/autocall/voices`: usable voices only; an entry may carry just `id` and `name` [D]."""

    kind = "voices"
    path = "/api/autocall/voices"


class QueuesService(_CatalogService):
    """`GET /api/autocall/queues`: the queues a `queue` DTMF action may target, keyed by `name`."""

    kind = "queues"
    path = "/api/autocall/queues"
    key_field = "name"


class DtmfActionTypesService(_CatalogService):
    """`GET /api/autocall/dtmf-action-types`: a plain list of strings."""

    kind = "dtmf_action_types"
    path = "/api/autocall/dtmf-action-types"

    def get(self, key: str) -> Any:
        """`key` itself when it is a known action type; NotFoundError otherwise."""
        if key in self.list():
            return key
        raise NotFoundError("GET", self.path, 404, f"unknown DTMF action type {key!r}")
