"""Variable (contract §7): replace rule, normalise, check, request payload and flatten of the API object."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from . import shape
from .fields import fields
from .problems import Problem
from .values import integral_fields, pick, select_payload, with_defaults

KIND = "variable"
FIELDS = fields(KIND)
REPLACE_ON = FIELDS.replace_on
"""The code cannot change after creation (PUT with another code → 422 [I]), so a new code is a new variable."""


def normalise_variable_inputs(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Inputs with None dropped, defaults applied and Pulumi's floats turned back into ints."""
    return integral_fields(with_defaults(inputs, shape.defaults(KIND)), FIELDS.integers)


def check_variable(inputs: Mapping[str, Any]) -> list[Problem]:
    """Every problem with a variable's inputs; the shape rules in variable.json say it all."""
    return shape.check_shape(KIND, normalise_variable_inputs(inputs))


def build_variable_payload(inputs: Mapping[str, Any], only: Iterable[str] | None = None) -> dict[str, Any]:
    """The POST/PUT body (`only` = the changed fields, for a partial PUT); `adopt_id` is ours, never sent."""
    return select_payload(normalise_variable_inputs(inputs), FIELDS.payload, FIELDS.nullable, only)


def flatten_variable(api: Mapping[str, Any]) -> dict[str, Any]:
    """The API object in the input vocabulary plus `id`, `created_at`, `updated_at`; unknown fields ignored."""
    return integral_fields(pick(api, FIELDS.api), FIELDS.integers)
