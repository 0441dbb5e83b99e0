"""The kind registry: the same shape for every resource kind."""

from __future__ import annotations

import typing

import pytest

import pulumi_zorio as zorio
from pulumi_zorio import resources
from pulumi_zorio.client import ZorioClient
from pulumi_zorio.spec import campaign, media_file, script, variable
from pulumi_zorio.spec.kinds import KINDS, get_kind, kind_of_ref, kind_of_section, kind_words


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


@pytest.mark.parametrize("name", list(KINDS))
def test_each_kind_is_served_by_the_client_service_it_names_at_its_path(name: str) -> None:
    kind = get_kind(name)
    service = typing.get_type_hints(ZorioClient.__dict__[kind.service].func)["return"]
    assert (service.kind, service.path, service.match_fields) == (kind.service, kind.api_path, kind.fields.match)
    assert getattr(zorio, kind.type_name).__name__ == kind.type_name
    assert f"{kind.type_name}Provider" in vars(resources) and vars(resources)[f"{kind.type_name}Provider"].kind == name


def test_sections_and_references_lead_back_to_their_kind() -> None:
    assert [kind_of_section(kind.section).name for kind in KINDS.values()] == list(KINDS)
    assert [kind.name for kind in map(kind_of_ref, ("variable", "media", "script", "campaign"))] == list(KINDS)
    assert kind_of_ref("caller_id_group") is None  # looked up on the account, never managed
    assert (kind_words("media_file"), kind_words("")) == ("media file", "")


def test_only_campaigns_have_a_status_reached_through_actions() -> None:
    lifecycle = get_kind("campaign").status
    assert lifecycle is not None and lifecycle.satisfies("completed", "running")
    assert [name for name, kind in KINDS.items() if kind.status is not None] == ["campaign"]
