"""validate_paths and the loaded model: good files, several problems at once, the online variable codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_zorio.desired import (
    InvalidConfig,
    LocatedProblem,
    Location,
    Ref,
    load_config,
    resource_inputs,
    stand_in,
    validate_paths,
)

GOOD = Path(__file__).parent / "good"


@pytest.mark.parametrize("path", sorted(p.name for p in GOOD.iterdir() if p.name != "audio"))
def test_good_file_validates_with_exactly_the_warnings_it_expects(
    path: str, monkeypatch: pytest.MonkeyPatch, no_network: None
) -> None:
    monkeypatch.chdir(GOOD)
    expected = [f"{path}:{line.removeprefix('# expect: ')}" for line in _lines(GOOD / path)
                if line.startswith("# expect: ")]
    report = validate_paths([path])
    assert [str(problem) for problem in report.problems] == []
    assert [str(warning) for warning in report.warnings] == expected
    assert report.valid


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []


def test_folder_merges_files_in_name_order() -> None:
    report = validate_paths([GOOD / "split"])
    assert [Path(name).name for name in report.files] == ["10-variables.yaml", "20-scripts.yml"]
    assert set(report.config.variables) == {"customer_name"}
    assert set(report.config.campaigns) == {"welcome"}


def test_folder_skips_pulumi_project_and_stack_files(tmp_path: Path) -> None:
    """A Pulumi project folder holds Pulumi.yaml and Pulumi.<stack>.yaml beside zorio.yaml: they are not zorio."""
    (tmp_path / "Pulumi.yaml").write_text("name: zorio\nruntime: python\n")
    (tmp_path / "Pulumi.prod.yaml").write_text("config:\n  zorio:baseUrl: https://app.zorio.vn\n")
    (tmp_path / "zorio.yaml").write_text("variables:\n  customer_name: {sample_value: An}\n")
    report = validate_paths([tmp_path])
    assert [str(problem) for problem in report.problems] == []
    assert [Path(name).name for name in report.files] == ["zorio.yaml"]


def test_yaml_conveniences_are_normalised_in_the_model() -> None:
    config = load_config([GOOD / "full_menu.yaml"])
    menu = config.scripts["main_menu"].inputs
    assert [action["digit"] for action in menu["dtmf_actions"]] == ["1", "0"]
    campaign = config.campaigns["q3_care"].inputs
    assert (campaign["start_at"], campaign["end_at"]) == ("2026-06-25T08:00:00Z", "2026-06-30T10:00:00Z")
    assert campaign["name"] == "q3_care"  # the logical name is the default API name
    assert config.campaigns["by_group_id"].inputs["name"] == "Q3 care (by id)"
    assert config.variables["appointment_date"].inputs["variable_code"] == "appointment_date"


def test_media_source_is_resolved_against_the_declaring_file() -> None:
    config = load_config([GOOD / "full_menu.yaml"])
    expected = str((GOOD / "audio" / "thank_you.wav").resolve())
    assert config.media["thank_you"].inputs["source"] == expected
    assert config.media["hold_music"].inputs["source"] == expected


def test_references_stay_by_logical_name_and_become_dependencies() -> None:
    config = load_config([GOOD / "full_menu.yaml"])
    assert config.scripts["reminder"].inputs["dtmf_actions"][0]["audio"] == "thank_you"
    assert config.campaigns["q3_care"].inputs["caller_id_group"] == "Group A - Viettel Sales"
    assert config.dependencies() == [
        (Ref("script", "main_menu"), Ref("script", "reminder")),
        (Ref("script", "reminder"), Ref("media", "thank_you")),
        (Ref("script", "reminder"), Ref("media", "hold_music")),
        (Ref("script", "reminder"), Ref("variable", "salutation_name")),
        (Ref("script", "reminder"), Ref("variable", "appointment_date")),
        (Ref("campaign", "by_group_id"), Ref("script", "main_menu")),
        (Ref("campaign", "later"), Ref("script", "reminder")),
        (Ref("campaign", "q3_care"), Ref("script", "reminder")),
    ]


def test_resource_inputs_replace_references_by_resolved_values() -> None:
    config = load_config([GOOD / "full_menu.yaml"])
    outputs = {Ref("media", "thank_you"): "/media/thank_you.wav", Ref("media", "hold_music"): "/media/hold.wav",
               Ref("script", "reminder"): 7, Ref("caller_id_group", "Group A - Viettel Sales"): 3}
    campaign = resource_inputs(config.campaigns["q3_care"], outputs.__getitem__)
    assert (campaign["script_id"], campaign["caller_id_group_id"]) == (7, 3)
    assert "script" not in campaign and "caller_id_group" not in campaign
    actions = resource_inputs(config.scripts["reminder"], outputs.__getitem__)["dtmf_actions"]
    assert actions[0] == {"digit": "1", "label": "Confirm", "action_type": "playback_then_hangup",
                          "target_audio_url": "/media/thank_you.wav"}
    assert actions[2]["target_audio_url"] == "/media/legacy.wav"  # raw target kept as written
    assert resource_inputs(config.campaigns["by_group_id"], stand_in)["caller_id_group_id"] == 3


def test_several_problems_in_one_file_are_all_reported_sorted(tmp_path: Path, no_network: None) -> None:
    (tmp_path / "zorio.yaml").write_text(
        "variables:\n"
        "  customer_name: {name: Customer}\n"
        "scripts:\n"
        "  reminder:\n"
        "    voice_id: vi-VN-female-01\n"
        "    tts_tier: C\n"
        '    template_text: "Hi {{custome_name}}"\n'
        "    dtmf_actions:\n"
        "      - {digit: 1, action_type: playback, audio: thanks}\n"
        "      - {digit: 1, action_type: hangup}\n"
        "campaigns:\n"
        "  q3: {script: reminder, status: running, max_retries: 11}\n",
        encoding="utf-8",
    )
    report = validate_paths([tmp_path / "zorio.yaml"])
    file = str(tmp_path / "zorio.yaml")
    assert [(p.location.line, p.location.column, p.path) for p in report.problems] == [
        (6, 15, "scripts.reminder.tts_tier"),
        (7, 24, "scripts.reminder.template_text"),
        (9, 50, "scripts.reminder.dtmf_actions.0.audio"),
        (10, 17, "scripts.reminder.dtmf_actions.1.digit"),
        (12, 56, "campaigns.q3.max_retries"),
    ]
    assert [(p.location.line, p.location.column, p.path) for p in report.warnings] == [
        (12, 34, "campaigns.q3.caller_id_group"),
    ]
    assert all(problem.location.file == file for problem in report.problems)


def test_placeholder_of_an_account_variable_must_be_declared_and_the_error_names_the_adoption(tmp_path: Path) -> None:
    (tmp_path / "z.yaml").write_text(
        'scripts:\n  s: {voice_id: v, template_text: "Hi {{customer_name}} {{tier}}"}\n', encoding="utf-8"
    )
    offline = validate_paths([tmp_path / "z.yaml"])
    assert [problem.message for problem in offline.problems] == [
        "placeholder {{customer_name}} is not a declared variable; declare it under variables: or fix the name",
        "placeholder {{tier}} is not a declared variable; declare it under variables: or fix the name",
    ]
    online = validate_paths([tmp_path / "z.yaml"], account_variables={"customer_name": 7})
    assert [problem.message for problem in online.problems] == [
        "placeholder {{customer_name}} is a variable on the account (id 7) that these files do not declare; to use "
        "it, take it under management: add `customer_name: {adopt_id: 7}` under variables:",
        "placeholder {{tier}} is not declared, nor a variable on the account; declare it under variables: or fix "
        "the name",
    ]


def test_load_config_raises_with_every_problem(tmp_path: Path) -> None:
    (tmp_path / "z.yaml").write_text("scripts:\n  s: {voice_id: v}\nmedia:\n  m: {category: ivr}\n", encoding="utf-8")
    with pytest.raises(InvalidConfig) as raised:
        load_config([tmp_path / "z.yaml"])
    assert str(raised.value).splitlines() == [
        f"{tmp_path / 'z.yaml'}:2:3: error: scripts.s.template_text: is required",
        f"{tmp_path / 'z.yaml'}:4:3: error: media.m.source: is required",
    ]


def test_missing_path_is_a_problem_of_that_path(tmp_path: Path) -> None:
    report = validate_paths([tmp_path / "nope.yaml"])
    assert report.problems == [LocatedProblem(Location(str(tmp_path / "nope.yaml")), "", "no such file or folder")]


def test_creation_order_puts_references_first() -> None:
    config = load_config([GOOD / "full_menu.yaml"])
    order = [item.ref for item in config.in_creation_order()]
    assert len(order) == 10
    for dependent, dependency in config.dependencies():
        assert order.index(dependency) < order.index(dependent)
    assert order.index(Ref("script", "reminder")) < order.index(Ref("script", "main_menu"))
