"""Checks against what the account offers: voices, queues and caller-ID groups, located at file:line:col.

The API accepts a script with an unknown `voice_id` or `target_queue_name` only to fail later, and refuses a campaign
with an unknown group at apply, after the objects before it were created; `zorio plan`, `pulumi preview` and
`zorio validate --online` say it first, at the line, with the nearest name the account has. Pure: the catalogue is
read by the caller (`AccountCatalog`), so the same rules serve every command.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .checks import locate
from .model import DesiredConfig, DesiredResource, DesiredScript, LocatedProblem


@dataclass(frozen=True)
class AccountCatalog:
    """What the account offers; None = not read (no check of that kind)."""

    voices: Sequence[str] | None = None
    queues: Sequence[str] | None = None
    caller_id_groups: Mapping[str, str] | None = None
    """Group name → status (only `active` groups can dial)."""

    @classmethod
    def read(cls, client: Any, wanted: set[str]) -> AccountCatalog:
        """The catalogues in `wanted` (see `needs`) from a `ZorioClient`: one cached listing each, nothing else."""
        return cls.from_lists(
            client.voices.list() if "voices" in wanted else None,
            client.queues.list() if "queues" in wanted else None,
            client.caller_id_groups.list() if "caller_id_groups" in wanted else None,
        )

    @classmethod
    def from_lists(cls, voices: Iterable[Any] | None, queues: Iterable[Any] | None,
                   groups: Iterable[Any] | None) -> AccountCatalog:
        """From the API's list entries (voices by `id`, queues by `name`, groups by `name` with `status`)."""
        return cls(
            voices=None if voices is None else [str(v["id"]) for v in voices if isinstance(v, dict) and "id" in v],
            queues=None if queues is None else [str(q["name"]) for q in queues if isinstance(q, dict) and "name" in q],
            caller_id_groups=None if groups is None else {
                str(g["name"]): str(g.get("status", "active")) for g in groups if isinstance(g, dict) and "name" in g},
        )


def settled_scripts(config: DesiredConfig, recorded: Mapping[str, Mapping[str, Any]]) -> frozenset[str]:
    """The scripts whose voice and queues are those the state records (`recorded`: name → recorded inputs), which
    the account accepted: an unchanged script is not sent again, so its names need no check and no catalogue read."""
    return frozenset(
        name for name, script in config.scripts.items()
        if (old := recorded.get(name)) is not None and old.get("voice_id") == script.inputs.get("voice_id")
        and _queues(old.get("dtmf_actions")) == _queues(script.actions())
    )


def _queues(actions: Any) -> list[Any]:
    return [a.get("target_queue_name") for a in actions or () if isinstance(a, Mapping)]


def needs(config: DesiredConfig, settled: Collection[str] = ()) -> set[str]:
    """Which catalogues the configuration refers to (`voices`, `queues`, `caller_id_groups`), apart from `settled`
    scripts: only those are read."""
    wanted = set()
    for name, script in config.scripts.items():
        if name in settled:
            continue
        if isinstance(script.inputs.get("voice_id"), str):
            wanted.add("voices")
        if any(isinstance(action.get("target_queue_name"), str) for action in script.actions()):
            wanted.add("queues")
    if any(isinstance(c.inputs.get("caller_id_group"), str) for c in config.campaigns.values()):
        wanted.add("caller_id_groups")
    return wanted


def catalog_problems(config: DesiredConfig, catalog: AccountCatalog,
                     settled: Collection[str] = ()) -> list[LocatedProblem]:
    """Every voice, queue and caller-ID group the configuration names that the account does not offer (the
    `settled` scripts' voices and queues are not checked)."""
    return [*_voice_problems(config, catalog, settled), *_queue_problems(config, catalog, settled),
            *_group_problems(config, catalog)]


def _voice_problems(config: DesiredConfig, catalog: AccountCatalog, settled: Collection[str]) -> Iterator[LocatedProblem]:
    if catalog.voices is None:
        return
    for name, script in config.scripts.items():
        if name in settled:
            continue
        voice = script.inputs.get("voice_id")
        if isinstance(voice, str) and voice not in catalog.voices:
            yield _unknown(config, script, "voice_id", "voice", voice, catalog.voices, "zorio voices")


def _queue_problems(config: DesiredConfig, catalog: AccountCatalog, settled: Collection[str]) -> Iterator[LocatedProblem]:
    if catalog.queues is None:
        return
    for name, script in config.scripts.items():
        if not isinstance(script, DesiredScript) or name in settled:
            continue
        for index, action in enumerate(script.actions()):
            queue = action.get("target_queue_name")
            if isinstance(queue, str) and queue not in catalog.queues:
                yield _unknown(config, script, f"dtmf_actions.{index}.target_queue_name", "queue", queue,
                               catalog.queues, "zorio queues")


def _group_problems(config: DesiredConfig, catalog: AccountCatalog) -> Iterator[LocatedProblem]:
    if catalog.caller_id_groups is None:
        return
    active = [name for name, status in catalog.caller_id_groups.items() if status == "active"]
    for campaign in config.campaigns.values():
        group = campaign.inputs.get("caller_id_group")
        if not isinstance(group, str):
            continue
        status = catalog.caller_id_groups.get(group)
        if status is None:
            yield _unknown(config, campaign, "caller_id_group", "caller-ID group", group, active,
                           "zorio caller-id-groups")
        elif status != "active":
            message = (f"caller-ID group '{group}' is {status}: a campaign cannot dial from it; active groups: "
                       f"{_listed(active)}")
            yield locate(config, campaign, "caller_id_group", message)


def _unknown(config: DesiredConfig, item: DesiredResource, subpath: str, what: str, value: str,
             offered: Sequence[str], command: str) -> LocatedProblem:
    """"unknown voice 'x'; did you mean 'X'?" — case-insensitive first, then by similarity."""
    same_but_case = [name for name in offered if name.lower() == value.lower()]
    close = same_but_case or difflib.get_close_matches(value, offered, n=1, cutoff=0.6) or \
        difflib.get_close_matches(value.lower(), [name.lower() for name in offered], n=1, cutoff=0.6)
    if close and close[0] not in offered:  # matched in lower case: give the account's own spelling
        close = [name for name in offered if name.lower() == close[0]]
    hint = f"; did you mean '{close[0]}'?" if close else ""
    message = f"the account has no {what} '{value}'{hint} (it offers {_listed(offered)}; `{command}` lists them)"
    return locate(config, item, subpath, message)


def _listed(names: Sequence[str], at_most: int = 8) -> str:
    shown = ", ".join(f"'{name}'" for name in list(names)[:at_most])
    more = len(names) - at_most
    return (shown + (f" and {more} more" if more > 0 else "")) if names else "none"
