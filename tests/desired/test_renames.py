"""One rename table (API field ↔ YAML key): spec's Problems in the file's words, and the same table builds the inputs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pulumi_zorio.desired import Ref, resource_inputs, validate_paths
from pulumi_zorio.desired.renames import ACTION_TARGETS, CAMPAIGN_FIELDS, YamlTerms
from pulumi_zorio.spec.problems import API_TERMS, TEMPLATES, Code, Problem, render

PLAYBACK_WITHOUT_TARGET = Problem("dtmf_actions.0.target_audio_url", Code.TARGET_REQUIRED, action_type="playback",
                                  hint="a media file's file_path, e.g. /media/thank_you.wav")
ACTIONS = {"dtmf_actions": [{"digit": "1", "action_type": "playback"}]}


def test_one_problem_reads_in_api_terms_for_python_and_in_yaml_terms_for_the_file() -> None:
    assert render(PLAYBACK_WITHOUT_TARGET, API_TERMS) == (
        "dtmf_actions.0.target_audio_url",
        "is required when action_type is playback: set it to a media file's file_path, e.g. /media/thank_you.wav",
    )
    assert render(PLAYBACK_WITHOUT_TARGET, YamlTerms("script", ACTIONS)) == (
        "dtmf_actions.0.audio",
        "is required when action_type is playback: set it to the logical name of a media file declared under media:",
    )


def test_a_file_that_writes_the_raw_target_reads_the_api_name() -> None:
    declared = {"dtmf_actions": [{"digit": "1", "action_type": "playback", "target_audio_url": None}]}
    assert render(PLAYBACK_WITHOUT_TARGET, YamlTerms("script", declared)) == render(PLAYBACK_WITHOUT_TARGET)


def test_field_names_inside_a_message_are_renamed_in_the_context_of_the_field() -> None:
    unused = Problem("dtmf_actions.0.target_script_id", Code.TARGET_UNUSED, action_type="playback",
                     needed="target_audio_url")
    assert render(unused, YamlTerms("script", ACTIONS)) == (
        "dtmf_actions.0.script", "is not used by action_type playback (it uses audio); remove it")
    warning = Problem("caller_id_group_id", Code.NO_CALLER_ID_GROUP, status="running", risk="r",
                      group_field="caller_id_group_id")
    path, message = render(warning, YamlTerms("campaign", {"status": "running"}))
    assert (path, message.split("; ")[1]) == (
        "caller_id_group", "set caller_id_group to choose the numbers people see (or keep status: draft)")
    assert "caller_id_group_id" in render(warning)[1]


def test_a_variable_code_problem_is_about_the_item_key_in_yaml() -> None:
    problem = Problem("variable_code", Code.PATTERN, pattern_hint="lowercase", got='"Due"')
    assert render(problem, YamlTerms("variable", {})) == ("", 'must be lowercase (got "Due")')


def test_rewording_a_template_rewords_both_vocabularies(monkeypatch: pytest.MonkeyPatch) -> None:
    """The YAML text is not derived from the API text, so no rewording can leave it behind."""
    monkeypatch.setitem(TEMPLATES, Code.TARGET_UNUSED, "remove it: {action_type} only takes {needed:field}")
    unused = Problem("dtmf_actions.0.target_script_id", Code.TARGET_UNUSED, action_type="playback",
                     needed="target_audio_url")
    assert render(unused)[1] == "remove it: playback only takes target_audio_url"
    assert render(unused, YamlTerms("script", ACTIONS))[1] == "remove it: playback only takes audio"


@pytest.mark.parametrize("rename", CAMPAIGN_FIELDS, ids=lambda rename: rename.api)
def test_resource_inputs_and_messages_use_the_same_campaign_renames(rename: Any, tmp_path: Path) -> None:
    (tmp_path / "zorio.yaml").write_text("campaigns:\n  c: {script: named, caller_id_group: named}\n")
    campaign = validate_paths([tmp_path]).config.campaigns["c"]
    inputs = resource_inputs(campaign, lambda ref: ref)
    assert inputs[rename.api] == Ref(rename.refers_to, "named")
    assert YamlTerms("campaign", campaign.declared).field("", rename.api) == rename.yaml


@pytest.mark.parametrize("rename", ACTION_TARGETS, ids=lambda rename: rename.api)
def test_resource_inputs_and_messages_use_the_same_action_renames(rename: Any, tmp_path: Path) -> None:
    (tmp_path / "zorio.yaml").write_text(
        "scripts:\n  s:\n    voice_id: v\n    template_text: hi\n    dtmf_actions:\n"
        f"      - {{digit: '1', action_type: hangup, {rename.yaml}: named}}\n"
    )
    script = validate_paths([tmp_path]).config.scripts["s"]
    inputs = resource_inputs(script, lambda ref: ref)
    assert inputs["dtmf_actions"][0][rename.api] == Ref(rename.refers_to, "named")
    assert YamlTerms("script", script.declared).field("dtmf_actions.0", rename.api) == rename.yaml
