"""Campaign provider against the emulator: every (live → desired) status pair with the exact calls, and refusals."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from pulumi_zorio.client import ZorioClient
from pulumi_zorio.resources import ZorioResourceError
from pulumi_zorio.resources.campaign import CampaignProvider, CampaignRefusedError, UnplannedDialingError
from pulumi_zorio.spec.lifecycle import LIVE_STATUSES, StatusPlan, Update, desired_of, plan_campaign_update
from .support import clear_log, settled_log, writes

GROUP_A = 3  # "Group A - Viettel Sales" in the seed data

REFUSED = "refused"
# (live, desired) -> the write calls the provider makes, in order, or REFUSED (no write at all).
MATRIX: dict[tuple[str, str], list[str] | str] = {
    ("draft", "draft"): [],
    ("draft", "running"): ["start"],
    ("draft", "paused"): ["start", "pause"],
    ("draft", "stopped"): REFUSED,
    ("draft", "archived"): ["archive"],
    ("starting", "draft"): REFUSED,
    ("starting", "running"): [],
    ("starting", "paused"): ["pause"],
    ("starting", "stopped"): ["stop"],
    ("starting", "archived"): ["stop", "archive"],
    ("running", "draft"): REFUSED,
    ("running", "running"): [],
    ("running", "paused"): ["pause"],
    ("running", "stopped"): ["stop"],
    ("running", "archived"): ["stop", "archive"],
    ("paused", "draft"): REFUSED,
    ("paused", "running"): ["resume"],
    ("paused", "paused"): [],
    ("paused", "stopped"): ["stop"],
    ("paused", "archived"): ["stop", "archive"],
    ("stopped", "draft"): REFUSED,
    ("stopped", "running"): REFUSED,
    ("stopped", "paused"): REFUSED,
    ("stopped", "stopped"): [],
    ("stopped", "archived"): ["archive"],
    ("completed", "draft"): REFUSED,
    ("completed", "running"): [],
    ("completed", "paused"): REFUSED,
    ("completed", "stopped"): [],
    ("completed", "archived"): ["archive"],
    # archived from a draft: unarchive shows where it returns to, then the rest is planned from there
    ("archived", "draft"): ["unarchive"],
    ("archived", "running"): ["unarchive", "start"],
    ("archived", "paused"): ["unarchive", "start", "pause"],
    ("archived", "stopped"): ["unarchive", "archive", REFUSED],  # put back, then the draft→stopped refusal
    ("archived", "archived"): [],
}


def refusal_reason(live: str, desired: str) -> str:
    """What the refusal of (live → desired) must tell the user (contract §10, written out by hand)."""
    if desired == "draft":
        return "can never go back to draft"
    if live in ("stopped", "completed"):
        return "can never dial again; create a new campaign"
    assert (live, desired) in {("draft", "stopped"), ("archived", "stopped")}  # archived here was a draft
    return "a draft that has never dialed; stopping it would mean starting it first"


SATISFYING = {"draft": {"draft"}, "running": {"starting", "running", "completed"}, "paused": {"paused"},
              "stopped": {"stopped", "completed"}, "archived": {"archived"}}
"""Live statuses that satisfy each desired one (starting: the engine gets it running by itself)."""


@pytest.fixture
def provider(make_provider: Any) -> CampaignProvider:
    return make_provider(CampaignProvider)


@pytest.fixture
def script_id(provider: CampaignProvider) -> int:
    script = provider.client.scripts.create(
        {"name": "s", "template_text": "Hello", "voice_id": "vi-VN-female-01", "status": "active"}
    )
    return int(script["id"])


def inputs_for(provider: CampaignProvider, script_id: int, status: str, **extra: Any) -> dict[str, Any]:
    checked = provider.check({}, {"name": "q3", "script_id": float(script_id), "caller_id_group_id": GROUP_A,
                                  "status": status, **extra})
    assert not checked.failures, [(f.property, f.reason) for f in checked.failures]
    return checked.inputs


def drive_to(emulator: Any, client: ZorioClient, campaign_id: int, live: str) -> None:
    """Put a draft campaign into `live` with the public API and the emulator's control calls."""
    campaigns = client.campaigns
    if live == "archived":
        campaigns.archive(campaign_id)
    if live in ("draft", "archived"):
        return
    if live == "starting":
        emulator.settings(start_delay_s=1.5)
    campaigns.start(campaign_id)
    if live == "starting":
        return
    campaigns.wait_for_status(campaign_id, {"running"}, timeout=5, interval=0.05)
    if live == "paused":
        campaigns.pause(campaign_id)
    elif live == "stopped":
        campaigns.stop(campaign_id)
    elif live == "completed":
        assert emulator.control("POST", f"campaigns/{campaign_id}/status", {"status": "completed"}).ok


def live_campaign(emulator: Any, provider: CampaignProvider, script_id: int, live: str) -> tuple[str, dict[str, Any]]:
    """A campaign created by the provider as a draft, then driven to `live`; returns its id and outputs."""
    created = provider.create(inputs_for(provider, script_id, "draft"))
    drive_to(emulator, provider.client, int(created.id), live)
    outs = {**created.outs, "status": provider.client.campaigns.retrieve(created.id, fresh=True)["status"]}
    assert outs["status"] == live
    clear_log(emulator)
    return created.id, outs


def verbs(emulator: Any, campaign_id: str) -> list[str]:
    """The provider's writes as verbs: `start`, `pause`, ..., `update` for a PUT, `delete`."""
    out = []
    for method, path in writes(emulator):
        assert f"/campaigns/{campaign_id}" in path
        out.append({"PUT": "update", "DELETE": "delete"}.get(method, path.rsplit("/", 1)[-1]))
    return out


@pytest.mark.parametrize(("live", "desired"), sorted(MATRIX))
def test_status_change_makes_exactly_the_planned_calls_from_each_live_status(
    emulator: Any, provider: CampaignProvider, script_id: int, live: str, desired: str
) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, live)
    expected = MATRIX[(live, desired)]
    news = inputs_for(provider, script_id, desired)
    if expected == REFUSED or REFUSED in expected:
        with pytest.raises(CampaignRefusedError) as refused:
            provider.update(campaign_id, outs, news)
        assert "campaign q3" in str(refused.value)
        assert refusal_reason(live, desired) in str(refused.value)
        assert verbs(emulator, campaign_id) == [v for v in (expected if expected != REFUSED else []) if v != REFUSED]
        return
    result = provider.update(campaign_id, outs, news)
    assert verbs(emulator, campaign_id) == expected
    assert provider.diff(campaign_id, result.outs, news).changes is False
    live_now = provider.client.campaigns.retrieve(campaign_id, fresh=True)["status"]
    assert live_now == result.outs["status"]
    assert live_now in SATISFYING[desired]


def test_refusal_explains_a_stopped_campaign_cannot_run_again(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, "stopped")
    with pytest.raises(CampaignRefusedError, match="can never dial again; create a new campaign"):
        provider.update(campaign_id, outs, inputs_for(provider, script_id, "running"))
    assert writes(emulator) == []


def test_field_forbidden_while_running_is_applied_as_pause_update_resume(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, "running")
    news = inputs_for(provider, script_id, "running", max_retries=5)
    result = provider.update(campaign_id, outs, news)
    assert verbs(emulator, campaign_id) == ["pause", "update", "resume"]
    assert result.outs["max_retries"] == 5 and result.outs["status"] == "running"


def test_field_allowed_while_running_is_a_single_put(emulator: Any, provider: CampaignProvider, script_id: int) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, "running")
    provider.update(campaign_id, outs, inputs_for(provider, script_id, "running", max_concurrent=20))
    assert verbs(emulator, campaign_id) == ["update"]


def test_settings_change_on_stopped_campaign_is_refused_without_writes(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, "stopped")
    with pytest.raises(CampaignRefusedError, match="only name and description can change"):
        provider.update(campaign_id, outs, inputs_for(provider, script_id, "stopped", max_retries=5))
    assert writes(emulator) == []


def test_create_running_starts_only_because_desired_says_so(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    clear_log(emulator)
    draft = provider.create(inputs_for(provider, script_id, "draft"))
    assert [m for m, _ in writes(emulator)] == ["POST"] and draft.outs["status"] == "draft"
    clear_log(emulator)
    running = provider.create(inputs_for(provider, script_id, "running"))
    assert [p.rsplit("/", 1)[-1] for _, p in writes(emulator)] == ["campaigns", "start"]
    assert running.outs["status"] == "running"


def test_a_draft_campaign_costs_one_request_and_one_that_starts_reads_before_it_starts(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    clear_log(emulator)
    draft = provider.create(inputs_for(provider, script_id, "draft"))
    calls = [(e["method"], e["path"].split("?")[0]) for e in settled_log(emulator) if e["path"].startswith("/api/")]
    # the POST, after the one listing that looks for a campaign kept by an earlier failed create: no read after it
    assert calls == [("GET", "/api/autocall/campaigns"), ("POST", "/api/autocall/campaigns")]
    assert draft.outs == {**draft.outs, "status": "draft", "name": "q3", "script_id": script_id}
    assert provider.read(draft.id, draft.outs).outs == draft.outs  # what a read would have recorded
    clear_log(emulator)
    provider.create(inputs_for(provider, script_id, "running"))
    gets = [e["path"] for e in settled_log(emulator) if e["method"] == "GET" and "/campaigns/" in e["path"]]
    assert gets  # the start is planned from a fresh read


def test_create_with_unreachable_status_is_refused_before_any_call(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    clear_log(emulator)
    with pytest.raises(CampaignRefusedError, match="never dialed"):
        provider.create(inputs_for(provider, script_id, "stopped"))
    assert settled_log(emulator) == []


@pytest.mark.parametrize(("live", "expected"), [("running", ["stop", "delete"]), ("paused", ["stop", "delete"]),
                                                ("draft", ["delete"]), ("completed", ["delete"])])
def test_destroy_stops_then_deletes(
    emulator: Any, provider: CampaignProvider, script_id: int, live: str, expected: list[str]
) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, live)
    provider.delete(campaign_id, outs)
    assert verbs(emulator, campaign_id) == expected, emulator.requests_log()
    assert provider.read(campaign_id, outs).id is None


def test_completed_campaign_satisfies_running_with_no_diff(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, "completed")
    refreshed = provider.read(campaign_id, outs)
    assert refreshed.outs["status"] == "completed"
    assert provider.diff(campaign_id, refreshed.outs, inputs_for(provider, script_id, "running")).changes is False


def test_wait_through_starting_ends_running(emulator: Any, provider: CampaignProvider, script_id: int) -> None:
    emulator.settings(start_delay_s=0.8)
    began = time.monotonic()
    result = provider.create(inputs_for(provider, script_id, "paused"))
    assert result.outs["status"] == "paused" and time.monotonic() - began >= 0.7


def test_adoption_takes_over_a_running_campaign_without_creating_one(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    existing = provider.client.campaigns.create({"name": "legacy", "script_id": script_id,
                                                  "caller_id_group_id": GROUP_A})
    drive_to(emulator, provider.client, existing["id"], "running")
    clear_log(emulator)
    adopted = provider.create(inputs_for(provider, script_id, "paused", adopt_id=float(existing["id"]),
                                         max_concurrent=20))
    assert adopted.id == str(existing["id"]) and adopted.outs["status"] == "paused"
    assert verbs(emulator, adopted.id) == ["update", "pause"]
    assert adopted.outs["name"] == "q3" and adopted.outs["max_concurrent"] == 20


def test_out_of_band_pause_shows_on_refresh_and_next_apply_resumes(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, "running")
    provider.client.campaigns.pause(campaign_id)
    refreshed = provider.read(campaign_id, outs)
    assert refreshed.outs["status"] == "paused"
    news = inputs_for(provider, script_id, "running")
    assert provider.diff(campaign_id, refreshed.outs, news).changes is True
    clear_log(emulator)
    assert provider.update(campaign_id, refreshed.outs, news).outs["status"] == "running"
    assert verbs(emulator, campaign_id) == ["resume"]


def test_edit_of_a_campaign_paused_out_of_band_never_resumes_it_unannounced(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    """`pulumi up` without a refresh plans from the recorded `running`: no dialing shown, so none may happen."""
    campaign_id, outs = live_campaign(emulator, provider, script_id, "running")
    provider.client.campaigns.pause(campaign_id)  # an emergency pause in the admin console
    clear_log(emulator)
    news = inputs_for(provider, script_id, "running", max_concurrent=6)
    with pytest.raises(UnplannedDialingError) as refused:
        provider.update(campaign_id, outs, news)
    message = str(refused.value)
    assert "is paused on the account but the stack records it as running" in message
    assert "resume" in message and "Nothing was changed" in message and "pulumi refresh" in message
    assert writes(emulator) == []
    assert provider.client.campaigns.retrieve(campaign_id, fresh=True)["status"] == "paused"
    refreshed = provider.read(campaign_id, outs).outs  # after a refresh the plan shows the resume: allowed
    provider.update(campaign_id, refreshed, news)
    assert verbs(emulator, campaign_id) == ["update", "resume"]


def test_campaign_moved_by_someone_while_an_update_waits_is_not_dialed_again(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, "starting")  # the engine takes 1.5 s
    news = inputs_for(provider, script_id, "running", max_concurrent=4)  # allowed while starting: update, wait
    timer = threading.Timer(0.3, lambda: emulator.control("POST", f"campaigns/{campaign_id}/status",
                                                          {"status": "paused"}))  # an operator's emergency pause
    timer.start()
    try:
        with pytest.raises(UnplannedDialingError, match="became paused while this update waited for it"):
            provider.update(campaign_id, outs, news)
    finally:
        timer.join()
    assert verbs(emulator, campaign_id) == ["update"]  # no resume
    assert provider.client.campaigns.retrieve(campaign_id, fresh=True)["status"] == "paused"


def test_edit_of_a_running_campaign_with_drifted_settings_pauses_updates_and_resumes(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    """It dials before and after: applying a drifted field through pause → update → resume starts nothing new."""
    campaign_id, outs = live_campaign(emulator, provider, script_id, "running")
    campaigns = provider.client.campaigns
    campaigns.pause(campaign_id)
    campaigns.update(campaign_id, {"max_retries": 9})  # changed in the admin console
    campaigns.resume(campaign_id)
    clear_log(emulator)
    provider.update(campaign_id, outs, inputs_for(provider, script_id, "running", description="new text"))
    assert verbs(emulator, campaign_id) == ["pause", "update", "resume"]
    assert campaigns.retrieve(campaign_id, fresh=True)["max_retries"] == 3


def test_create_that_fails_after_the_post_removes_its_campaign_so_a_retry_makes_exactly_one(
    emulator: Any, provider: CampaignProvider, script_id: int, token: str
) -> None:
    rule = {"method": "POST", "path": "/api/autocall/campaigns/*/start", "status": 403, "times": 100}  # no permission
    assert emulator.control("POST", "faults", rule).status_code == 201
    with pytest.raises(ZorioResourceError) as failed:
        provider.create(inputs_for(provider, script_id, "running"))
    assert "had not dialed and was deleted again, so nothing is left behind" in str(failed.value)
    assert list(provider.client.campaigns.list()) == []
    assert emulator.control("DELETE", "faults").status_code == 204
    created = provider.create(inputs_for(provider, script_id, "running"))
    assert [c["id"] for c in list(provider.client.campaigns.list())] == [int(created.id)]


def test_a_campaign_kept_by_a_failed_create_is_recognised_so_the_next_run_asks_instead_of_making_a_second(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    """Created as paused, the pause fails for good: the campaign has dialed, so it is stopped and kept, with a name
    that says so. The next run cannot make it paused (stopped is final) and says so instead of creating another;
    declared archived, the next run takes it back (its name again) rather than creating a second campaign."""
    rule = {"method": "POST", "path": "/api/autocall/campaigns/*/pause", "status": 403, "times": 100}
    assert emulator.control("POST", "faults", rule).status_code == 201
    with pytest.raises(ZorioResourceError) as failed:
        provider.create(inputs_for(provider, script_id, "paused"))
    [kept] = provider.client.campaigns.list()
    assert kept["status"] == "stopped"
    assert kept["name"].startswith("q3 (kept after a failed create, ") and kept["name"].endswith(" UTC)")
    assert f"renamed {kept['name']!r} (the next run takes it back" in str(failed.value)
    assert emulator.control("DELETE", "faults").status_code == 204

    clear_log(emulator)
    with pytest.raises(CampaignRefusedError) as asked:
        provider.create(inputs_for(provider, script_id, "paused"))
    assert str(asked.value) == (
        f"campaign q3: an earlier create of it failed after it had dialed, and left campaign {kept['id']} "
        f"({kept['name']!r}, stopped) in the account for its call history; it cannot become paused (a stopped "
        "campaign never dials again), and creating another would leave two campaigns for one name. Nothing was "
        f"changed. Delete campaign {kept['id']} in Zorio, or rename it (it keeps its call history), then run again")
    assert writes(emulator) == []

    taken_back = provider.create(inputs_for(provider, script_id, "archived"))
    assert taken_back.id == str(kept["id"])
    assert [(c["name"], c["status"]) for c in provider.client.campaigns.list()] == [("q3", "archived")]


def test_diff_reports_an_unreachable_status_and_the_update_refuses_it_before_any_write(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    """Diff runs on refresh too (Pulumi >= 3.120): it must report, never raise; the update is what refuses."""
    campaign_id, outs = live_campaign(emulator, provider, script_id, "stopped")
    news = inputs_for(provider, script_id, "running")
    assert provider.diff(campaign_id, outs, news).changes is True
    with pytest.raises(CampaignRefusedError, match="can never dial again"):
        provider.update(campaign_id, outs, news)
    assert provider.diff(campaign_id, outs, inputs_for(provider, script_id, "archived")).changes is True
    assert writes(emulator) == []


@pytest.mark.parametrize(("field", "value"), [
    ("name", "q3 renamed"), ("description", "care calls"), ("caller_id_group_id", None), ("max_retries", 5.0),
    ("retry_interval_minutes", 30.0), ("retry_only_when", "any"), ("max_concurrent", 50.0),
    ("originate_timeout", 60.0), ("write_to_main_cdr", True), ("start_at", "2026-06-25T15:00:00+07:00"),
    ("end_at", "2026-06-30T17:00:00Z"),
])
def test_every_campaign_field_updates_in_place_never_replaces(
    emulator: Any, provider: CampaignProvider, script_id: int, field: str, value: Any
) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, "draft")
    news = inputs_for(provider, script_id, "draft", **{field: value})
    if value is None:
        news.pop(field, None)
    diff = provider.diff(campaign_id, outs, news)
    assert diff.changes is True and diff.replaces == []
    result = provider.update(campaign_id, outs, news)
    assert verbs(emulator, campaign_id) == ["update"]
    assert provider.diff(campaign_id, result.outs, news).changes is False


def configured_with(zorio_config: dict[str, str], **settings: str) -> CampaignProvider:
    provider = CampaignProvider()
    provider.configure(ConfigureRequest(Config({**zorio_config, **settings}, "project")))
    return provider


def test_wait_timeout_error_names_the_campaign_its_status_and_the_setting_to_raise(
    emulator: Any, zorio_config: dict[str, str], script_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZORIO_CAMPAIGN_WAIT_TIMEOUT", "60")  # the stack setting wins over the environment
    provider = configured_with(zorio_config, **{"zorio:campaignWaitTimeout": "0.4"})
    emulator.settings(start_delay_s=5)
    began = time.monotonic()
    with pytest.raises(ZorioResourceError) as error:
        provider.create(inputs_for(provider, script_id, "paused"))  # pausing needs it running first
    assert time.monotonic() - began < 3
    message = str(error.value)
    assert message.startswith("campaign q3 (") and "is still starting 0.4 s after it was started" in message
    assert "raise zorio:campaignWaitTimeout (or ZORIO_CAMPAIGN_WAIT_TIMEOUT), now 0.4 s" in message
    assert "had been started, so it was stopped (it never dials again), renamed 'q3 (kept after a failed create, " \
        in message and "and kept for its call history" in message
    assert [c["status"] for c in provider.client.campaigns.list()] == ["stopped"]  # never left dialing


def test_slow_engine_leaves_a_campaign_declared_running_recorded_as_starting_with_no_diff(
    emulator: Any, zorio_config: dict[str, str], script_id: int
) -> None:
    provider = configured_with(zorio_config, **{"zorio:campaignWaitTimeout": "0.3"})
    emulator.settings(start_delay_s=5)
    news = inputs_for(provider, script_id, "running")
    created = provider.create(news)
    assert created.outs["status"] == "starting"  # the engine gets it running by itself
    assert provider.diff(created.id, created.outs, news).changes is False
    assert len(list(provider.client.campaigns.list())) == 1


def test_wait_timeout_comes_from_the_environment_when_the_stack_does_not_set_it(
    emulator: Any, zorio_config: dict[str, str], script_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZORIO_CAMPAIGN_WAIT_TIMEOUT", "0.3")
    provider = configured_with(zorio_config)
    emulator.settings(start_delay_s=5)
    with pytest.raises(ZorioResourceError, match="is still starting 0.3 s after"):
        provider.create(inputs_for(provider, script_id, "paused"))
    emulator.settings(start_delay_s=0.3)
    monkeypatch.setenv("ZORIO_CAMPAIGN_WAIT_TIMEOUT", "10")
    second = inputs_for(provider, script_id, "paused", name="q3 retry")  # the kept one holds "q3"
    assert configured_with(zorio_config).create(second).outs["status"] == "paused"
    assert [c["status"] for c in provider.client.campaigns.list()] == ["stopped", "paused"]  # the first never dials


@pytest.mark.parametrize("value", ["soon", "0", "-5", "nan"])
def test_bad_wait_timeout_is_refused_before_any_write(
    emulator: Any, zorio_config: dict[str, str], script_id: int, value: str
) -> None:
    provider = configured_with(zorio_config, **{"zorio:campaignWaitTimeout": value})
    clear_log(emulator)
    with pytest.raises(ZorioResourceError, match=f"zorio:campaignWaitTimeout must be a number of seconds .*{value!r}"):
        provider.create(inputs_for(provider, script_id, "running"))
    assert writes(emulator) == []


def test_archived_campaign_whose_settings_no_return_status_allows_is_refused_before_unarchiving(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, "archived")
    news = inputs_for(provider, script_id, "stopped", max_retries=5)
    assert provider.diff(campaign_id, outs, news).changes is True  # diff reports; the update refuses
    with pytest.raises(CampaignRefusedError, match="from none of them can it become stopped with max_retries"):
        provider.update(campaign_id, outs, news)
    assert writes(emulator) == []  # before: unarchive, refuse, archive again
    assert provider.client.campaigns.retrieve(campaign_id, fresh=True)["status"] == "archived"


# --- campaign safety under the engine's real order of calls (issue: refresh, resume, failed updates) ------------


def test_settings_edit_of_a_campaign_paused_in_the_console_never_resumes_it(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    """Recorded running, paused in the console, then a PR changes max_retries (pause → update → resume from the
    recorded status): that resume was the provider's own, not an announced one, so it must not dial now."""
    campaign_id, outs = live_campaign(emulator, provider, script_id, "running")
    provider.client.campaigns.pause(campaign_id)
    clear_log(emulator)
    with pytest.raises(UnplannedDialingError, match="is paused on the account but the stack records it as running"):
        provider.update(campaign_id, outs, inputs_for(provider, script_id, "running", max_retries=6))
    assert writes(emulator) == []
    assert provider.client.campaigns.retrieve(campaign_id, fresh=True)["status"] == "paused"


def test_failed_update_of_a_running_campaign_resumes_it_and_says_so(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, "running")
    draft = provider.client.scripts.create({"name": "d", "template_text": "Hi", "voice_id": "vi-VN-female-01"})
    clear_log(emulator)
    with pytest.raises(ZorioResourceError) as failed:  # a draft script: the PUT answers 422 after the pause
        provider.update(campaign_id, outs, inputs_for(provider, int(draft["id"]), "running"))
    message = str(failed.value)
    assert "script" in message and "was paused to apply this change" in message and "it was resumed" in message
    assert verbs(emulator, campaign_id) == ["pause", "update", "resume"]
    assert provider.client.campaigns.retrieve(campaign_id, fresh=True)["status"] == "running"


def test_failed_update_whose_resume_fails_too_says_the_campaign_was_left_paused(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, "running")
    # Answers that are never retried, so the test does not wait through the back-off of 5xx retries.
    rule = {"method": "PUT", "path": f"/api/autocall/campaigns/{campaign_id}", "status": 422, "times": 100}
    assert emulator.control("POST", "faults", rule).status_code == 201
    rule = {"method": "POST", "path": f"/api/autocall/campaigns/{campaign_id}/resume", "status": 409, "times": 100}
    assert emulator.control("POST", "faults", rule).status_code == 201
    with pytest.raises(ZorioResourceError) as failed:
        provider.update(campaign_id, outs, inputs_for(provider, script_id, "running", max_retries=6))
    message = str(failed.value)
    assert "the campaign was left PAUSED (not dialing)" in message and "pulumi refresh" in message
    assert provider.client.campaigns.retrieve(campaign_id, fresh=True)["status"] == "paused"


def test_recorded_status_that_cannot_reach_the_declared_one_is_refused_cleanly_from_an_archived_campaign(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    """Recorded stopped, declared paused (a refusal as planned), live archived: a clear refusal, no crash."""
    campaign_id, outs = live_campaign(emulator, provider, script_id, "archived")
    recorded_stopped = {**outs, "status": "stopped"}
    with pytest.raises(UnplannedDialingError, match="is archived on the account but the stack records it as stopped"):
        provider.update(campaign_id, recorded_stopped, inputs_for(provider, script_id, "paused"))
    assert writes(emulator) == []


def test_update_applied_but_resume_failing_says_the_change_was_made_and_the_campaign_is_paused(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    campaign_id, outs = live_campaign(emulator, provider, script_id, "running")
    rule = {"method": "POST", "path": f"/api/autocall/campaigns/{campaign_id}/resume", "status": 409, "times": 100}
    assert emulator.control("POST", "faults", rule).status_code == 201
    with pytest.raises(ZorioResourceError) as failed:
        provider.update(campaign_id, outs, inputs_for(provider, script_id, "running", max_retries=6))
    assert "was applied while it was paused, but resuming it failed: it is left PAUSED" in str(failed.value)
    assert provider.client.campaigns.retrieve(campaign_id, fresh=True)["max_retries"] == 6


def test_refreshed_inputs_of_a_completed_campaign_hold_the_status_it_satisfies(
    emulator: Any, provider: CampaignProvider, script_id: int
) -> None:
    """ignore_changes=["status"] feeds refreshed inputs back to check: `completed` is not a declarable status."""
    campaign_id, outs = live_campaign(emulator, provider, script_id, "completed")
    read = provider.read(campaign_id, outs)
    assert read.outs["status"] == "completed" and read.inputs["status"] == "running"
    assert provider.check({}, read.inputs).failures == []


@pytest.mark.parametrize("live", LIVE_STATUSES)
def test_fields_the_planner_updates_in_place_are_exactly_those_the_api_accepts_in_each_status(
    emulator: Any, provider: CampaignProvider, script_id: int, live: str
) -> None:
    """A field the planner PUTs in the live status must be accepted by the API there (else the apply fails with
    409); a field it plans around (pause first, unarchive, refuse) must be one the API refuses in that status."""
    client = provider.client
    other_script = client.scripts.create({"name": "s2", "template_text": "Hi", "voice_id": "vi-VN-female-01",
                                          "status": "active"})["id"]
    other_group = emulator.control("POST", "caller-id-groups", {"name": "Group C", "status": "active"}).json()["data"]
    changes = {"name": "q4", "description": "new", "script_id": other_script, "caller_id_group_id": other_group["id"],
               "max_retries": 5, "retry_interval_minutes": 30, "retry_only_when": "busy", "max_concurrent": 20,
               "originate_timeout": 60, "write_to_main_cdr": True, "start_at": "2031-01-01T00:00:00Z",
               "end_at": "2031-02-01T00:00:00Z"}
    emulator.settings(start_delay_s=3600)  # `starting` stays starting while the test runs
    api = emulator.api()
    accepted, planned_in_place = set(), set()
    for field, value in changes.items():
        campaign = client.campaigns.create({"name": "q3", "script_id": script_id, "caller_id_group_id": GROUP_A})
        assert emulator.control("POST", f"campaigns/{campaign['id']}/status", {"status": live}).ok
        if api.put(f"{emulator.base_url}/api/autocall/campaigns/{campaign['id']}", json={field: value}).ok:
            accepted.add(field)
        plan = plan_campaign_update(live, desired_of(live), [field])
        if isinstance(plan, StatusPlan) and plan.steps[0] == Update((field,)):  # the PUT goes first, in `live`
            planned_in_place.add(field)
    assert planned_in_place == accepted
    assert accepted  # name and description change in every status
