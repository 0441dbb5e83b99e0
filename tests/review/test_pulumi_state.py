"""`--pulumi-state`: a `pulumi stack export` becomes the engine's state in memory: our resources by logical name with
their ids, a provider of their kind; the provider resource (which holds the stack's configuration) and every secret
are left out; nothing can write it."""

from __future__ import annotations

import json

import pytest

from pulumi_zorio.local.engine import load_provider
from pulumi_zorio.local.state import PROVIDER_KEY, StateError
from pulumi_zorio.review.pulumi_state import SECRET, state_from_export

SIG = "4dabf18193072939515e22adb298388d"
CIPHERTEXT = "v1:9XkZ0ciphertextOfTheProvider"
TOKEN = "1|leakedTokenValue0123456789abcdefghijklmnopq"
URN = "urn:pulumi:prod::zorio-gitops::"

EXPORT = {"version": 3, "deployment": {"resources": [
    {"urn": URN + "pulumi:pulumi:Stack::zorio-gitops-prod", "type": "pulumi:pulumi:Stack", "custom": False},
    {"urn": URN + "pulumi:providers:pulumi-python::default", "type": "pulumi:providers:pulumi-python", "id": "p1",
     "custom": True, "outputs": {"zorio:token": {SIG: "1b47061264138c4ac30d75fd1eb44270", "plaintext": TOKEN}}},
    {"urn": URN + "pulumi-python:dynamic/zorio:Script::payment_reminder", "type": "pulumi-python:dynamic/zorio:Script",
     "id": "12", "custom": True, "protect": True,
     "inputs": {"template_text": "Xin chào", PROVIDER_KEY: {SIG: "1b47061264138c4ac30d75fd1eb44270",
                                                            "ciphertext": CIPHERTEXT}},
     "outputs": {"template_text": "Xin chào", "voice_id": "vi-VN-female-01",
                 "description": {SIG: "1b47061264138c4ac30d75fd1eb44270", "plaintext": json.dumps(TOKEN)},
                 PROVIDER_KEY: {SIG: "1b47061264138c4ac30d75fd1eb44270", "ciphertext": CIPHERTEXT}}},
    {"urn": URN + "pulumi-python:dynamic/zorio:Campaign::old_campaign", "type": "pulumi-python:dynamic/zorio:Campaign",
     "id": "7", "custom": True, "delete": True, "outputs": {"script_id": 12, "status": "draft"}},
]}}


def test_our_resources_come_with_their_ids_and_a_provider_of_their_kind() -> None:
    state = state_from_export(json.dumps(EXPORT), "stack.json")
    assert list(state.resources) == ["payment_reminder"]
    record = state.resources["payment_reminder"]
    assert (record.id, record.protect) == ("12", True)
    assert load_provider(record.provider_blob, {}).kind == "script"
    assert [(r.name, r.id) for r in state.pending_deletes] == [("old_campaign", "7")]


def test_no_secret_of_the_export_reaches_the_state() -> None:
    state = state_from_export(json.dumps(EXPORT), "stack.json")
    held = json.dumps([[r.inputs, r.outputs] for r in [*state.resources.values(), *state.pending_deletes]],
                      default=str)
    assert TOKEN not in held and CIPHERTEXT not in held and SIG not in held
    assert state.resources["payment_reminder"].outputs["description"] == SECRET


def test_the_state_of_an_export_is_never_written() -> None:
    state = state_from_export(json.dumps(EXPORT), "stack.json")
    with pytest.raises(StateError, match="never written"):
        state.save()


@pytest.mark.parametrize("text", ["", "{}", "[1, 2]", '{"deployment": 3}'])
def test_what_is_not_a_stack_export_is_an_error_naming_the_source(text: str) -> None:
    with pytest.raises(StateError, match="^stdin is not the output of `pulumi stack export`"):
        state_from_export(text, "stdin")
