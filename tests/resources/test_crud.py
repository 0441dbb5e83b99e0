"""Variable, Script and MediaFile providers against the emulator: update vs replace per field, drift, refresh,
adoption, deletes refused while in use, and a media content change with its script repointed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pulumi_zorio.client import _reset_process_state
from pulumi_zorio.resources import (
    CampaignProvider, MediaFileProvider, ScriptProvider, VariableProvider, ZorioResourceError,
)
from pulumi_zorio.resources._base import ZorioProvider
from .support import clear_log, write_wav, writes

VARIABLE = {"variable_code": "customer_name", "name": "Customer", "description": "who we call"}
SCRIPT = {"name": "reminder", "template_text": "Hello {{customer_name}}", "voice_id": "vi-VN-female-01",
          "dtmf_actions": [{"digit": "1", "label": "Bye", "action_type": "hangup"}]}
MENU_QUEUE = [{"digit": "2", "label": "Agent", "action_type": "queue", "target_queue_name": "support@default"}]


def checked(provider: ZorioProvider, news: dict[str, Any]) -> dict[str, Any]:
    result = provider.check({}, news)
    assert result.failures == [], [(f.property, f.reason) for f in result.failures]
    return result.inputs


def created(provider: ZorioProvider, news: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    result = provider.create(checked(provider, news))
    return result.id, result.outs


@pytest.fixture(autouse=True)
def project_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("kind", "base", "field", "value", "replace"), [
    ("variable", VARIABLE, "variable_code", "customer_full_name", True),
    ("variable", VARIABLE, "name", "Customer name", False),
    ("variable", VARIABLE, "description", None, False),
    ("variable", VARIABLE, "sample_value", "anh An", False),
    ("script", SCRIPT, "name", "reminder v2", False),
    ("script", SCRIPT, "description", "new", False),
    ("script", SCRIPT, "template_text", "Hi {{customer_name}}!", False),
    ("script", SCRIPT, "voice_id", "voice_id_premium_02", False),
    ("script", SCRIPT, "tts_tier", "A", False),
    ("script", SCRIPT, "max_repeat_per_attempt", 3.0, False),
    ("script", SCRIPT, "status", "draft", False),
    ("script", SCRIPT, "dtmf_actions", MENU_QUEUE, False),
])
def test_changed_field_updates_in_place_or_replaces_as_the_api_allows(
    emulator: Any, make_provider: Any, kind: str, base: dict[str, Any], field: str, value: Any, replace: bool
) -> None:
    provider = make_provider(VariableProvider if kind == "variable" else ScriptProvider)
    object_id, outs = created(provider, base)
    news = checked(provider, {**{k: v for k, v in base.items() if k != field}, **({field: value} if value else {})})
    diff = provider.diff(object_id, outs, news)
    assert diff.changes is True and diff.replaces == ([field] if replace else [])
    if replace:
        return
    clear_log(emulator)
    updated = provider.update(object_id, outs, news)
    assert writes(emulator) == [("PUT", f"/api/autocall/{kind}s/{object_id}")]
    assert updated.outs.get(field) == news.get(field)
    assert provider.diff(object_id, updated.outs, news).changes is False


@pytest.mark.parametrize(("news", "why"), [
    ({**SCRIPT, "dtmf_actions": [{"digit": 1.0, "label": "Bye", "action_type": "hangup"}]}, "digit as a number"),
    ({**SCRIPT, "max_repeat_per_attempt": 1.0, "tts_tier": "B", "status": "active"}, "defaults written out"),
    ({**SCRIPT, "description": ""}, "empty description = none"),
])
def test_diff_reports_no_change_when_only_the_form_differs(make_provider: Any, news: dict[str, Any], why: str) -> None:
    provider = make_provider(ScriptProvider)
    object_id, outs = created(provider, SCRIPT)
    assert provider.diff(object_id, outs, checked(provider, news)).changes is False, why


def test_out_of_band_edit_shows_on_refresh_and_next_apply_fixes_it(emulator: Any, make_provider: Any) -> None:
    provider = make_provider(ScriptProvider)
    object_id, outs = created(provider, SCRIPT)
    provider.client.scripts.update(object_id, {"template_text": "Edited in the admin UI", "tts_tier": "A"})
    _reset_process_state()  # a later `pulumi refresh` is a new process: nothing cached
    refreshed = provider.read(object_id, outs)
    assert refreshed.outs["template_text"] == "Edited in the admin UI"
    news = checked(provider, SCRIPT)
    assert provider.diff(object_id, refreshed.outs, news).changes is True
    clear_log(emulator)
    fixed = provider.update(object_id, refreshed.outs, news)
    assert writes(emulator) == [("PUT", f"/api/autocall/scripts/{object_id}")]
    assert fixed.outs["template_text"] == SCRIPT["template_text"] and fixed.outs["tts_tier"] == "B"


def test_out_of_band_delete_reads_as_gone_and_next_apply_recreates(emulator: Any, make_provider: Any) -> None:
    provider = make_provider(VariableProvider)
    object_id, outs = created(provider, VARIABLE)
    provider.client.variables.delete(object_id)
    _reset_process_state()
    gone = provider.read(object_id, outs)
    assert gone.id is None and gone.outs == {}
    again_id, again = created(provider, VARIABLE)
    assert again_id != object_id and again["variable_code"] == "customer_name"


def test_refresh_of_many_objects_costs_one_list_call(emulator: Any, make_provider: Any) -> None:
    provider = make_provider(VariableProvider)
    made = [created(provider, {"variable_code": f"v{i}", "name": f"V{i}"}) for i in range(20)]
    _reset_process_state()
    clear_log(emulator)
    for object_id, outs in made:
        assert provider.read(object_id, outs).id == object_id
    assert len([e for e in emulator.requests_log() if e["method"] == "GET"]) <= 3


def test_adoption_takes_over_the_object_with_a_put_and_no_post(emulator: Any, make_provider: Any) -> None:
    provider = make_provider(ScriptProvider)
    existing = provider.client.scripts.create({"name": "old", "template_text": "Old text", "voice_id":
                                               "vi-VN-female-01", "status": "draft"})
    clear_log(emulator)
    adopted = provider.create(checked(provider, {**SCRIPT, "adopt_id": float(existing["id"])}))
    assert adopted.id == str(existing["id"])
    assert writes(emulator) == [("PUT", f"/api/autocall/scripts/{existing['id']}")]
    live = provider.client.scripts.retrieve(existing["id"], fresh=True)
    assert live["template_text"] == SCRIPT["template_text"] and live["status"] == "active"


def test_adoption_of_a_missing_id_fails_naming_it(make_provider: Any) -> None:
    provider = make_provider(VariableProvider)
    with pytest.raises(ZorioResourceError, match="cannot adopt variable 999: it does not exist"):
        provider.create(checked(provider, {**VARIABLE, "adopt_id": 999.0}))


def test_deleting_a_variable_still_used_fails_with_the_api_explanation(make_provider: Any) -> None:
    variables, scripts = make_provider(VariableProvider), make_provider(ScriptProvider)
    variable_id, outs = created(variables, VARIABLE)
    created(scripts, SCRIPT)
    with pytest.raises(ZorioResourceError, match="cannot delete variable .*Variable is used by script"):
        variables.delete(variable_id, outs)


def test_media_content_change_uploads_repoints_script_then_deletes_old(
    emulator: Any, make_provider: Any, project_dir: Path
) -> None:
    media, scripts = make_provider(MediaFileProvider), make_provider(ScriptProvider)
    write_wav(project_dir / "thanks.wav", tone=0)
    media_news = {"name": "thank you", "category": "announcement", "source": "thanks.wav"}
    old_id, old = created(media, media_news)
    menu = [{"digit": "1", "action_type": "playback_then_hangup", "target_audio_url": old["file_path"]}]
    script_id, script = created(scripts, {**SCRIPT, "dtmf_actions": menu})

    write_wav(project_dir / "thanks.wav", tone=1000)  # new recording, same path
    new_inputs = checked(media, media_news)
    assert media.diff(old_id, old, new_inputs).replaces == ["content_sha256"]
    clear_log(emulator)
    replacement = media.create(new_inputs)  # the engine creates the replacement first (create-before-delete)
    assert replacement.outs["file_path"] != old["file_path"]
    with pytest.raises(ZorioResourceError, match="Media file is used by script"):
        media.delete(old_id, old)  # the old file cannot go while the script still plays it
    repointed = [{**menu[0], "target_audio_url": replacement.outs["file_path"]}]
    script_news = checked(scripts, {**SCRIPT, "dtmf_actions": repointed})
    assert scripts.diff(script_id, script, script_news).replaces == []
    scripts.update(script_id, script, script_news)
    media.delete(old_id, old)
    assert writes(emulator) == [
        ("POST", "/api/media-files"),
        ("DELETE", f"/api/media-files/{old_id}"),
        ("PUT", f"/api/autocall/scripts/{script_id}"),
        ("DELETE", f"/api/media-files/{old_id}"),
    ]
    live = scripts.client.scripts.retrieve(script_id, fresh=True)
    assert live["dtmf_actions"][0]["target_audio_url"] == replacement.outs["file_path"]


def test_media_rename_is_an_update_and_moving_the_source_is_no_change(
    emulator: Any, make_provider: Any, project_dir: Path
) -> None:
    media = make_provider(MediaFileProvider)
    write_wav(project_dir / "a.wav")
    object_id, outs = created(media, {"name": "hold", "category": "moh", "source": "a.wav"})
    (project_dir / "audio").mkdir()
    (project_dir / "a.wav").rename(project_dir / "audio" / "a.wav")
    moved = checked(media, {"name": "hold", "category": "moh", "source": "audio/a.wav"})
    assert media.diff(object_id, outs, moved).changes is False
    renamed = checked(media, {"name": "hold music", "category": "library", "source": "audio/a.wav"})
    clear_log(emulator)
    result = media.update(object_id, outs, renamed)
    assert writes(emulator) == [("PUT", f"/api/media-files/{object_id}")]
    assert result.outs["name"] == "hold music" and result.outs["category"] == "library"
    assert result.outs["file_path"] == outs["file_path"] and media.diff(object_id, result.outs, renamed).changes is False


@pytest.mark.parametrize("variants", [[], ["duplicate-409"]])
def test_creating_a_variable_code_the_account_has_is_refused_with_the_adoption_to_declare(
    emulator: Any, make_provider: Any, variants: list[str]
) -> None:
    """What `pulumi up` says (it has no plan-time read of the codes): the create names the id and the adopt_id."""
    emulator.settings(variants=variants)
    provider = make_provider(VariableProvider)
    existing = provider.create({"variable_code": "customer_name", "name": "Made in the console"})
    with pytest.raises(ZorioResourceError) as refused:
        provider.create({"variable_code": "customer_name", "name": "Customer"})
    assert str(refused.value) == (
        f"variable code customer_name already exists on the account (id {existing.id}), so it cannot be created "
        f"again. To manage that variable here, take it over: declare it with adopt_id: {existing.id}; otherwise "
        "choose another code")
    assert provider.conflict_on_create({"variable_code": "customer_name"}) == str(refused.value)  # what a plan says
    assert provider.conflict_on_create({"variable_code": "customer_name", "adopt_id": existing.id}) is None


@pytest.mark.parametrize(("cls", "by_design"), [
    (ScriptProvider, {"status": "active"}),  # design.md: IaC scripts exist to be used; the API's draft is opt-in
    (CampaignProvider, {}),
])
def test_defaults_check_fills_in_are_the_values_the_api_gives_an_object_created_without_them(
    make_provider: Any, cls: type[ZorioProvider], by_design: dict[str, Any]
) -> None:
    """A default that differs from the API's would show as a change on every plan of an object declared without it."""
    provider = make_provider(cls)
    minimal: dict[str, Any] = {"name": "minimal", "template_text": "Hello", "voice_id": "vi-VN-female-01"}
    service = provider.client.scripts
    if cls is CampaignProvider:
        script = service.create({**minimal, "status": "active"})
        minimal = {"name": "minimal", "script_id": script["id"], "caller_id_group_id": 3}
        service = provider.client.campaigns
    filled = {k: v for k, v in checked(provider, minimal).items() if k not in minimal}
    assert filled, "check filled in no default"
    answered = service.create(minimal)
    assert filled == {field: by_design.get(field, answered[field]) for field in filled}
