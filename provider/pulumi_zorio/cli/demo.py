"""`zorio demo`: start a local emulator and walk through the documented AutoCall flow against it."""

from __future__ import annotations

import time
from typing import Any

import click
import requests

from pulumi_zorio.cli.terminal import out

class _Walkthrough:
    """A tiny HTTP session that prints one line per call and fails loudly on surprises."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.http = requests.Session()
        self.http.headers["Accept"] = "application/json"

    def call(self, method: str, path: str, body: Any = None, expect: int | None = None) -> Any:
        response = self.http.request(method, self.base_url + path, json=body, timeout=10)
        ok = response.status_code == expect if expect else response.ok
        colour = "green" if response.ok else "yellow" if ok else "red"
        out.print(f"[bold]{method:6}[/bold] {path:44} [{colour}]{response.status_code}[/{colour}]")
        if not ok:
            raise click.ClickException(f"{method} {path} answered {response.status_code}: {response.text}")
        return response.json() if response.content else None


def run_walkthrough(base_url: str) -> None:
    """Log in, read the catalogues, create a variable, a script and a draft campaign, show a refusal."""
    api = _Walkthrough(base_url)
    token = api.call("POST", "/api/auth/login", {"username": "admin", "password": "admin"})["token"]
    api.http.headers["Authorization"] = f"Bearer {token}"
    # Tokens are `<id>|<secret>`: the id alone is safe to show.
    out.print(f"  logged in as admin (token {token.split('|')[0]}|…, redacted)")
    voices = api.call("GET", "/api/autocall/voices")["data"]
    out.print("  voices: " + ", ".join(voice["id"] for voice in voices))
    groups = api.call("GET", "/api/caller-id-groups")["data"]
    for group in groups:
        out.print(f"  caller-ID group {group['id']} {group['name']!r} ({group['status']})")
    variable = api.call("POST", "/api/autocall/variables",
                        {"variable_code": "customer_name", "name": "Customer name", "sample_value": "anh An"})["data"]
    script = api.call("POST", "/api/autocall/scripts", {
        "name": "Appointment reminder", "voice_id": "vi-VN-female-01", "status": "active",
        "template_text": "Hello {{customer_name}}. Press 2 to talk to an agent.",
        "dtmf_actions": [{"digit": "2", "label": "Agent", "action_type": "queue",
                          "target_queue_name": "support@default"}],
    })["data"]
    group_id = next(g["id"] for g in groups if g["status"] == "active")
    campaign = api.call("POST", "/api/autocall/campaigns",
                        {"name": "Q3 care", "script_id": script["id"], "caller_id_group_id": group_id})["data"]
    out.print(f"  created variable {variable['id']}, script {script['id']} (placeholders {script['variables']})")
    out.print(f"  created campaign {campaign['id']} in status [bold]{campaign['status']}[/bold]: nothing dials")
    refusal = api.call("PUT", f"/api/autocall/campaigns/{campaign['id']}", {"max_retries": 11}, expect=422)
    for field, messages in refusal["errors"].items():
        out.print(f"  refused, {field}: {' '.join(messages)}")
    refusal = api.call("POST", f"/api/autocall/campaigns/{campaign['id']}/resume", expect=409)
    out.print(f"  refused: {refusal['message']}")


@click.command()
@click.option("--keep-running", is_flag=True, help="Leave the emulator running after the walkthrough.")
def demo(keep_running: bool) -> None:
    """Start a local Zorio emulator and show it answering the documented flow."""
    from zorio_emulator.server import start_in_thread
    from zorio_emulator.settings import EmulatorSettings

    server = start_in_thread(EmulatorSettings())
    out.rule(f"Zorio emulator on {server.base_url}")
    try:
        run_walkthrough(server.base_url)
        if keep_running:
            out.print(f"Emulator still running on {server.base_url}; press Ctrl+C to stop.")
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
