"""The kind registry: the same shape for every resource kind."""

from __future__ import annotations

import pytest

from pulumi_zorio.spec import campaign, media_file, script, variable
from pulumi_zorio.spec.kinds import KINDS, get_kind


@pytest.mark.parametrize("module", [variable, media_file, script, campaign])
def test_every_kind_module_has_the_same_public_shape(module: object) -> None:
    kind = module.KIND  # type: ignore[attr-defined]
    for name in ("REPLACE_ON", f"normalise_{kind}_inputs", f"check_{kind}", f"build_{kind}_payload", f"flatten_{kind}"):
        assert hasattr(module, name), f"{module.__name__} lacks {name}"
    assert get_kind(kind).replace_on is module.REPLACE_ON  # type: ignore[attr-defined]


def test_compared_fields_leave_out_creation_only_inputs() -> None:
    assert "adopt_id" not in get_kind("script").compared_fields
    assert "source" not in get_kind("media_file").compared_fields
    assert "content_sha256" in get_kind("media_file").compared_fields
    assert get_kind("campaign").compared_fields[-1] == "status"


def test_only_campaigns_have_warnings_and_the_others_none() -> None:
    assert get_kind("campaign").warnings({"script_id": 1, "status": "running"})
    for kind in ("variable", "media_file", "script"):
        assert get_kind(kind).warnings({}) == []


def test_registry_lists_the_four_kinds() -> None:
    assert list(KINDS) == ["variable", "media_file", "script", "campaign"]
    with pytest.raises(ValueError, match="unknown resource kind 'voice'"):
        get_kind("voice")
