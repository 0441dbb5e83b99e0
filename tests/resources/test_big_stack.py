"""A stack far larger than Python's recursion limit can be declared: serialising one provider per resource must not
leave the process's pickler wrapped deeper each time (the SDK defect `ZorioResource` undoes)."""

from __future__ import annotations

import asyncio
import pickle
from typing import Any

import pulumi

import pulumi_zorio as zorio


class _EchoMocks(pulumi.runtime.Mocks):
    """The engine's preview of new resources: every registration succeeds with its inputs (no API involved)."""

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        return f"{args.name}-id", args.inputs

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
        return {}, None


def test_a_program_of_1500_resources_declares_every_one_without_a_recursion_error() -> None:
    asyncio.set_event_loop(asyncio.new_event_loop())  # pulumi.runtime.test runs on the current loop
    pulumi.runtime.set_mocks(_EchoMocks(), preview=True)
    before = pickle._Pickler.__dict__["_batch_setitems"]  # type: ignore[attr-defined]
    declared: list[str] = []

    @pulumi.runtime.test
    def program() -> pulumi.Output[Any]:
        variables = [zorio.Variable(f"code_{n}", variable_code=f"code_{n}", sample_value=str(n)) for n in range(1500)]
        return pulumi.Output.all(*(variable.variable_code for variable in variables)).apply(declared.extend)

    program()
    assert len(declared) == 1500 and declared[-1] == "code_1499"
    assert pickle._Pickler.__dict__["_batch_setitems"] is before  # type: ignore[attr-defined]
