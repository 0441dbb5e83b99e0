"""The create key: what lets a `pulumi up` re-run after a crash get back the object a killed run created.

The Pulumi engine records a create it started but never saw answered as a pending operation, warns about it on the
next `up` and sends the create again (pkg/resource/deploy/deployment_executor.go; the pending operation itself is
kept until `pulumi refresh` clears it). A dynamic provider's `create(props)` is given neither the URN nor anything
from that pending operation, so the key is computed where the resource is declared, from what names it for good:
organization, project, stack, the parent's type and name, the kind and the resource name (the URN's parts). The
same declaration gives the same key on every run; another stack, another project, or an object made in the
console never carries it, so a replayed answer can only name an object this resource's own create made.

The key travels inside the provider object (the encrypted `__provider` blob), not as an input: it never shows in a
diff or a plan, and a stack created before it existed plans no change for it. Under the mock runtime (the local
`zorio` engine, unit tests) project and stack are placeholders shared by every configuration, so there is no key:
the local engine has its own journal of creates in flight.
"""

from __future__ import annotations

import hashlib

import pulumi
from pulumi.runtime.mocks import MockMonitor
from pulumi.runtime.settings import SETTINGS

PREFIX = "pulumi-zorio-create-"


def create_key(kind: str, name: str, parent: pulumi.Resource | None) -> str | None:
    """The create key of resource `name` of `kind` in the running Pulumi program, or None under the mock runtime
    (or when the program runs without a project or stack)."""
    if isinstance(SETTINGS.monitor, MockMonitor):
        return None
    project, stack = pulumi.get_project(), pulumi.get_stack()
    if not project or not stack:
        return None
    parts = [pulumi.get_organization() or "", project, stack, getattr(parent, "_type", ""),
             getattr(parent, "_name", ""), kind, name]
    return PREFIX + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
