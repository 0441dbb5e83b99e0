"""The typed constructors: keyword inputs reach the API, `*Args` still works, typos and mixed forms are refused."""

from __future__ import annotations

import ast
import asyncio
import inspect
import typing
from collections.abc import Callable
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any

import pulumi
import pytest
from pulumi.runtime import set_mocks

import pulumi_zorio as zorio
from pulumi_zorio.resources import CampaignProvider
from .engine import EngineMocks, Recorder, up
from .support import write_wav

KINDS: list[tuple[type[Any], type[Any], dict[str, Any]]] = [
    (zorio.Variable, zorio.VariableArgs, {"variable_code": "customer_name", "sample_value": "anh An"}),
    (zorio.MediaFile, zorio.MediaFileArgs, {"source": "audio/thanks.wav", "category": "ivr"}),
    (zorio.Script, zorio.ScriptArgs, {"template_text": "Hello", "voice_id": "vi-VN-female-01", "tts_tier": "A",
                                      "dtmf_actions": [zorio.DtmfActionArgs(digit="1", action_type="hangup")]}),
    (zorio.Campaign, zorio.CampaignArgs, {"script_id": 7, "caller_id_group_id": 3, "max_retries": 2}),
]
IDS = [kind.__name__ for kind, _, _ in KINDS]


def run(program: Callable[[], Any], mocks: Recorder | None = None) -> Recorder:
    mocks = mocks or Recorder()
    asyncio.set_event_loop(asyncio.new_event_loop())
    set_mocks(mocks, project="project", stack="stack", preview=False)
    pulumi.runtime.test(program)()
    return mocks


@pytest.mark.parametrize(("kind", "args_type", "inputs"), KINDS, ids=IDS)
def test_keyword_positional_args_and_args_keyword_register_the_same_inputs(
    kind: type[Any], args_type: type[Any], inputs: dict[str, Any]
) -> None:
    def program() -> None:
        kind("by_keywords", **inputs)
        kind("by_args", args_type(**inputs))
        kind("by_args_keyword", args=args_type(**inputs), opts=pulumi.ResourceOptions())
        kind("by_keywords_with_opts", pulumi.ResourceOptions(), **inputs)

    registered = run(program).registered
    assert registered["by_keywords"]["name"] == "by_keywords"  # the resource name is the default name
    comparable = {name: {**props, "name": None} for name, props in registered.items()}
    assert len({repr(sorted(props.items())) for props in comparable.values()}) == 1, comparable
    assert {k: v for k, v in registered["by_args"].items() if k in inputs and k != "dtmf_actions"} == \
        {k: v for k, v in inputs.items() if k != "dtmf_actions"}


@pytest.mark.parametrize(("kind", "typo", "suggestion"), [
    (zorio.Variable, "sample", "sample_value"),
    (zorio.MediaFile, "catgory", "category"),
    (zorio.Script, "dtmf_action", "dtmf_actions"),
    (zorio.Campaign, "caller_id_group", "caller_id_group_id"),
], ids=IDS)
def test_unknown_keyword_is_a_type_error_naming_the_valid_inputs_and_nothing_is_registered(
    kind: type[Any], typo: str, suggestion: str
) -> None:
    _, args_type, inputs = next(k for k in KINDS if k[0] is kind)
    recorder = Recorder()
    with pytest.raises(TypeError) as error:
        run(lambda: kind("typo", **inputs, **{typo: "x"}), recorder)
    valid = ", ".join(f.name for f in fields(args_type))
    assert str(error.value) == (
        f"{kind.__name__}() got unknown input(s) {typo!r} (did you mean {suggestion!r}?); valid inputs: {valid}"
    )
    assert recorder.registered == {}


def test_args_together_with_keyword_inputs_is_a_type_error() -> None:
    args = zorio.VariableArgs(variable_code="customer_name")
    with pytest.raises(TypeError, match=r"pass the inputs either as VariableArgs \(args=\) or as keywords, not both "
                                        r"\(got args and sample_value\)"):
        zorio.Variable("v", args, sample_value="anh An")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="not both"):
        zorio.Variable("v", args=args, description="d")  # type: ignore[call-overload]


def test_missing_required_input_and_misplaced_arguments_are_type_errors() -> None:
    with pytest.raises(TypeError, match=r"^Script\(\) missing required input\(s\): voice_id$"):
        zorio.Script("s", template_text="Hello")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="got multiple values for 'opts'"):
        zorio.Campaign("c", zorio.CampaignArgs(script_id=1), pulumi.ResourceOptions(),  # type: ignore[call-overload]
                       opts=pulumi.ResourceOptions())
    with pytest.raises(TypeError, match="args must be a CampaignArgs, got dict"):
        zorio.Campaign("c", {"script_id": 1})  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="opts must be a pulumi.ResourceOptions, got dict"):
        zorio.Campaign("c", script_id=1, opts={"protect": True})  # type: ignore[call-overload]


@pytest.mark.parametrize(("kind", "args_type"), [(kind, args_type) for kind, args_type, _ in KINDS], ids=IDS)
def test_keyword_overload_declares_exactly_the_args_fields_with_their_types_and_docs(
    kind: type[Any], args_type: type[Any]
) -> None:
    """A drift guard: the typed signature IDEs complete from must list every `*Args` field, no more."""
    by_args, by_keywords = typing.get_overloads(kind.__init__)
    keyword_only = {name: p for name, p in inspect.signature(by_keywords).parameters.items()
                    if p.kind is p.KEYWORD_ONLY}
    assert list(keyword_only) == [f.name for f in fields(args_type)]
    for f in fields(args_type):
        assert keyword_only[f.name].annotation == f.type, f.name
        required = f.default is MISSING and f.default_factory is MISSING
        assert (keyword_only[f.name].default is inspect.Parameter.empty) == required, f.name
        assert f":param {f.name}:" in (by_keywords.__doc__ or ""), f.name
    assert list(inspect.signature(by_args).parameters) == ["self", "resource_name", "args", "opts"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, emulator: Any, token: str) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "audio").mkdir()
    write_wav(tmp_path / "audio" / "thanks.wav")
    return tmp_path


def test_every_keyword_input_reaches_the_api(
    emulator: Any, project: Path, zorio_config: dict[str, str], make_provider: Any
) -> None:
    engine = EngineMocks(config=zorio_config)

    def program() -> None:
        variable = zorio.Variable("customer_name", variable_code="customer_name", name="Customer",
                                  description="who we call", sample_value="anh An")
        media = zorio.MediaFile("thanks", source="audio/thanks.wav", category="ivr", name="Thanks")
        script = zorio.Script(
            "reminder", template_text="Hello {{customer_name}}", voice_id="vi-VN-female-01", name="Reminder",
            description="care", tts_tier="A", max_repeat_per_attempt=2, status="active",
            dtmf_actions=[zorio.DtmfActionArgs(digit="1", label="Thanks", action_type="playback_then_hangup",
                                               target_audio_url=media.file_path)],
            opts=pulumi.ResourceOptions(depends_on=[variable]),
        )
        zorio.Campaign(
            "q3", script_id=script.id, name="Q3 care", description="calls", caller_id_group_id=3, max_retries=5,
            retry_interval_minutes=30, retry_only_when="busy", max_concurrent=20, originate_timeout=60,
            write_to_main_cdr=True, start_at="2026-06-25T08:00:00Z", end_at="2026-06-30T08:00:00Z", status="draft",
        )

    up(program, engine)
    client = make_provider(CampaignProvider).client
    variable = client.variables.retrieve(engine.state["customer_name"].id)
    assert (variable["variable_code"], variable["name"], variable["description"], variable["sample_value"]) == \
        ("customer_name", "Customer", "who we call", "anh An")
    media = client.media_files.retrieve(engine.state["thanks"].id)
    assert (media["name"], media["category"]) == ("Thanks", "ivr")
    script = client.scripts.retrieve(engine.state["reminder"].id)
    assert {k: script[k] for k in ("name", "description", "tts_tier", "max_repeat_per_attempt", "status")} == \
        {"name": "Reminder", "description": "care", "tts_tier": "A", "max_repeat_per_attempt": 2, "status": "active"}
    assert [(a["digit"], a["label"], a["target_audio_url"]) for a in script["dtmf_actions"]] == \
        [("1", "Thanks", media["file_path"])]
    campaign = client.campaigns.retrieve(engine.state["q3"].id)
    expected = {"name": "Q3 care", "description": "calls", "script_id": script["id"], "caller_id_group_id": 3,
                "max_retries": 5, "retry_interval_minutes": 30, "retry_only_when": "busy", "max_concurrent": 20,
                "originate_timeout": 60, "write_to_main_cdr": True, "status": "draft"}
    assert {k: campaign[k] for k in expected} == expected
    assert campaign["start_at"].startswith("2026-06-25T08:00:00") and campaign["end_at"].startswith("2026-06-30")


def test_type_checkers_see_every_lazily_exported_name() -> None:
    """`pulumi_zorio` exports lazily (PEP 562); its TYPE_CHECKING imports are what IDEs complete from."""
    tree = ast.parse(Path(zorio.__file__).read_text())
    guarded = next(node for node in tree.body if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test))
    imported = {alias.name for node in ast.walk(guarded) if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert imported == set(zorio._RESOURCE_NAMES)
