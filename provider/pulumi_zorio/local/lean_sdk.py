"""Two pieces of per-resource work the Pulumi SDK does that a run under the local engine's mocks never uses, turned
off while the engine runs a program (and restored after), so declaring a big stack costs what its resources cost.

- `_get_stack_trace`: every registration walks and converts the whole Python stack into the `sourcePosition` and
  `stackTrace` of the RegisterResource request (about 40 % of declaring a resource); the mock monitor drops both.
- `_types.resource_types`: every resource's output types are rebuilt from its class annotations (`get_type_hints`);
  they depend on the class only, so they are computed once per class.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

from pulumi import _types
from pulumi.runtime import resource
from pulumi.runtime.proto import source_pb2


def _no_stack_trace() -> source_pb2.StackTrace:
    return source_pb2.StackTrace()


@contextmanager
def lean_sdk() -> Iterator[None]:
    """The SDK without the work above, for the duration of one engine run."""
    stack_trace, types = resource._get_stack_trace, _types.resource_types  # noqa: SLF001
    resource._get_stack_trace = _no_stack_trace  # noqa: SLF001
    _types.resource_types = functools.lru_cache(maxsize=None)(types)
    try:
        yield
    finally:
        resource._get_stack_trace, _types.resource_types = stack_trace, types  # noqa: SLF001
