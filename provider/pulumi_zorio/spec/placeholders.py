"""`{{ variable_code }}` placeholders of a script template: extraction in order of first use, and their Problems."""

from __future__ import annotations

import re

from .problems import Code, Problem

VARIABLE_CODE = re.compile(r"[a-z][a-z0-9_]{0,63}")
"""A valid variable code [D, contract §7]; the same pattern as variable.json."""

_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


def placeholders(template: str) -> list[str]:
    """The placeholder codes of `template`, stripped of inner spaces, each once, in order of first use.

    This is what the API reports as a script's `variables` [I, contract §9], so the two can be compared.
    Invalid ones are included as written; `placeholder_problems` reports them.
    """
    seen: dict[str, None] = {}
    for match in _PLACEHOLDER.finditer(template):
        seen.setdefault(match.group(1).strip(), None)
    return list(seen)


def placeholder_problems(template: str, path: str = "template_text") -> list[Problem]:
    """A Problem per invalid placeholder (not a variable code) and per `{{` that is never closed.

    The API itself does not check placeholders: a bad one only fails when audio is rendered [D, FAQ],
    which is on a live call. Hence these checks happen offline.
    """
    problems = []
    for code in placeholders(template):
        if not VARIABLE_CODE.fullmatch(code):
            suggestion = _suggest(code)
            problems.append(Problem(path, Code.PLACEHOLDER_INVALID_SUGGEST, placeholder=code, suggestion=suggestion)
                            if suggestion else Problem(path, Code.PLACEHOLDER_INVALID, placeholder=code))
    rest = _PLACEHOLDER.sub("", template)
    if "{{" in rest:
        problems.append(Problem(path, Code.PLACEHOLDER_UNCLOSED))
    return problems


def written_placeholder(template: str, code: str) -> str | None:
    """The first placeholder of `template` for `code`, as written (`{{ due_day }}`), or None."""
    return next((match.group(0) for match in _PLACEHOLDER.finditer(template) if match.group(1).strip() == code), None)


def _suggest(code: str) -> str:
    """`Customer Name -> customer_name`, or "" when nothing sensible remains."""
    candidate = re.sub(r"[^a-z0-9_]+", "_", code.strip().lower()).strip("_")
    return candidate if VARIABLE_CODE.fullmatch(candidate) else ""
