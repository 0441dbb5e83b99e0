"""`{{ code }}` placeholders: order of first use, spaces tolerated, invalid codes and unclosed braces reported."""

from __future__ import annotations

from pulumi_zorio.spec.placeholders import placeholder_problems, placeholders
from spec.support import Said


def test_placeholders_in_order_of_first_use_each_once() -> None:
    text = "Hi {{salutation_name}}, on {{ date }} at {{time}}; {{date}} again, {{salutation_name}}."
    assert placeholders(text) == ["salutation_name", "date", "time"]


def test_placeholders_tolerate_spaces_inside_the_braces() -> None:
    assert placeholders("{{  code  }} {{code}}") == ["code"]


def test_placeholders_none_in_plain_text() -> None:
    assert placeholders("Hello, press 1.") == []
    assert placeholder_problems("Hello, press 1.") == []


def test_placeholder_problem_for_an_invalid_code_suggests_a_valid_one() -> None:
    assert placeholder_problems("Hi {{Customer Name}}") == [
        Said(
            "template_text",
            "placeholder {{Customer Name}} is not a valid variable code: use lowercase letters, digits and _, "
            "starting with a letter (e.g. {{customer_name}})",
        )
    ]


def test_placeholder_problem_without_a_sensible_suggestion() -> None:
    assert placeholder_problems("{{ }} {{9}}") == [
        Said(
            "template_text",
            "placeholder {{}} is not a valid variable code: use lowercase letters, digits and _, "
            "starting with a letter",
        ),
        Said(
            "template_text",
            "placeholder {{9}} is not a valid variable code: use lowercase letters, digits and _, "
            "starting with a letter",
        ),
    ]


def test_placeholder_problem_for_an_unclosed_brace() -> None:
    assert placeholder_problems("Hi {{name") == [
        Said("template_text", "a placeholder opened with {{ is never closed with }}")
    ]


def test_placeholder_problems_use_the_given_path() -> None:
    assert placeholder_problems("{{X}}", path="scripts.a.template_text")[0].path == "scripts.a.template_text"
