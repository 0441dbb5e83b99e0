"""Fixtures for the contract-conformance suite (helpers live in `contract_support.py`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from contract_support import Api, Zorio


@pytest.fixture
def zorio(emulator: Any) -> Iterator[Zorio]:
    """Both tenants' API clients on a freshly reset emulator."""
    handle = Zorio(emulator)
    yield handle
    handle.close()


@pytest.fixture
def api(zorio: Zorio) -> Api:
    """Tenant 1's admin client (all permissions)."""
    return zorio.admin
