"""The pure planning core: per-kind normalise/check/build/flatten, field diffs and the campaign status planner.

No network, no pulumi: the Pulumi providers, the YAML loader and `zorio plan` all call this, so they agree.
"""

from __future__ import annotations

from .diff import FieldChange, ResourceDiff, diff_resource
from .kinds import KINDS, Kind, get_kind
from .lifecycle import (
    Action,
    Delete,
    Refusal,
    Replan,
    StatusPlan,
    Step,
    Update,
    WaitFor,
    plan_campaign_delete,
    plan_campaign_update,
    plan_status,
    satisfies,
)
from .problems import Problem
from .unknown import UNKNOWN, contains_unknown, is_unknown

__all__ = [
    "KINDS",
    "UNKNOWN",
    "Action",
    "Delete",
    "FieldChange",
    "Kind",
    "Problem",
    "Refusal",
    "Replan",
    "ResourceDiff",
    "StatusPlan",
    "Step",
    "Update",
    "WaitFor",
    "contains_unknown",
    "diff_resource",
    "get_kind",
    "is_unknown",
    "plan_campaign_delete",
    "plan_campaign_update",
    "plan_status",
    "satisfies",
]
