"""Users and tokens (contract section 3): login, logout, me, control-minted tokens, authentication."""

from __future__ import annotations

import hmac
import json
import secrets
import string
from typing import Any

from zorio_emulator import errors, rules
from zorio_emulator.backend.core import BackendCore, Principal
from zorio_emulator.validation import Validator

_ALPHABET = string.ascii_letters + string.digits


def public_user(user: dict[str, Any], role: str | None = None) -> dict[str, Any]:
    """The user object of login and /auth/me."""
    return {
        "id": user["id"],
        "username": user["username"],
        "email": user["email"],
        "role": role or user["role"],
        "team_id": user["team_id"],
    }


class AccountsMixin(BackendCore):
    """Authentication rules."""

    def _issue_token(self, tenant_id: int, user_id: int | None, role: str, permissions: list[str], source: str,
                     name: str | None) -> str:
        """Store a new token and return `<id>|<40 random alphanumerics>` [D format]."""
        secret = "".join(secrets.choice(_ALPHABET) for _ in range(rules.TOKEN_RANDOM_LENGTH))
        token_id = self.store.next_id("token")
        self.store.execute(
            "INSERT INTO tokens (id, secret, tenant_id, user_id, role, permissions, source, name) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (token_id, secret, tenant_id, user_id, role, json.dumps(permissions), source, name),
        )
        return f"{token_id}|{secret}"

    def login(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST /api/auth/login → user + token (token is a sibling of `data`) [D]."""
        check = Validator(body)
        username = check.string("username", required=True, max=255)
        password = check.string("password", required=True, max=255)
        device = check.string("device_name", nullable=True, max=255)
        check.raise_if_failed()
        with self.store.tx():
            user = next((u for u in self.store.all("user") if u["username"] == username), None)
            if user is None or not hmac.compare_digest(user["password"].encode(), password.encode()):
                raise errors.ApiError(401, rules.MSG_BAD_LOGIN)
            token = self._issue_token(user["team_id"], user["id"], user["role"], user["permissions"], "login",
                                      device if isinstance(device, str) else None)
        return {"data": {"user": public_user(user)}, "token": token}

    def mint_token(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST /_emulator/tokens: a token with exactly the given permissions (omitted = all) [section 13].

        `role` defaults to `member`, which grants nothing by itself; role `admin` (which may also manage media
        files) must be asked for.
        """
        check = Validator(body)
        tenant_id = check.integer("tenant_id", nullable=True)
        role = check.string("role", nullable=True, max=64)
        name = check.string("name", nullable=True, max=255)
        permissions = body.get("permissions")
        if permissions is not None and not (
            isinstance(permissions, list) and all(isinstance(p, str) for p in permissions)
        ):
            check.fail("permissions", "The permissions must be an array of strings.")
        check.raise_if_failed()
        tenant = tenant_id if isinstance(tenant_id, int) else 1
        perms = list(rules.ALL_PERMISSIONS) if permissions is None else list(dict.fromkeys(permissions))
        with self.store.tx():
            user = next((u for u in self.store.all("user", tenant)), None)
            token = self._issue_token(
                tenant, user["id"] if user else None, role if isinstance(role, str) else rules.DEFAULT_TOKEN_ROLE, perms,
                "control", name if isinstance(name, str) else rules.CONTROL_TOKEN_NAME,
            )
        return {"token": token}

    def authenticate(self, bearer: str | None) -> Principal | None:
        """The principal behind `Authorization: Bearer <token>`, or None (→ 401)."""
        if not bearer or "|" not in bearer:
            return None
        raw_id, _, secret = bearer.partition("|")
        if not raw_id.isdigit() or len(raw_id) > 18:
            return None
        with self.store.tx():
            row = self.store.execute("SELECT * FROM tokens WHERE id = ?", (int(raw_id),)).fetchone()
        if row is None or row["revoked"] or not hmac.compare_digest(row["secret"].encode(), secret.encode()):
            return None
        return Principal(
            token_id=row["id"], tenant_id=row["tenant_id"], user_id=row["user_id"], role=row["role"],
            permissions=tuple(json.loads(row["permissions"])), token_name=row["name"],
        )

    def logout(self, who: Principal) -> None:
        """POST /api/auth/logout: revoke the calling token [I]."""
        with self.store.tx():
            self.store.execute("UPDATE tokens SET revoked = 1 WHERE id = ?", (who.token_id,))

    def me(self, who: Principal) -> dict[str, Any]:
        """GET /api/auth/me: the user and the token's permissions [I]."""
        with self.store.tx():
            found = self.store.get("user", who.user_id) if who.user_id is not None else None
        user = found[1] if found else {
            "id": 0, "username": f"token-{who.token_id}", "email": None, "role": who.role, "team_id": who.tenant_id,
        }
        return {"data": {"user": public_user(user, who.role), "permissions": list(who.permissions)}}
