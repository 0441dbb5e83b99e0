"""The real Mermaid parser, one Node process for the whole session (started on first use)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .support import MermaidParser, mermaid_or_skip


@pytest.fixture(scope="session")
def mermaid() -> Iterator[MermaidParser]:
    parser = mermaid_or_skip()
    try:
        yield parser
    finally:
        parser.close()
