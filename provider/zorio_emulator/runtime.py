"""Everything one emulator instance holds: settings, database, backend, faults, rate limiter, request log."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

from zorio_emulator import clock, seed, variants
from zorio_emulator.backend import Backend
from zorio_emulator.faults import FaultRules
from zorio_emulator.idempotency import IdempotencyStore
from zorio_emulator.ratelimit import RateLimiter
from zorio_emulator.settings import MUTABLE_SETTINGS, EmulatorSettings
from zorio_emulator.store import Store
from zorio_emulator.validation import Validator


MAX_RATE_LIMIT_SCALE = 1_000_000
MAX_CLOCK_ADVANCE_S = 30 * 86400


class Runtime:
    """The state behind one app; `reset()` re-initialises it (moto style)."""

    def __init__(self, settings: EmulatorSettings) -> None:
        self.startup_settings = dataclasses.replace(settings)
        self.settings = settings
        self.store = Store(settings.db)
        seed.ensure_seeded(self.store)
        self.backend = Backend(self.store, self.settings)
        self.idempotency = IdempotencyStore(self.store)
        self.faults = FaultRules()
        self.limiter = RateLimiter(lambda: self.settings)
        self._log_lock = threading.Lock()
        self.request_log: list[dict[str, Any]] = []

    def reset(self) -> None:
        """POST /_emulator/reset: wipe everything, load the seed data, restore the startup settings."""
        for name in MUTABLE_SETTINGS:
            setattr(self.settings, name, getattr(self.startup_settings, name))
        with self.store.tx():
            self.store.wipe()
            seed.load(self.store)
        self.faults.clear()
        self.limiter.reset()
        self.clear_log()
        clock.back_to_wall_clock()

    def patch_settings(self, body: dict[str, Any]) -> dict[str, Any]:
        """PATCH /_emulator/settings: change the mutable settings until the next reset."""
        check = Validator(body)
        for name in ("start_delay_s", "rate_limit_window_s"):
            value = body.get(name, 0)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or value > 86400:
                check.fail(name, f"The {name.replace('_', ' ')} must be a number between 0 and 86400.")
        scale = body.get("rate_limit_scale", 1)
        if scale is not None and (isinstance(scale, bool) or not isinstance(scale, (int, float))
                                  or not 0 < scale <= MAX_RATE_LIMIT_SCALE):
            check.fail("rate_limit_scale", f"The rate limit scale must be a number above 0 and at most {MAX_RATE_LIMIT_SCALE}, or null.")
        if body.get("rate_limit_window_s", 1) == 0:
            check.fail("rate_limit_window_s", "The rate limit window s must be greater than 0.")
        chosen = self._variants(check, body.get("variants", []))
        check.raise_if_failed()
        for name in MUTABLE_SETTINGS:
            if name in body:
                value = body[name]
                setattr(self.settings, name, chosen if name == "variants" else None if value is None else float(value))
        return self.settings.to_json()

    @staticmethod
    def advance_clock(body: dict[str, Any]) -> dict[str, Any]:
        """POST /_emulator/clock: move the emulator's time forward by `advance_s` seconds (at most 30 days)."""
        check = Validator(body)
        seconds = body.get("advance_s")
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 < seconds <= MAX_CLOCK_ADVANCE_S:
            check.fail("advance_s", f"The advance s must be a number above 0 and at most {MAX_CLOCK_ADVANCE_S}.")
        check.raise_if_failed()
        return {"now": clock.iso(clock.advance(float(seconds)))}

    @staticmethod
    def _variants(check: Validator, names: Any) -> frozenset[str]:
        """The `variants` list of a settings patch (every name known)."""
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            check.fail("variants", "The variants must be an array of variant names.")
            return frozenset()
        try:
            return variants.parse(names)
        except variants.UnknownVariant as error:
            check.fail("variants", str(error))
            return frozenset()

    def log(self, entry: dict[str, Any]) -> None:
        """Append one request to the log (section 13)."""
        with self._log_lock:
            self.request_log.append(entry)

    def log_entries(self) -> list[dict[str, Any]]:
        """A copy of the request log."""
        with self._log_lock:
            return list(self.request_log)

    def clear_log(self) -> None:
        """DELETE /_emulator/requests."""
        with self._log_lock:
            self.request_log.clear()

    def close(self) -> None:
        """Close the database."""
        self.store.close()
