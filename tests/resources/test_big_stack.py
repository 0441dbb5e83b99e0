"""A stack larger than Python's recursion limit can be declared: serialising one provider per resource must not
leave the process's pickler wrapped deeper each time (the SDK defect `ZorioResource` undoes).

The SDK adds one level of wrapping per resource, so a program of a few resources that leaves the pickler exactly
as it found it proves that no program, however large, reaches the recursion limit through it."""

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


RESOURCES = 30


def test_declared_resources_leave_the_pickler_unwrapped_so_no_stack_size_reaches_the_recursion_limit() -> None:
    asyncio.set_event_loop(asyncio.new_event_loop())  # pulumi.runtime.test runs on the current loop
    pulumi.runtime.set_mocks(_EchoMocks(), preview=True)
    pickler = pickle._Pickler.__dict__  # type: ignore[attr-defined]
    before = {name: pickler[name] for name in ("_batch_setitems", "save_dict")}
    declared: list[str] = []

    @pulumi.runtime.test
    def program() -> pulumi.Output[Any]:
        variables = [zorio.Variable(f"code_{n}", variable_code=f"code_{n}") for n in range(RESOURCES)]
        return pulumi.Output.all(*(variable.variable_code for variable in variables)).apply(declared.extend)

    program()
    assert declared == [f"code_{n}" for n in range(RESOURCES)]
    assert {name: pickler[name] for name in before} == before
