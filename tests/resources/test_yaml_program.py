"""The YAML program (`declare_from_paths`) under set_mocks with the real providers against the emulator: the
examples applied, wired and idempotent; a template edit; destroy; invalid YAML; placeholder → variable ordering."""

from __future__ import annotations

import json
import runpy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
import pytest

from pulumi_zorio.resources import ZorioConfigError, declare_from_paths
from pulumi_zorio.resources import from_yaml
from .engine import EngineMocks, up
from .support import clear_log, settled_log, writes

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LISTS = {"variables": "/api/autocall/variables", "media": "/api/media-files",
         "scripts": "/api/autocall/scripts", "campaigns": "/api/autocall/campaigns"}
GROUP_A = 3  # "Group A - Viettel Sales" in the emulator's seed
Seen = dict[str, Any]


def yaml_program(path: Path, seen: Seen | None = None) -> Callable[[], None]:
    """What the project's __main__.py does: declare from the YAML, export the outputs (and record them)."""

    def program() -> None:
        stack = declare_from_paths(path)
        stack.export()
        if seen is not None:
            pulumi.Output.from_input(stack.outputs()).apply(seen.update)

    return program


def account(emulator: Any, token: str) -> dict[str, dict[str, dict[str, Any]]]:
    """The live account, straight from the API: each kind's objects by name (variables by code)."""
    session = emulator.api(token)
    found = {}
    for kind, path in LISTS.items():
        response = session.get(f"{emulator.base_url}{path}", params={"per_page": 200}, timeout=10)
        assert response.status_code == 200, response.text
        key = "variable_code" if kind == "variables" else "name"
        found[kind] = {item[key]: item for item in response.json()["data"]}
    return found


def detail(emulator: Any, token: str, path: str) -> dict[str, Any]:
    response = emulator.api(token).get(f"{emulator.base_url}{path}", timeout=10)
    assert response.status_code == 200, response.text
    return dict(response.json()["data"])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, emulator: Any, token: str) -> Path:
    """The project directory (cwd of program and providers) holding copies of both examples."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ZORIO_BASE_URL", emulator.base_url)  # the program's caller-ID group lookup
    monkeypatch.setenv("ZORIO_TOKEN", token)
    for name in ("yaml-quickstart", "appointment-reminders"):
        shutil.copytree(EXAMPLES / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def engine(project: Path, zorio_config: dict[str, str]) -> EngineMocks:
    return EngineMocks(config=zorio_config)


def _created(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> dict[str, set[str]]:
    return {kind: set(after[kind]) - set(before[kind]) for kind in LISTS}


@pytest.mark.parametrize(
    ("example", "declared"),
    [
        ("yaml-quickstart", {"variables": {"salutation_name"}, "media": {"thank_you"}, "scripts": {"reminder"},
                             "campaigns": {"q3_care"}}),
        ("appointment-reminders", {
            "variables": {"customer_name", "appointment_date", "appointment_time", "clinic_name"},
            "media": {"Appointment confirmed", "Appointment cancelled", "Opening hours"},
            "scripts": {"appointment_reminder", "cancel_appointment", "missed_appointment"},
            "campaigns": {"november_reminders", "missed_followup"}}),
    ],
)
def test_up_creates_exactly_the_declared_objects_and_a_second_up_writes_nothing(
    emulator: Any, token: str, engine: EngineMocks, project: Path, example: str, declared: dict[str, set[str]]
) -> None:
    before = account(emulator, token)
    seen: Seen = {}
    up(yaml_program(project / example, seen), engine)
    after = account(emulator, token)
    assert _created(before, after) == declared
    assert {kind: set(after[kind]) & set(before[kind]) for kind in LISTS} == {kind: set(before[kind]) for kind in LISTS}
    assert {kind: len(seen[kind]) for kind in LISTS} == {kind: len(names) for kind, names in declared.items()}
    clear_log(emulator)
    up(yaml_program(project / example), engine)
    assert {step for step, _ in engine.log} == {"same"} and writes(emulator) == []


def test_up_wires_media_paths_script_ids_and_the_group_looked_up_by_name(
    emulator: Any, token: str, engine: EngineMocks, project: Path
) -> None:
    seen: Seen = {}
    up(yaml_program(project / "appointment-reminders", seen), engine)
    media = {name: value["file_path"] for name, value in seen["media"].items()}
    scripts = {name: int(value) for name, value in seen["scripts"].items()}
    reminder = detail(emulator, token, f"{LISTS['scripts']}/{scripts['appointment_reminder']}")
    actions = {action["digit"]: action for action in reminder["dtmf_actions"]}
    assert actions["1"]["target_audio_url"] == media["confirmed"]
    assert actions["4"]["target_audio_url"] == media["opening_hours"]
    assert actions["2"]["target_script_id"] == scripts["cancel_appointment"]
    assert actions["3"]["target_queue_name"] == "support@default"
    assert set(reminder["variables"]) == {"customer_name", "clinic_name", "appointment_date", "appointment_time"}
    campaigns = account(emulator, token)["campaigns"]
    assert campaigns["november_reminders"]["script_id"] == scripts["appointment_reminder"]
    assert campaigns["missed_followup"]["script_id"] == scripts["missed_appointment"]
    assert {c["caller_id_group_id"] for c in campaigns.values() if c["name"] in seen["campaigns"]} == {GROUP_A}


def test_campaign_statuses_follow_the_yaml_running_and_paused(
    emulator: Any, token: str, engine: EngineMocks, project: Path
) -> None:
    seen: Seen = {}
    up(yaml_program(project / "appointment-reminders", seen), engine)
    live = account(emulator, token)["campaigns"]
    assert live["november_reminders"]["status"] == "running"
    assert live["missed_followup"]["status"] == "paused"
    assert {name: value["status"] for name, value in seen["campaigns"].items()} == {
        "november_reminders": "running", "missed_followup": "paused"}


def test_template_edit_updates_only_that_script(emulator: Any, token: str, engine: EngineMocks, project: Path) -> None:
    seen: Seen = {}
    folder = project / "appointment-reminders"
    up(yaml_program(folder, seen), engine)
    content = folder / "content.yaml"
    content.write_text(content.read_text().replace("chưa gặp bạn", "rất tiếc đã không gặp bạn"))
    clear_log(emulator)
    up(yaml_program(folder, seen), engine)
    script_id = int(seen["scripts"]["missed_appointment"])
    assert [step for step in engine.log if step[0] != "same"] == [("update", "missed_appointment")]
    assert writes(emulator) == [("PUT", f"{LISTS['scripts']}/{script_id}")]
    assert "rất tiếc" in detail(emulator, token, f"{LISTS['scripts']}/{script_id}")["template_text"]


def test_destroy_returns_the_account_to_its_seed_state(
    emulator: Any, token: str, engine: EngineMocks, project: Path
) -> None:
    before = account(emulator, token)
    up(yaml_program(project / "appointment-reminders"), engine)
    engine.destroy()
    assert engine.state == {}
    assert {kind: set(objects) for kind, objects in account(emulator, token).items()} == {
        kind: set(objects) for kind, objects in before.items()}


def test_invalid_yaml_fails_before_any_api_call_with_located_messages(
    emulator: Any, engine: EngineMocks, project: Path
) -> None:
    broken = project / "broken.yaml"
    broken.write_text(
        "scripts:\n"
        "  hello:\n"
        "    voice_id: vi-VN-female-01\n"
        "    template_text: 'Hi {{nobody}}'\n"
        "    dtmf_actions:\n"
        "      - {digit: 1, action_type: playback, audio: missing_prompt}\n"
        "campaigns:\n"
        "  go:\n"
        "    script: hello\n"
        "    status: running\n"
    )
    clear_log(emulator)
    with pytest.raises(ZorioConfigError) as raised:
        up(yaml_program(broken), engine)
    message = str(raised.value)
    assert "nothing was created or changed" in message
    assert f"{broken}:4:" in message and "nobody" in message
    assert f"{broken}:6:" in message and "missing_prompt" in message
    assert "caller_id_group" not in message  # a campaign that starts without one is a warning, not an error
    assert len(raised.value.problems) == 2
    assert "{{nobody}} is not declared, nor a variable on the account" in message
    calls = [(entry["method"], entry["path"].split("?")[0]) for entry in settled_log(emulator)
             if entry["path"].startswith("/api/")]
    assert calls == [("GET", "/api/autocall/variables")]  # the placeholder was looked for on the account; no write
    assert engine.state == {}


def test_placeholder_of_a_variable_made_outside_the_stack_is_adopted_as_the_error_says(
    emulator: Any, token: str, engine: EngineMocks, project: Path
) -> None:
    created = emulator.api(token).post(f"{emulator.base_url}{LISTS['variables']}",
                                       json={"variable_code": "loyalty_tier", "name": "Tier"}, timeout=10)
    assert created.status_code == 201, created.text
    tier_id = created.json()["data"]["id"]
    config = project / "tier.yaml"
    config.write_text("scripts:\n  tier: {voice_id: vi-VN-female-01, template_text: 'Your tier: {{loyalty_tier}}'}\n")
    with pytest.raises(ZorioConfigError) as raised:
        up(yaml_program(config), engine)
    assert f"add `loyalty_tier: {{adopt_id: {tier_id}}}` under variables:" in str(raised.value)
    config.write_text(f"variables:\n  loyalty_tier: {{adopt_id: {tier_id}}}\n" + config.read_text())
    before = account(emulator, token)
    up(yaml_program(config), engine)
    after = account(emulator, token)
    assert _created(before, after) == {"variables": set(), "media": set(), "scripts": {"tier"}, "campaigns": set()}
    assert after["variables"]["loyalty_tier"]["id"] == tier_id and after["scripts"]["tier"]["variables"] == [
        "loyalty_tier"]


def test_unusable_caller_id_group_fails_at_its_yaml_line_before_any_write(
    emulator: Any, engine: EngineMocks, project: Path
) -> None:
    config = project / "legacy.yaml"
    config.write_text(
        "scripts:\n  hello: {voice_id: vi-VN-female-01, template_text: Hello}\n"
        "campaigns:\n  old_numbers:\n    script: hello\n    caller_id_group: Group B - Mobifone Legacy\n"
    )
    clear_log(emulator)
    with pytest.raises(ZorioConfigError) as raised:
        up(yaml_program(config), engine)
    message = str(raised.value)
    assert f"\n{config}:6:22: error: campaigns.old_numbers.caller_id_group: caller-ID group 'Group B - Mobifone " \
           "Legacy' is disabled" in message
    assert "Group A - Viettel Sales" in message  # what the user can use instead
    assert writes(emulator) == [] and engine.state == {}


def test_scripts_are_created_after_and_deleted_before_the_variables_they_use(
    emulator: Any, engine: EngineMocks, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = project / "greeting.yaml"
    config.write_text(
        "variables:\n  first_name: {sample_value: An}\n  city: {sample_value: Huế}\n"
        "scripts:\n  a_greeting: {voice_id: vi-VN-female-01, template_text: 'Chào {{first_name}} ở {{city}}'}\n"
    )
    declared: dict[str, list[str]] = {}
    real_script = from_yaml.Script

    def spy(name: str, args: Any, opts: pulumi.ResourceOptions) -> Any:
        declared[name] = sorted(dep._name for dep in opts.depends_on or [])  # type: ignore[union-attr]
        return real_script(name, args, opts)

    monkeypatch.setattr(from_yaml, "Script", spy)
    up(yaml_program(config), engine)
    assert declared == {"a_greeting": ["city", "first_name"]}
    engine.destroy()
    order = [(method, path.rsplit("/", 1)[0] if method == "DELETE" else path) for method, path in writes(emulator)]
    assert order.index(("POST", LISTS["scripts"])) > max(
        i for i, step in enumerate(order) if step == ("POST", LISTS["variables"]))
    assert order.index(("DELETE", LISTS["scripts"])) < min(
        i for i, step in enumerate(order) if step == ("DELETE", LISTS["variables"]))


def test_preview_of_a_new_yaml_stack_writes_nothing(emulator: Any, engine: EngineMocks, project: Path) -> None:
    up(yaml_program(project / "appointment-reminders"), engine, preview=True)
    assert len(engine.log) == 12 and {step for step, _ in engine.log} == {"preview-change"}
    assert writes(emulator) == [] and engine.state == {}


# --- the project's program (repo-root __main__.py, what `pulumi up` runs) ------------------------------------------

PROJECT_MAIN = Path(__file__).resolve().parents[2] / "__main__.py"


def project_program() -> Callable[[], None]:
    """Run __main__.py as the Python language host does; return None, not its globals, to `pulumi.runtime.test`."""

    def program() -> None:
        runpy.run_path(str(PROJECT_MAIN), run_name="__main__")

    return program


def test_project_program_applies_the_yaml_named_by_stack_config(
    emulator: Any, token: str, engine: EngineMocks, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps({"zorio:config": "examples/yaml-quickstart"}))
    before = account(emulator, token)
    up(project_program(), engine)
    assert _created(before, account(emulator, token)) == {
        "variables": {"salutation_name"}, "media": {"thank_you"}, "scripts": {"reminder"}, "campaigns": {"q3_care"}}
    assert [name for step, name in engine.log if step == "create"][-1] == "q3_care"


@pytest.mark.parametrize(
    ("configured", "expected"),
    [(None, "zorio:config is not set"), ("examples/nowhere", "zorio:config is 'examples/nowhere'")],
)
def test_project_program_without_a_config_file_names_the_setting_and_calls_nothing(
    emulator: Any, engine: EngineMocks, monkeypatch: pytest.MonkeyPatch, configured: str | None, expected: str
) -> None:
    if configured is not None:
        monkeypatch.setenv("PULUMI_CONFIG", json.dumps({"zorio:config": configured}))
    clear_log(emulator)
    with pytest.raises(pulumi.RunError) as raised:
        up(project_program(), engine)
    assert expected in str(raised.value) and "pulumi config set zorio:config" in str(raised.value)
    assert [entry for entry in settled_log(emulator) if entry["path"].startswith("/api/")] == []


def test_project_program_reports_invalid_yaml_as_a_located_run_error(
    emulator: Any, engine: EngineMocks, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = project / "zorio.yaml"
    broken.write_text("variables:\n  Bad-Code: {name: x}\n")
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps({"zorio:config": str(broken)}))  # absolute paths work too
    with pytest.raises(pulumi.RunError) as raised:
        up(project_program(), engine)
    assert f"{broken}:2:3: error: variables" in str(raised.value) and engine.state == {}
