"""`Campaign`: an outbound campaign and its desired status, reached by executing the planner's steps (contract §10).

Nothing dials unless the declared `status` says running or paused: the planner never plans start/resume otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pulumi
from pulumi.dynamic import DiffResult, Resource, UpdateResult

from pulumi_zorio.client import ConflictError, NotFoundError
from pulumi_zorio.resources._base import ZorioProvider, ZorioResourceError
from pulumi_zorio.resources._convert import props_from_args, to_spec
from pulumi_zorio.spec import (
    Action,
    Delete,
    Refusal,
    Replan,
    Update,
    WaitFor,
    contains_unknown,
    diff_resource,
    get_kind,
    plan_campaign_delete,
    plan_campaign_update,
)
from pulumi_zorio.spec.lifecycle import LIVE_STATUSES

OUTPUT_KEYS = ("tenant_id", "gateway_name", "leads_count", "created_at", "updated_at")
SETTLED = frozenset(LIVE_STATUSES) - {"starting"}
"""Any status but `starting`: a wait ends there, and the executor re-plans if it is not the expected one."""
MAX_PLANS = 4
"""Bound on re-planning (after unarchive, or when the engine settles somewhere unexpected)."""


class CampaignRefusedError(ZorioResourceError):
    """The declared state cannot be reached from the live status; raised before any write."""


@dataclass(frozen=True, kw_only=True)
class CampaignArgs:
    """The declared state of a campaign."""

    script_id: pulumi.Input[int]
    """Id of the (active) script to read; pass `script.id`."""
    name: pulumi.Input[str] | None = None
    """Campaign name (≤255). Defaults to the resource name."""
    description: pulumi.Input[str] | None = None
    """Free text (≤2000)."""
    caller_id_group_id: pulumi.Input[int] | None = None
    """Caller-ID rotation group to dial from (see `get_caller_id_group`); required to run."""
    max_retries: pulumi.Input[int] | None = None
    """Retries per lead, 0-10 (default 3)."""
    retry_interval_minutes: pulumi.Input[int] | None = None
    """Minutes between attempts, 1-43200 (default 60)."""
    retry_only_when: pulumi.Input[str] | None = None
    """no_answer (default), busy, failed or any."""
    max_concurrent: pulumi.Input[int] | None = None
    """Maximum simultaneous calls, 1-200 (default 10); can change while running."""
    originate_timeout: pulumi.Input[int] | None = None
    """Seconds a call may ring, 10-180 (default 40)."""
    write_to_main_cdr: pulumi.Input[bool] | None = None
    """Also write call records to the main CDR (default false)."""
    start_at: pulumi.Input[str] | None = None
    """When dialing may begin, ISO 8601 with an offset."""
    end_at: pulumi.Input[str] | None = None
    """When dialing must end, after start_at; can change while running."""
    status: pulumi.Input[str] | None = None
    """Desired status: draft (default), running, paused, stopped or archived. Only running/paused dial."""
    adopt_id: pulumi.Input[int] | None = None
    """Id of an existing Zorio campaign to take over instead of creating one (used only at creation)."""


class CampaignProvider(ZorioProvider):
    """Campaign CRUD plus the status executor: runs `plan_campaign_update`'s steps one by one."""

    kind = "campaign"
    service = "campaigns"
    wait_timeout_s = 120.0
    """How long to wait for the engine to move a started campaign from starting to running."""
    wait_interval_s = 0.2

    def _create(self, inputs: dict[str, Any]) -> dict[str, Any]:
        """POST (always a draft [D]), then walk to the desired status."""
        self._refuse_early("draft", inputs, ())
        created = self.client.campaigns.create(get_kind("campaign").build_payload(inputs, None))
        return self._converge(created["id"], inputs)

    def _adopt(self, object_id: int, inputs: dict[str, Any]) -> dict[str, Any]:
        try:
            self.client.campaigns.retrieve(object_id, fresh=True)
        except NotFoundError as error:
            raise ZorioResourceError(
                f"cannot adopt campaign {object_id}: it does not exist in this Zorio account; check adopt_id"
            ) from error
        return self._converge(object_id, inputs)

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """Like every kind, plus: a change the recorded status can never allow fails the preview itself
        (e.g. a stopped campaign asked to run), so a PR shows the refusal instead of a half-applied `up`."""
        old, new = to_spec(olds), to_spec(news)
        result = diff_resource("campaign", old, new)
        if result.changed and old.get("status") in LIVE_STATUSES and not contains_unknown(new):
            name = f"campaign {new.get('name') or id_} ({id_})"
            plan = plan_campaign_update(old["status"], new.get("status", "draft"), result.changed_fields, name=name)
            if isinstance(plan, Refusal):
                raise CampaignRefusedError(plan.message)
        return DiffResult(changes=result.changed, replaces=result.replaces, delete_before_replace=False)

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        inputs = self._inputs(news)
        return UpdateResult(self._outputs(inputs, self._converge(id_, inputs)))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Stop first if it is starting, running or paused (the API refuses otherwise), then delete."""
        try:
            live = self.client.campaigns.retrieve(id_, fresh=True)
        except NotFoundError:
            return
        for step in plan_campaign_delete(live["status"]).steps:
            if isinstance(step, Delete):
                super().delete(id_, props)
            else:
                self._act(id_, step)

    # --- the executor ---------------------------------------------------------------------------
    def _converge(self, campaign_id: Any, inputs: Mapping[str, Any]) -> dict[str, Any]:
        """Plan from the live campaign and execute; re-plan (bounded) when the plan says so."""
        name = f"campaign {inputs.get('name') or campaign_id} ({campaign_id})"
        unarchived = False
        for _ in range(MAX_PLANS):
            live = self.client.campaigns.retrieve(campaign_id, fresh=True)
            fields = self._changed_fields(live, inputs)
            plan = plan_campaign_update(live["status"], inputs["status"], fields, name=name)
            if isinstance(plan, Refusal):
                if unarchived:  # only unarchiving could tell where it returns to: put it back as it was
                    self._act(campaign_id, Action("archive"))
                raise CampaignRefusedError(plan.message)
            unarchived = unarchived or Action("unarchive") in plan.steps
            if not self._execute(campaign_id, plan.steps, inputs):
                return self.client.campaigns.retrieve(campaign_id, fresh=True)
        raise ZorioResourceError(f"{name} did not settle in {inputs['status']} after {MAX_PLANS} plans")

    def _execute(self, campaign_id: Any, steps: tuple[Any, ...], inputs: Mapping[str, Any]) -> bool:
        """Run the steps in order; True if the rest must be re-planned from the observed status."""
        for step in steps:
            if isinstance(step, Replan):
                return True
            if isinstance(step, Update):
                payload = get_kind("campaign").build_payload(inputs, step.fields)
                self._write(campaign_id, "update", lambda: self.client.campaigns.update(campaign_id, payload))
            elif isinstance(step, WaitFor):
                reached = self.client.campaigns.wait_for_status(
                    campaign_id, SETTLED, timeout=self.wait_timeout_s, interval=self.wait_interval_s
                )
                if reached.get("status") != step.status:
                    return True  # completed or stopped meanwhile: plan again from there
            elif isinstance(step, Action):
                self._act(campaign_id, step)
        return False

    def _act(self, campaign_id: Any, step: Action) -> None:
        verb = getattr(self.client.campaigns, step.verb)
        self._write(campaign_id, step.verb, lambda: verb(campaign_id))

    @staticmethod
    def _write(campaign_id: Any, what: str, call: Any) -> Any:
        try:
            return call()
        except ConflictError as error:
            raise ZorioResourceError(f"campaign {campaign_id}: {what} refused: {error.api_message}") from error

    def _changed_fields(self, live: Mapping[str, Any], inputs: Mapping[str, Any]) -> list[str]:
        """The fields whose live value differs from the declared one (status excluded: the plan handles it)."""
        olds = self._outputs({}, live)
        return [f for f in diff_resource("campaign", olds, inputs).changed_fields if f != "status"]

    def _refuse_early(self, live: str, inputs: Mapping[str, Any], fields: tuple[str, ...]) -> None:
        """Refuse before any call when even a fresh draft cannot reach the desired status."""
        plan = plan_campaign_update(live, inputs["status"], fields, name=f"campaign {inputs.get('name')}")
        if isinstance(plan, Refusal):
            raise CampaignRefusedError(plan.message)


class Campaign(Resource, module="zorio", name="Campaign"):
    """A Zorio campaign. `status` (output) is the LIVE status; a completed campaign satisfies `running`."""

    name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    script_id: pulumi.Output[int]
    caller_id_group_id: pulumi.Output[int | None]
    max_retries: pulumi.Output[int]
    retry_interval_minutes: pulumi.Output[int]
    retry_only_when: pulumi.Output[str]
    max_concurrent: pulumi.Output[int]
    originate_timeout: pulumi.Output[int]
    write_to_main_cdr: pulumi.Output[bool]
    start_at: pulumi.Output[str | None]
    end_at: pulumi.Output[str | None]
    status: pulumi.Output[str]
    adopt_id: pulumi.Output[int | None]
    tenant_id: pulumi.Output[int]
    gateway_name: pulumi.Output[str | None]
    leads_count: pulumi.Output[int]
    created_at: pulumi.Output[str]
    updated_at: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        args: CampaignArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Any,
    ) -> None:
        props = props_from_args(args, CampaignArgs, kwargs, OUTPUT_KEYS)
        props["name"] = props["name"] if props["name"] is not None else resource_name
        super().__init__(CampaignProvider(), resource_name, props, opts)


__all__ = ["Campaign", "CampaignArgs", "CampaignProvider", "CampaignRefusedError"]
