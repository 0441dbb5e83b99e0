"""Word-level diffs of long text (a script's template, a description): a one-word change is one marked word.

Tokens are `{{placeholders}}` (never split), words (Unicode `\\w` runs with their combining marks, so a Vietnamese
word stays whole in NFC and NFD alike), whitespace runs and single punctuation marks; `difflib.SequenceMatcher`
aligns them. Rendering lives with each output format (`review.text`, `review.markdown_text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

TOKEN = re.compile(r"\{\{[^{}]*\}\}|(?:\w|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])+|\s+|.",
                   re.S)
"""A placeholder, a word (with combining diacritics), a whitespace run, or any other single character."""

Op = Literal["same", "removed", "added"]


@dataclass(frozen=True)
class Segment:
    """A run of text that is the same on both sides, only in the old text, or only in the new text."""

    op: Op
    text: str


def tokens(text: str) -> list[str]:
    """`"Xin chào {{name}}!"` → `["Xin", " ", "chào", " ", "{{name}}", "!"]`; joined, they give back the text."""
    return TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Segment]:
    """The segments turning `old` into `new`, a removal before its replacement.

    A change separated from the next one only by whitespace is merged with it (`[-a b-]{+c d+}` rather than
    `[-a-]{+c+} [-b-]{+d+}`), which reads as one edit.
    """
    before, after = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    raw: list[tuple[str, str, str]] = []  # (tag, old text, new text)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        raw.append((tag, "".join(before[i1:i2]), "".join(after[j1:j2])))
    merged: list[tuple[str, str, str]] = []
    for index, (tag, old_text, new_text) in enumerate(raw):
        between = (tag == "equal" and not old_text.strip() and 0 < index < len(raw) - 1
                   and raw[index - 1][0] != "equal" and raw[index + 1][0] != "equal")
        if merged and merged[-1][0] != "equal" and (tag != "equal" or between):
            _, last_old, last_new = merged.pop()
            merged.append(("replace", last_old + old_text, last_new + new_text))
        else:
            merged.append((tag, old_text, new_text))
    segments: list[Segment] = []
    for tag, old_text, new_text in merged:
        if tag == "equal":
            segments.append(Segment("same", old_text))
            continue
        if old_text:
            segments.append(Segment("removed", old_text))
        if new_text:
            segments.append(Segment("added", new_text))
    return segments


def worth_a_word_diff(old: object, new: object) -> bool:
    """Two texts long enough that showing each whole would hide what changed (more than a few words)."""
    return (isinstance(old, str) and isinstance(new, str) and old != new
            and max(len(old.split()), len(new.split())) > WORDS_FOR_A_WORD_DIFF)


WORDS_FOR_A_WORD_DIFF = 4
"""Up to this many words, `old → new` is as clear as a word diff."""

__all__ = ["Segment", "WORDS_FOR_A_WORD_DIFF", "tokens", "word_diff", "worth_a_word_diff"]
