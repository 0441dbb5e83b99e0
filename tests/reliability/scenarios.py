"""What the fault matrix applies: for each kind, a first and a second version of one small zorio YAML (so that every
mutating endpoint the provider uses is called by one of the two applies), and what the account holds after each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SMALL_PROJECT = """\
variables:
  salutation_name: {name: Salutation, sample_value: anh An}
media:
  thank_you: {source: audio/first.wav, category: announcement}
scripts:
  reminder:
    voice_id: vi-VN-female-01
    template_text: "Hello {{salutation_name}}. Press 1 to confirm."
    dtmf_actions:
      - {digit: "1", label: Confirm, action_type: playback_then_hangup, audio: thank_you}
campaigns:
  q3_care: {script: reminder, caller_id_group: "Group A - Viettel Sales", status: draft}
"""
"""A variable, an audio prompt, a script using both and a campaign on the script (draft: nothing dials)."""

GROUP = "Group A - Viettel Sales"
Account = dict[str, list[tuple[str, "str | None"]]]
"""(name, status) of every object per kind, sorted: what `cli.support.account` reads."""


@dataclass(frozen=True)
class Scenario:
    """Two applies of one project; `first` and `second` are the account each leaves when it converges."""

    first_yaml: str
    second_yaml: str
    first: Account
    second: Account


def _account(variables: Sequence[str] = (), media: Sequence[str] = (), scripts: Sequence[str] = (),
             campaigns: dict[str, str] | None = None) -> Account:
    return {"variables": sorted((v, None) for v in variables), "media": sorted((m, None) for m in media),
            "scripts": sorted((s, "active") for s in scripts), "campaigns": sorted((campaigns or {}).items())}


VARIABLES = Scenario(
    first_yaml="""\
variables:
  salutation_name: {name: Salutation, sample_value: anh An}
  due_day: {name: Due day, sample_value: '15'}
""",
    second_yaml="""\
variables:
  salutation_name: {name: Salutation, sample_value: chi Binh}
""",
    first=_account(variables=["due_day", "salutation_name"]),
    second=_account(variables=["salutation_name"]),
)
"""POST (two creates), then PUT salutation_name and DELETE due_day."""

MEDIA = Scenario(
    first_yaml="""\
media:
  thank_you: {source: audio/first.wav, category: announcement}
  doomed: {source: audio/first.wav, category: library}
  hold_music: {source: audio/first.wav, category: moh}
""",
    second_yaml="""\
media:
  thank_you: {source: audio/first.wav, category: ivr}
  hold_music: {source: audio/second.wav, category: moh}
""",
    first=_account(media=["doomed", "hold_music", "thank_you"]),
    second=_account(media=["hold_music", "thank_you"]),
)
"""Uploads, then PUT thank_you's category, DELETE doomed, and replace hold_music (new audio: upload, then DELETE the
old file)."""

_SCRIPT_BASE = """\
variables:
  salutation_name: {name: Salutation, sample_value: anh An}
media:
  thank_you: {source: audio/first.wav, category: announcement}
"""
SCRIPTS = Scenario(
    first_yaml=_SCRIPT_BASE + """\
scripts:
  reminder:
    voice_id: vi-VN-female-01
    template_text: "Hello {{salutation_name}}. Press 1 to confirm."
    dtmf_actions:
      - {digit: "1", label: Confirm, action_type: playback_then_hangup, audio: thank_you}
  goodbye: {voice_id: vi-VN-female-01, template_text: Goodbye}
""",
    second_yaml=_SCRIPT_BASE + """\
scripts:
  reminder:
    voice_id: vi-VN-female-01
    template_text: "Hello {{salutation_name}}. Press 1 to confirm, 9 to hear this again."
    dtmf_actions:
      - {digit: "1", label: Confirm, action_type: playback_then_hangup, audio: thank_you}
      - {digit: "9", label: Repeat, action_type: repeat_script}
""",
    first=_account(variables=["salutation_name"], media=["thank_you"], scripts=["goodbye", "reminder"]),
    second=_account(variables=["salutation_name"], media=["thank_you"], scripts=["reminder"]),
)
"""Creates, then PUT reminder (template and DTMF menu) and DELETE goodbye."""


def _campaigns(first: dict[str, str], second: dict[str, str], extra: dict[str, str] | None = None) -> Scenario:
    """One script and the campaigns, declared with the first and then the second status of each (`extra`: more
    YAML fields per campaign in the second version)."""
    head = "scripts:\n  reminder: {voice_id: vi-VN-female-01, template_text: Hello}\ncampaigns:\n"

    def render(statuses: dict[str, str], more: dict[str, str]) -> str:
        return head + "".join(f"  {name}: {{script: reminder, caller_id_group: \"{GROUP}\", status: {status}"
                              f"{', ' + more[name] if name in more else ''}}}\n"
                              for name, status in statuses.items())

    return Scenario(render(first, {}), render(second, extra or {}),
                    _account(scripts=["reminder"], campaigns=first), _account(scripts=["reminder"], campaigns=second))


CAMPAIGN_CREATE = _campaigns(first={"q_draft": "draft", "q_live": "running"},
                             second={"q_draft": "draft", "q_live": "running"})
"""Creates (one stays a draft, one is started right after its create)."""
CAMPAIGN_EDIT = _campaigns(first={"q_draft": "draft"}, second={"q_draft": "draft"},
                           extra={"q_draft": "description: second version"})
"""PUT of a draft."""
RUNNING_EDIT = _campaigns(first={"q_live": "running"}, second={"q_live": "running"},
                          extra={"q_live": "max_retries: 5"})
"""A running campaign whose max_retries changes: pause → PUT → resume (the API refuses that field while running)."""
CAMPAIGN_DELETE = _campaigns(first={"q_keep": "draft", "q_gone": "running"}, second={"q_keep": "draft"})
"""A running campaign no longer declared: stop, then DELETE."""


def _status_change(first: str, second: str) -> Scenario:
    return _campaigns(first={"q": first}, second={"q": second})


@dataclass(frozen=True)
class Endpoint:
    """A mutating endpoint the provider uses: the fault rule's method and path glob (api-contract.md section 13),
    the scenario that calls it, and which of its two applies does (1 or 2)."""

    method: str
    path: str
    scenario: Scenario
    apply: int


CAMPAIGNS = "/api/autocall/campaigns"
ENDPOINTS: dict[str, Endpoint] = {
    "POST variables": Endpoint("POST", "/api/autocall/variables", VARIABLES, 1),
    "PUT variables/{id}": Endpoint("PUT", "/api/autocall/variables/*", VARIABLES, 2),
    "DELETE variables/{id}": Endpoint("DELETE", "/api/autocall/variables/*", VARIABLES, 2),
    "POST media-files (upload)": Endpoint("POST", "/api/media-files", MEDIA, 1),
    "POST media-files (replacement)": Endpoint("POST", "/api/media-files", MEDIA, 2),
    "PUT media-files/{id}": Endpoint("PUT", "/api/media-files/*", MEDIA, 2),
    "DELETE media-files/{id}": Endpoint("DELETE", "/api/media-files/*", MEDIA, 2),
    "POST scripts": Endpoint("POST", "/api/autocall/scripts", SCRIPTS, 1),
    "PUT scripts/{id}": Endpoint("PUT", "/api/autocall/scripts/*", SCRIPTS, 2),
    "DELETE scripts/{id}": Endpoint("DELETE", "/api/autocall/scripts/*", SCRIPTS, 2),
    "POST campaigns": Endpoint("POST", CAMPAIGNS, CAMPAIGN_CREATE, 1),
    "PUT campaigns/{id}": Endpoint("PUT", f"{CAMPAIGNS}/*", CAMPAIGN_EDIT, 2),
    "PUT campaigns/{id} while running": Endpoint("PUT", f"{CAMPAIGNS}/*", RUNNING_EDIT, 2),
    "DELETE campaigns/{id}": Endpoint("DELETE", f"{CAMPAIGNS}/*", CAMPAIGN_DELETE, 2),
    "POST campaigns/{id}/start": Endpoint("POST", f"{CAMPAIGNS}/*/start", CAMPAIGN_CREATE, 1),
    "POST campaigns/{id}/pause": Endpoint("POST", f"{CAMPAIGNS}/*/pause", _status_change("running", "paused"), 2),
    "POST campaigns/{id}/resume": Endpoint("POST", f"{CAMPAIGNS}/*/resume", _status_change("paused", "running"), 2),
    "POST campaigns/{id}/stop": Endpoint("POST", f"{CAMPAIGNS}/*/stop", _status_change("running", "stopped"), 2),
    "POST campaigns/{id}/archive": Endpoint("POST", f"{CAMPAIGNS}/*/archive", _status_change("draft", "archived"), 2),
    "POST campaigns/{id}/unarchive": Endpoint("POST", f"{CAMPAIGNS}/*/unarchive", _status_change("archived", "draft"),
                                              2),
}
"""Every write the provider sends (login aside), by the request a fault rule matches first. Each status action's
scenario moves one campaign through exactly that action; PUT of a running campaign is its own row because a fault
there strikes while the provider holds the campaign paused."""


@dataclass(frozen=True)
class Fault:
    """An emulator fault rule (without method and path) that hits the endpoint's first matching request once, and
    the emulator variants on meanwhile."""

    rule: dict[str, object]
    variants: tuple[str, ...] = ()

    @property
    def logged_status(self) -> int:
        """The status the request log shows for the faulted request (0: no answer)."""
        return 0 if self.rule.get("drop_connection") else int(self.rule["status"])  # type: ignore[call-overload]


KEY_IGNORED = ("idempotency-ignored",)
"""An API that does not replay Idempotency-Key (issue 17): a resent write runs again, so only the client's own check
of what the lost attempt did keeps it from applying twice. It changes nothing for faults before the commit."""

FAULTS: dict[str, Fault] = {
    "500 before commit": Fault({"status": 500}),
    "500 after commit": Fault({"status": 500, "after_commit": True}),
    "500 after commit, key ignored": Fault({"status": 500, "after_commit": True}, KEY_IGNORED),
    "dropped before commit": Fault({"drop_connection": True}),
    "dropped after commit": Fault({"drop_connection": True, "after_commit": True}),
    "dropped after commit, key ignored": Fault({"drop_connection": True, "after_commit": True}, KEY_IGNORED),
    "503": Fault({"status": 503}),
    "429 Retry-After": Fault({"status": 429, "retry_after": 1}),
}
