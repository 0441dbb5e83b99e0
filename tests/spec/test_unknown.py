"""The UNKNOWN sentinel: a singleton that survives copy and pickle, and is found inside structures."""

from __future__ import annotations

import copy
import pickle

from pulumi_zorio.spec.unknown import UNKNOWN, contains_unknown, is_unknown


def test_unknown_is_a_singleton_through_copy_and_pickle() -> None:
    assert copy.copy(UNKNOWN) is UNKNOWN
    assert copy.deepcopy({"a": [UNKNOWN]})["a"][0] is UNKNOWN
    assert pickle.loads(pickle.dumps(UNKNOWN)) is UNKNOWN
    assert type(UNKNOWN)() is UNKNOWN


def test_unknown_is_found_anywhere_inside_values() -> None:
    assert is_unknown(UNKNOWN) and not is_unknown(None)
    assert contains_unknown({"dtmf_actions": [{"target_script_id": UNKNOWN}]})
    assert not contains_unknown({"dtmf_actions": [{"target_script_id": 3}]})


def test_unknown_renders_like_pulumi_preview() -> None:
    assert repr(UNKNOWN) == "UNKNOWN"
    assert str(UNKNOWN) == "(known after apply)"
