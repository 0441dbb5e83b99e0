"""A code review a campaign manager can read: word diffs of long texts, Mermaid pictures of DTMF menus, a campaign
summary, values by name and in the account's time zone (`zorio plan`), and the call flows of a whole configuration
(`zorio graph`). Pure renderers, apart from `gather` (what the CLI knows) and `pulumi_state` (a stack export)."""

from __future__ import annotations

from .reader import Reader
from .zone import DEFAULT_TIMEZONE, TIMEZONE_ENV, TimeZoneError, account_zone

__all__ = ["DEFAULT_TIMEZONE", "Reader", "TIMEZONE_ENV", "TimeZoneError", "account_zone"]
