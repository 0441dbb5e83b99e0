"""The corpus of bad files: each `tests/desired/bad/<case>` states its exact problems in `# expect:` lines.

A case is a file or a folder; an expectation reads `# expect: LINE:COL: error: PATH: MESSAGE` (the file is the
one holding the line) or `# expect: FILE: error: MESSAGE` for a whole-file or whole-folder problem.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_zorio.desired import validate_paths

BAD = Path(__file__).parent / "bad"
CASES = sorted(path.name for path in BAD.iterdir() if path.name not in ("audio", "README.md"))


def expectations(case: Path) -> list[str]:
    """The `# expect:` lines of a case, prefixed by the file they sit in (relative to `bad/`)."""
    files = sorted(case.rglob("*")) if case.is_dir() else [case]
    expected = []
    for file in files:
        if not file.is_file() or file.suffix not in (".yaml", ".yml", ".txt"):
            continue
        for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("# expect: "):
                text = line.removeprefix("# expect: ")
                relative = file.relative_to(BAD).as_posix()
                expected.append(text if text.startswith(case.name) else f"{relative}:{text}")
    return expected


def test_corpus_has_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_bad_file_reports_exact_location_and_message(
    case: str, monkeypatch: pytest.MonkeyPatch, no_network: None
) -> None:
    monkeypatch.chdir(BAD)
    expected = expectations(BAD / case)
    assert expected, f"{case} has no '# expect:' line"
    report = validate_paths([case])
    assert [str(problem) for problem in report.problems] == expected
    assert not report.valid
