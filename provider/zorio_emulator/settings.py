"""Runtime settings of the emulator (api-contract.md section 13) and its fixed size limits."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Bodies larger than these are refused with 413 before any parsing [I].
MAX_JSON_BODY_BYTES = 1024 * 1024
MAX_MULTIPART_BODY_BYTES = 25 * 1024 * 1024

# Settings that `PATCH /_emulator/settings` may change at run time.
MUTABLE_SETTINGS = ("start_delay_s", "rate_limit_scale", "rate_limit_window_s", "variants")


@dataclass
class EmulatorSettings:
    """How one emulator instance behaves.

    db: SQLite file that survives a restart, or ":memory:".
    start_delay_s: seconds a started campaign stays `starting` before it reads as `running`.
    rate_limit_scale: multiplies every rate limit; None switches rate limiting off.
    rate_limit_window_s: length of the sliding rate-limit window (the contract's 60 s).
    variants: the variants.py switches that are on (each a plausible way the real API differs from an [I] rule).
    """

    db: str = ":memory:"
    start_delay_s: float = 1.0
    rate_limit_scale: float | None = 1.0
    rate_limit_window_s: float = 60.0
    max_json_body_bytes: int = MAX_JSON_BODY_BYTES
    max_multipart_body_bytes: int = MAX_MULTIPART_BODY_BYTES
    variants: frozenset[str] = field(default_factory=frozenset)

    def has(self, variant: str) -> bool:
        """Whether the variant named `variant` (variants.py) is on."""
        return variant in self.variants

    def to_json(self) -> dict[str, Any]:
        """The settings as the control surface reports them (variants as a sorted list)."""
        return {**asdict(self), "variants": sorted(self.variants)}
