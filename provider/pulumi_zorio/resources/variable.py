"""`Variable`: a template placeholder (`{{variable_code}}`) of the account's pool (api-contract §7)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, overload

import pulumi

from pulumi_zorio.client import ConflictError, ValidationError
from pulumi_zorio.resources._base import ZorioProvider, ZorioResourceError
from pulumi_zorio.resources._convert import IdInput, props_from_args, split_constructor_args
from pulumi_zorio.resources._resource import ZorioResource
from pulumi_zorio.resources.program_checks import variable_declared

OUTPUT_KEYS = ("created_at", "updated_at")


@dataclass(frozen=True, kw_only=True)
class VariableArgs:
    """The declared state of a variable."""

    variable_code: pulumi.Input[str]
    """Placeholder code used as `{{variable_code}}`: lowercase snake_case, ≤64 characters. Changing it replaces the variable."""
    name: pulumi.Input[str] | None = None
    """Human-readable name (≤255). Defaults to the resource name."""
    description: pulumi.Input[str] | None = None
    """Free text (≤1000)."""
    sample_value: pulumi.Input[str] | None = None
    """An example value shown in previews (≤255)."""
    adopt_id: IdInput | None = None
    """Id of an existing Zorio variable to take over instead of creating one; keep it: the object is then
    released, not deleted, when the stack stops managing it."""


class VariableProvider(ZorioProvider):
    """CRUD for variables; a new `variable_code` is a replacement (the API cannot change it)."""

    kind = "variable"
    service = "variables"

    def _create(self, inputs: dict[str, Any]) -> dict[str, Any]:
        """POST; a code the account already has is refused (422, or 409 on an API that says so) with its id and
        the adoption that would manage it."""
        try:
            return super()._create(inputs)
        except (ConflictError, ValidationError) as error:
            if isinstance(error, ValidationError) and "variable_code" not in error.field_errors:
                raise
            code = inputs["variable_code"]
            existing = self._api().find_by_code(code)
            if existing is None:
                raise
            raise ZorioResourceError(_already_taken(code, existing["id"])) from error

    def conflict_on_create(self, news: dict[str, Any]) -> str | None:
        """A code the account already has (read once per run from the list), unless the variable is adopted."""
        if news.get("adopt_id") is not None:
            return None
        codes = self.__dict__.get("_codes_on_account")
        if codes is None:
            codes = self.__dict__["_codes_on_account"] = self._api().ids_by_code()
        existing = codes.get(news.get("variable_code"))
        return None if existing is None else _already_taken(str(news["variable_code"]), existing)


def _already_taken(code: str, existing_id: Any) -> str:
    return (f"variable code {code} already exists on the account (id {existing_id}), so it cannot be created again. "
            f"To manage that variable here, take it over: declare it with adopt_id: {existing_id}; otherwise choose "
            "another code")


class Variable(ZorioResource, module="zorio", name="Variable"):
    """A Zorio variable. Scripts whose template uses `{{code}}` should depend on it (`depends_on`)."""

    variable_code: pulumi.Output[str]
    name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    sample_value: pulumi.Output[str | None]
    adopt_id: pulumi.Output[int | None]
    created_at: pulumi.Output[str]
    updated_at: pulumi.Output[str]

    @overload
    def __init__(
        self, resource_name: str, args: VariableArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None: ...

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        variable_code: pulumi.Input[str],
        name: pulumi.Input[str] | None = None,
        description: pulumi.Input[str] | None = None,
        sample_value: pulumi.Input[str] | None = None,
        adopt_id: IdInput | None = None,
    ) -> None:
        """A Zorio variable, its inputs as keywords.

        :param resource_name: The Pulumi resource name; also the default `name`.
        :param opts: Pulumi resource options (e.g. `protect`, `depends_on`).
        :param variable_code: Placeholder code used as `{{variable_code}}`: lowercase snake_case, ≤64
            characters. Changing it replaces the variable.
        :param name: Human-readable name (≤255). Defaults to the resource name.
        :param description: Free text (≤1000).
        :param sample_value: An example value shown in previews (≤255).
        :param adopt_id: Id of an existing Zorio variable to take over instead of creating one; keep it: it is
            then released, not deleted.
        """

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """`Variable(name, variable_code=..., ...)` or `Variable(name, VariableArgs(...), opts)`;
        an unknown keyword is a TypeError listing the valid inputs."""
        values, opts = split_constructor_args("Variable", VariableArgs, args, kwargs)
        props = props_from_args(values, OUTPUT_KEYS)
        props["name"] = props["name"] if props["name"] is not None else resource_name
        variable_declared(props["variable_code"])
        super().__init__(VariableProvider(), resource_name, props, opts)
