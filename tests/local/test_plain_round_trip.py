"""The YAML plan's shortcut for carrying props (`plain_round_trip`) gives exactly what the Pulumi SDK's serialisation
round trip gives, for every JSON-like value; anything else is left to the SDK."""

from __future__ import annotations

import asyncio
from typing import Any

import pulumi
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pulumi.runtime import rpc

from pulumi_zorio.local.yaml_plan import _NotPlain, plain_round_trip

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)


def sdk_round_trip(props: dict[str, Any]) -> dict[str, Any]:
    loop = asyncio.new_event_loop()
    try:
        return dict(rpc.deserialize_properties(loop.run_until_complete(rpc.serialize_properties(props, {}))))
    finally:
        loop.close()


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=6), JSON, max_size=6))
def test_json_props_carry_as_the_sdk_carries_them(props: dict[str, Any]) -> None:
    assert plain_round_trip(props) == sdk_round_trip(props)


def test_a_digit_and_a_menu_carry_as_the_sdk_carries_them() -> None:
    props = {"max_retries": 3, "adopt_id": None, "dtmf_actions": [{"digit": "1", "audio_id": None, "order": 2}]}
    carried = plain_round_trip(props)
    assert carried == sdk_round_trip(props) == {"max_retries": 3.0, "dtmf_actions": [{"digit": "1", "order": 2.0}]}
    assert isinstance(carried["max_retries"], float)


@pytest.mark.parametrize("value", [pulumi.Output.from_input("x"), rpc.UNKNOWN, {1: "a"}, b"bytes", {"a": {2, 3}}])
def test_anything_else_is_left_to_the_sdk(value: Any) -> None:
    with pytest.raises(_NotPlain):
        plain_round_trip({"field": value})
