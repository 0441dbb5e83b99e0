"""Provider test fixtures: providers configured for the module's emulator, request-log helpers, audio files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from pulumi_zorio.resources._base import ZorioProvider

P = TypeVar("P", bound=ZorioProvider)


@pytest.fixture
def token(emulator: Any) -> str:
    """An admin token; the emulator's limits are scaled up so matrix tests may start many campaigns."""
    emulator.settings(rate_limit_scale=100)
    return str(emulator.token())


@pytest.fixture
def zorio_config(emulator: Any, token: str) -> dict[str, str]:
    """The stack configuration an engine would pass to `configure()`."""
    return {"zorio:baseUrl": emulator.base_url, "zorio:token": token}


@pytest.fixture
def make_provider(zorio_config: dict[str, str]) -> Callable[[type[P]], P]:
    """A provider of the given class, configured exactly as the engine's host does."""

    def make(cls: type[P]) -> P:
        provider = cls()
        provider.configure(ConfigureRequest(Config(dict(zorio_config), "project")))
        return provider

    return make
