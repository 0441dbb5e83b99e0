"""One truth: the published schema (schema/zorio.schema.json), run by a standard independent checker on the YAML as
written, agrees with `zorio validate` on every file of the examples and of the good and bad corpora. The checker is
`check-jsonschema` (what a team adds to CI; the YAML language server applies the same schema in editors):
everything it rejects `zorio validate` rejects; nothing `zorio validate`'s schema check rejects does it accept; and a
file it accepts that `zorio validate` rejects is rejected for a reason the schema cannot express (schema/README.md).
(The DTMF target rules are in the schema too; `zorio validate` reports them through its semantic check, which words
them in the file's own terms, so they count on its side as a rejection, not as a schema problem.)"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from pulumi_zorio.desired.model import DesiredConfig
from pulumi_zorio.desired.shape_check import shape_problems
from pulumi_zorio.desired.source import read_sources
from pulumi_zorio.desired.validate import validate_paths

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema" / "zorio.schema.json"
HERE = Path(__file__).resolve().parent


def yaml_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.y*ml")
                  if not path.name.startswith("Pulumi.") and ".github" not in path.parts)


EXAMPLES = yaml_files(ROOT / "examples")
GOOD = yaml_files(HERE / "good")
READER_BOMBS = {"alias_bomb.yaml", "merge_key_bomb.yaml", "template_text_alias_bomb.yaml", "deep_nesting.yaml"}
"""Cases made to hang or crash a YAML reader: check-jsonschema's (ruamel.yaml) runs for minutes on the bombs and
dies with a RecursionError on the nesting. `zorio validate` refusing them in milliseconds is proven by the bad
corpus; no schema verdict exists to compare with."""
BAD = [path for path in yaml_files(HERE / "bad") if path.name not in READER_BOMBS]
BAD_CASES = sorted(path for path in (HERE / "bad").iterdir() if path.suffix in (".yaml", ".yml") or path.is_dir()
                   and path.name != "audio")


@cache
def checker_verdicts() -> dict[Path, list[str]]:
    """check-jsonschema over every file at once: file → its errors (parse errors included); [] = valid."""
    files = [*EXAMPLES, *GOOD, *BAD]
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "check-jsonschema"), "--schemafile", str(SCHEMA), "-o", "json",
         *map(str, files)], capture_output=True, text=True, timeout=120, check=False,
    )
    report = json.loads(completed.stdout)
    verdicts: dict[Path, list[str]] = {path.resolve(): [] for path in files}
    for error in [*report.get("errors", []), *report.get("parse_errors", [])]:
        verdicts[Path(error["filename"]).resolve()].append(f"{error.get('path', '')}: {error['message']}")
    return verdicts


def schema_part_of_validate(path: Path) -> list[str]:
    """What `zorio validate` reports for the file from the published schema (or a YAML syntax error), alone."""
    _, sources, problems = read_sources([path])
    if problems or not sources:  # the YAML itself could not be read: a checker cannot read it either
        return [str(problem) for problem in problems] or ["unreadable"]
    spans = {source.name: source.spans for source in sources}
    return [str(p) for p in shape_problems(DesiredConfig(spans=spans), {s.name: s.data for s in sources})]


@pytest.mark.parametrize("path", [*EXAMPLES, *GOOD, *BAD], ids=lambda path: str(path.relative_to(ROOT)))
def test_independent_checker_and_zorio_validate_agree(path: Path, no_network: None) -> None:
    checker = checker_verdicts()[path.resolve()]
    ours = schema_part_of_validate(path)
    both = f"check-jsonschema: {checker or 'valid'}\nzorio validate's schema check: {ours or 'valid'}"
    if ours:  # zorio validate's schema check is never stricter than the published schema
        assert checker, both
    if checker:  # whatever the published schema rejects, zorio validate rejects
        assert not validate_paths([path]).valid, both


@pytest.mark.parametrize("path", [*EXAMPLES, *GOOD], ids=lambda path: str(path.relative_to(ROOT)))
def test_every_example_and_good_file_passes_both(path: Path, no_network: None) -> None:
    assert checker_verdicts()[path.resolve()] == []
    assert schema_part_of_validate(path) == []


@pytest.mark.parametrize("case", BAD_CASES, ids=lambda path: path.name)
def test_every_bad_case_is_rejected_by_zorio_validate_whatever_the_checker_says(case: Path, no_network: None) -> None:
    """A bad case the schema accepts must still fail `zorio validate`, for a reason beyond the schema."""
    assert not validate_paths([case]).valid
