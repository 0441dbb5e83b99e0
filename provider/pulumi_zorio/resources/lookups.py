"""Read-only data sources: caller-ID groups, voices and queues, as plain functions returning frozen dataclasses.

They run in the PROGRAM process (not the provider host), so they read `pulumi.Config("zorio")` with the
ZORIO_* environment fallbacks; they never become resources in the state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pulumi

from pulumi_zorio.client import ClientConfig, NotFoundError, ZorioClient
from pulumi_zorio.resources._base import ZorioResourceError


class ZorioLookupError(ZorioResourceError):
    """A data source found nothing usable; the message names what does exist."""


@dataclass(frozen=True)
class CallerId:
    """One member number of a caller-ID rotation group."""

    id: int
    number: str
    status: str
    carrier: str | None = None
    display_name: str | None = None
    trunk_name: str | None = None
    weight: int | None = None


@dataclass(frozen=True)
class CallerIdGroup:
    """An active caller-ID rotation group with its members; pass `id` to a campaign's `caller_id_group_id`."""

    id: int
    name: str
    status: str
    rotation_strategy: str | None
    description: str | None
    caller_ids: tuple[CallerId, ...]


@dataclass(frozen=True)
class Voice:
    """A usable TTS voice; pass `id` to a script's `voice_id`. The tier is not reported by the API."""

    id: str
    name: str
    gender: str | None = None
    language: str | None = None
    preview_url: str | None = None


@dataclass(frozen=True)
class Queue:
    """A queue a `queue` DTMF action may target (`name` goes to `target_queue_name`)."""

    name: str
    display_name: str | None = None


def program_client() -> ZorioClient:
    """A client from the program's `zorio:*` configuration, with the ZORIO_* environment fallbacks."""
    config = pulumi.Config("zorio")
    return ZorioClient(ClientConfig.from_env(
        base_url=config.get("baseUrl"), token=config.get("token"),
        username=config.get("username"), password=config.get("password"),
    ))


def get_caller_id_group(name: str | None = None, id: int | None = None) -> CallerIdGroup:  # noqa: A002
    """The active group called `name` (or with this `id`), with its members.

    Unknown or disabled groups are an error naming the active groups, because a campaign cannot start
    with them (contract §10) and finding out at preview beats a 422 half-way through `up`.
    """
    if (name is None) == (id is None):
        raise ValueError("get_caller_id_group needs exactly one of name= or id=")
    with program_client() as client:
        groups = client.caller_id_groups.list()
        match = next((g for g in groups if (g.get("name") == name if name is not None else g.get("id") == id)), None)
        wanted = f"named {name!r}" if name is not None else f"with id {id}"
        active = ", ".join(f"{g.get('name')!r} (id {g.get('id')})" for g in groups if g.get("status") == "active")
        if match is None:
            raise ZorioLookupError(f"no caller-ID group {wanted}; active groups: {active or 'none'}")
        if match.get("status") != "active":
            raise ZorioLookupError(
                f"caller-ID group {wanted} is {match.get('status')}: a campaign cannot dial from it; "
                f"active groups: {active or 'none'}"
            )
        detail = client.caller_id_groups.retrieve(match["id"])
    return _group(detail)


def get_voice(id: str | None = None, name: str | None = None) -> Voice:  # noqa: A002
    """The usable voice with this `id` (or `name`); an error lists the usable voices otherwise."""
    key = id if id is not None else name
    if key is None:
        raise ValueError("get_voice needs id= or name=")
    with program_client() as client:
        voices = client.voices.list()
    for voice in voices:
        if (id is not None and voice.get("id") == id) or (name is not None and voice.get("name") == name):
            return Voice(str(voice["id"]), str(voice.get("name") or voice["id"]), voice.get("gender"),
                         voice.get("language"), voice.get("preview_url"))
    known = ", ".join(str(v.get("id")) for v in voices) or "none"
    raise ZorioLookupError(f"no usable voice {key!r}; usable voices: {known}")


def get_queue(name: str) -> Queue:
    """The queue called `name`; an error lists the queues that exist otherwise."""
    with program_client() as client:
        try:
            queue = client.queues.get(name)
        except NotFoundError:
            known = ", ".join(str(q.get("name")) for q in client.queues.list()) or "none"
            raise ZorioLookupError(f"no queue named {name!r}; queues: {known}") from None
    return Queue(str(queue["name"]), queue.get("display_name"))


def _group(detail: Mapping[str, Any]) -> CallerIdGroup:
    members = tuple(
        CallerId(int(m["id"]), str(m.get("number")), str(m.get("status")), m.get("carrier"),
                 m.get("display_name"), m.get("trunk_name"), m.get("weight"))
        for m in detail.get("caller_ids") or []
    )
    return CallerIdGroup(int(detail["id"]), str(detail["name"]), str(detail.get("status")),
                         detail.get("rotation_strategy"), detail.get("description"), members)
