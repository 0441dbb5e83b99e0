"""Provider test fixtures: providers configured exactly as the engine's host configures them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from pulumi_zorio.resources._base import ZorioProvider

P = TypeVar("P", bound=ZorioProvider)


@pytest.fixture
def make_provider(zorio_config: dict[str, str]) -> Callable[[type[P]], P]:
    """A provider of the given class, configured exactly as the engine's host does."""

    def make(cls: type[P]) -> P:
        provider = cls()
        provider.configure(ConfigureRequest(Config(dict(zorio_config), "project")))
        return provider

    return make
