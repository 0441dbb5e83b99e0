"""The account's time zone, in which a reviewer reads campaign times: `Asia/Ho_Chi_Minh` unless configured.

Zorio answers in UTC (`2026-12-01T01:00:00Z`), which a reviewer in Hà Nội reads as 1 a.m.; the review shows the same
instant as `2026-12-01 08:00 +07:00`. Configured by `--timezone` or the `ZORIO_TIMEZONE` environment variable (an
IANA name); the system's zoneinfo database is used (Python's `tzdata` package where a system has none).
"""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
TIMEZONE_ENV = "ZORIO_TIMEZONE"


class TimeZoneError(ValueError):
    """The configured time zone is not an IANA zone this machine knows; the message names the setting."""


def account_zone(name: str | None = None) -> ZoneInfo:
    """The zone called `name`, else `$ZORIO_TIMEZONE`, else Asia/Ho_Chi_Minh."""
    chosen = name or os.environ.get(TIMEZONE_ENV) or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(chosen)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimeZoneError(f"unknown time zone {chosen!r} (--timezone or {TIMEZONE_ENV}): use an IANA name such "
                            f"as {DEFAULT_TIMEZONE} or Europe/Paris") from None


def local_time(moment: datetime, zone: ZoneInfo) -> str:
    """`2026-12-01 08:00 +07:00` (seconds only when not zero): the wall-clock time and its offset."""
    local = moment.astimezone(zone)
    clock = "%H:%M:%S" if local.second else "%H:%M"
    offset = local.strftime("%z")
    return local.strftime(f"%Y-%m-%d {clock} ") + f"{offset[:3]}:{offset[3:]}"


def zone_label(zone: ZoneInfo, moment: datetime | None = None) -> str:
    """`Asia/Ho_Chi_Minh, UTC+07:00`: the zone's name and its offset (at `moment`, for zones with summer time)."""
    offset = (moment or datetime.now(zone)).astimezone(zone).strftime("%z")
    return f"{zone.key}, UTC{offset[:3]}:{offset[3:]}"


__all__ = ["DEFAULT_TIMEZONE", "TIMEZONE_ENV", "TimeZoneError", "account_zone", "local_time", "zone_label"]
