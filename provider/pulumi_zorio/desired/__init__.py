"""The YAML format: read zorio.yaml files (with file:line:column), check them offline, and model what they declare.

`validate_paths` is what `zorio validate` runs; `load_config` is what the Pulumi YAML program will call.
"""

from __future__ import annotations

from .build import resource_inputs, stand_in
from .model import (
    DesiredCampaign,
    DesiredConfig,
    DesiredMedia,
    DesiredResource,
    DesiredScript,
    DesiredVariable,
    LocatedProblem,
    Location,
    Ref,
)
from .validate import InvalidConfig, ValidationReport, load_config, validate_paths

__all__ = [
    "DesiredCampaign",
    "DesiredConfig",
    "DesiredMedia",
    "DesiredResource",
    "DesiredScript",
    "DesiredVariable",
    "InvalidConfig",
    "LocatedProblem",
    "Location",
    "Ref",
    "ValidationReport",
    "load_config",
    "resource_inputs",
    "stand_in",
    "validate_paths",
]
