"""A Problem is a path, a code and parameters; its text is written once per code, in `TEMPLATES`."""

from __future__ import annotations

import string

import pytest

from pulumi_zorio.spec.problems import API_TERMS, TEMPLATES, Code, Problem, render


@pytest.mark.parametrize("code", list(Code))
def test_every_code_has_a_template_that_renders(code: Code) -> None:
    """A check that reports a code nobody wrote a text for fails here, not in front of a user."""
    assert code in TEMPLATES, f"{code} has no rendering in TEMPLATES"
    names = {name for _, name, _, _ in string.Formatter().parse(TEMPLATES[code]) if name}
    params = {name: "x" for name in names} | ({"megabytes": 21.0} if "megabytes" in names else {})
    path, message = render(Problem("field", code, **params), API_TERMS)  # a parameter it lacks is a KeyError
    assert path == "field"
    assert message.strip()


def test_the_message_and_str_are_the_api_rendering() -> None:
    problem = Problem("max_retries", Code.BETWEEN, low=0, high=10, got="12")
    assert problem.message == "must be between 0 and 10 (got 12)"
    assert str(problem) == "max_retries: must be between 0 and 10 (got 12)"


def test_problems_compare_by_what_is_wrong_not_by_text() -> None:
    assert Problem("a", Code.TOO_LONG, limit=5, count=6) == Problem("a", Code.TOO_LONG, count=6, limit=5)
    assert Problem("a", Code.TOO_LONG, limit=5, count=6) != Problem("a", Code.TOO_LONG, limit=5, count=7)
    assert len({Problem("a", Code.UNKNOWN_FIELD_NO_MATCH, allowed=["x", "y"])} | {
        Problem("a", Code.UNKNOWN_FIELD_NO_MATCH, allowed=["x", "y"])}) == 1


def test_a_string_that_is_not_a_code_is_refused() -> None:
    with pytest.raises(ValueError):
        Problem("a", "must be between 0 and 10")  # type: ignore[arg-type]
