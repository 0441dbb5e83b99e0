"""`zorio doctor`'s read-only checks: what a first contact learns without changing anything on the account.

Each check returns its findings; `contact` decides whether the others can run at all.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pulumi_zorio.client import _api_rules as rules
from pulumi_zorio.client import AuthenticationError, ConfigurationError, ZorioError
from pulumi_zorio.doctor.findings import FAIL, NOTE, OK, SKIP, WARN, Finding
from pulumi_zorio.doctor.prober import Prober, body_of, is_json, message_of, short

ME = "/api/auth/me"
GROUPS = "/api/caller-id-groups"
VARIABLES = "/api/autocall/variables"
PAGE_KEYS = ("current_page", "last_page", "per_page", "total")
LARAVEL_KEYS = ("from", "to", "links", "path", "first_page_url", "last_page_url", "next_page_url", "prev_page_url")
PERMISSIONS = {
    "autocall_api_access": "every /api/autocall call: nothing can be managed",
    "autocall_manage_campaign": "campaigns cannot be started, paused, resumed, stopped or archived: only draft "
                                "campaigns can be managed",
    "manage_recordings": "media files cannot be uploaded, changed or deleted",
}


def contact(prober: Prober, base_url: str) -> tuple[list[Finding], dict[str, Any] | None]:
    """Base URL and credentials, through GET /api/auth/me; (findings, the `me` data, or None when it is unknown).
    A FAIL among the findings means nothing else can be checked."""
    try:
        response = prober.get(ME)
    except AuthenticationError as error:  # the login itself was refused
        return [Finding("Base URL", OK, f"{base_url} answers"), Finding("Credentials", FAIL, str(error))], None
    except ConfigurationError as error:
        return [Finding("Settings", FAIL, str(error))], None
    except ZorioError as error:
        return [Finding("Base URL", FAIL, f"no answer from {base_url}: {error}; check zorio:baseUrl (or "
                                          "ZORIO_BASE_URL)")], None
    if 300 <= response.status_code < 400:
        where = response.headers.get("Location", "elsewhere")
        return [Finding("Base URL", FAIL, f"GET {ME} is redirected to {where}: check that zorio:baseUrl (or "
                                          "ZORIO_BASE_URL) is the API's own address (https://, no path)")], None
    if not is_json(response):
        kind = response.headers.get("Content-Type", "no content type")
        return [Finding("Base URL", FAIL, f"{base_url} answers GET {ME} with HTTP {response.status_code} and {kind}, "
                                          "not JSON: is this the Zorio API's address?")], None
    reached = Finding("Base URL", OK, f"{base_url} answers as the Zorio API")
    if response.status_code == 401:
        return [reached, Finding("Credentials", FAIL, f"refused ({message_of(response)}): {_credential_fix(prober)}")], None
    if response.status_code == 404:  # no /me on this server: a list any valid token may read tells instead
        return _without_me(prober, base_url, reached), None
    if response.status_code != 200:
        return [reached, Finding("Credentials", FAIL, f"GET {ME} answered {message_of(response)}")], None
    me = body_of(response).get("data") if isinstance(body_of(response), dict) else None
    user = me.get("user", {}) if isinstance(me, dict) else {}
    who = f"user {user.get('username', '?')} (role {user.get('role', '?')}, team {user.get('team_id', '?')})"
    return [reached, Finding("Credentials", OK, f"valid: {who}")], me if isinstance(me, dict) else None


def _credential_fix(prober: Prober) -> str:
    if prober.transport.config.uses_login:
        return "check zorio:username and zorio:password (or ZORIO_USERNAME and ZORIO_PASSWORD)"
    return "the token is unknown or revoked: check zorio:token (or ZORIO_TOKEN)"


def _without_me(prober: Prober, base_url: str, reached: Finding) -> list[Finding]:
    response = prober.get(GROUPS)
    if response.status_code == 200:
        return [reached, Finding("Credentials", OK, f"valid (this server has no GET {ME}, so permissions are probed)")]
    if response.status_code == 404:
        return [Finding("Base URL", FAIL, f"{base_url} answers, but has neither GET {ME} nor GET {GROUPS}: "
                                          "zorio:baseUrl (or ZORIO_BASE_URL) is the API's address without a path, "
                                          "e.g. https://app.zorio.vn")]
    return [reached, Finding("Credentials", FAIL, f"GET {GROUPS} answered {message_of(response)}: "
                                                  f"{_credential_fix(prober)}")]


def permissions(prober: Prober, me: dict[str, Any] | None) -> list[Finding]:
    """Which of the three permissions the token holds (from /me; else probed where a read can tell)."""
    held = me.get("permissions") if me else None
    role = (me or {}).get("user", {}).get("role")
    if not isinstance(held, list):
        status = prober.get(VARIABLES, params={"per_page": 1}).status_code
        if status == 403:
            return [Finding("Permissions", FAIL, f"no autocall_api_access: {PERMISSIONS['autocall_api_access']}")]
        return [Finding("Permissions", WARN, "autocall_api_access: yes; autocall_manage_campaign and "
                                             "manage_recordings cannot be seen without writing")]
    missing = [name for name in PERMISSIONS if name not in held]
    if role == "admin" and "manage_recordings" in missing:
        missing.remove("manage_recordings")  # role admin may manage media files too [D]
    shown = ", ".join(f"{name} {'yes' if name not in missing else 'NO'}" for name in PERMISSIONS)
    if "autocall_api_access" in missing:
        return [Finding("Permissions", FAIL, f"{shown}: {PERMISSIONS['autocall_api_access']}")]
    if missing:
        return [Finding("Permissions", WARN, f"{shown}: " + "; ".join(PERMISSIONS[name] for name in missing))]
    return [Finding("Permissions", OK, shown)]


def catalogs(prober: Prober) -> list[Finding]:
    """Voices, queues and caller-ID groups: scripts and campaigns name them, the YAML program looks them up."""
    found = []
    for topic, path in (("Voices", "/api/autocall/voices"), ("Queues", "/api/autocall/queues"),
                        ("Caller-ID groups", GROUPS)):
        response = prober.get(path)
        items = body_of(response).get("data") if response.status_code == 200 and isinstance(body_of(response), dict) \
            else None
        if not isinstance(items, list):
            found.append(Finding(topic, FAIL, f"GET {path} answered {message_of(response)}: data sources and "
                                              "lookups by name cannot work"))
        elif topic == "Caller-ID groups":
            active = [g.get("name") for g in items if isinstance(g, dict) and g.get("status") == "active"]
            names = f": {short(', '.join(map(str, active)))}" if active else ""
            found.append(Finding(topic, OK if active else WARN, f"{len(items)} readable, {len(active)} active{names}"))
        else:
            found.append(Finding(topic, OK, f"{len(items)} readable"))
    return found


def pagination(prober: Prober) -> list[Finding]:
    """The list envelope (documented keys, or Laravel's full paginator) and what `per_page` over 200 does."""
    first = prober.get(VARIABLES, params={"page": 1, "per_page": 1})
    body = body_of(first)
    if first.status_code != 200 or not isinstance(body, dict) or not isinstance(body.get("data"), list):
        return [Finding("Pagination", FAIL, f"GET {VARIABLES} answered {message_of(first)}: lists cannot be read")]
    missing = [key for key in PAGE_KEYS if key not in body]
    extra = [key for key in LARAVEL_KEYS if key in body]
    over = prober.get(VARIABLES, params={"page": 1, "per_page": rules.PER_PAGE_MAX + 1})
    over_body = body_of(over) if over.status_code == 200 else None
    if over.status_code == 422:
        over_text = f"per_page over {rules.PER_PAGE_MAX} refused (422)"
    elif isinstance(over_body, dict) and over_body.get("per_page") == rules.PER_PAGE_MAX:
        over_text = f"per_page over {rules.PER_PAGE_MAX} clamped to {rules.PER_PAGE_MAX}"
    else:
        over_text = f"per_page over {rules.PER_PAGE_MAX}: {message_of(over)}"
    envelope = ("Laravel's full paginator (" + ", ".join(extra[:4]) + ", …)") if extra else "the documented keys"
    if missing:
        return [Finding("Pagination", WARN, f"{envelope} without {', '.join(missing)}; {over_text}: pulumi-zorio "
                                            "reads page after page until a short one")]
    variant = "laravel-paginator" if extra or "clamped" in over_text else None
    level = NOTE if variant else OK
    return [Finding("Pagination", level, f"{envelope}; {over_text}; pulumi-zorio asks for {rules.PER_PAGE_MAX} a "
                                         "page", variant)]


def accept_header(prober: Prober) -> list[Finding]:
    """What a request that does not ask for JSON gets: pulumi-zorio always sends Accept: application/json."""
    response = prober.get("/api/autocall/voices", accept="*/*")
    if 300 <= response.status_code < 400:
        where = response.headers.get("Location", "elsewhere")
        return [Finding("Accept header", NOTE, f"a request without Accept: application/json is redirected to "
                                               f"{where}; pulumi-zorio always sends it", "accept-redirect")]
    if is_json(response):
        return [Finding("Accept header", OK, "JSON whatever Accept asks; pulumi-zorio sends Accept: application/json")]
    return [Finding("Accept header", NOTE, f"a request without Accept: application/json gets {message_of(response)} "
                                           "and no JSON; pulumi-zorio always sends it")]


def media_paths(prober: Prober) -> list[Finding]:
    """Whether media `file_path`s are the slug of their name (as api-contract.md infers) or not (say, a hash)."""
    response = prober.get("/api/media-files", params={"page": 1, "per_page": 20})
    items = body_of(response).get("data") if isinstance(body_of(response), dict) else None
    media = [m for m in items or [] if isinstance(m, dict) and isinstance(m.get("file_path"), str)]
    if not media:
        return [Finding("Media file paths", SKIP, "not seen: no media file on the account to look at")]
    other = [m["file_path"] for m in media if not _slug_path(str(m.get("name", ""))).match(m["file_path"])]
    if other:
        return [Finding("Media file paths", NOTE, f"not derived from the name (e.g. {other[0]}); pulumi-zorio reads "
                                                  "each file_path back after the upload", "file-path-hash")]
    return [Finding("Media file paths", OK, f"derived from the name (e.g. {media[0]['file_path']}); pulumi-zorio "
                                            "reads each file_path back after the upload anyway")]


def _slug_path(name: str) -> re.Pattern[str]:
    text = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    slug = re.sub(r"[^a-z0-9_-]+", "-", text.encode("ascii", "ignore").decode("ascii").lower()).strip("-")
    return re.compile(rf"^/media/{re.escape(slug or 'audio')}(-\d+)?\.wav$")


def rate_limits(prober: Prober) -> list[Finding]:
    """The X-RateLimit headers the answers so far carried, against the documented limits."""
    documented = {bucket.name: bucket.limit for bucket in rules.BUCKETS}
    labels = {"autocall": "/api/autocall/*", "media_groups": "media files and caller-ID groups", "auth": "/api/auth/*"}
    if not prober.limits:
        return [Finding("Rate limits", WARN, "no X-RateLimit headers: pulumi-zorio paces itself by the documented "
                                             "limits (120 a minute for /api/autocall/*) and honours Retry-After")]
    parts, lower = [], []
    for name, limit in prober.limits.items():
        parts.append(f"{labels.get(name, name)} {limit}/min")
        if limit.isdigit() and int(limit) < documented.get(name, 0):
            lower.append(f"{labels.get(name, name)} (documented {documented[name]})")
    detail = ", ".join(parts) + "; pulumi-zorio paces itself by these headers"
    if lower:
        return [Finding("Rate limits", WARN, f"{detail}; lower than documented: {', '.join(lower)}")]
    return [Finding("Rate limits", OK, detail)]


def start_without_group() -> list[Finding]:
    """Whether a campaign may start without a caller-ID group (start-without-group) can only be seen by starting
    one: never done here."""
    return [Finding("No caller-ID group", SKIP, "not checked: only starting a campaign would tell "
                    "(never done here); zorio validate and plan warn about such campaigns, and a refused start "
                    "names the campaign and the fix")]
