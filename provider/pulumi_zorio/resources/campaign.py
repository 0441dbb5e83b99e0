"""`Campaign`: an outbound campaign and its desired status, reached by executing the planner's steps (contract §10).

Nothing dials unless the declared `status` says running or paused: the planner never plans start/resume otherwise.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, overload

import pulumi
from pulumi.dynamic import ConfigureRequest, UpdateResult
from pulumi.output import UNKNOWN as UNKNOWN_OUTPUT

from pulumi_zorio.resources._base import ZorioProvider, ZorioResourceError
from pulumi_zorio.resources._campaign_executor import (
    WAIT_TIMEOUT_ENV, WAIT_TIMEOUT_SETTING, CampaignExecutor, CampaignRefusedError, UnplannedDialingError,
)
from pulumi_zorio.resources._convert import IdInput, constructor_props, to_spec
from pulumi_zorio.resources._resource import ZorioResource, declaring_to
from pulumi_zorio.spec import diff_resource
from pulumi_zorio.spec.campaign import caller_id_group_warnings
from pulumi_zorio.spec.lifecycle import DIALING_DESIRED, LIVE_STATUSES, ShownPlan, desired_of, plan_campaign_update

# BEGIN GENERATED: args (from schemas/campaign.json by `python -m pulumi_zorio.codegen`; edit the schema)
@dataclass(frozen=True, kw_only=True)
class CampaignArgs:
    """An outbound TTS campaign bound to one script. status is the DESIRED status: the provider finds the legal path
    of start / pause / resume / stop / archive to reach it. Nothing dials unless status says running or paused. A
    campaign is never replaced silently."""

    script_id: IdInput
    """Id of the script to read; it must be active. Pass `script.id`."""
    name: pulumi.Input[str] | None = None
    """Campaign name, at most 255 characters. Defaults to the logical name."""
    description: pulumi.Input[str] | None = None
    """Free text, at most 2000 characters."""
    caller_id_group_id: IdInput | None = None
    """Id of the caller-ID rotation group to dial from; it must exist and be active. Omitted = the default trunk, but
    starting a campaign requires a group. See `get_caller_id_group`; `pulumi preview` warns when a campaign would
    start without one."""
    max_retries: pulumi.Input[int] | None = None
    """Retries per lead after the first attempt. 0 to 10; default 3."""
    retry_interval_minutes: pulumi.Input[int] | None = None
    """Minutes between attempts, at most 30 days. 1 to 43200; default 60."""
    retry_only_when: pulumi.Input[str] | None = None
    """Which call outcomes are retried. One of no_answer, busy, failed, any; default no_answer."""
    max_concurrent: pulumi.Input[int] | None = None
    """Maximum simultaneous calls. Can change while the campaign runs. 1 to 200; default 10."""
    originate_timeout: pulumi.Input[int] | None = None
    """Seconds to let a call ring before giving up. 10 to 180; default 40."""
    write_to_main_cdr: pulumi.Input[bool] | None = None
    """Also write call records to the main CDR. Default false."""
    start_at: pulumi.Input[str] | None = None
    """When dialing may begin: ISO 8601 with a UTC offset, e.g. 2026-06-25T08:00:00Z or 2026-06-25T15:00:00+07:00."""
    end_at: pulumi.Input[str] | None = None
    """When dialing must end: ISO 8601 with a UTC offset, after start_at. Can change while the campaign runs."""
    status: pulumi.Input[str] | None = None
    """The desired status. draft: configured, never dialed. running: dialing (a completed campaign satisfies it).
    paused: started, then paused. stopped: finished for good; a stopped campaign never dials again. archived: put
    away. One of draft, running, paused, stopped, archived; default draft. Only running and paused DIAL REAL PEOPLE;
    `pulumi preview` warns about them."""
    adopt_id: IdInput | None = None
    """Id of an existing Zorio campaign to take over instead of creating a new one (written by `zorio export`). Keep
    it: it also marks the object as taken over, so the stack releases it (leaves it in Zorio) instead of deleting it
    when it stops managing it."""


OUTPUT_KEYS = ("tenant_id", "gateway_name", "leads_count", "created_at", "updated_at")
"""The properties that are not `*Args` fields: Pulumi makes an Output only for keys in the props."""
# END GENERATED


class CampaignProvider(ZorioProvider):
    """Campaign CRUD plus the status executor: runs `plan_campaign_update`'s steps one by one."""

    kind = "campaign"
    wait_timeout_s = 120.0
    """Default seconds to wait for the dialing engine to move a started campaign from starting to running;
    the stack setting `zorio:campaignWaitTimeout` (or env ZORIO_CAMPAIGN_WAIT_TIMEOUT) overrides it."""
    wait_interval_s = 0.2

    def __init__(self) -> None:
        super().__init__()
        self._wait_setting: str | None = None

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        super().__setstate__(state)
        self._wait_setting = None

    def configure(self, req: ConfigureRequest) -> None:
        """The client settings, plus `zorio:campaignWaitTimeout` (validated before an apply's first write,
        so a bad value never fails a preview)."""
        super().configure(req)
        value = req.config.get(WAIT_TIMEOUT_SETTING)
        self._wait_setting = None if value in (None, "") else str(value)

    def wait_timeout(self) -> float:
        """Seconds to wait for starting → running: the stack setting, else the environment, else the default."""
        raw, source = self._wait_setting, WAIT_TIMEOUT_SETTING
        if raw is None:
            raw, source = os.environ.get(WAIT_TIMEOUT_ENV) or None, WAIT_TIMEOUT_ENV
        if raw is None:
            return self.wait_timeout_s
        try:
            seconds = float(raw)
        except ValueError:
            seconds = math.nan
        if not (math.isfinite(seconds) and seconds > 0):
            raise ZorioResourceError(f"{source} must be a number of seconds greater than 0, got {raw!r}")
        return seconds

    def executor(self) -> CampaignExecutor:
        """The executor for one call; a bad wait setting fails here, before any write."""
        return CampaignExecutor(self.client.campaigns, self.wait_timeout(), self.wait_interval_s)

    def _create(self, inputs: dict[str, Any]) -> dict[str, Any]:
        return self.executor().create(inputs, self.create_key)

    def _adopt(self, object_id: int, inputs: dict[str, Any]) -> dict[str, Any]:
        return self.executor().adopt(object_id, inputs)

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Converge from the live status, never dialing where the plan the user saw (from `olds`) did not."""
        inputs = self._inputs(news)
        executor = self.executor()
        old = to_spec(olds)
        recorded = str(old.get("status"))
        planned = None
        if recorded in LIVE_STATUSES:  # a status we do not know announced nothing either
            fields = [f for f in diff_resource("campaign", old, inputs).changed_fields if f != "status"]
            planned = plan_campaign_update(recorded, inputs["status"], fields, name=f"campaign {id_}")
        return UpdateResult(self._outputs(inputs, executor.converge(id_, inputs, ShownPlan.of(recorded, planned))))

    def _refreshed_inputs(self, outs: Mapping[str, Any]) -> dict[str, Any]:
        """A live `starting` or `completed` is recorded as the declared status it satisfies (running), so the
        refreshed inputs pass check (ignore_changes=["status"] feeds them back)."""
        inputs = super()._refreshed_inputs(outs)
        if isinstance(inputs.get("status"), str):
            inputs["status"] = desired_of(inputs["status"])
        return inputs

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Stop first if it is starting, running or paused (the API refuses otherwise), then delete."""
        self.executor().delete(id_)


class Campaign(ZorioResource, module="zorio", name="Campaign"):
    """A Zorio campaign. `status` (output) is the LIVE status; a completed campaign satisfies `running`.

    A declared status of running or paused dials real people: `pulumi preview` warns about it. After a
    start, `pulumi up` waits up to `zorio:campaignWaitTimeout` seconds (default 120) for it to run.
    """

    # BEGIN GENERATED: class (from schemas/campaign.json by `python -m pulumi_zorio.codegen`; edit the schema)
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
    """The account that owns the campaign."""
    gateway_name: pulumi.Output[str | None]
    """The gateway name Zorio reports for the campaign (null until it has one)."""
    leads_count: pulumi.Output[int]
    """How many leads the campaign holds."""

    @overload
    def __init__(self, resource_name: str, args: CampaignArgs, opts: pulumi.ResourceOptions | None = None) -> None: ...

    @overload
    def __init__(self, resource_name: str, opts: pulumi.ResourceOptions | None = None, *,
                 script_id: IdInput,
                 name: pulumi.Input[str] | None = None,
                 description: pulumi.Input[str] | None = None,
                 caller_id_group_id: IdInput | None = None,
                 max_retries: pulumi.Input[int] | None = None,
                 retry_interval_minutes: pulumi.Input[int] | None = None,
                 retry_only_when: pulumi.Input[str] | None = None,
                 max_concurrent: pulumi.Input[int] | None = None,
                 originate_timeout: pulumi.Input[int] | None = None,
                 write_to_main_cdr: pulumi.Input[bool] | None = None,
                 start_at: pulumi.Input[str] | None = None,
                 end_at: pulumi.Input[str] | None = None,
                 status: pulumi.Input[str] | None = None,
                 adopt_id: IdInput | None = None,
    ) -> None:
        """A Zorio campaign, its inputs as keywords (or pass a `CampaignArgs`).

        :param resource_name: The Pulumi resource name; also the default `name`.
        :param opts: Pulumi resource options (e.g. `protect`, `depends_on`).
        :param script_id: Id of the script to read; it must be active. Pass `script.id`.
        :param name: Campaign name, at most 255 characters. Defaults to the logical name.
        :param description: Free text, at most 2000 characters.
        :param caller_id_group_id: Id of the caller-ID rotation group to dial from; it must exist and be
            active. Omitted = the default trunk, but starting a campaign requires a group. See
            `get_caller_id_group`; `pulumi preview` warns when a campaign would start without one.
        :param max_retries: Retries per lead after the first attempt. 0 to 10; default 3.
        :param retry_interval_minutes: Minutes between attempts, at most 30 days. 1 to 43200; default 60.
        :param retry_only_when: Which call outcomes are retried. One of no_answer, busy, failed, any; default
            no_answer.
        :param max_concurrent: Maximum simultaneous calls. Can change while the campaign runs. 1 to 200;
            default 10.
        :param originate_timeout: Seconds to let a call ring before giving up. 10 to 180; default 40.
        :param write_to_main_cdr: Also write call records to the main CDR. Default false.
        :param start_at: When dialing may begin: ISO 8601 with a UTC offset, e.g. 2026-06-25T08:00:00Z or
            2026-06-25T15:00:00+07:00.
        :param end_at: When dialing must end: ISO 8601 with a UTC offset, after start_at. Can change while the
            campaign runs.
        :param status: The desired status. draft: configured, never dialed. running: dialing (a completed
            campaign satisfies it). paused: started, then paused. stopped: finished for good; a stopped
            campaign never dials again. archived: put away. One of draft, running, paused, stopped, archived;
            default draft. Only running and paused DIAL REAL PEOPLE; `pulumi preview` warns about them.
        :param adopt_id: Id of an existing Zorio campaign to take over instead of creating a new one (written
            by `zorio export`). Keep it: it also marks the object as taken over, so the stack releases it
            (leaves it in Zorio) instead of deleting it when it stops managing it.
        """
    # END GENERATED

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """`Campaign(name, script_id=..., status=..., ...)` or `Campaign(name, CampaignArgs(...), opts)`;
        an unknown keyword is a TypeError listing the valid inputs."""
        values, props, opts = constructor_props("Campaign", CampaignArgs, OUTPUT_KEYS, resource_name, args, kwargs)
        super().__init__(CampaignProvider(), resource_name, props, opts)
        # (not under the local engine's direct YAML plan: it registers nothing, and its plan's steps carry the same
        # warnings; the program log these go to is the engine's quiet one there anyway)
        if pulumi.runtime.is_dry_run() and declaring_to.get() is None:
            _warn_when_it_dials(self, values.status)
            _warn_without_caller_id_group(self, values.status, values.caller_id_group_id)


def _warn_when_it_dials(campaign: Campaign, status: pulumi.Input[str] | None) -> None:
    """`pulumi preview`: say loudly that this campaign dials, next to the resource, in the program's own log.

    The dynamic provider cannot log to the engine (the host has no engine connection), so without this a
    campaign about to dial is just a `status` field diff. Only in preview: that is where people review
    (`pulumi up` previews first unless --skip-preview); repeating it while applying adds noise, not safety.
    """

    def warn(value: Any) -> None:
        if value is UNKNOWN_OUTPUT:
            what = "its status is not known until apply and may be running or paused"
        elif isinstance(value, str) and value in DIALING_DESIRED:
            what = f"its declared status is {value}"
        else:
            return
        pulumi.log.warn(
            f"campaign {campaign.pulumi_resource_name}: {what}, so this campaign DIALS REAL PEOPLE when "
            "`pulumi up` starts or resumes it. Check its status change in this plan: without one, nothing "
            "starts or resumes now.",
            resource=campaign,
        )

    pulumi.Output.from_input(status).apply(warn, run_with_unknowns=True)


def _warn_without_caller_id_group(campaign: Campaign, status: Any, group: Any) -> None:
    """`pulumi preview`: a campaign declared to dial without a caller-ID group (spec's warning, once known)."""

    def warn(values: list[Any]) -> None:
        if any(value is UNKNOWN_OUTPUT for value in values):
            return
        for problem in caller_id_group_warnings({"status": values[0], "caller_id_group_id": values[1]}):
            pulumi.log.warn(f"campaign {campaign.pulumi_resource_name}: {problem.path} {problem.message}",
                            resource=campaign)

    pulumi.Output.all(status, group).apply(warn, run_with_unknowns=True)


__all__ = ["Campaign", "CampaignArgs", "CampaignProvider", "CampaignRefusedError", "UnplannedDialingError"]
