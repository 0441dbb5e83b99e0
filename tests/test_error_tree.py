"""One error tree: everything pulumi-zorio raises on purpose is a PulumiZorioError, and a wrapped API error keeps its
type and status."""

from __future__ import annotations

import pulumi_zorio
from pulumi_zorio import PulumiZorioError
from pulumi_zorio.client import ConflictError, ZorioError, errors as client_errors
from pulumi_zorio.desired import InvalidConfig
from pulumi_zorio.local.engine import EngineError
from pulumi_zorio.local.program import ProgramError
from pulumi_zorio.local.state import StateError
from pulumi_zorio.resources import CampaignRefusedError, ZorioConfigError, ZorioLookupError, ZorioResourceError


def test_every_error_class_pulumi_zorio_raises_is_under_one_root() -> None:
    classes = [ZorioError, InvalidConfig, ZorioConfigError, ZorioResourceError, ZorioLookupError, CampaignRefusedError,
               ProgramError, StateError, EngineError,
               *(getattr(client_errors, name) for name in client_errors.__all__ if name[0].isupper())]
    assert [cls.__name__ for cls in classes if not issubclass(cls, PulumiZorioError)] == []
    assert issubclass(InvalidConfig, ValueError)  # as before, for old callers
    assert pulumi_zorio.PulumiZorioError is PulumiZorioError


def test_a_resource_error_around_a_conflict_keeps_the_conflict_and_its_status() -> None:
    conflict = ConflictError("POST", "/api/autocall/campaigns/3/start", 409, "Campaign is not in a startable state")
    try:
        try:
            raise conflict
        except ConflictError as error:
            raise ZorioResourceError("campaign 3: start refused") from error
    except ZorioResourceError as error:
        wrapped = error
    assert wrapped.cause is conflict and wrapped.status == 409
    engine_error = EngineError.of("q3_care", wrapped)
    assert engine_error.resource == "q3_care" and engine_error.cause is wrapped and engine_error.status == 409


def test_an_error_that_wraps_nothing_has_no_status() -> None:
    assert ZorioResourceError("inputs still unknown").status is None
