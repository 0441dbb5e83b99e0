"""What `zorio doctor` found: one `Finding` per topic, and the `Report` that says whether anything blocks `pulumi up`."""

from __future__ import annotations

from dataclasses import dataclass, field

OK, NOTE, WARN, FAIL, SKIP = "ok", "note", "warn", "fail", "skip"
"""ok: as expected; note: differs from api-contract.md, and pulumi-zorio copes; warn: works, with a limit the user
should know; fail: blocks `pulumi up`; skip: not checked (with the reason)."""


@dataclass(frozen=True)
class Finding:
    """One topic's verdict. `variant` names the emulator variant this behaviour matches (`delete-200`, ...)."""

    topic: str
    level: str
    detail: str
    variant: str | None = None


@dataclass
class Report:
    """Every finding in the order checked, and the settings the provider will use (label, value)."""

    base_url: str
    findings: list[Finding] = field(default_factory=list)
    settings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def blocking(self) -> list[Finding]:
        """The findings that block `pulumi up`."""
        return [finding for finding in self.findings if finding.level == FAIL]

    @property
    def variants(self) -> list[str]:
        """The variants the server was seen to show."""
        return [finding.variant for finding in self.findings if finding.variant]
