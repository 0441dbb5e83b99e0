"""The examples under test, each with what it declares and the one-field edits, drift and deletion a user would
make; plus helpers reading the emulator's request log and the account the way a user sees them."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
LISTS = {"variables": "/api/autocall/variables", "media": "/api/media-files", "scripts": "/api/autocall/scripts",
         "campaigns": "/api/autocall/campaigns"}


@dataclass(frozen=True)
class Edit:
    """Replace `old` by `new` in one file of the copied example: one field of one resource changes."""

    file: str
    old: str
    new: str
    resource: str
    field: str
    live: Any
    """The field's value on the account once the edit is applied."""

    def apply(self, project: Path) -> None:
        path = project / self.file
        text = path.read_text(encoding="utf-8")
        assert text.count(self.old) == 1, f"{self.old!r} must occur exactly once in {path}"
        path.write_text(text.replace(self.old, self.new), encoding="utf-8")


@dataclass(frozen=True)
class Drift:
    """An out-of-band PUT of one field (someone used the admin console): `declared` is what the example says."""

    resource: str
    field: str
    declared: Any
    live: Any


@dataclass(frozen=True)
class Example:
    """One example folder: the Pulumi resource names it declares per section and the API names they get."""

    folder: str
    declared: dict[str, dict[str, str]]
    """section → {resource name: the object's API name (variable_code for variables)}."""
    edit: Edit
    drift: Drift
    deleted: str
    """A campaign to delete out of band (the only objects nothing else depends on; the API refuses the others)."""
    statuses: dict[str, str] | None = None
    """Declared campaign statuses other than draft: `up` starts these (and pauses the paused ones)."""

    @property
    def resources(self) -> dict[str, str]:
        """Resource name → section."""
        return {name: section for section, names in self.declared.items() for name in names}

    def section_of(self, name: str) -> str:
        return self.resources[name]


QUICKSTART = Example(
    folder="yaml-quickstart",
    declared={"variables": {"salutation_name": "salutation_name"}, "media": {"thank_you": "thank_you"},
              "scripts": {"reminder": "reminder"}, "campaigns": {"q3_care": "q3_care"}},
    edit=Edit("zorio.yaml", "Press 1 to confirm,", "Press 1 to confirm your visit,", "reminder", "template_text",
              "Hello {{salutation_name}}. Press 1 to confirm your visit, 2 to talk to an agent, "
              "9 to hear this again."),
    drift=Drift("salutation_name", "sample_value", "anh An", "chị Hoa"),
    deleted="q3_care",
)

PYTHON = Example(
    folder="python",
    declared=QUICKSTART.declared,
    edit=Edit("__main__.py", 'sample_value="anh An"', 'sample_value="chị Bình"', "salutation_name",
              "sample_value", "chị Bình"),
    drift=Drift("q3_care", "max_retries", 3, 7),
    deleted="q3_care",
)

APPOINTMENTS = Example(
    folder="appointment-reminders",
    declared={
        "variables": {code: code for code in ("customer_name", "appointment_date", "appointment_time", "clinic_name")},
        "media": {"confirmed": "Appointment confirmed", "cancelled": "Appointment cancelled",
                  "opening_hours": "Opening hours"},
        "scripts": {name: name for name in ("appointment_reminder", "cancel_appointment", "missed_appointment")},
        "campaigns": {"november_reminders": "november_reminders", "missed_followup": "missed_followup"},
    },
    # max_concurrent is one of the fields a RUNNING campaign accepts: one PUT, no pause/resume around it.
    edit=Edit("campaigns.yaml", "max_concurrent: 5", "max_concurrent: 8", "november_reminders",
              "max_concurrent", 8),
    drift=Drift("missed_followup", "max_retries", 1, 4),
    deleted="missed_followup",
    statuses={"november_reminders": "running", "missed_followup": "paused"},
)

GITOPS = Example(
    folder="gitops",
    declared={
        "variables": {code: code for code in ("customer_name", "amount_due", "due_date")},
        "media": {"payment_received": "Payment received"},
        "scripts": {"payment_reminder": "payment_reminder"},
        "campaigns": {"december_payments": "december_payments"},
    },
    edit=Edit("zorio.yaml", 'sample_value: "1.250.000 đồng"', 'sample_value: "2.500.000 đồng"', "amount_due",
              "sample_value", "2.500.000 đồng"),
    drift=Drift("payment_reminder", "max_repeat_per_attempt", 2, 5),
    deleted="december_payments",
)

ALL = (QUICKSTART, PYTHON, APPOINTMENTS, GITOPS)


# --- the emulator, seen as a user sees it ----------------------------------------------------------------------


def writes(emulator: Any) -> list[tuple[str, str]]:
    """(method, path) of every API call that writes, in order (the request log, section 13)."""
    return [(e["method"], e["path"].split("?")[0]) for e in emulator.requests_log()
            if e["method"] != "GET" and e["path"].startswith("/api/") and not e["path"].startswith("/api/auth/")]


def clear_log(emulator: Any) -> None:
    assert emulator.control("DELETE", "requests").status_code == 204


def account(emulator: Any, token: str) -> dict[str, list[str]]:
    """Every object's name per kind (variables by code), sorted: the full listings, all pages."""
    session = emulator.api(token)
    found: dict[str, list[str]] = {}
    for section, path in LISTS.items():
        names: list[str] = []
        page, last = 1, 1
        while page <= last:
            response = session.get(emulator.base_url + path, params={"per_page": 200, "page": page}, timeout=10)
            assert response.status_code == 200, response.text
            body = response.json()
            names += [str(item.get("variable_code") or item["name"]) for item in body["data"]]
            page, last = page + 1, int(body.get("last_page", 1))
        found[section] = sorted(names)
    return found


def api_call(emulator: Any, token: str, method: str, path: str, body: Any = None) -> dict[str, Any]:
    """One call through the public API (the admin console's way); returns `data`, or {} for 204."""
    response = emulator.api(token).request(method, emulator.base_url + path, json=body, timeout=10)
    assert response.status_code in (200, 201, 202, 204), f"{method} {path}: {response.status_code} {response.text}"
    return {} if response.status_code == 204 else dict(response.json().get("data") or {})


def item_path(section: str, object_id: str) -> str:
    return f"{LISTS[section]}/{object_id}"


def copy_example(example: Example, into: Path) -> Path:
    """The example as a user's checkout: every file, without state or virtualenvs left by a local run."""
    ignore = shutil.ignore_patterns(".zorio-state.json*", "venv", ".venv", "__pycache__", "Pulumi.*.yaml")
    target = into / example.folder
    shutil.copytree(EXAMPLES / example.folder, target, ignore=ignore)
    return target
