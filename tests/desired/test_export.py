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
