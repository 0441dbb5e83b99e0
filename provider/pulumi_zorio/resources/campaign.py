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
from pulumi.dynamic import ConfigureRequest, DiffResult, UpdateResult
from pulumi.output import UNKNOWN as UNKNOWN_OUTPUT

from pulumi_zorio.client import ConflictError, NotFoundError, WaitTimeoutError
from pulumi_zorio.resources._base import ZorioProvider, ZorioResourceError
from pulumi_zorio.resources._convert import IdInput, props_from_args, split_constructor_args, to_spec
from pulumi_zorio.resources._resource import ZorioResource
from pulumi_zorio.spec import (
    Action,
    Delete,
    Refusal,
    Replan,
    Update,
    WaitFor,
    diff_resource,
    get_kind,
    plan_campaign_delete,
    plan_campaign_update,
)
from pulumi_zorio.spec.lifecycle import DIALING_DESIRED, DIALING_LIVE, LIVE_STATUSES, STOPPABLE, satisfies

OUTPUT_KEYS = ("tenant_id", "gateway_name", "leads_count", "created_at", "updated_at")
SETTLED = frozenset(LIVE_STATUSES) - {"starting"}
"""Any status but `starting`: a wait ends there, and the executor re-plans if it is not the expected one."""
MAX_PLANS = 4
"""Bound on re-planning (after unarchive, or when the engine settles somewhere unexpected)."""
REPLAN, MOVED_MEANWHILE = "replan", "moved meanwhile"
"""Why the executor stopped before the end of a plan."""
WAIT_TIMEOUT_SETTING = "zorio:campaignWaitTimeout"
WAIT_TIMEOUT_ENV = "ZORIO_CAMPAIGN_WAIT_TIMEOUT"
"""Where the seconds to wait for starting → running come from (stack setting first, then environment)."""


@dataclass(frozen=True)
class ShownPlan:
    """What the plan the user reviewed said of a campaign: the status it was planned from, and whether it dials."""

    recorded: str
    dials: bool


class CampaignRefusedError(ZorioResourceError):
    """The declared state cannot be reached from the live status; raised before any write."""


class UnplannedDialingError(CampaignRefusedError):
    """Reaching the declared state would start or resume dialing, but the plan (made from the recorded status)
    did not say so, because the campaign changed outside the stack; raised before any write."""


@dataclass(frozen=True, kw_only=True)
class CampaignArgs:
    """The declared state of a campaign."""

    script_id: IdInput
    """Id of the (active) script to read; pass `script.id`."""
    name: pulumi.Input[str] | None = None
    """Campaign name (≤255). Defaults to the resource name."""
    description: pulumi.Input[str] | None = None
    """Free text (≤2000)."""
    caller_id_group_id: IdInput | None = None
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
    adopt_id: IdInput | None = None
    """Id of an existing Zorio campaign to take over instead of creating one (used only at creation)."""


class CampaignProvider(ZorioProvider):
    """Campaign CRUD plus the status executor: runs `plan_campaign_update`'s steps one by one."""

    kind = "campaign"
    service = "campaigns"
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

    def _create(self, inputs: dict[str, Any]) -> dict[str, Any]:
        """POST (always a draft [D]), then walk to the desired status.

        A create that fails after the POST would leave a campaign the stack does not know (the engine records no
        id for a failed create), and the next `up` would create a second one, possibly dialing too. So the
        campaign created here is removed again (stopped first if it was started) before the error is raised.
        """
        self._refuse_early("draft", inputs, ())
        self.wait_timeout()  # a bad setting fails before the POST
        created = self.client.campaigns.create(get_kind("campaign").build_payload(inputs, None))
        try:
            return self._converge(created["id"], inputs)
        except Exception as error:
            raise self._rolled_back(created["id"], inputs, error) from error

    def _rolled_back(self, campaign_id: Any, inputs: Mapping[str, Any], error: Exception) -> ZorioResourceError:
        """Undo the campaign this create made: a draft that never dialed is deleted; one that was started is
        stopped (it never dials again) and kept for its call history. The error says which, and what is left."""
        created = f"the campaign {inputs.get('name') or campaign_id} that this step created (id {campaign_id})"
        status = None
        try:
            status = self.client.campaigns.retrieve(campaign_id, fresh=True)["status"]
            if status == "draft":
                self.delete(str(campaign_id), {})
                return ZorioResourceError(f"{error}. {created.capitalize()} had not dialed and was deleted again, "
                                          "so nothing is left behind; fix the cause and run the update again")
            if status in STOPPABLE:
                self._act(campaign_id, Action("stop"))
            return ZorioResourceError(
                f"{error}. {created.capitalize()} had been started, so it was stopped (it never dials again) and "
                "kept for its call history; it is not managed by the stack, and the next run creates a new one. "
                "Delete it in Zorio when you no longer need it"
            )
        except Exception as cleanup:  # noqa: BLE001 - reported to the user with the id to clean up by hand
            dialing = f"It is {status.upper()} and may be dialing: stop it now in Zorio. " if status in STOPPABLE \
                else ""
            return ZorioResourceError(
                f"{error}. {created.capitalize()} could not be undone ({cleanup}). {dialing}Then delete it, or take "
                f"it over with adopt_id {campaign_id}, before running again"
            )

    def _adopt(self, object_id: int, inputs: dict[str, Any]) -> dict[str, Any]:
        try:
            self.client.campaigns.retrieve(object_id, fresh=True)
        except NotFoundError as error:
            raise ZorioResourceError(
                f"cannot adopt campaign {object_id}: it does not exist in this Zorio account; check adopt_id"
            ) from error
        return self._converge(object_id, inputs)

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """Report the difference, never refuse: the engine also calls Diff on `pulumi refresh` (since 3.120, with
        the refreshed outputs as `olds`), where a campaign started or stopped in the console must be taken in, not
        turned into an error. A change that cannot be made is refused by `update`, before any write."""
        result = diff_resource("campaign", to_spec(olds), to_spec(news))
        return DiffResult(changes=result.changed, replaces=result.replaces, delete_before_replace=False)

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Converge from the live status, but never dial where the plan (made from the recorded status) did not."""
        inputs = self._inputs(news)
        old = to_spec(olds)
        fields = [f for f in diff_resource("campaign", old, inputs).changed_fields if f != "status"]
        shown = None
        if old.get("status") in LIVE_STATUSES:
            shown = plan_campaign_update(old["status"], inputs["status"], fields, name=f"campaign {id_}")
            # A recorded status that cannot reach the declared one showed no dialing step either.
            shown = ShownPlan(old["status"], not isinstance(shown, Refusal) and shown.dials)
        return UpdateResult(self._outputs(inputs, self._converge(id_, inputs, shown)))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Stop first if it is starting, running or paused (the API refuses otherwise), then delete."""
        try:
            live = self.client.campaigns.retrieve(id_, fresh=True)
        except NotFoundError:
            return
        for step in plan_campaign_delete(live["status"]).steps:
            if isinstance(step, Delete):
                super().delete(id_, props)
            elif isinstance(step, Action):  # stop: the only other step a delete plans
                self._act(id_, step)

    # --- the executor ---------------------------------------------------------------------------
    def _converge(self, campaign_id: Any, inputs: Mapping[str, Any], shown: ShownPlan | None = None) -> dict[str, Any]:
        """Plan from the live campaign and execute; re-plan (bounded) when the plan says so.

        `shown` is the status plan the user reviewed (from the recorded status), if any: a live plan that dials
        where the shown one did not is refused before any write.
        """
        name = f"campaign {inputs.get('name') or campaign_id} ({campaign_id})"
        self.wait_timeout()  # a bad setting fails here, before any write, not after a start
        unarchived = False
        may_dial = shown is None or shown.dials
        moved_meanwhile = False
        for _ in range(MAX_PLANS):
            live = self.client.campaigns.retrieve(campaign_id, fresh=True)
            fields = self._changed_fields(live, inputs)
            plan = plan_campaign_update(live["status"], inputs["status"], fields, name=name)
            if isinstance(plan, Refusal):
                if unarchived:  # only unarchiving could tell where it returns to: put it back as it was
                    self._act(campaign_id, Action("archive"))
                raise CampaignRefusedError(plan.message)
            # A campaign that is dialing now keeps dialing through pause → update → resume: nothing new starts.
            if plan.dials and live["status"] not in DIALING_LIVE and (moved_meanwhile or not may_dial):
                raise UnplannedDialingError(self._unplanned(name, live["status"], shown, plan, moved_meanwhile))
            unarchived = unarchived or Action("unarchive") in plan.steps
            outcome = self._execute(campaign_id, plan.steps, inputs, name)
            if outcome is None:
                return self.client.campaigns.retrieve(campaign_id, fresh=True)
            moved_meanwhile = moved_meanwhile or outcome == MOVED_MEANWHILE
        raise ZorioResourceError(f"{name} did not settle in {inputs['status']} after {MAX_PLANS} plans")

    @staticmethod
    def _unplanned(name: str, live: str, shown: ShownPlan | None, plan: Any, moved_meanwhile: bool) -> str:
        """Why a dialing step was refused, and what to do: look at the live status, then decide."""
        would = f"reaching status {plan.desired} would {' and '.join(plan.describe())}"
        if moved_meanwhile:
            return (f"{name} became {live} while this update waited for it (someone paused or stopped it?); {would}, "
                    "which DIALS again: nothing more was changed. Check with whoever changed it, then run the update "
                    "again (after `pulumi refresh`)")
        recorded = shown.recorded if shown else "something else"
        return (f"{name} is {live} on the account but the stack records it as {recorded}: {would}, and the plan "
                "did not show that it DIALS. Nothing was changed. Run `pulumi refresh` (or `zorio apply`, which "
                "reads the account first and shows the plan) to review a plan that shows it, or declare the status "
                "you want")

    def _execute(self, campaign_id: Any, steps: tuple[Any, ...], inputs: Mapping[str, Any], name: str) -> str | None:
        """Run the steps in order; None when done, else why the rest must be re-planned from the observed status
        (REPLAN: the plan said so; MOVED_MEANWHILE: a wait found the campaign somewhere unexpected)."""
        for step in steps:
            if isinstance(step, Replan):
                return REPLAN
            if isinstance(step, Update):
                payload = get_kind("campaign").build_payload(inputs, step.fields)
                self._write(campaign_id, "update", lambda: self.client.campaigns.update(campaign_id, payload))
            elif isinstance(step, WaitFor):
                # `starting` already satisfies a desired `running`: a slow engine is then not a failure
                final = step is steps[-1] and satisfies("starting", str(inputs["status"]))
                reached = self._wait(campaign_id, name, starting_is_enough=final)
                if reached.get("status") not in (step.status, "starting"):
                    return MOVED_MEANWHILE  # completed, paused or stopped meanwhile: plan again from there
            elif isinstance(step, Action):
                self._act(campaign_id, step)
        return None

    def _wait(self, campaign_id: Any, name: str, starting_is_enough: bool = False) -> dict[str, Any]:
        """Wait (bounded) for the engine to settle a started campaign; a timeout names the setting to raise,
        unless `starting` is all the declared status needs (then the campaign is recorded as starting)."""
        timeout = self.wait_timeout()
        try:
            return self.client.campaigns.wait_for_status(
                campaign_id, SETTLED, timeout=timeout, interval=self.wait_interval_s
            )
        except WaitTimeoutError as error:
            if starting_is_enough:
                return self.client.campaigns.retrieve(campaign_id, fresh=True)
            raise ZorioResourceError(
                f"{name} is still {error.last_seen or 'starting'} {timeout:g} s after it was started: the dialing "
                f"engine has not moved it to running yet (it may still do so by itself). If the engine is just "
                f"slow, raise {WAIT_TIMEOUT_SETTING} (or {WAIT_TIMEOUT_ENV}), now {timeout:g} s, and run the "
                "update again (`pulumi up`, or `zorio apply`)"
            ) from error

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


class Campaign(ZorioResource, module="zorio", name="Campaign"):
    """A Zorio campaign. `status` (output) is the LIVE status; a completed campaign satisfies `running`.

    A declared status of running or paused dials real people: `pulumi preview` warns about it. After a
    start, `pulumi up` waits up to `zorio:campaignWaitTimeout` seconds (default 120) for it to run.
    """

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

    @overload
    def __init__(
        self, resource_name: str, args: CampaignArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None: ...

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
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
        """An outbound campaign, its inputs as keywords.

        :param resource_name: The Pulumi resource name; also the default `name`.
        :param opts: Pulumi resource options (e.g. `protect`).
        :param script_id: Id of the (active) script to read; pass `script.id`.
        :param name: Campaign name (≤255). Defaults to the resource name.
        :param description: Free text (≤2000).
        :param caller_id_group_id: Caller-ID rotation group to dial from (see `get_caller_id_group`); required to run.
        :param max_retries: Retries per lead, 0-10 (default 3).
        :param retry_interval_minutes: Minutes between attempts, 1-43200 (default 60).
        :param retry_only_when: no_answer (default), busy, failed or any.
        :param max_concurrent: Maximum simultaneous calls, 1-200 (default 10); can change while running.
        :param originate_timeout: Seconds a call may ring, 10-180 (default 40).
        :param write_to_main_cdr: Also write call records to the main CDR (default false).
        :param start_at: When dialing may begin, ISO 8601 with an offset.
        :param end_at: When dialing must end, after start_at; can change while running.
        :param status: Desired status: draft (default), running, paused, stopped or archived. Only running and
            paused DIAL REAL PEOPLE; `pulumi preview` warns about them.
        :param adopt_id: Id of an existing Zorio campaign to take over instead of creating one (creation only).
        """

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """`Campaign(name, script_id=..., status=..., ...)` or `Campaign(name, CampaignArgs(...), opts)`;
        an unknown keyword is a TypeError listing the valid inputs."""
        values, opts = split_constructor_args("Campaign", CampaignArgs, args, kwargs)
        props = props_from_args(values, OUTPUT_KEYS)
        props["name"] = props["name"] if props["name"] is not None else resource_name
        super().__init__(CampaignProvider(), resource_name, props, opts)
        if pulumi.runtime.is_dry_run():
            _warn_when_it_dials(self, values.status)


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


__all__ = ["Campaign", "CampaignArgs", "CampaignProvider", "CampaignRefusedError"]
