"""The registry of resource kinds: each kind's REPLACE_ON, normalise/check/build/flatten and compared fields."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import campaign, media_file, script, shape, variable
from .problems import Problem

Inputs = Mapping[str, Any]


@dataclass(frozen=True)
class Kind:
    """Everything generic code (diff, the CLI's plan, the providers) needs to know about one kind."""

    name: str
    replace_on: frozenset[str]
    normalise: Callable[[Inputs], dict[str, Any]]
    check: Callable[[Inputs], list[Problem]]
    build_payload: Callable[[Inputs, Iterable[str] | None], dict[str, Any]]
    flatten: Callable[[Inputs], dict[str, Any]]
    not_compared: frozenset[str] = frozenset({"adopt_id"})
    warnings: Callable[[Inputs], list[Problem]] = lambda _inputs: []
    """What may surprise without being wrong (zorio validate and plan show it; it never fails a check)."""

    @property
    def compared_fields(self) -> tuple[str, ...]:
        """The input fields a diff compares: every input except those that only matter at creation."""
        return tuple(field for field in shape.input_fields(self.name) if field not in self.not_compared)


KINDS: dict[str, Kind] = {
    "variable": Kind(
        "variable",
        variable.REPLACE_ON,
        variable.normalise_variable_inputs,
        variable.check_variable,
        variable.build_variable_payload,
        variable.flatten_variable,
    ),
    "media_file": Kind(
        "media_file",
        media_file.REPLACE_ON,
        media_file.normalise_media_file_inputs,
        media_file.check_media_file,
        media_file.build_media_file_payload,
        media_file.flatten_media_file,
        not_compared=media_file.NOT_COMPARED,
    ),
    "script": Kind(
        "script",
        script.REPLACE_ON,
        script.normalise_script_inputs,
        script.check_script,
        script.build_script_payload,
        script.flatten_script,
    ),
    "campaign": Kind(
        "campaign",
        campaign.REPLACE_ON,
        campaign.normalise_campaign_inputs,
        campaign.check_campaign,
        campaign.build_campaign_payload,
        campaign.flatten_campaign,
        warnings=campaign.campaign_warnings,
    ),
}


def get_kind(name: str) -> Kind:
    """The registered kind called `name` (`variable`, `media_file`, `script`, `campaign`)."""
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown resource kind {name!r}; expected one of {', '.join(KINDS)}") from None
