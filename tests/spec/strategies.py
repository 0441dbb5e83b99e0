"""Hypothesis strategies for VALID inputs of each kind (as a user or the YAML loader would write them)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from pulumi_zorio.spec.script import TARGET_OF_ACTION

from .fake_api import in_offset

codes = st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True)
short_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
names = short_text.filter(lambda text: text.strip() != "")
ids = st.integers(min_value=1, max_value=10**6)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _drop_none(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


variables = st.fixed_dictionaries(
    {"variable_code": codes},
    optional={"name": names, "description": optional(short_text), "sample_value": optional(short_text)},
)

media_files = st.fixed_dictionaries(
    {
        "source": st.sampled_from(["a.wav", "audio/b.mp3", "c.M4A"]),
        "category": st.sampled_from(["announcement", "ivr", "moh", "library"]),
        "content_sha256": st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
    },
    optional={"name": names},
)

_TARGETS = {
    "target_audio_url": st.from_regex(r"/media/[a-z]{1,8}\.wav", fullmatch=True),
    "target_queue_name": st.sampled_from(["support@default", "sales@default"]),
    "target_script_id": ids,
}


@st.composite
def dtmf_actions(draw: st.DrawFn) -> list[dict[str, Any]]:
    digits = draw(st.lists(st.sampled_from(list("0123456789*#")), unique=True, max_size=12))
    actions = []
    for digit in digits:
        action_type = draw(st.sampled_from(sorted(TARGET_OF_ACTION)))
        action: dict[str, Any] = {"digit": digit, "action_type": action_type}
        target = TARGET_OF_ACTION[action_type]
        if target:
            action[target] = draw(_TARGETS[target])
        label = draw(optional(st.text(max_size=20)))
        actions.append(_drop_none({**action, "label": label}))
    return actions


scripts = st.fixed_dictionaries(
    {
        "voice_id": st.sampled_from(["vi-VN-female-01", "voice_id_premium_02"]),
        "template_text": st.lists(codes, max_size=4).map(
            lambda used: "Hello " + " ".join(f"{{{{ {code} }}}}" for code in used) + "."
        ),
    },
    optional={
        "name": names,
        "description": optional(short_text),
        "tts_tier": st.sampled_from(["A", "B"]),
        "max_repeat_per_attempt": st.integers(1, 5),
        "status": st.sampled_from(["draft", "active", "archived"]),
        "dtmf_actions": dtmf_actions(),
    },
)

_instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))


@st.composite
def schedules(draw: st.DrawFn) -> dict[str, str]:
    start = draw(_instants)
    end = start + timedelta(minutes=draw(st.integers(1, 60 * 24 * 90)))
    offsets = st.integers(-11, 14)
    return {"start_at": in_offset(start, draw(offsets)), "end_at": in_offset(end, draw(offsets))}


@st.composite
def campaigns(draw: st.DrawFn) -> dict[str, Any]:
    inputs = draw(
        st.fixed_dictionaries(
            {"script_id": ids, "caller_id_group_id": ids},
            optional={
                "name": names,
                "description": optional(short_text),
                "max_retries": st.integers(0, 10),
                "retry_interval_minutes": st.integers(1, 43200),
                "retry_only_when": st.sampled_from(["no_answer", "busy", "failed", "any"]),
                "max_concurrent": st.integers(1, 200),
                "originate_timeout": st.integers(10, 180),
                "write_to_main_cdr": st.booleans(),
                "status": st.sampled_from(["draft", "running", "paused", "stopped", "archived"]),
            },
        )
    )
    if draw(st.booleans()):
        inputs.update(draw(schedules()))
    return inputs


VALID_INPUTS = {"variable": variables, "media_file": media_files, "script": scripts, "campaign": campaigns()}
