"""Escaping for a GitHub comment: a value in a code span (any backticks, table pipes), or as HTML text in which no
character can format (`*khuyến mãi*`, `<b>`, `[x](y)` render as written)."""

from __future__ import annotations

import re

MARKDOWN_PUNCTUATION = "\\`*_{}[]()#+-.!|~:@"
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
             **{char: f"&#{ord(char)};" for char in MARKDOWN_PUNCTUATION}}


def code_span(text: str, in_table: bool = False) -> str:
    """`text` as inline code, whatever backticks it holds; one line; `|` escaped for a table cell (GFM)."""
    text = " ".join(str(text).split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") or not text.strip() else text
    span = f"{fence}{padded}{fence}"
    return span.replace("|", "\\|") if in_table else span


def html_text(text: str) -> str:
    """`text` for HTML or Markdown prose: `& < > " '` and Markdown's punctuation as character references, line
    breaks as `<br>`; renders exactly as written."""
    escaped = "".join(_ENTITIES.get(char, char) for char in str(text).replace("\r\n", "\n"))
    return escaped.replace("\n", "<br>")


__all__ = ["code_span", "html_text"]
