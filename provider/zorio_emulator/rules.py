"""Every inferred [I] rule of api-contract.md as constants: message texts, limits, enums, rate buckets.

A correction from the real Zorio API should be a one-line change here.
"""

from __future__ import annotations

import re

# --- Section 2: error bodies -------------------------------------------------
MSG_UNAUTHENTICATED = "Unauthenticated."
MSG_BAD_LOGIN = "Invalid username or password."
MSG_FORBIDDEN = "This action is unauthorized."
MSG_NOT_FOUND = "Resource not found"
MSG_POOL_NOT_FOUND = "Pool not found."
MSG_INVALID = "The given data was invalid."
MSG_SERVER_ERROR = "Server Error"
MSG_SERVICE_UNAVAILABLE = "Service Unavailable"
MSG_TOO_MANY = "Too many requests. Retry after {seconds} seconds."
MSG_TOO_LARGE = "The request body is too large."
MSG_MALFORMED_BODY = "Malformed request body"  # [D] 400: not JSON, or not the JSON object required
MSG_ROUTE_NOT_FOUND = "The route {path} could not be found."
MSG_METHOD_NOT_ALLOWED = "The {method} method is not supported for route {path}. Supported methods: {allowed}."
# Generic texts for injected faults with other statuses (section 13).
FAULT_MESSAGES = {
    400: "Bad Request", 401: MSG_UNAUTHENTICATED, 403: MSG_FORBIDDEN, 404: MSG_NOT_FOUND,
    408: "Request Timeout", 409: "Conflict", 422: MSG_INVALID, 429: "Too Many Attempts.",
    500: MSG_SERVER_ERROR, 502: "Bad Gateway", 503: MSG_SERVICE_UNAVAILABLE, 504: "Gateway Timeout",
}

# --- Section 5: idempotency --------------------------------------------------
IDEMPOTENCY_HEADER = "idempotency-key"
IDEMPOTENCY_METHODS = frozenset({"POST", "PUT", "DELETE", "PATCH"})
IDEMPOTENCY_MAX_KEY = 255
IDEMPOTENCY_TTL_S = 24 * 3600
MSG_IDEMPOTENCY_MISMATCH = "Idempotency-Key has already been used with a different request."
MSG_IDEMPOTENCY_IN_FLIGHT = "A request with this Idempotency-Key is still being processed."

# --- Section 3: permissions ----------------------------------------------------
PERM_API = "autocall_api_access"
PERM_CAMPAIGN = "autocall_manage_campaign"
PERM_RECORDINGS = "manage_recordings"
ALL_PERMISSIONS = (PERM_API, PERM_CAMPAIGN, PERM_RECORDINGS)
ADMIN_ROLE = "admin"
CONTROL_TOKEN_NAME = "emulator control"  # the name of a control-minted token that was not given one
DEFAULT_TOKEN_ROLE = "member"  # a control-minted token without a role: only the permissions it lists
TOKEN_RANDOM_LENGTH = 40

# --- Section 4: rate limits (method or None = any, path regex, limit per window, key) ----
RATE_BUCKETS: tuple[tuple[str, str | None, str, int], ...] = (
    ("autocall", None, r"^/api/autocall/", 120),
    ("leads_import", "POST", r"^/api/autocall/campaigns/[^/]+/leads(/import)?/?$", 30),
    ("campaign_start", "POST", r"^/api/autocall/campaigns/[^/]+/start/?$", 5),
    ("login", None, r"^/api/auth/login/?$", 5),
    ("auth", None, r"^/api/auth/(?!login/?$)", 30),
    ("media_groups", None, r"^/api/(media-files|caller-id-groups)(/|$)", 60),
)
LOGIN_BUCKET = "login"

# --- Section 1: pagination -----------------------------------------------------
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200

# --- Section 7: variables --------------------------------------------------------
VARIABLE_CODE_MAX = 64
VARIABLE_CODE_RE = re.compile(rf"^[a-z][a-z0-9_]{{0,{VARIABLE_CODE_MAX - 1}}}$")
MSG_VARIABLE_CODE_FIXED = "The variable code cannot be changed."
MSG_VARIABLE_IN_USE = "Variable is used by script(s): {ids}."
VARIABLE_LIMITS = {"name": 255, "description": 1000, "sample_value": 255}

# --- Section 8: media files ------------------------------------------------------
MEDIA_CATEGORIES = ("announcement", "ivr", "moh", "library")
MEDIA_MAX_FILE_KB = 20 * 1024  # 20 MB, reported in kilobytes as Laravel's max.file does
MEDIA_NAME_MAX = 255
MSG_NOT_AUDIO = "The file must be an audio file of type: wav, mp3, m4a."
MSG_MEDIA_IN_USE = "Media file is used by script(s): {ids}."
MEDIA_SAMPLE_RATE = 8000

# --- Section 9: scripts ----------------------------------------------------------
SCRIPT_STATUSES = ("draft", "active", "archived")
TTS_TIERS = ("A", "B")
DTMF_DIGITS = tuple("0123456789*#")
DTMF_DIGIT_PATTERN = f"^[{''.join(DTMF_DIGITS)}]$"  # no digit is special inside a character class
DTMF_MAX_ACTIONS = 12
DTMF_LABEL_MAX = 100
ACTION_TYPES = ("playback", "playback_then_hangup", "queue", "switch_script", "repeat_script", "hangup")
DTMF_TARGETS = ("target_audio_url", "target_queue_name", "target_script_id")
# Which target each action type needs; every other target is prohibited [I].
ACTION_TARGET = {
    "playback": "target_audio_url",
    "playback_then_hangup": "target_audio_url",
    "queue": "target_queue_name",
    "switch_script": "target_script_id",
    "repeat_script": None,
    "hangup": None,
}
SCRIPT_LIMITS = {"name": 255, "description": 2000, "template_text": 5000}
MAX_REPEAT_RANGE = (1, 5)
PLACEHOLDER_RE = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")
MSG_SCRIPT_USED_BY_CAMPAIGNS = "Script is used by campaign(s): {ids}."
MSG_SCRIPT_USED_BY_SCRIPTS = "Script is used by script(s): {ids}."
MSG_SCRIPT_USED_BY_LIVE_CAMPAIGN = "Script is used by a running or paused campaign: {ids}."

# --- Section 10: campaigns -------------------------------------------------------
CAMPAIGN_LIMITS = {"name": 255, "description": 2000}
CAMPAIGN_RANGES = {
    "max_retries": (0, 10),
    "retry_interval_minutes": (1, 43200),
    "max_concurrent": (1, 200),
    "originate_timeout": (10, 180),
}
CAMPAIGN_DEFAULTS = {
    "description": None, "caller_id_group_id": None, "max_retries": 3, "retry_interval_minutes": 60,
    "retry_only_when": "no_answer", "max_concurrent": 10, "originate_timeout": 40,
    "write_to_main_cdr": False, "start_at": None, "end_at": None,
}
RETRY_ONLY_WHEN = ("no_answer", "busy", "failed", "any")
CAMPAIGN_STATUSES = ("draft", "starting", "running", "paused", "stopped", "completed", "archived")
MSG_SCRIPT_NOT_ACTIVE = "The selected script id is not active."
MSG_GROUP_REQUIRED_TO_START = "The caller id group id field is required when starting a campaign."
MSG_CANNOT = "Cannot {verb} a campaign in status {status}."
MSG_PAUSE_FIRST = "Pause the campaign before changing {field}."  # starting / running
MSG_CANNOT_CHANGE = "Cannot change {field} of a campaign in status {status}."  # stopped / completed / archived
PAUSABLE_STATUSES = frozenset({"starting", "running"})
MSG_STOP_BEFORE_DELETE = "Stop the campaign before deleting it."
# PUT: which fields each status lets change; None = every field [I, section 10].
EDITABLE_IN_STATUS: dict[str, frozenset[str] | None] = {
    "draft": None,
    "paused": None,
    "starting": frozenset({"name", "description", "max_concurrent", "end_at"}),
    "running": frozenset({"name", "description", "max_concurrent", "end_at"}),
    "stopped": frozenset({"name", "description"}),
    "completed": frozenset({"name", "description"}),
    "archived": frozenset({"name", "description"}),
}
DELETABLE_STATUSES = frozenset({"draft", "stopped", "completed", "archived"})
STARTED_STATUSES = frozenset({"starting", "running", "paused"})
"""Started and not stopped: a script such a campaign reads cannot be archived (409) [I]."""

# --- Section 11: leads -------------------------------------------------------------
LEADS_MAX_PER_REQUEST = 5000
LEAD_CLOSED_STATUSES = frozenset({"stopped", "completed", "archived"})
MSG_LEADS_CLOSED = "Cannot import leads into a campaign in status {status}."
PHONE_RE = re.compile(r"^(?:\+84|84|0)(\d{9,10})$")
MSG_PHONE_FORMAT = "The phone format is invalid."
MSG_PAYLOAD_UNDEFINED = "The variable {code} is not defined."
