"""The pure part of `zorio export`: logical names a person can read, unique and stable; references by name."""

from __future__ import annotations

from pulumi_zorio.desired.export import Account, export_config, slug


def test_slug_folds_vietnamese_diacritics_and_separators() -> None:
    assert slug("Nhắc lịch hẹn - Tháng 12") == "nhac_lich_hen_thang_12"
    assert slug("Đặt lịch (Đà Nẵng)") == "dat_lich_da_nang"
    assert slug("!!!") == ""


def test_clashing_names_get_numbered_suffixes_in_id_order_and_the_same_every_time() -> None:
    scripts = [{"id": 9, "name": "Nhắc hẹn", "template_text": "A", "voice_id": "v"},
               {"id": 4, "name": "Nhac hen", "template_text": "B", "voice_id": "v"},
               {"id": 5, "name": "???", "template_text": "C", "voice_id": "v"}]
    first = export_config(Account(scripts=scripts), ["scripts"])
    again = export_config(Account(scripts=list(reversed(scripts))), ["scripts"])
    assert list(first.sections["scripts"]) == ["nhac_hen", "script_5", "nhac_hen_2"]
    assert first.sections == again.sections
    assert first.sections["scripts"]["nhac_hen"]["adopt_id"] == 4


def test_a_reference_to_an_object_left_out_stays_a_raw_target() -> None:
    scripts = [{"id": 1, "name": "Q3 reminder", "template_text": "Hi", "voice_id": "v", "dtmf_actions": [
        {"digit": "1", "action_type": "playback", "target_audio_url": "/media/x.wav"},
        {"digit": "2", "action_type": "switch_script", "target_script_id": 7}]}]
    exported = export_config(Account(scripts=scripts), ["scripts"], only_names="Q3*")
    actions = exported.sections["scripts"]["q3_reminder"]["dtmf_actions"]
    assert actions == [{"digit": "1", "action_type": "playback", "target_audio_url": "/media/x.wav"},
                       {"digit": "2", "action_type": "switch_script", "target_script_id": 7}]


def test_what_the_chosen_objects_use_comes_along_so_the_export_validates() -> None:
    account = Account(
        variables=[{"id": 1, "variable_code": "customer_name", "name": "Customer"}],
        media=[{"id": 2, "name": "Thanks", "category": "ivr", "file_path": "/media/thanks.wav"}],
        scripts=[{"id": 3, "name": "Menu", "template_text": "Hi", "voice_id": "v"},
                 {"id": 4, "name": "Main", "template_text": "Hello {{customer_name}}", "voice_id": "v",
                  "dtmf_actions": [{"digit": "1", "action_type": "playback", "target_audio_url": "/media/thanks.wav"},
                                   {"digit": "0", "action_type": "switch_script", "target_script_id": 3}]}],
        campaigns=[{"id": 5, "name": "Q3", "script_id": 4, "status": "draft"}])
    exported = export_config(account, ["campaigns"])
    assert {section: list(items) for section, items in exported.sections.items()} == {
        "variables": ["customer_name"], "media": ["thanks"], "scripts": ["menu", "main"], "campaigns": ["q3"]}
    assert exported.added == {"variables": 1, "media": 1, "scripts": 2, "campaigns": 0}
    assert exported.sections["campaigns"]["q3"]["script"] == "main"
    assert exported.sections["scripts"]["main"]["dtmf_actions"][1] == {"digit": "0", "action_type": "switch_script",
                                                                       "script": "menu"}
