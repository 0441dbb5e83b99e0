"""The direct plan of a YAML configuration (local/yaml_plan.py) is exactly the plan the SDK path makes: the same
steps, field changes, warnings, refusals and dialing, the same declared names and resource options, over the
examples and a generated configuration, on a new stack and after edits, out-of-band changes and deletions."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from pulumi_zorio.client import _reset_process_state
from pulumi_zorio.local import LocalEngine, Plan, State, load_program

from .support import write_wav

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {"yaml-quickstart": "yaml-quickstart", "appointment-reminders": "appointment-reminders",
            "gitops": "gitops/zorio.yaml"}


@contextmanager
def in_directory(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def both_plans(target: Path, zorio_config: dict[str, str]) -> tuple[Plan, Plan]:
    """(SDK path, direct path) plans of `target` against its state, each after a refresh, as `zorio plan` does."""
    program = load_program(target)
    plans, engines = [], []
    for direct in (False, True):
        _reset_process_state()  # each plan is a new `zorio plan` process: no listing cached by the one before
        engine = LocalEngine(State.load(program.default_state), zorio_config, plan_yaml_directly=direct)
        with in_directory(program.project_dir):
            if not engine.state.empty:
                engine.refresh(save=False)
            plans.append(engine.preview(program.callable()))
        engines.append(engine)
    sdk, direct_engine = engines
    assert direct_engine._declared == sdk._declared  # noqa: SLF001
    assert direct_engine._options == sdk._options  # noqa: SLF001
    assert sorted(direct_engine._seen) == sorted(sdk._seen)  # noqa: SLF001
    return plans[0], plans[1]


def assert_same_plans(target: Path, zorio_config: dict[str, str]) -> Plan:
    sdk, direct = both_plans(target, zorio_config)
    assert direct.steps == sdk.steps
    assert (direct.warnings, direct.dials) == (sdk.warnings, sdk.dials)
    return direct


def apply(target: Path, zorio_config: dict[str, str]) -> None:
    """What `zorio apply --yes` does: refresh, plan, then apply with the same engine (which reuses the plan's check
    and diff of what did not change)."""
    _reset_process_state()
    program = load_program(target)
    engine = LocalEngine(State.load(program.default_state), zorio_config)
    with in_directory(program.project_dir):
        if not engine.state.empty:
            engine.refresh(save=False)
        approved = engine.preview(program.callable())
        engine.apply(program.callable(), approved=approved)


@pytest.fixture
def user_env(monkeypatch: pytest.MonkeyPatch, emulator: Any, token: str) -> None:
    """The program-time lookups (caller-ID group by name) read ZORIO_* like a user's shell."""
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)
    monkeypatch.setenv("ZORIO_TOKEN", token)


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_the_direct_plan_of_each_yaml_example_is_the_sdk_plan_before_and_after_changes(
    example: str, tmp_path: Path, user_env: None, zorio_config: dict[str, str], emulator: Any, token: str
) -> None:
    folder = EXAMPLES[example].split("/")[0]
    shutil.copytree(ROOT / "examples" / folder, tmp_path / folder,
                    ignore=shutil.ignore_patterns(".zorio-state.json*", "__pycache__"))
    target = tmp_path / EXAMPLES[example]
    new = assert_same_plans(target, zorio_config)
    assert new.to_add == len(new.steps)

    apply(target, zorio_config)
    assert not assert_same_plans(target, zorio_config).has_changes
    # every audio file gets new content (its media file is replaced: the scripts using it see an unknown path),
    # one variable's sample value changes, and a campaign is deleted out of band
    audio = tmp_path / folder / "audio"
    for index, wav in enumerate(sorted(audio.glob("*.wav"))):
        write_wav(wav, tone=index + 3)
    config = next(p for p in sorted((tmp_path / folder).glob("*.yaml")) if "sample_value:" in p.read_text("utf-8"))
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("sample_value:", "sample_value: changed", 1), encoding="utf-8")
    state = State.load(load_program(target).default_state)
    campaign = next(r for r in state.resources.values() if r.type.endswith("Campaign"))
    session = emulator.api(token)
    session.post(f"{emulator.base_url}/api/autocall/campaigns/{campaign.id}/stop")
    assert session.delete(f"{emulator.base_url}/api/autocall/campaigns/{campaign.id}").status_code in (200, 204)
    changed = assert_same_plans(target, zorio_config)
    actions = {step.action.value for step in changed.steps}
    assert {"create", "update", "replace"} <= actions, actions
    apply(target, zorio_config)
    assert not assert_same_plans(target, zorio_config).has_changes


def generated(count: int) -> str:
    """A configuration with every kind, DTMF menus with audio and script switches, campaigns in several statuses
    (running and paused ones dial), a protected variable and an item deleted on destroy."""
    lines = ["variables:"]
    lines += [f"  var_{i}: {{name: Variable {i}, sample_value: value {i}}}" for i in range(count)]
    lines.append("  kept: {name: Kept, protect: true}")
    lines += ["media:"] + [f"  prompt_{i}: {{source: audio/prompt_{i}.wav, category: ivr}}" for i in range(3)]
    lines.append("scripts:")
    for i in range(count // 2):
        lines += [f"  script_{i}:", "    voice_id: vi-VN-female-01",
                  f'    template_text: "Hello {{{{var_{i}}}}}, press 1 or 0."', "    dtmf_actions:",
                  f"      - {{digit: '1', label: Listen, action_type: playback, audio: prompt_{i % 3}}}",
                  f"      - {{digit: '0', label: Next, action_type: switch_script, script: script_{i - 1}}}"
                  if i else "      - {digit: '0', label: Bye, action_type: hangup}"]
    lines.append("campaigns:")
    statuses = ("draft", "running", "paused", "draft")
    for i in range(count // 4):
        lines += [f"  campaign_{i}:", f"    script: script_{i}", '    caller_id_group: "Group A - Viettel Sales"',
                  f"    status: {statuses[i % 4]}", "    max_retries: 2"]
    lines.append("  no_group: {script: script_0, status: running}")
    return "\n".join(lines) + "\n"


def write_prompts(project: Path) -> None:
    """audio/prompt_0.wav … prompt_2.wav, each a different tone: the media files of `generated` configurations."""
    (project / "audio").mkdir()
    for i in range(3):
        write_wav(project / "audio" / f"prompt_{i}.wav", tone=i)


def test_the_direct_plan_of_a_generated_configuration_is_the_sdk_plan_before_and_after_changes(
    tmp_path: Path, user_env: None, zorio_config: dict[str, str]
) -> None:
    write_prompts(tmp_path)
    config = tmp_path / "zorio.yaml"
    config.write_text(generated(24), encoding="utf-8")
    new = assert_same_plans(tmp_path, zorio_config)
    assert new.dials and new.warnings  # running campaigns dial; the one without a group is warned about

    config.write_text(generated(24).replace("status: running", "status: draft"), encoding="utf-8")
    apply(tmp_path, zorio_config)
    text = generated(20)  # fewer: deletes (the protected variable stays)
    text = text.replace("status: draft", "status: running", 2).replace("max_retries: 2", "max_retries: 4", 1)
    text = text.replace("press 1 or 0.", "press 1 or 0 now.", 1).replace("category: ivr", "category: announcement", 1)
    config.write_text(text, encoding="utf-8")
    write_wav(tmp_path / "audio" / "prompt_0.wav", tone=9)  # used only by scripts that stay
    changed = assert_same_plans(tmp_path, zorio_config)
    actions = {step.action.value for step in changed.steps}
    assert {"update", "replace", "delete", "same"} <= actions, actions
    assert changed.dials
    config.write_text(text.replace("no_group: {script: script_0, status: running}", ""), encoding="utf-8")
    apply(tmp_path, zorio_config)  # (a campaign without a group cannot start: Zorio refuses it)
    assert not assert_same_plans(tmp_path, zorio_config).has_changes


def _shape(state: State) -> list[tuple[Any, ...]]:
    """What an apply recorded, without what differs between two applies (ids, times, the objects' own paths)."""
    varying = {"id", "created_at", "updated_at", "script_id", "file_path", "content_sha256", "dtmf_actions",
               "leads_count", "tenant_id", "__provider"}

    def stable(values: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in values.items() if key not in varying}

    return sorted((r.name, r.type, r.urn, sorted(r.inputs), sorted(r.outputs), stable(r.inputs), r.protect,
                   r.retain_on_delete) for r in state.resources.values())


def test_the_direct_apply_records_what_the_sdk_apply_records_and_both_plans_then_find_nothing_to_do(
    tmp_path: Path, user_env: None, zorio_config: dict[str, str]
) -> None:
    write_prompts(tmp_path)
    text = generated(12).replace("protect: true", "protect: false")
    (tmp_path / "zorio.yaml").write_text(text.replace("no_group: {script: script_0, status: running}", ""),
                                         encoding="utf-8")
    program = load_program(tmp_path)
    recorded = []
    for direct in (False, True):
        _reset_process_state()
        engine = LocalEngine(State.load(program.default_state), zorio_config, plan_yaml_directly=direct)
        with in_directory(tmp_path):
            done = engine.apply(program.callable())
        assert sorted(step.name for step in done.steps) == sorted(engine._declared)  # noqa: SLF001
        recorded.append(_shape(State.load(program.default_state)))
        sdk, plan = both_plans(tmp_path, zorio_config)
        assert not sdk.has_changes and not plan.has_changes
        if not direct:
            _reset_process_state()
            with in_directory(tmp_path):
                LocalEngine(State.load(program.default_state), zorio_config).destroy()
    assert recorded[0] == recorded[1]


def _planned_from_records(target: Path, zorio_config: dict[str, str]) -> set[str]:
    """The names a direct plan (after a refresh) took from their state records instead of building them."""
    _reset_process_state()
    program = load_program(target)
    engine = LocalEngine(State.load(program.default_state), zorio_config)
    with in_directory(program.project_dir):
        engine.refresh(save=False)
        engine.preview(program.callable())
    return {name for name, planned in engine._previewed.items() if planned.inputs is None}  # noqa: SLF001


def test_after_an_apply_a_plan_takes_unchanged_items_from_their_records_and_still_sees_every_change(
    tmp_path: Path, user_env: None, zorio_config: dict[str, str], emulator: Any, token: str
) -> None:
    write_prompts(tmp_path)
    config = tmp_path / "zorio.yaml"
    text = generated(8).replace("status: running", "status: draft").replace(
        "no_group: {script: script_0, status: running}", "")
    config.write_text(text, encoding="utf-8")
    apply(tmp_path, zorio_config)
    state = State.load(tmp_path / ".zorio-state.json")
    declared = {name for name, record in state.resources.items() if not record.type.endswith("MediaFile")}
    assert all(state.resources[name].declaration for name in declared)
    assert _planned_from_records(tmp_path, zorio_config) == declared
    apply(tmp_path, zorio_config)  # nothing to do: each record now also notes that its outputs match its inputs
    state = State.load(tmp_path / ".zorio-state.json")
    assert all(record.synced for record in state.resources.values())

    # edited in the file: a variable and a script; edited in the console: another variable's name and a campaign's
    # retries (both declared fields, so the plan puts them back)
    config.write_text(text.replace("sample_value: value 1}", "sample_value: value one}")
                      .replace("press 1 or 0.", "press 1 or 0 now.", 1), encoding="utf-8")
    session = emulator.api(token)
    base = f"{emulator.base_url}/api/autocall"
    assert session.put(f"{base}/variables/{state.resources['var_2'].id}", json={"name": "Console"}).ok
    assert session.put(f"{base}/campaigns/{state.resources['campaign_0'].id}", json={"max_retries": 5}).ok
    plan = assert_same_plans(tmp_path, zorio_config)
    changed = {step.name for step in plan.steps if step.action.value != "same"}
    assert changed == {"var_1", "script_0", "var_2", "campaign_0"}
    assert _planned_from_records(tmp_path, zorio_config) == declared - changed


def test_an_item_edited_between_the_plan_and_the_apply_is_applied_as_the_file_now_says(
    tmp_path: Path, user_env: None, zorio_config: dict[str, str], emulator: Any, token: str
) -> None:
    config = tmp_path / "zorio.yaml"
    config.write_text("variables:\n  greeting: {sample_value: hello}\n  other: {sample_value: same}\n",
                      encoding="utf-8")
    apply(tmp_path, zorio_config)
    apply(tmp_path, zorio_config)  # settled: both planned from their records from now on
    _reset_process_state()
    program = load_program(tmp_path)
    engine = LocalEngine(State.load(program.default_state), zorio_config)
    engine.refresh(save=False)
    plan = engine.preview(program.callable())
    assert not plan.has_changes

    config.write_text(config.read_text(encoding="utf-8").replace("hello", "hello again"), encoding="utf-8")
    done = engine.apply(program.callable(), approved=plan)

    assert {step.name: step.action.value for step in done.steps} == {"greeting": "update", "other": "same"}
    greeting = engine.state.resources["greeting"].id
    live = emulator.api(token).get(f"{emulator.base_url}/api/autocall/variables/{greeting}", timeout=10).json()
    assert live["data"]["sample_value"] == "hello again"
