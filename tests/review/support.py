"""Helpers of the review tests: golden files (regenerated with ZORIO_UPDATE_GOLDENS=1, then reviewed in the diff),
the text plan as a terminal without colour shows it, GitHub-flavoured Markdown rendered to HTML, and the real
Mermaid parser (Node, tools/node) for every diagram the tests produce."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
NODE_MODULES = ROOT / "tools" / "node" / "node_modules"
PARSER = ROOT / "tools" / "node" / "mermaid-parse.mjs"
UPDATE = "ZORIO_UPDATE_GOLDENS"
MERMAID_BLOCK = re.compile(r"```mermaid\n(.*?)```", re.S)


def assert_golden(name: str, actual: str) -> None:
    """`actual` equals golden/NAME; with ZORIO_UPDATE_GOLDENS=1 the file is rewritten instead (review the diff)."""
    path = GOLDEN / name
    if os.environ.get(UPDATE) == "1":
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with {UPDATE}=1 to write it, then review it"
    assert actual == path.read_text(encoding="utf-8"), f"differs from {path} ({UPDATE}=1 rewrites it)"


def plain(lines: list[str]) -> str:
    """Rich-markup lines as a terminal without colour shows them (CI logs)."""
    buffer = io.StringIO()
    console = Console(file=buffer, no_color=True, width=200, highlight=False, color_system=None)
    for line in lines:
        console.print(line, soft_wrap=True)
    return buffer.getvalue()


def gfm_html(markdown: str) -> str:
    """Markdown rendered as GitHub does for what the review uses: CommonMark, tables, strikethrough, raw HTML."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)


def mermaid_blocks(markdown: str) -> list[str]:
    return MERMAID_BLOCK.findall(markdown)


class MermaidParser:
    """One Node process running Mermaid's own parser; `parse(diagram)` returns its verdict."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(["node", str(PARSER)], cwd=NODE_MODULES.parent, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def parse(self, diagram: str) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(diagram) + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        return answer

    def assert_parses(self, diagram: str) -> None:
        answer = self.parse(diagram)
        assert answer["ok"], f"Mermaid rejects the diagram: {answer['error']}\n{diagram}"
        assert answer["type"] == "flowchart-v2"

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


def mermaid_or_skip() -> MermaidParser:
    """The parser, or a skip naming the missing tool (tools/install installs it with npm)."""
    if shutil.which("node") is None:
        pytest.skip("Mermaid diagrams not parsed: no Node.js on PATH (tools/install needs npm)")
    if not (NODE_MODULES / "mermaid").is_dir() or not (NODE_MODULES / "jsdom").is_dir():
        pytest.skip("Mermaid diagrams not parsed: tools/node/node_modules has no mermaid; run tools/install")
    return MermaidParser()


def assert_diagrams_parse(markdown: str) -> int:
    """Every ```mermaid block of `markdown` parses with the real Mermaid; returns how many were checked (0 when Node
    or tools/node is missing: tests/review then skips, saying why)."""
    if shutil.which("node") is None or not (NODE_MODULES / "mermaid").is_dir():
        return 0
    parser = MermaidParser()
    try:
        for diagram in mermaid_blocks(markdown):
            parser.assert_parses(diagram)
    finally:
        parser.close()
    return len(mermaid_blocks(markdown))
