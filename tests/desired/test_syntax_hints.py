"""The YAML mistakes campaign managers make, explained in their terms at the line that has them (not PyYAML's
"while parsing a block mapping: did not find expected key")."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_zorio.desired import validate_paths

CASES = {
    "a key indented one space too few": (
        "variables:\n  a:\n    name: X\n   sample_value: Y\n",
        "4:4: error: this line is indented by 3 spaces, which lines it up with no key above it: indent it like the key "
        "it belongs with (the line above starts at column 5, the first key of this block at column 3); YAML indents "
        "with spaces, the same number for every key of one block"),
    "a template that starts with a placeholder, unquoted": (
        "scripts:\n  s:\n    template_text: {{customer_name}} xin chào\n",
        '3:38: error: a value that starts with { is read as a YAML mapping: quote the whole value (e.g. template_text: '
        '"{{customer_name}} ...")'),
    "a colon and space inside a value": (
        "variables:\n  a:\n    name: Hẹn: 9h\n",
        '3:14: error: a ": " where YAML does not expect one: if it is inside a value, quote the value (e.g. name: '
        '"Hẹn: 9h"); if a line above has a key without ":" after it, add the ":"'),
    "a value starting with @": (
        "variables:\n  a:\n    name: @home\n",
        "3:11: error: a value cannot start with '@' in YAML: quote the value"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_yaml_mistake_is_explained_at_its_line(case: str, tmp_path: Path) -> None:
    text, expected = CASES[case]
    path = tmp_path / "zorio.yaml"
    path.write_text(text, encoding="utf-8")
    assert [str(problem) for problem in validate_paths([path]).problems] == [f"{path}:{expected}"]


def test_a_placeholder_problem_points_at_the_placeholder_in_a_block_template(tmp_path: Path) -> None:
    path = tmp_path / "zorio.yaml"
    path.write_text("variables:\n  customer_name: {}\nscripts:\n  s:\n    voice_id: v\n    template_text: |\n"
                    "      Xin chào {{customer_name}},\n      hẹn ngày {{ due_day }} nhé\n", encoding="utf-8")
    (problem,) = validate_paths([path]).problems
    assert (problem.location.line, problem.location.column) == (8, 16)
