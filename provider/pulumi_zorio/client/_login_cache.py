"""Login tokens kept between runs, encrypted with a key that only the password opens.

Zorio allows 5 logins a minute per username [D] and a login token lives until logout [D], so logging in again on
every `zorio plan` (or every `pulumi up`) stalled the fifth run in a minute for a whole minute. The token is stored
under the user's cache directory, encrypted (Fernet: AES-128-CBC + HMAC-SHA256) with a key derived from the password
by scrypt: whoever can read the file and decrypt it already holds the password, which gives a token anyway. Nothing
is written in clear; a wrong or changed password simply finds nothing; a revoked token is replaced on its first 401.

`ZORIO_LOGIN_CACHE=off` keeps tokens in memory only; `ZORIO_LOGIN_CACHE=DIR` puts the files in DIR. Fixed API
tokens are never cached: they come from the configuration every time.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from pulumi_zorio.client._secret import Secret

ENV_LOGIN_CACHE = "ZORIO_LOGIN_CACHE"
_OFF = {"off", "0", "false", "no"}
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}  # ~50 ms: paid once per run, not per request

logger = logging.getLogger("pulumi_zorio.client")


def cache_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """Where login tokens are kept, or None when caching is off."""
    env = os.environ if env is None else env
    setting = env.get(ENV_LOGIN_CACHE, "").strip()
    if setting.lower() in _OFF:
        return None
    if setting:
        return Path(setting)
    if env.get("XDG_CACHE_HOME"):
        return Path(env["XDG_CACHE_HOME"]) / "zorio" / "logins"
    try:
        return Path.home() / ".cache" / "zorio" / "logins"
    except RuntimeError:  # no home directory (a bare CI container): logins stay in memory
        return None


class LoginCache:
    """The cached login token of one (base URL, username, password)."""

    def __init__(self, directory: Path, base_url: str, username: str, password: Secret) -> None:
        self._who = f"{base_url}\0{username}".encode()
        self._path = directory / f"{hashlib.sha256(self._who).hexdigest()[:32]}.json"
        self._password = password

    @classmethod
    def for_login(cls, base_url: str, username: str | None, password: Secret | None) -> LoginCache | None:
        """The cache for a username/password configuration; None for a fixed token or when caching is off."""
        directory = cache_dir()
        if directory is None or not username or password is None:
            return None
        return cls(directory, base_url, username, password)

    def load(self) -> Secret | None:
        """The token a previous run stored, if this password opens it."""
        from cryptography.fernet import Fernet, InvalidToken

        try:
            entry = json.loads(self._path.read_text(encoding="utf-8"))
            fernet = Fernet(self._key(base64.b64decode(entry["salt"])))
            return Secret(fernet.decrypt(entry["token"].encode()).decode())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, InvalidToken):
            return None  # unreadable, or another password: log in as if nothing were cached

    def store(self, token: Secret) -> None:
        """Keep `token` for the next run (best effort: a read-only home only costs a login next time)."""
        from cryptography.fernet import Fernet

        salt = os.urandom(16)
        sealed = Fernet(self._key(salt)).encrypt(token.reveal().encode()).decode()
        entry = json.dumps({"salt": base64.b64encode(salt).decode(), "token": sealed})
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, temp = tempfile.mkstemp(dir=self._path.parent, prefix=".login-")  # mode 0600
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(entry)
            os.replace(temp, self._path)
        except OSError as error:
            logger.debug("could not keep the login token for the next run: %s", error.strerror)

    def _key(self, salt: bytes) -> bytes:
        raw = hashlib.scrypt(self._password.reveal().encode(), salt=salt + self._who, **_SCRYPT)
        return base64.urlsafe_b64encode(raw)
