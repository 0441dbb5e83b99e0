"""`Secret`, a string wrapper that never shows its value, and `redact()` for every text we emit.

Long secrets are registered when made, so text can be scrubbed even if an API message echoes one.
"""

from __future__ import annotations

import hashlib
import threading
from typing import NoReturn

REDACTED = "***"
# Shorter values are not scrubbed from text: replacing every "admin" would garble messages, and the
# client never writes request bodies or headers into text anyway; this is the second line of defence.
MIN_REDACTED_LENGTH = 8

_known: set[str] = set()
_known_lock = threading.Lock()


class Secret:
    """A credential: `str()`/`repr()` never reveal it and it refuses to be pickled.

    Pickling is refused on purpose: a Pulumi dynamic provider is pickled into the stack's state,
    and a credential must never travel there (pulumi-dynamic-notes.md section 4).
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str) or not value:
            raise ValueError("a secret must be a non-empty string")
        self._value = value
        if len(value) >= MIN_REDACTED_LENGTH:
            with _known_lock:
                _known.add(value)

    def reveal(self) -> str:
        """The plain value; only the transport calls this, to build the Authorization header."""
        return self._value

    def fingerprint(self) -> str:
        """A short one-way hash, to key process-wide registries without holding the value."""
        return hashlib.sha256(self._value.encode()).hexdigest()[:16]

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> NoReturn:
        refuse_pickling()


def refuse_pickling() -> NoReturn:
    """What pickling credentials, or a client or transport holding them, raises (whatever part is reached first)."""
    raise TypeError(
        "pulumi-zorio credentials cannot be pickled: create the Zorio client lazily, "
        "after the provider is unpickled, instead of storing it on the provider"
    )


def redact(text: str) -> str:
    """`text` with every known secret value replaced by `***`."""
    with _known_lock:
        values = sorted(_known, key=len, reverse=True)
    for value in values:
        if value in text:
            text = text.replace(value, REDACTED)
    return text
