"""`ClientConfig`: where the API is, how to authenticate, and the client's limits, with env fallbacks."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from pulumi_zorio import __version__
from pulumi_zorio.client import _api_rules as rules
from pulumi_zorio.client._secret import Secret
from pulumi_zorio.client.errors import ConfigurationError

ENV_BASE_URL = "ZORIO_BASE_URL"
ENV_TOKEN = "ZORIO_TOKEN"
ENV_USERNAME = "ZORIO_USERNAME"
ENV_PASSWORD = "ZORIO_PASSWORD"
ENV_READ_TIMEOUT = "ZORIO_READ_TIMEOUT"

USER_AGENT = f"pulumi-zorio/{__version__}"


def _as_secret(value: str | Secret | None) -> Secret | None:
    if value is None or isinstance(value, Secret):
        return value
    return Secret(value) if value else None


@dataclass(frozen=True, repr=False)
class ClientConfig:
    """Everything a `ZorioClient` needs. Either `token`, or `username` and `password`.

    `timeout` is (connect, read) seconds for every request (read: ZORIO_READ_TIMEOUT); `max_attempts` bounds retries;
    `rate_limit_window_s` is the API's sliding window (60 s in production, shorter on a test emulator);
    `list_cache_ttl_s` is how long one full listing may answer single reads (0 turns the cache off);
    `backoff_scale` multiplies the backoff schedule (Retry-After is always honoured as sent).
    """

    base_url: str
    token: Secret | None = None
    username: str | None = None
    password: Secret | None = None
    timeout: tuple[float, float] = rules.DEFAULT_TIMEOUT_S
    max_attempts: int = rules.MAX_ATTEMPTS
    rate_limit_window_s: float = rules.RATE_WINDOW_S
    list_cache_ttl_s: float = rules.LIST_CACHE_TTL_S
    backoff_scale: float = 1.0
    user_agent: str = USER_AGENT
    credentials_from_env: bool = False
    """The credentials came from ZORIO_* environment variables (not Pulumi configuration): what error hints name."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "token", _as_secret(self.token))
        object.__setattr__(self, "password", _as_secret(self.password))
        if isinstance(self.timeout, (int, float)):
            object.__setattr__(self, "timeout", (float(self.timeout), float(self.timeout)))
        object.__setattr__(self, "base_url", (self.base_url or "").rstrip("/"))
        self._validate()

    def _validate(self) -> None:
        if not self.base_url.startswith(("http://", "https://")):
            raise ConfigurationError(
                f"Zorio base URL must start with http:// or https://, got {self.base_url!r} "
                f"(set zorio:baseUrl or {ENV_BASE_URL})"
            )
        if self.token is None and not (self.username and self.password):
            raise ConfigurationError(
                f"Zorio credentials missing: set a token (zorio:token or {ENV_TOKEN}) or a username "
                f"and password (zorio:username/zorio:password or {ENV_USERNAME}/{ENV_PASSWORD})"
            )
        if self.max_attempts < 1:
            raise ConfigurationError(f"max_attempts must be at least 1, got {self.max_attempts}")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> ClientConfig:
        """Build a config from explicit values, falling back to the ZORIO_* environment variables.

        Explicit `overrides` that are None or empty fall back to the environment too, so a caller can
        pass whatever Pulumi configuration it has without filtering it first.
        """
        env = os.environ if env is None else env
        values = {k: v for k, v in overrides.items() if v not in (None, "")}

        def fallback(name: str, variable: str) -> None:
            if name not in values and env.get(variable):
                values[name] = env[variable]

        fallback("base_url", ENV_BASE_URL)
        if "timeout" not in values and env.get(ENV_READ_TIMEOUT):
            values["timeout"] = (rules.DEFAULT_TIMEOUT_S[0], _read_timeout(env[ENV_READ_TIMEOUT]))
        if "token" not in values and "username" not in values:
            fallback("token", ENV_TOKEN)  # explicit credentials are never mixed with an environment token
            if "token" not in values:
                fallback("username", ENV_USERNAME)
            values.setdefault("credentials_from_env", True)
        if "username" in values and "token" not in values:
            fallback("password", ENV_PASSWORD)
        if "base_url" not in values:
            raise ConfigurationError(f"Zorio base URL missing: set zorio:baseUrl or {ENV_BASE_URL}")
        return cls(**values)

    @property
    def read_timeout(self) -> float:
        """Seconds to wait for each answer (the second half of `timeout`)."""
        return self.timeout[1]

    def credential_names(self) -> str:
        """Where the credentials in use are set, as an error hint names them."""
        if self.token is not None:
            return ENV_TOKEN if self.credentials_from_env else "zorio:token"
        if self.credentials_from_env:
            return f"{ENV_USERNAME} and {ENV_PASSWORD}"
        return "zorio:username and zorio:password"

    @property
    def uses_login(self) -> bool:
        """True when the client logs in with username/password instead of a fixed token."""
        return self.token is None

    def identity(self) -> str:
        """Who the calls are made as, as a one-way key: rate limits and caches are shared per identity."""
        if self.token is not None:
            return f"token:{self.token.fingerprint()}"
        return f"user:{self.username}"

    def __repr__(self) -> str:
        shown = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("token", "password"):
                value = None if value is None else "***"
            shown.append(f"{f.name}={value!r}")
        return f"ClientConfig({', '.join(shown)})"


def _read_timeout(text: str) -> float:
    """ZORIO_READ_TIMEOUT as seconds (a positive, finite number)."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise ConfigurationError(f"{ENV_READ_TIMEOUT} must be a number of seconds above 0 (how long to wait for "
                                 f"each answer of the Zorio API), got {text!r}")
    return seconds
