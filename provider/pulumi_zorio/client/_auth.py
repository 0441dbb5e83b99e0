"""Bearer tokens: a fixed token, or a login token cached process-wide per (base URL, username), and between runs
in the encrypted login cache (`_login_cache`).

Threads that hit 401 together share one re-login: the login bucket allows only 5 a minute [D].
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from pulumi_zorio.client._login_cache import LoginCache
from pulumi_zorio.client._secret import Secret

LoginFunction = Callable[[], Secret]

_tokens: dict[tuple[str, str], Secret] = {}
_lock = threading.Lock()
_login_locks: dict[tuple[str, str], threading.Lock] = {}


def _login_lock(key: tuple[str, str]) -> threading.Lock:
    with _lock:
        return _login_locks.setdefault(key, threading.Lock())


class TokenSource:
    """Hands out the bearer token for one configuration, logging in lazily when it has none."""

    def __init__(self, base_url: str, token: Secret | None, username: str | None, login: LoginFunction,
                 cache: LoginCache | None = None, password: Secret | None = None) -> None:
        self._fixed = token
        # A token is shared by the clients that log in alike: never handed to a different (say, wrong) password.
        self._key = (base_url, f"{username or ''}:{password.fingerprint() if password else ''}")
        self._login = login
        self._cache = cache

    @property
    def can_relogin(self) -> bool:
        """Only login tokens can be renewed; a fixed token that gets 401 is simply wrong."""
        return self._fixed is None

    def current(self) -> Secret:
        """The token to send now (logs in once per process and username when there is none yet)."""
        if self._fixed is not None:
            return self._fixed
        with _lock:
            cached = _tokens.get(self._key)
        if cached is not None:
            return cached
        with _login_lock(self._key):
            with _lock:
                cached = _tokens.get(self._key)
            if cached is None and self._cache is not None and (cached := self._cache.load()) is not None:
                with _lock:
                    _tokens[self._key] = cached
        return cached if cached is not None else self.renew(None)

    def renew(self, rejected: Secret | None) -> Secret:
        """A fresh login token, unless another thread already replaced `rejected` with a new one."""
        with _login_lock(self._key):
            with _lock:
                cached = _tokens.get(self._key)
            if cached is not None and cached != rejected:
                return cached
            token = self._login()
            with _lock:
                _tokens[self._key] = token
            if self._cache is not None:
                self._cache.store(token)
            return token


def reset() -> None:
    """Forget every cached login token (tests only)."""
    with _lock:
        _tokens.clear()
        _login_locks.clear()
