"""Campaigns: CRUD, the status actions, and waiting for a status with a deadline (api-contract.md section 10)."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterator
from typing import Any

from pulumi_zorio.client._service import Obj, ResourceService, data_of
from pulumi_zorio.client._transport import Call
from pulumi_zorio.client.errors import WaitTimeoutError
from pulumi_zorio.spec.lifecycle import settles_after


class CampaignsService(ResourceService, spec_kind="campaign"):
    """`/api/autocall/campaigns`. A lost create is recognised by its name plus the fields it sent,
    among campaigns created since the first attempt began."""

    def __init__(self, *args: Any, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clock, self._sleep = clock, sleep

    def list(self, status: str | None = None, **filters: Any) -> Iterator[Obj]:
        """Every campaign, optionally only those in one `status`."""
        return super().list(status=status, **filters)

    # --- status actions (POST, empty body) -----------------------------------------------------
    def start(self, campaign_id: int | str) -> Obj:
        """draft → starting; the engine moves it to running a moment later (see `wait_for_status`)."""
        return self._action(campaign_id, "start")

    def pause(self, campaign_id: int | str) -> Obj:
        """running → paused."""
        return self._action(campaign_id, "pause")

    def resume(self, campaign_id: int | str) -> Obj:
        """paused → running."""
        return self._action(campaign_id, "resume")

    def stop(self, campaign_id: int | str) -> Obj:
        """starting/running/paused → stopped (final: a stopped campaign never dials again)."""
        return self._action(campaign_id, "stop")

    def archive(self, campaign_id: int | str) -> Obj:
        """draft/stopped/completed → archived."""
        return self._action(campaign_id, "archive")

    def unarchive(self, campaign_id: int | str) -> Obj:
        """archived → the status it had before archiving."""
        return self._action(campaign_id, "unarchive")

    def _action(self, campaign_id: int | str, verb: str) -> Obj:
        """POST the action. After an ambiguous failure, a campaign already in the action's result
        status means the lost attempt took effect: that is returned instead of a second POST (which
        would answer 409 where idempotency keys are not honoured)."""
        call = Call("POST", f"{self._item_path(campaign_id)}/{verb}",
                    recover=lambda: self._already_done(campaign_id, verb))
        try:
            return data_of(self._transport.call(call))
        finally:
            self._written(campaign_id)

    def _already_done(self, campaign_id: int | str, verb: str) -> Obj | None:
        campaign = self.retrieve(campaign_id, fresh=True)
        expected = settles_after(verb)
        status = campaign.get("status")
        done = status != "archived" if expected is None else status in expected
        return {"data": campaign} if done else None

    # --- waiting -------------------------------------------------------------------------------
    def wait_for_status(
        self,
        campaign_id: int | str,
        statuses: Collection[str],
        timeout: float = 60.0,
        interval: float = 1.0,
        max_interval: float = 5.0,
    ) -> Obj:
        """Poll (fresh reads) until the campaign's status is one of `statuses`; return the campaign.

        Raises WaitTimeoutError after `timeout` seconds, naming the last status seen. The limits are
        explicit because `starting` becomes `running` asynchronously, at the engine's pace. The pause
        between polls starts at `interval` and grows by half each time up to `max_interval`, so several
        waits at once do not eat the account's 120 requests a minute.
        """
        wanted = set(statuses)
        deadline = self._clock() + timeout
        while True:
            campaign = self.retrieve(campaign_id, fresh=True)
            status = campaign.get("status")
            if status in wanted:
                return campaign
            remaining = deadline - self._clock()
            if remaining <= 0:
                raise WaitTimeoutError(
                    f"campaign {campaign_id} is still {status!r} after {timeout:g} s; "
                    f"expected {' or '.join(sorted(wanted))}",
                    last_seen=status if isinstance(status, str) else None,
                )
            self._sleep(min(interval, remaining))
            interval = max(interval, min(interval * 1.5, max_interval))
