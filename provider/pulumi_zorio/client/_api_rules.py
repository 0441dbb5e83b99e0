"""Every API rule the client relies on, documented [D] or inferred [I] (api-contract.md).

A correction from the real Zorio API should be a one-line change here and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- Section 1: conventions ------------------------------------------------------------
API_PREFIX = "/api"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"  # [D]
PER_PAGE_MAX = 200  # [D]; more than this is a 422 [I]
SUCCESS_STATUSES = range(200, 300)  # create may answer 201 or 200 [I]: accept any 2xx

# --- Section 3: authentication -------------------------------------------------------------
LOGIN_PATH = "/api/auth/login"  # [D]; token is a sibling of "data" [D]
LOGIN_DEVICE_NAME = "pulumi-zorio"


def permission_needed(method: str, path: str) -> str:
    """The permission a 403 on this call most likely lacks (contract §3), for the error's hint."""
    if re.fullmatch(r"/api/autocall/campaigns/[^/]+/(start|pause|resume|stop|archive|unarchive)", path):
        return "autocall_manage_campaign (and autocall_api_access)"  # [D] for start, [I] for the others
    if path.startswith("/api/media-files") and method != "GET":
        return "manage_recordings, or the admin role"  # [D]
    if path.startswith("/api/autocall/"):
        return "autocall_api_access"  # [D]
    return "a permission this call needs"

# --- Section 4: rate limits ------------------------------------------------------------------
RATE_WINDOW_S = 60.0  # [D] sliding window
HEADER_LIMIT = "X-RateLimit-Limit"  # [D] reported for the request's tightest bucket
HEADER_REMAINING = "X-RateLimit-Remaining"
HEADER_RESET = "X-RateLimit-Reset"  # epoch seconds
HEADER_RETRY_AFTER = "Retry-After"  # [D] seconds


@dataclass(frozen=True)
class Bucket:
    """One rate-limit bucket: which requests count against it, and its documented limit."""

    name: str
    method: str | None  # None = any method
    path: re.Pattern[str]
    limit: int
    per_username: bool = False  # the login bucket counts per username + client address [D]
    label: str = "requests"  # what it counts, as a wait message names it ("120 AutoCall requests per minute")

    def matches(self, method: str, path: str) -> bool:
        """True when a request counts against this bucket (a request counts against every match [I])."""
        return (self.method is None or self.method == method) and bool(self.path.search(path))


BUCKETS: tuple[Bucket, ...] = (
    Bucket("autocall", None, re.compile(r"^/api/autocall/"), 120, label="AutoCall requests"),  # [D]
    Bucket("leads_import", "POST", re.compile(r"^/api/autocall/campaigns/[^/]+/leads(/import)?/?$"), 30,
           label="lead imports"),  # [D]
    Bucket("campaign_start", "POST", re.compile(r"^/api/autocall/campaigns/[^/]+/start/?$"), 5,
           label="campaign starts"),  # [D]
    Bucket("login", None, re.compile(r"^/api/auth/login/?$"), 5, per_username=True, label="logins"),  # [D]
    Bucket("auth", None, re.compile(r"^/api/auth/(?!login/?$)"), 30, label="account requests"),  # [D]
    Bucket("media_groups", None, re.compile(r"^/api/(media-files|caller-id-groups)(/|$)"), 60,
           label="media and caller-ID group requests"),  # [I]
)

# Fraction of a bucket's limit left unused. 0: our accounting already never undercounts our own
# requests (a slot is held until `window` after the answer); raise it if other processes share the token.
RATE_HEADROOM_FRACTION = 0.0
# Extra seconds a sent request stays in our window, for the server's window edge rounding.
RATE_WINDOW_MARGIN_S = 0.05

# --- Retries (section 4 "client guidance" [D]) ---------------------------------------------------
RETRYABLE_STATUSES = frozenset({429})  # plus every status >= 500
RETRYABLE_MIN_SERVER_STATUS = 500
MAX_ATTEMPTS = 5
BACKOFF_BASE_S = 1.0  # min(1 s * 2^attempt, 30 s) + up to 1 s jitter
BACKOFF_CAP_S = 30.0
BACKOFF_JITTER_S = 1.0
RETRY_AFTER_CAP_S = 120.0  # never sleep longer than this on one Retry-After
DEFAULT_TIMEOUT_S = (5.0, 60.0)  # (connect, read); every request has one

# --- Section 5: idempotency [I] ---------------------------------------------------------------------
IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REPLAYED_HEADER = "Idempotent-Replayed"
# The 422 for a key already used with another method, path or body.
IDEMPOTENCY_KEY_REUSED = re.compile(r"Idempotency-Key has already been used", re.IGNORECASE)
# A 409 on a retry whose message says the first try is still running is the only 409 worth retrying.
IN_FLIGHT_CONFLICT = re.compile(r"still being processed|in progress", re.IGNORECASE)

# --- Create recovery -------------------------------------------------------------------------------------
# How far the server's clock may be behind ours when we look for "created since the first attempt".
CREATE_RECOVERY_SKEW_S = 5.0
# Without a Date header we cannot measure the skew; widen the window instead.
CREATE_RECOVERY_SKEW_UNKNOWN_S = 300.0

# --- Section 11: leads -------------------------------------------------------------------------------------
LEADS_MAX_PER_REQUEST = 5000  # [D]

# --- List-read cache (client policy, not an API rule, kept here with its neighbours) -----------------------
LIST_CACHE_TTL_S = 30.0
