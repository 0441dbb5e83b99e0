"""Whatever a file holds, validation reports problems and never crashes (no traceback for a campaign manager)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulumi_zorio.desired import validate_paths

WEIRD = [
    "variables: 3\n",
    "scripts: {s: [1, 2]}\n",
    "scripts: {s: {voice_id: v, template_text: t, dtmf_actions: {digit: '1'}}}\n",
    "scripts: {s: {voice_id: v, template_text: t, dtmf_actions: [1, null, [], {digit: [1]}]}}\n",
    "scripts: {s: {voice_id: v, template_text: 5, dtmf_actions: [{digit: 1, action_type: [x], audio: 3}]}}\n",
    "campaigns: {c: {script: [a], caller_id_group: {a: 1}, start_at: 5, end_at: [], status: 7}}\n",
    "campaigns: {c: {script: s, start_at: 2026-06-25T08:00:00Z, end_at: '2026-13-45T99:00:00Z'}}\n",
    "media: {m: {source: 7, category: ivr}}\n",
    "media: {m: {source: /dev/null.wav, category: ivr}}\n",
    "? [a, b]\n: 1\n",
    "1: 2\n",
    "base: &base {voice_id: v}\nscripts: {s: {<<: *base, template_text: t}}\n",
    "'just text'\n",
]


@pytest.mark.parametrize("text", WEIRD)
def test_weird_document_reports_problems_without_crashing(text: str, tmp_path: Path) -> None:
    (tmp_path / "z.yaml").write_text(text, encoding="utf-8")
    report = validate_paths([tmp_path / "z.yaml"])
    assert report.problems
    assert all(str(problem).startswith(str(tmp_path / "z.yaml")) for problem in report.problems)


def test_merge_keys_are_expanded(tmp_path: Path) -> None:
    (tmp_path / "z.yaml").write_text(
        "scripts:\n  a: &base {voice_id: v, template_text: t}\n  b: {<<: *base, template_text: other}\n",
        encoding="utf-8",
    )
    report = validate_paths([tmp_path / "z.yaml"])
    assert report.valid
    assert report.config.scripts["b"].inputs == {"voice_id": "v", "template_text": "other", "name": "b"}


def test_the_earlier_merged_mapping_wins_as_yaml_specifies(tmp_path: Path) -> None:
    (tmp_path / "z.yaml").write_text(
        "scripts:\n  a: &a {voice_id: first, template_text: t}\n  b: &b {voice_id: second, template_text: u}\n"
        "  c: {<<: [*a, *b]}\n", encoding="utf-8")
    report = validate_paths([tmp_path / "z.yaml"])
    assert report.valid, report.problems
    assert report.config.scripts["c"].inputs == {"voice_id": "first", "template_text": "t", "name": "c"}


def test_merge_keys_nested_nine_deep_with_nine_copies_each_are_read_in_linear_time(tmp_path: Path) -> None:
    """43 million merges if each level re-expanded the one below; the file is valid and every level is a script."""
    lines = ["scripts:", "  s0: &s0 {voice_id: vi-VN-female-01, template_text: Xin chào}"]
    lines += [f"  s{i}: &s{i} {{<<: [{', '.join([f'*s{i - 1}'] * 9)}]}}" for i in range(1, 9)]
    (tmp_path / "z.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = validate_paths([tmp_path / "z.yaml"])
    assert report.valid, report.problems
    assert report.config.scripts["s8"].inputs["voice_id"] == "vi-VN-female-01"


def test_a_file_over_four_megabytes_is_refused_at_its_first_line_unread(tmp_path: Path) -> None:
    path = tmp_path / "z.yaml"
    path.write_text("variables:\n" + "".join(f"  v{i}: {{sample_value: '{i:0>60}'}}\n" for i in range(48_500)),
                    encoding="utf-8")
    report = validate_paths([path])
    assert [str(problem) for problem in report.problems] == [
        f"{path}:1:1: error: this file is 4.1 MB; a zorio file may hold at most 4 MB: split it into several files "
        "in one folder"]


def test_aliases_within_the_budget_are_expanded(tmp_path: Path) -> None:
    """Ten defaults merged into each of 1,500 campaigns: 15,000 repeated values, more than a bomb's first 10,000,
    and fine, because the budget grows with the file (10 repeats per node of it)."""
    defaults = ("script: s0, caller_id_group: G, status: draft, max_retries: 3, retry_interval_minutes: 60, "
                "retry_only_when: no_answer, max_concurrent: 10, originate_timeout: 40, write_to_main_cdr: false, "
                "description: x")
    lines = ["scripts:", "  s0: {voice_id: vi-VN-female-01, template_text: Xin chào}", "campaigns:",
             f"  c0: &defaults {{{defaults}}}"]
    lines += [f"  c{i}: {{<<: *defaults, max_retries: {i % 10}}}" for i in range(1, 1500)]
    (tmp_path / "z.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = validate_paths([tmp_path / "z.yaml"])
    assert report.valid, report.problems[:3]
    assert report.config.campaigns["c1499"].inputs["max_concurrent"] == 10


_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 20) | st.sampled_from(["", "x", "1", "*", "draft", "{{a}}", "s"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["name", "digit", "audio", "script", "action_type", "dtmf_actions", "status",
                         "template_text", "voice_id", "source", "category", "caller_id_group", "x"]),
        inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["variables", "media", "scripts", "campaigns", "other"]),
                       st.dictionaries(st.sampled_from(["a", "b", "s", "x_1"]), _values, max_size=3), max_size=4))
def test_random_document_never_crashes(document: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "z.yaml"
        path.write_text(yaml.safe_dump(document), encoding="utf-8")
        report = validate_paths([path])
    assert all(problem.location.file == str(path) for problem in report.problems)
