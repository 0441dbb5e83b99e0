"""Caller-ID rotation groups: read-only list, detail and monitor (api-contract.md section 12, seed 004)."""

from __future__ import annotations

from pulumi_zorio.client import _pagination
from pulumi_zorio.client._cache import PROCESS_CACHE, ListCache
from pulumi_zorio.client._service import Obj, data_of
from pulumi_zorio.client._transport import Call, Transport
from pulumi_zorio.client.errors import NotFoundError


class CallerIdGroupsService:
    """`/api/caller-id-groups`. Groups are managed in the Zorio admin UI; the API only reads them."""

    kind = "caller_id_groups"
    path = "/api/caller-id-groups"

    def __init__(self, transport: Transport, cache: ListCache = PROCESS_CACHE) -> None:
        self._transport = transport
        self._cache = cache

    def list(self, *, fresh: bool = False) -> list[Obj]:
        """Every group of the account (a plain list, cached for the list TTL unless `fresh`)."""
        config = self._transport.config
        ttl = 0.0 if fresh else config.list_cache_ttl_s
        load = lambda: _pagination.fetch_plain(self._transport, self.path)  # noqa: E731
        return self._cache.plain((config.base_url, config.identity(), self.kind), ttl, load)

    def retrieve(self, group_id: int | str) -> Obj:
        """One group with its `caller_ids[]`; NotFoundError ("Pool not found.") for an unknown id."""
        return data_of(self._transport.call(Call("GET", f"{self.path}/{group_id}")))

    def monitor(self, group_id: int | str) -> Obj:
        """The per-member runtime snapshot (eligibility, cooldown, health) of one group."""
        return data_of(self._transport.call(Call("GET", f"{self.path}/{group_id}/monitor")))

    def find_by_name(self, name: str) -> Obj:
        """The group called `name`; NotFoundError naming the groups that do exist otherwise."""
        groups = self.list()
        for group in groups:
            if group.get("name") == name:
                return group
        known = ", ".join(repr(g.get("name")) for g in groups) or "none"
        raise NotFoundError("GET", self.path, 404, f"no caller-ID group named {name!r} (groups: {known})")

