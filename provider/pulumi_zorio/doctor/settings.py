"""The settings the provider will use, as `zorio doctor` shows them: where each comes from, never a secret's value."""

from __future__ import annotations

import os
from collections.abc import Mapping

from pulumi_zorio.client import ClientConfig
from pulumi_zorio.client import _api_rules as rules
from pulumi_zorio.client._config import ENV_READ_TIMEOUT

CAMPAIGN_WAIT_ENV = "ZORIO_CAMPAIGN_WAIT_TIMEOUT"
CAMPAIGN_WAIT_DEFAULT_S = 120


def provider_settings(config: ClientConfig, env: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(label, value) lines: base URL, credentials (named, not shown), timeouts, retries, pacing, idempotency."""
    env = os.environ if env is None else env
    if config.uses_login:
        credentials = f"log in as {config.username} (ZORIO_USERNAME; password from ZORIO_PASSWORD, not shown)"
    else:
        credentials = "an API token (ZORIO_TOKEN, or zorio:token under Pulumi; not shown)"
    read = f"{config.read_timeout:g} s" + (f" ({ENV_READ_TIMEOUT})" if env.get(ENV_READ_TIMEOUT) else "")
    wait = env.get(CAMPAIGN_WAIT_ENV)
    campaign_wait = f"{wait} s ({CAMPAIGN_WAIT_ENV})" if wait else f"{CAMPAIGN_WAIT_DEFAULT_S} s"
    limits = ", ".join(f"{bucket.name} {bucket.limit}/min" for bucket in rules.BUCKETS)
    return [
        ("base URL", config.base_url),
        ("credentials", credentials),
        ("timeouts", f"connect {config.timeout[0]:g} s, read {read}"),
        ("retries", f"up to {config.max_attempts} attempts on 429 and 5xx (Retry-After honoured), none on 4xx"),
        ("rate limits", f"paced per bucket from the X-RateLimit headers; until one arrives: {limits}"),
        ("writes", "an Idempotency-Key on each; a write whose answer is lost is looked up, never sent blindly again"),
        ("campaign start", f"wait up to {campaign_wait} for starting → running (zorio:campaignWaitTimeout under "
                           "Pulumi)"),
    ]
