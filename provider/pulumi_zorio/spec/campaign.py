"""Campaign (contract §10): normalise, check, request payload and flatten. Status changes live in lifecycle.py."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from . import shape
from .fields import fields
from .lifecycle import DIALING_DESIRED
from .problems import Code, Problem
from .values import (
    integral,
    integral_fields,
    normalise_timestamp,
    parse_timestamp,
    pick,
    select_payload,
    with_defaults,
)

KIND = "campaign"
FIELDS = fields(KIND)
"""The field lists, from the schema (campaign.json): `status` is not in the payload, it is reached through the
start/pause/... actions, never sent in a body."""

REPLACE_ON: frozenset[str] = FIELDS.replace_on
"""Never replaced silently: a campaign holds leads and call history. What cannot change in the live status
is planned as pause → update → resume, or refused with an explanation (lifecycle.plan_campaign_update)."""


def normalise_campaign_inputs(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Inputs with None dropped, defaults applied, floats back to ints and timestamps as UTC `...Z`."""
    out = integral_fields(with_defaults(inputs, shape.defaults(KIND)), FIELDS.integers)
    if integral(out.get("write_to_main_cdr")) in (0, 1) and not isinstance(out["write_to_main_cdr"], bool):
        out["write_to_main_cdr"] = bool(out["write_to_main_cdr"])  # a Laravel API may answer 0/1 for booleans
    for field in FIELDS.timestamps:
        if field in out:
            out[field] = normalise_timestamp(out[field])
    return out


def check_campaign(inputs: Mapping[str, Any]) -> list[Problem]:
    """Shape problems, then timestamps (offset given, end after start)."""
    normalised = normalise_campaign_inputs(inputs)
    problems = shape.check_shape(KIND, normalised)
    problems += timestamp_problems(normalised)
    return problems


def campaign_warnings(inputs: Mapping[str, Any]) -> list[Problem]:
    """What may surprise without being wrong: a campaign that starts without a caller-ID group."""
    return caller_id_group_warnings(normalise_campaign_inputs(inputs))


def timestamp_problems(inputs: Mapping[str, Any]) -> list[Problem]:
    """`end_at` must be after `start_at` [D]; the form of each (ISO 8601 with an offset) is the schema's
    `format: date-time` (spec.shape), so that every checker of the published schema says the same."""
    start, end = (parse_timestamp(value) if isinstance(value := inputs.get(field), str) else None
                  for field in FIELDS.timestamps)
    if start is not None and end is not None and end <= start:
        return [Problem("end_at", Code.END_BEFORE_START, start=inputs["start_at"], end=inputs["end_at"])]
    return []


def caller_id_group_warnings(inputs: Mapping[str, Any]) -> list[Problem]:
    """A campaign declared to dial without `caller_id_group_id`: a warning, not an error. AutoCall documents the
    field as optional (the default trunk dials); the 422 "required when starting" is documented for Telesales
    campaigns only (seed 004), so the API's answer decides, and a refusal is reported naming the fix."""
    status, group = inputs.get("status"), inputs.get("caller_id_group_id")
    if not isinstance(status, str) or status not in DIALING_DESIRED or group is not None:
        return []
    return [Problem("caller_id_group_id", Code.NO_CALLER_ID_GROUP, status=status, risk=NO_GROUP_RISK,
                    group_field="caller_id_group_id")]


def start_without_group_warning(name: str) -> str:
    """The plan's line for a campaign it will start without a caller-ID group (in both YAML and Python terms)."""
    return (f"campaign {name} will start without a caller-ID group: {NO_GROUP_RISK}. Set caller_id_group "
            "(caller_id_group_id in Python) to choose the numbers people see.")


NO_GROUP_RISK = ("Zorio then dials from the default trunk's caller ID (numbers not chosen here), or refuses to start "
                 "it if the account requires a group")
"""What starting a campaign without a caller-ID group risks (validate, plan and the start's refusal say it)."""


def build_campaign_payload(inputs: Mapping[str, Any], only: Iterable[str] | None = None) -> dict[str, Any]:
    """The POST/PUT body (`only` = the changed fields). Never contains `status` or `adopt_id`.

    POST always creates a `draft` [D]; the desired status is then reached through actions.
    """
    return select_payload(normalise_campaign_inputs(inputs), FIELDS.payload, FIELDS.nullable, only)


def flatten_campaign(api: Mapping[str, Any]) -> dict[str, Any]:
    """The API object in the input vocabulary plus output-only fields; `status` is the LIVE status.

    Tolerant: missing fields become None, unknown ones are ignored.
    """
    flat = integral_fields(pick(api, FIELDS.api), FIELDS.integers)
    for field in FIELDS.timestamps:
        flat[field] = normalise_timestamp(flat[field])
    return flat
