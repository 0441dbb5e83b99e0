"""`Variable`: a template placeholder (`{{variable_code}}`) of the account's pool (api-contract §7)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, overload

import pulumi

from pulumi_zorio.client import ConflictError, ValidationError
from pulumi_zorio.resources._base import ZorioProvider, ZorioResourceError
from pulumi_zorio.resources._convert import IdInput, constructor_props
from pulumi_zorio.resources._resource import ZorioResource
from pulumi_zorio.resources.program_checks import variable_declared

# BEGIN GENERATED: args (from schemas/variable.json by `python -m pulumi_zorio.codegen`; edit the schema)
@dataclass(frozen=True, kw_only=True)
class VariableArgs:
    """A template placeholder of the Zorio AutoCall variable pool. Scripts use it as {{variable_code}}; lead payload
    keys must be defined codes. Changing variable_code replaces the variable; every other field updates in place."""

    variable_code: pulumi.Input[str]
    """The placeholder code used in templates as {{variable_code}}: lowercase snake_case, starting with a letter, at
    most 64 characters. Unique per account; it cannot change after creation, so a new code replaces the variable."""
    name: pulumi.Input[str] | None = None
    """Human-readable name, at most 255 characters. Defaults to the logical name (the YAML key or the Pulumi resource
    name)."""
    description: pulumi.Input[str] | None = None
    """Free text, at most 1000 characters. Omitted = no description."""
    sample_value: pulumi.Input[str] | None = None
    """An example value shown in previews, at most 255 characters."""
    adopt_id: IdInput | None = None
    """Id of an existing Zorio variable to take over instead of creating a new one (written by `zorio export`). Keep
    it: it also marks the object as taken over, so the stack releases it (leaves it in Zorio) instead of deleting it
    when it stops managing it."""


OUTPUT_KEYS = ("created_at", "updated_at")
"""The properties that are not `*Args` fields: Pulumi makes an Output only for keys in the props."""
# END GENERATED


class VariableProvider(ZorioProvider):
    """CRUD for variables; a new `variable_code` is a replacement (the API cannot change it)."""

    kind = "variable"

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
        """A code the account already has (read once per run, from the listing the refresh has just read when it is
        fresh: a code taken since is still refused by the create itself), unless the variable is adopted."""
        if news.get("adopt_id") is not None:
            return None
        codes = self.__dict__.get("_codes_on_account")
        if codes is None:
            codes = self.__dict__["_codes_on_account"] = self._api().ids_by_code(cached=True)
        existing = codes.get(news.get("variable_code"))
        return None if existing is None else _already_taken(str(news["variable_code"]), existing)


def _already_taken(code: str, existing_id: Any) -> str:
    return (f"variable code {code} already exists on the account (id {existing_id}), so it cannot be created again. "
            f"To manage that variable here, take it over: declare it with adopt_id: {existing_id}; otherwise choose "
            "another code")


class Variable(ZorioResource, module="zorio", name="Variable"):
    """A Zorio variable. Scripts whose template uses `{{code}}` should depend on it (`depends_on`)."""

    # BEGIN GENERATED: class (from schemas/variable.json by `python -m pulumi_zorio.codegen`; edit the schema)
    variable_code: pulumi.Output[str]
    name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    sample_value: pulumi.Output[str | None]
    adopt_id: pulumi.Output[int | None]

    @overload
    def __init__(self, resource_name: str, args: VariableArgs, opts: pulumi.ResourceOptions | None = None) -> None: ...

    @overload
    def __init__(self, resource_name: str, opts: pulumi.ResourceOptions | None = None, *,
                 variable_code: pulumi.Input[str],
                 name: pulumi.Input[str] | None = None,
                 description: pulumi.Input[str] | None = None,
                 sample_value: pulumi.Input[str] | None = None,
                 adopt_id: IdInput | None = None,
    ) -> None:
        """A Zorio variable, its inputs as keywords (or pass a `VariableArgs`).

        :param resource_name: The Pulumi resource name; also the default `name`.
        :param opts: Pulumi resource options (e.g. `protect`, `depends_on`).
        :param variable_code: The placeholder code used in templates as {{variable_code}}: lowercase
            snake_case, starting with a letter, at most 64 characters. Unique per account; it cannot change
            after creation, so a new code replaces the variable.
        :param name: Human-readable name, at most 255 characters. Defaults to the logical name (the YAML key
            or the Pulumi resource name).
        :param description: Free text, at most 1000 characters. Omitted = no description.
        :param sample_value: An example value shown in previews, at most 255 characters.
        :param adopt_id: Id of an existing Zorio variable to take over instead of creating a new one (written
            by `zorio export`). Keep it: it also marks the object as taken over, so the stack releases it
            (leaves it in Zorio) instead of deleting it when it stops managing it.
        """
    # END GENERATED

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """`Variable(name, variable_code=..., ...)` or `Variable(name, VariableArgs(...), opts)`;
        an unknown keyword is a TypeError listing the valid inputs."""
        _, props, opts = constructor_props("Variable", VariableArgs, OUTPUT_KEYS, resource_name, args, kwargs)
        variable_declared(props["variable_code"])
        super().__init__(VariableProvider(), resource_name, props, opts)
