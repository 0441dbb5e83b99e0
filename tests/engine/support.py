"""Drive the real Pulumi CLI (built by tools/install into .tools/bin) on a copy of a project, with the local
file backend in a temporary folder, no network, no update checks and no plugin downloads."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TOOLS_BIN = ROOT / ".tools" / "bin"
PULUMI = TOOLS_BIN / "pulumi"
INSTALL = "tools/install"
PASSPHRASE = "engine-tests-passphrase"
STACK = "test"
COMMAND_TIMEOUT_S = 300


def venv_of_this_python() -> Path:
    """The virtualenv the tests run in: it has pulumi-zorio installed (editable), as the examples' own venv would."""
    return Path(sys.prefix)


@dataclass
class Result:
    """What a `pulumi` command printed, and how it exited."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def json(self) -> Any:
        return json.loads(self.stdout)


@dataclass
class PulumiProject:
    """A Pulumi project directory (a copy of an example) and the backend and home folders its commands use."""

    project: Path
    backend: Path
    home: Path
    env: dict[str, str] = field(default_factory=dict)
    history: list[Result] = field(default_factory=list)

    @classmethod
    def create(cls, source: Path, into: Path, venv_name: str, extra_files: tuple[Path, ...] = ()) -> PulumiProject:
        """Copy `source` (an example, or the repository's root project files) into `into/project`, with its
        virtualenv option pointing at the tests' own virtualenv, and an empty backend and Pulumi home."""
        project = into / "project"
        ignore = shutil.ignore_patterns(".zorio-state.json*", "venv", ".venv", "__pycache__", "Pulumi.*.yaml")
        if source.is_dir() and not extra_files:
            shutil.copytree(source, project, ignore=ignore)
        else:
            project.mkdir(parents=True)
            for path in extra_files:
                shutil.copy2(path, project / path.name)
        (project / venv_name).symlink_to(venv_of_this_python(), target_is_directory=True)
        backend, home = into / "backend", into / "pulumi-home"
        backend.mkdir()
        home.mkdir()
        return cls(project=project, backend=backend, home=home)

    def environment(self) -> dict[str, str]:
        """A clean environment: only what a CI job would set, plus this project's backend and home."""
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "ZORIO_"))}
        keep["PATH"] = f"{TOOLS_BIN}{os.pathsep}{keep.get('PATH', '')}"
        keep.update(
            PULUMI_HOME=str(self.home),
            PULUMI_CONFIG_PASSPHRASE=PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK="true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="true",
            PULUMI_SKIP_CONFIRMATIONS="true",
            PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK="true",
            NO_COLOR="1",
        )
        keep.update(self.env)
        return keep

    def run(self, *args: str, check: bool = True, env: dict[str, str] | None = None) -> Result:
        """`pulumi <args>` in the project directory; `check` asserts exit 0 and shows the output if not."""
        completed = subprocess.run(
            [str(PULUMI), *args, "--non-interactive"], cwd=self.project, env={**self.environment(), **(env or {})},
            capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, check=False,
        )
        result = Result(tuple(args), completed.returncode, completed.stdout, completed.stderr)
        self.history.append(result)
        if check:
            assert result.code == 0, f"pulumi {' '.join(args)} exited {result.code}:\n{result.output}"
        return result

    # --- the commands the README shows -----------------------------------------------------------------------
    def init(self, config: dict[str, str], secrets: dict[str, str] | None = None) -> None:
        """The README's set-up: log in to a state folder, create the stack, set its configuration."""
        self.run("login", self.backend.as_uri())
        self.run("stack", "init", STACK)
        for key, value in config.items():
            self.run("config", "set", key, value)
        for key, value in (secrets or {}).items():
            self.run("config", "set", "--secret", key, value)

    def preview(self, *flags: str, check: bool = True) -> Result:
        return self.run("preview", *flags, check=check)

    def preview_json(self, *flags: str) -> dict[str, Any]:
        result = self.run("preview", "--json", *flags)
        return dict(result.json())

    def up(self, *flags: str, check: bool = True) -> Result:
        return self.run("up", "--yes", "--skip-preview", *flags, check=check)

    def refresh(self, *flags: str, check: bool = True) -> Result:
        return self.run("refresh", "--yes", "--skip-preview", *flags, check=check)

    def destroy(self, check: bool = True) -> Result:
        return self.run("destroy", "--yes", "--skip-preview", check=check)

    def export(self) -> dict[str, Any]:
        return dict(self.run("stack", "export", "--show-secrets").json())

    def resources(self) -> dict[str, dict[str, Any]]:
        """The stack's dynamic resources by name (from `pulumi stack export`)."""
        deployment = self.export()["deployment"]
        return {r["urn"].rsplit("::", 1)[1]: r for r in deployment.get("resources", [])
                if r["type"].startswith("pulumi-python:dynamic")}

    def files_holding(self, *patterns: re.Pattern[bytes]) -> list[str]:
        """Every file under the backend, the Pulumi home and the project in which one of `patterns` occurs."""
        found = []
        for folder in (self.backend, self.home, self.project):
            for path in folder.rglob("*"):
                if path.is_symlink() or not path.is_file():
                    continue
                data = path.read_bytes()
                found += [f"{path} matches {pattern.pattern[:12]!r}…" for pattern in patterns if pattern.search(data)]
        return found

