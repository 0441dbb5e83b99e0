"""The create key a resource declared under the Pulumi engine carries to its provider (resources/_create_key.py):
the same on every run of the same declaration, different for anything else, kept through the `__provider` pickle,
absent under the mock runtime, and invisible to diff (a stack whose state predates keys plans no change)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import dill
import pulumi
import pytest
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime.settings import SETTINGS

from pulumi_zorio.resources import ScriptProvider
from pulumi_zorio.resources._create_key import create_key


@pytest.fixture
def real_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Settings as a program run by `pulumi up` has them (a monitor that is not the mock one)."""
    monkeypatch.setattr(SETTINGS, "monitor", object())
    monkeypatch.setattr(SETTINGS, "organization", "organization")
    monkeypatch.setattr(SETTINGS, "project", "zorio")
    monkeypatch.setattr(SETTINGS, "stack", "prod")
    yield


class Parent:
    def __init__(self, type_: str, name: str) -> None:
        self._type, self._name = type_, name


def test_the_key_names_the_declaration_and_nothing_else(real_engine: None, monkeypatch: pytest.MonkeyPatch) -> None:
    key = create_key("script", "reminder", None)
    assert key is not None and key == create_key("script", "reminder", None) and len(key) <= 255
    others = {create_key("script", "goodbye", None), create_key("campaign", "reminder", None),
              create_key("script", "reminder", Parent("my:Component", "a"))}  # type: ignore[arg-type]
    monkeypatch.setattr(SETTINGS, "stack", "staging")
    others.add(create_key("script", "reminder", None))
    monkeypatch.setattr(SETTINGS, "project", "other")
    others.add(create_key("script", "reminder", None))
    assert key not in others and len(others) == 5


def test_no_key_under_the_mock_runtime() -> None:
    pulumi.runtime.set_mocks(_NoMocks(), project="project", stack="stack")
    assert create_key("script", "reminder", None) is None


def test_the_key_survives_the_provider_pickle_and_nothing_else_does(real_engine: None) -> None:
    provider = ScriptProvider()
    provider.create_key = create_key("script", "reminder", None)
    provider._settings = {"base_url": "http://zorio.invalid"}
    restored = dill.loads(base64.b64decode(serialize_provider(provider)))
    assert restored.create_key == provider.create_key and restored._settings == {}


def test_a_state_without_the_key_diffs_as_unchanged() -> None:
    declared = {"name": "reminder", "template_text": "Hello", "voice_id": "vi-VN-female-01", "status": "active"}
    keyed = ScriptProvider()
    keyed.create_key = "pulumi-zorio-create-x"
    old = {**declared, "__provider": serialize_provider(ScriptProvider())}
    new = {**declared, "__provider": serialize_provider(keyed)}
    assert old["__provider"] != new["__provider"]
    assert not ScriptProvider().diff("1", old, new).changes


class _NoMocks(pulumi.runtime.Mocks):
    def new_resource(self, args: Any) -> tuple[str, dict[str, Any]]:
        return "id", {}

    def call(self, args: Any) -> tuple[dict[str, Any], None]:
        return {}, None
