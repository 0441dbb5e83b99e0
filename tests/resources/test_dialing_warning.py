"""`pulumi preview` warns, from the program, about every campaign whose declared status dials real people."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import pulumi
import pytest
from pulumi.runtime import set_mocks

import pulumi_zorio as zorio
from .engine import Recorder

DIALS = "DIALS REAL PEOPLE"


def warnings_of(
    program: Callable[[], Any], caplog: pytest.LogCaptureFixture, *, preview: bool, mocks: Recorder | None = None
) -> list[str]:
    """The warnings the program sends to the engine (set_mocks' engine logs them to the root logger)."""
    caplog.clear()
    asyncio.set_event_loop(asyncio.new_event_loop())
    set_mocks(mocks or Recorder(), project="project", stack="stack", preview=preview)
    with caplog.at_level(logging.WARNING):
        pulumi.runtime.test(program)()
    return [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]


def campaign(status: Any) -> Callable[[], None]:
    def program() -> None:
        zorio.Campaign("q3_care", script_id=1, caller_id_group_id=3, status=status)

    return program


@pytest.mark.parametrize("status", ["running", "paused"])
def test_preview_warns_loudly_that_a_running_or_paused_campaign_dials(
    status: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert warnings_of(campaign(status), caplog, preview=True) == [
        f"campaign q3_care: its declared status is {status}, so this campaign DIALS REAL PEOPLE when `pulumi up` "
        "starts or resumes it. Check its status change in this plan: without one, nothing starts or resumes now."
    ]


@pytest.mark.parametrize("status", [None, "draft", "stopped", "archived"])
def test_preview_of_a_campaign_that_does_not_dial_warns_nothing(
    status: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    assert warnings_of(campaign(status), caplog, preview=True) == []


def test_status_from_an_output_warns_once_known(caplog: pytest.LogCaptureFixture) -> None:
    assert [w for w in warnings_of(campaign(pulumi.Output.from_input("running")), caplog, preview=True)
            if DIALS in w] != []
    assert warnings_of(campaign(pulumi.Output.from_input("draft")), caplog, preview=True) == []


class NewInPreview(Recorder):
    """A first preview: new resources have no id yet, so whatever derives from `.id` is unknown."""

    def new_resource(self, args: Any) -> tuple[Any, dict[str, Any]]:
        super().new_resource(args)
        return None, args.inputs


def test_status_unknown_in_preview_warns_that_it_may_dial(caplog: pytest.LogCaptureFixture) -> None:
    def program() -> None:
        script = zorio.Script("reminder", template_text="Hello", voice_id="vi-VN-female-01")
        zorio.Campaign("q3_care", script_id=script.id, status=script.id.apply(lambda _: "running"))

    warned = warnings_of(program, caplog, preview=True, mocks=NewInPreview())
    assert len(warned) == 1 and "status is not known until apply and may be running or paused" in warned[0]
    assert DIALS in warned[0]


def test_apply_does_not_repeat_the_warning(caplog: pytest.LogCaptureFixture) -> None:
    """`pulumi up` previews first (that is where people decide); the apply run stays quiet."""
    assert warnings_of(campaign("running"), caplog, preview=False) == []


@pytest.mark.parametrize("status", ["running", "paused"])
def test_preview_warns_that_a_campaign_starting_without_a_caller_id_group_dials_from_the_default_trunk(
    status: str, caplog: pytest.LogCaptureFixture
) -> None:
    def program() -> None:
        zorio.Campaign("q3_care", script_id=1, status=status)

    warned = warnings_of(program, caplog, preview=True)
    assert warned[1:] == [
        f"campaign q3_care: caller_id_group_id is not set, but status {status} starts the campaign: Zorio then "
        "dials from the default trunk's caller ID (numbers not chosen here), or refuses to start it if the account "
        "requires a group; set caller_id_group_id to choose the numbers people see (or keep status: draft)"
    ]


def test_preview_does_not_warn_about_the_caller_id_group_when_one_is_set_or_the_campaign_does_not_start(
    caplog: pytest.LogCaptureFixture
) -> None:
    def program() -> None:
        zorio.Campaign("drafted", script_id=1)
        zorio.Campaign("grouped", script_id=1, caller_id_group_id=pulumi.Output.from_input(3), status="running")

    assert [w for w in warnings_of(program, caplog, preview=True) if "caller_id_group_id" in w] == []
