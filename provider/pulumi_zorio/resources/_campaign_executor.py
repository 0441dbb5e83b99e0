"""The campaign executor: carries out `spec.lifecycle`'s status plans against the API, with the wait policy, the
dialing guard and the rollbacks. It decides nothing itself: every plan and every refusal comes from the pure
planner; this module only executes, waits, re-plans from what it observes, and undoes its own half-done work.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_zorio.client import ConflictError, NotFoundError, ValidationError, WaitTimeoutError
from pulumi_zorio.client.campaigns import CampaignsService
from pulumi_zorio.resources._base import ZorioResourceError
from pulumi_zorio.resources._convert import outputs
from pulumi_zorio.spec import Action, Delete, Refusal, Replan, StatusPlan, Update, WaitFor, get_kind
from pulumi_zorio.spec.diff import diff_resource
from pulumi_zorio.spec.lifecycle import (
    DIALING_LIVE, LIVE_STATUSES, STOPPABLE, ShownPlan, plan_campaign_delete, plan_campaign_update, satisfies,
    unannounced_dialing,
)

SETTLED = frozenset(LIVE_STATUSES) - {"starting"}
"""Any status but `starting`: a wait ends there, and the executor re-plans if it is not the expected one."""
MAX_PLANS = 4
"""Bound on re-planning (after unarchive, or when the engine settles somewhere unexpected)."""
WAIT_TIMEOUT_SETTING = "zorio:campaignWaitTimeout"
WAIT_TIMEOUT_ENV = "ZORIO_CAMPAIGN_WAIT_TIMEOUT"
"""Where the seconds to wait for starting → running come from (stack setting first, then environment)."""


class CampaignRefusedError(ZorioResourceError):
    """The declared state cannot be reached from the live status; raised before any write."""


class UnplannedDialingError(CampaignRefusedError):
    """Reaching the declared state would start or resume dialing, but the plan the user saw (made from the recorded
    status) did not say so, because the campaign changed outside the stack; raised before any write."""


class _MovedMeanwhile(Exception):
    """A wait found the campaign somewhere unexpected (someone paused or stopped it): plan again from there."""


@dataclass
class CampaignExecutor:
    """Executes status plans for one provider call. `wait_timeout` bounds each wait for starting → running."""

    campaigns: CampaignsService
    wait_timeout: float
    wait_interval: float = 0.2

    # --- create / adopt / update / delete -------------------------------------------------------------------
    def create(self, inputs: Mapping[str, Any], create_key: str | None = None) -> dict[str, Any]:
        """POST (always a draft [D]), then walk to the declared status; on failure undo the campaign made here.

        The engine records no id for a failed create, so a campaign left behind would be unknown to the stack and
        the next run would create a second one, possibly dialing too. With a `create_key`, a run after a killed one
        gets the killed run's campaign back as it is now (started, maybe): the walk plans from that live status,
        so a start that went through is not sent again.
        """
        self._refuse_early(inputs)
        kept = self._kept_by_a_failed_create(inputs)
        if kept is not None:
            return self._take_back(kept, inputs)
        created = self.campaigns.create(get_kind("campaign").build_payload(inputs, None), create_key)
        try:
            if self._settled_as_created(created, inputs):
                return created  # a draft: the POST answer is the campaign, no read needed
            return self.converge(created["id"], inputs)
        except Exception as error:
            raise self._rolled_back(created["id"], inputs, error) from error

    def adopt(self, campaign_id: Any, inputs: Mapping[str, Any]) -> dict[str, Any]:
        """Take over an existing campaign: plan from its live status (no earlier plan applies)."""
        try:
            self.campaigns.retrieve(campaign_id, fresh=True)
        except NotFoundError as error:
            raise ZorioResourceError(not_in_account(campaign_id)) from error
        return self.converge(campaign_id, inputs)

    def delete(self, campaign_id: Any) -> None:
        """Stop first if it is starting, running or paused (the API refuses otherwise), then delete."""
        try:
            live = self.campaigns.retrieve(campaign_id, fresh=True)
        except NotFoundError:
            return
        for step in _planned(f"campaign {campaign_id}", live["status"], plan_campaign_delete, live["status"]).steps:
            if isinstance(step, Delete):
                self._write(campaign_id, "delete", lambda: self._delete_if_there(campaign_id))
            else:  # stop: the only other step a delete plans
                self._act(campaign_id, step)

    def converge(self, campaign_id: Any, inputs: Mapping[str, Any], shown: ShownPlan | None = None) -> dict[str, Any]:
        """Plan from the live campaign and execute; re-plan (bounded) when the plan says so or the campaign moves.

        `shown` is what the plan the user reviewed said (made from the recorded status), if any: a live plan that
        would make the campaign dial where the shown one did not is refused before any write.
        """
        name = f"campaign {inputs.get('name') or campaign_id} ({campaign_id})"
        unarchived = False
        for _ in range(MAX_PLANS):
            live = self.campaigns.retrieve(campaign_id, fresh=True)
            plan = _planned(name, live["status"], plan_campaign_update, live["status"], inputs["status"],
                            self._changed_fields(live, inputs), name=name)
            if isinstance(plan, Refusal):
                if unarchived:  # only unarchiving could tell where it returns to: put it back as it was
                    self._act(campaign_id, Action("archive"))
                raise CampaignRefusedError(plan.message)
            if unannounced_dialing(live["status"], plan, shown):
                raise UnplannedDialingError(_unplanned(name, live["status"], shown, plan))
            unarchived = unarchived or Action("unarchive") in plan.steps
            try:
                if self._execute(campaign_id, plan, inputs, name):
                    return self.campaigns.retrieve(campaign_id, fresh=True)
            except _MovedMeanwhile:
                # Someone changed it while we waited: from now on only what is dialing now may keep dialing.
                shown = ShownPlan(live["status"], announces_dialing=False, moved_meanwhile=True)
        raise ZorioResourceError(f"{name} did not settle in {inputs['status']} after {MAX_PLANS} plans")

    # --- executing one plan ---------------------------------------------------------------------------------
    def _execute(self, campaign_id: Any, plan: StatusPlan, inputs: Mapping[str, Any], name: str) -> bool:
        """Run the steps in order; True when done, False when the plan asks to re-plan from the observed status.

        A pause this plan makes only to change settings (a resume follows) is undone if the change fails: the
        campaign was dialing before, so it is resumed, and the error says so (or says it was left PAUSED). If the
        change went through and only the resume failed, the error says that instead.
        """
        paused_to_update = updated = False
        try:
            for step in plan.steps:
                if isinstance(step, Replan):
                    return False
                if isinstance(step, Update):
                    payload = get_kind("campaign").build_payload(inputs, step.fields)
                    self._write(campaign_id, "update", lambda: self.campaigns.update(campaign_id, payload))
                    updated = True
                elif isinstance(step, WaitFor):
                    # `starting` already satisfies a declared `running`: a slow engine is then not a failure
                    final = step is plan.steps[-1] and satisfies("starting", str(inputs["status"]))
                    reached = self._wait(campaign_id, name, starting_is_enough=final)
                    if reached.get("status") not in (step.status, "starting"):
                        raise _MovedMeanwhile()
                elif isinstance(step, Action):
                    self._act(campaign_id, step, name)
                    paused_to_update = paused_to_update or (
                        step.verb == "pause" and plan.live in DIALING_LIVE and Action("resume") in plan.steps)
                    if step.verb == "resume":
                        paused_to_update = False
        except _MovedMeanwhile:
            raise
        except Exception as error:
            if paused_to_update and updated:
                raise ZorioResourceError(
                    f"{error}. The change to {name} was applied while it was paused, but resuming it failed: it is "
                    "left PAUSED (not dialing). Run `pulumi refresh` (or `zorio plan`) to see its real status, then "
                    "resume it"
                ) from error
            if paused_to_update:
                raise self._resumed_after_failure(campaign_id, name, error) from error
            raise
        return True

    def _resumed_after_failure(self, campaign_id: Any, name: str, error: Exception) -> ZorioResourceError:
        """Undo the pause this update made before its change failed: the campaign was dialing before."""
        try:
            if self.campaigns.retrieve(campaign_id, fresh=True)["status"] == "paused":
                self.campaigns.resume(campaign_id)
            return ZorioResourceError(
                f"{error}. {name} was paused to apply this change and, since the change failed, it was resumed: it "
                "is running (dialing) as before the update, with its old settings"
            )
        except Exception as again:  # noqa: BLE001 - the user must know it is left paused
            return ZorioResourceError(
                f"{error}. {name} was paused to apply this change; the change failed and resuming it failed too "
                f"({again}), so the campaign was left PAUSED (not dialing). Run `pulumi refresh` (or `zorio plan`) "
                "to see its real status, then resume it or fix the change"
            )

    def _wait(self, campaign_id: Any, name: str, starting_is_enough: bool = False) -> dict[str, Any]:
        """Wait (bounded) for the engine to settle a started campaign; a timeout names the setting to raise,
        unless `starting` is all the declared status needs (then the campaign is recorded as starting)."""
        try:
            return self.campaigns.wait_for_status(campaign_id, SETTLED, timeout=self.wait_timeout,
                                                  interval=self.wait_interval)
        except WaitTimeoutError as error:
            if starting_is_enough:
                return self.campaigns.retrieve(campaign_id, fresh=True)
            raise ZorioResourceError(
                f"{name} is still {error.last_seen or 'starting'} {self.wait_timeout:g} s after it was started: the "
                "dialing engine has not moved it to running yet (it may still do so by itself). If the engine is "
                f"just slow, raise {WAIT_TIMEOUT_SETTING} (or {WAIT_TIMEOUT_ENV}), now {self.wait_timeout:g} s, "
                "and run the update again (`pulumi up`, or `zorio apply`)"
            ) from error

    def _act(self, campaign_id: Any, step: Action, name: str | None = None) -> None:
        verb = getattr(self.campaigns, step.verb)
        try:
            self._write(campaign_id, step.verb, lambda: verb(campaign_id))
        except ValidationError as error:
            if step.verb != "start" or "caller_id_group_id" not in error.field_errors:
                raise
            # AutoCall documents caller_id_group_id as optional; an account that requires it says so here [I]
            reason = " ".join(error.field_errors["caller_id_group_id"])
            raise ZorioResourceError(
                f"{name or f'campaign {campaign_id}'} could not be started: Zorio requires a caller-ID group to start "
                f"it (caller_id_group_id: {reason}). Set caller_id_group (caller_id_group_id in Python) to an active "
                "group, or keep status: draft"
            ) from error

    def _delete_if_there(self, campaign_id: Any) -> None:
        try:
            self.campaigns.delete(campaign_id)
        except NotFoundError:
            return

    @staticmethod
    def _write(campaign_id: Any, what: str, call: Any) -> Any:
        try:
            return call()
        except ConflictError as error:
            raise ZorioResourceError(f"campaign {campaign_id}: {what} refused: {error.api_message}") from error

    @staticmethod
    def _changed_fields(live: Mapping[str, Any], inputs: Mapping[str, Any]) -> list[str]:
        """The fields whose live value differs from the declared one (status excluded: the plan handles it)."""
        olds = outputs({}, get_kind("campaign").flatten(live))
        return [f for f in diff_resource("campaign", olds, inputs).changed_fields if f != "status"]

    @classmethod
    def _settled_as_created(cls, created: Mapping[str, Any], inputs: Mapping[str, Any]) -> bool:
        """The POST's answer already is what is declared (a draft with the declared values): nothing to walk, so
        no fresh read either. A campaign that must start (or anything else) still plans from a fresh read."""
        status = created.get("status")
        if status != "draft" or cls._changed_fields(created, inputs):
            return False
        plan = plan_campaign_update(str(status), inputs["status"], (), name=f"campaign {inputs.get('name')}")
        return isinstance(plan, StatusPlan) and plan.is_noop

    @staticmethod
    def _refuse_early(inputs: Mapping[str, Any]) -> None:
        """Refuse before any call when even a fresh draft cannot reach the declared status."""
        plan = plan_campaign_update("draft", inputs["status"], (), name=f"campaign {inputs.get('name')}")
        if isinstance(plan, Refusal):
            raise CampaignRefusedError(plan.message)

    # --- undoing a failed create ----------------------------------------------------------------------------
    def _kept_by_a_failed_create(self, inputs: Mapping[str, Any]) -> dict[str, Any] | None:
        """The campaign an earlier failed create of this name stopped and kept (marked in its name), if any."""
        name = inputs.get("name")
        if not name:
            return None
        marked = kept_name(str(name), "")
        return next((campaign for campaign in self.campaigns.list(status="stopped")
                     if str(campaign.get("name", "")).startswith(marked)), None)

    def _take_back(self, kept: Mapping[str, Any], inputs: Mapping[str, Any]) -> dict[str, Any]:
        """Manage the kept campaign instead of creating a second one of the same name, when it can reach the
        declared status (a stopped campaign never dials again, so that is never a dialing step); otherwise ask."""
        plan = plan_campaign_update(kept["status"], inputs["status"], (), name=f"campaign {inputs['name']}")
        if isinstance(plan, Refusal):
            raise CampaignRefusedError(
                f"campaign {inputs['name']}: an earlier create of it failed after it had dialed, and left campaign "
                f"{kept['id']} ({kept['name']!r}, {kept['status']}) in the account for its call history; it cannot "
                f"become {inputs['status']} (a stopped campaign never dials again), and creating another would leave "
                f"two campaigns for one name. Nothing was changed. Delete campaign {kept['id']} in Zorio, or rename "
                "it (it keeps its call history), then run again")
        return self.converge(kept["id"], inputs)  # its declared name is given back with the other fields

    def _mark_kept(self, campaign_id: Any, inputs: Mapping[str, Any]) -> str:
        """Rename the kept campaign so that its name says what it is and the next create recognises it; says how
        it went (a failed rename leaves the next run free to create a second campaign of the name)."""
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        marked = kept_name(str(inputs.get("name") or campaign_id), when)
        try:
            self.campaigns.update(campaign_id, {"name": marked})
        except Exception as error:  # noqa: BLE001 - the campaign is stopped; only the marker is missing
            return (f"could not be renamed to mark it ({error}), so the next run cannot recognise it and will create "
                    "another")
        return (f"renamed {marked!r} (the next run takes it back if it can reach the declared status, or asks "
                "before creating another)")

    def _rolled_back(self, campaign_id: Any, inputs: Mapping[str, Any], error: Exception) -> ZorioResourceError:
        """Undo the campaign this create made: a draft that never dialed is deleted; one that was started is
        stopped (it never dials again) and kept for its call history. The error says which, and what is left."""
        created = f"the campaign {inputs.get('name') or campaign_id} that this step created (id {campaign_id})"
        status = None
        try:
            status = self.campaigns.retrieve(campaign_id, fresh=True)["status"]
            if status == "draft":
                self.delete(campaign_id)
                return ZorioResourceError(f"{error}. {created.capitalize()} had not dialed and was deleted again, "
                                          "so nothing is left behind; fix the cause and run the update again")
            if status in STOPPABLE or status == "stopped":
                if status in STOPPABLE:
                    self._act(campaign_id, Action("stop"))
                return ZorioResourceError(
                    f"{error}. {created.capitalize()} had been started, so it was stopped (it never dials again), "
                    f"{self._mark_kept(campaign_id, inputs)} and kept for its call history. Delete it in Zorio when "
                    "you no longer need it")
            kept = ZorioResourceError(  # completed or archived meanwhile: it dials no more, and is left as it is
                f"{error}. {created.capitalize()} had been started and is {status} (it dials no more); it is kept for "
                "its call history, not managed by the stack. Delete it in Zorio when you no longer need it")
            kept.left_behind = True
            return kept
        except Exception as cleanup:  # noqa: BLE001 - reported to the user with the id to clean up by hand
            dialing = f"It is {status.upper()} and may be dialing: stop it now in Zorio. " if status in STOPPABLE \
                else ""
            failed = ZorioResourceError(
                f"{error}. {created.capitalize()} could not be undone ({cleanup}). {dialing}Then delete it, or take "
                f"it over with adopt_id {campaign_id}, before running again"
            )
            failed.left_behind = True  # the local engine keeps its journal entry: the next run takes it over
            return failed


KEPT_MARK = " (kept after a failed create"
"""What a failed create adds to the name of the campaign it stops and keeps: the next create recognises it."""


_KEPT_SUFFIX_LENGTH = len(f"{KEPT_MARK}, 2026-12-04 16:40 UTC)")


def kept_name(name: str, when: str) -> str:
    """`name (kept after a failed create, WHEN)`, within the API's 255 characters (a long name is shortened, the
    same way for marking and for recognising); `when` "" gives the prefix that recognises it."""
    base = name[: 255 - _KEPT_SUFFIX_LENGTH]
    return f"{base}{KEPT_MARK}" if not when else f"{base}{KEPT_MARK}, {when})"


def not_in_account(campaign_id: Any) -> str:
    """Why an `adopt_id` cannot be taken over: the one wording for the provider and the local engine's plan."""
    return f"cannot adopt campaign {campaign_id}: it does not exist in this Zorio account; check adopt_id"


def _planned(label: str, live: Any, planner: Any, *args: Any, **kwargs: Any) -> Any:
    """The planner's answer; a live status the planner does not know is a clear error, not a traceback."""
    try:
        return planner(*args, **kwargs)
    except ValueError as error:
        raise ZorioResourceError(
            f"{label} is in status {live!r}, which pulumi-zorio does not know ({error}); nothing was changed. "
            "Check the campaign in Zorio, and report the status so that it can be supported"
        ) from error


def _unplanned(name: str, live: str, shown: ShownPlan | None, plan: StatusPlan) -> str:
    """Why a dialing step was refused, and what to do: look at the live status, then decide."""
    would = f"reaching status {plan.desired} would {' and '.join(plan.describe())}"
    if shown is not None and shown.moved_meanwhile:
        return (f"{name} became {live} while this update waited for it (someone paused or stopped it?); {would}, "
                "which DIALS again: nothing more was changed. Check with whoever changed it, then run the update "
                "again (after `pulumi refresh`)")
    recorded = shown.planned_from if shown else "something else"
    return (f"{name} is {live} on the account but the stack records it as {recorded}: {would}, and the plan did "
            "not show that it DIALS. Nothing was changed. Run `pulumi refresh` (or `zorio apply`, which reads the "
            "account first and shows the plan) to review a plan that shows it, or declare the status you want")
