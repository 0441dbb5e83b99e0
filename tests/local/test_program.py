"""What `zorio apply PATH` recognises: Python programs, zorio YAML files and folders, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_zorio.local import ProgramError, load_program


def test_folder_with_main_is_a_python_program_run_from_that_folder(tmp_path: Path) -> None:
    (tmp_path / "__main__.py").write_text("import pulumi\n")
    (tmp_path / "Pulumi.yaml").write_text("name: p\nruntime: python\n")
    program = load_program(tmp_path)
    assert (program.kind, program.project_dir) == ("python", tmp_path.resolve())
    assert program.default_state == tmp_path.resolve() / ".zorio-state.json"


def test_folder_with_zorio_yaml_beside_pulumi_files_is_yaml(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: p\nruntime: python\n")
    (tmp_path / "zorio.yaml").write_text("variables: {}\n")
    assert load_program(tmp_path).kind == "yaml"


def test_folder_with_only_pulumi_files_is_refused_with_what_was_expected(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: p\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config: {}\n")
    with pytest.raises(ProgramError, match=r"neither a __main__\.py .* nor zorio \*\.yaml files"):
        load_program(tmp_path)


@pytest.mark.parametrize("name", ["notes.txt", "missing.yaml"])
def test_other_paths_are_refused_naming_the_path(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".txt"):
        path.write_text("hello\n")
    with pytest.raises(ProgramError, match=name.replace(".", r"\.")):
        load_program(path)
