"""Data sources against the emulator: caller-ID groups (by name or id, with members), voices, queues, clear errors."""

from __future__ import annotations

from typing import Any

import pytest

import pulumi_zorio as zorio
from pulumi_zorio.resources import ZorioLookupError


@pytest.fixture(autouse=True)
def program_env(monkeypatch: pytest.MonkeyPatch, emulator: Any, token: str) -> None:
    """Outside `pulumi up` there is no stack config, so the ZORIO_* fallbacks apply."""
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", token)


def test_caller_id_group_by_name_has_its_members() -> None:
    group = zorio.get_caller_id_group(name="Group A - Viettel Sales")
    assert group.id == 3 and group.status == "active" and group.rotation_strategy == "round_robin"
    assert group.caller_ids and all(member.number for member in group.caller_ids)


def test_caller_id_group_by_id_matches_by_name() -> None:
    assert zorio.get_caller_id_group(id=3) == zorio.get_caller_id_group(name="Group A - Viettel Sales")


def test_unknown_caller_id_group_names_the_groups_that_exist() -> None:
    with pytest.raises(ZorioLookupError, match=r"no caller-ID group named 'Group Z'; active groups: "
                                                r"'Group A - Viettel Sales' \(id 3\)"):
        zorio.get_caller_id_group(name="Group Z")


def test_disabled_caller_id_group_is_refused_because_it_cannot_dial() -> None:
    with pytest.raises(ZorioLookupError, match="is disabled: a campaign cannot dial from it; active groups"):
        zorio.get_caller_id_group(name="Group B - Mobifone Legacy")


def test_caller_id_group_needs_exactly_one_key() -> None:
    with pytest.raises(ValueError, match="exactly one of name= or id="):
        zorio.get_caller_id_group()


def test_voice_by_id_or_name() -> None:
    assert zorio.get_voice(id="voice_id_premium_02").name == "Roger"
    assert zorio.get_voice(name="Roger").id == "voice_id_premium_02"
    assert zorio.get_voice(id="vi-VN-male-02").gender is None  # a voice may come back with only id and name


def test_unknown_voice_lists_usable_voices() -> None:
    with pytest.raises(ZorioLookupError, match="usable voices: vi-VN-female-01, voice_id_premium_02"):
        zorio.get_voice(id="en-US-1")


def test_queue_by_name_and_unknown_queue_lists_queues() -> None:
    assert zorio.get_queue("support@default") == zorio.Queue("support@default", "Support")
    with pytest.raises(ZorioLookupError, match="queues: support@default, sales@default"):
        zorio.get_queue("billing@default")
