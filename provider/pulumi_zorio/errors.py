"""Every error pulumi-zorio raises on purpose, under one root: `except PulumiZorioError` catches all of them and
nothing else (a bug in pulumi-zorio still surfaces as what it is).

    PulumiZorioError
    ├── ZorioError                      the API could not do it (pulumi_zorio.client.errors has the whole subtree:
    │   ├── ConfigurationError          no base URL or credentials, a lost answer, an HTTP status each with its
    │   ├── TransportError              class and `.status`)
    │   ├── OutcomeUnknownError
    │   ├── WaitTimeoutError
    │   └── ApiError (.status)          RedirectError, BadRequestError, AuthenticationError, PermissionDeniedError,
    │                                   NotFoundError, ConflictError, ValidationError, RateLimitError, ServerError
    ├── InvalidConfig (ValueError)      the YAML configuration has problems, each at its file:line:col
    │   └── ZorioConfigError            ... raised by the YAML program before it declares anything
    ├── ZorioResourceError              a provider operation on one object failed
    │   ├── ZorioLookupError            a data source (caller-ID group, voice, queue) found nothing usable
    │   └── CampaignRefusedError        a campaign change that would dial or lose calls unasked is refused
    │       └── UnplannedDialingError
    ├── ProgramError                    PATH is not a program `zorio` can run
    ├── StateError                      the local state file cannot be read or written
    └── EngineError                     a step of the local engine failed (`.resource` names it)

An error that wraps another (a resource error around an API error, an engine error around either) keeps it as
`.cause` and its HTTP status as `.status`, so a caller can still tell a 409 from a 422 after the wrapping.

This module imports nothing but the standard library: the client, which knows nothing of Pulumi, builds on it.
"""

from __future__ import annotations

from collections.abc import Iterator


def causes(error: BaseException | None, implicit: bool = False) -> Iterator[BaseException]:
    """`error`, then what caused it (`raise ... from`; with `implicit`, also the error being handled when it was
    raised), and so on: each once, even when a chain loops back on itself."""
    seen: list[BaseException] = []
    while error is not None and error not in seen:
        seen.append(error)
        yield error
        error = error.__cause__ or (error.__context__ if implicit else None)


class PulumiZorioError(Exception):
    """Base of every error pulumi-zorio raises on purpose."""


class WrappingError(PulumiZorioError):
    """An error raised because another one happened (`raise ... from cause`)."""

    @property
    def cause(self) -> BaseException | None:
        """The error this one wraps (its `__cause__`), if any."""
        return self.__cause__

    @property
    def status(self) -> int | None:
        """The HTTP status of the API error somewhere under this one (e.g. 409 for a conflict), if any."""
        statuses = (cause.__dict__.get("status") for cause in causes(self.__cause__))
        return next((status for status in statuses if isinstance(status, int)), None)


__all__ = ["PulumiZorioError", "WrappingError", "causes"]
