"""What `zorio apply PATH` runs: a Python Pulumi program (`__main__.py`, or a .py file) or zorio YAML (a file or a
folder of *.yaml files, declared through `pulumi_zorio.resources.from_yaml`), as a program callable."""

from __future__ import annotations

import runpy
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pulumi_zorio.desired.source import is_zorio_file
from pulumi_zorio.errors import PulumiZorioError

DEFAULT_STATE_NAME = ".zorio-state.json"


class ProgramError(PulumiZorioError):
    """PATH is not something `zorio apply` can run; the message says what it expected."""


@dataclass(frozen=True)
class Program:
    """A runnable program and its project directory (the working directory while it runs, like Pulumi's)."""

    path: Path
    project_dir: Path
    kind: str
    """"python" or "yaml"."""

    @property
    def default_state(self) -> Path:
        """`.zorio-state.json` in the project directory: the state belongs to the config, wherever you run from."""
        return self.project_dir / DEFAULT_STATE_NAME

    def callable(self) -> Callable[[], Any]:
        """The function the engine runs once per preview/apply (it declares the resources); for YAML, one the
        engine may also plan directly (local/yaml_plan.py)."""
        if self.kind == "python":
            return self._run_python
        return self._yaml_program

    @cached_property
    def _yaml_program(self) -> Callable[[], Any]:
        """One per Program: a plan and the apply after it share what it validated (see YamlProgram)."""
        from pulumi_zorio.local.yaml_plan import YamlProgram  # imports pulumi: only when a program runs

        return YamlProgram([self.path])

    def _run_python(self) -> None:
        main = self.path if self.path.is_file() else self.path / "__main__.py"
        if str(self.project_dir) not in sys.path:
            sys.path.insert(0, str(self.project_dir))  # local imports of the program, as `python __main__.py`
        runpy.run_path(str(main), run_name="__main__")


def load_program(path: Path) -> Program:
    """Recognise PATH: a folder with `__main__.py` or a `.py` file is Python; YAML files and folders are YAML."""
    path = Path(path).resolve()
    if not path.exists():
        raise ProgramError(f"{path} does not exist")
    if path.is_dir():
        kind = "python" if (path / "__main__.py").is_file() else "yaml"
        if kind == "yaml" and not any(is_zorio_file(child) for child in path.iterdir()):
            raise ProgramError(f"{path} holds neither a __main__.py (a Python program) nor zorio *.yaml files "
                               "(Pulumi.yaml and Pulumi.<stack>.yaml are not zorio configuration)")
        return Program(path, path, kind)
    if path.suffix == ".py":
        return Program(path, path.parent, "python")
    if path.suffix in (".yaml", ".yml"):
        return Program(path, path.parent, "yaml")
    raise ProgramError(f"{path} is neither a Python program (.py, or a folder with __main__.py) nor a YAML file")
