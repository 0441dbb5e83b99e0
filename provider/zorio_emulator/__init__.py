"""A faithful local emulator of the Zorio AutoCall API (api-contract.md), for tests, benchmarks and demos."""

from __future__ import annotations

from zorio_emulator.settings import EmulatorSettings

__all__ = ["EmulatorSettings"]
