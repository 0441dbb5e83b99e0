"""`validate_paths`: read, check the shape, build the config and run the semantic checks — offline, all at once."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..collection import collection_paused
from ..errors import PulumiZorioError
from .build import build_config, normalise_document
from .checks import semantic_problems, semantic_warnings, undefined_placeholder_problems
from .model import DesiredConfig, LocatedProblem
from .shape_check import shape_problems
from .source import read_sources


@dataclass
class ValidationReport:
    """The outcome of `zorio validate`: the files examined, the merged config and every problem, sorted.

    `problems` are errors (the configuration is not valid); `warnings` never make it invalid.
    """

    files: list[str]
    config: DesiredConfig
    problems: list[LocatedProblem] = field(default_factory=list)
    warnings: list[LocatedProblem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def files_with_problems(self) -> list[str]:
        return sorted({problem.location.file for problem in self.problems})

    @property
    def has_undefined_placeholders(self) -> bool:
        """Some `{{code}}` is not declared in the files: worth asking the account which codes it has."""
        return next(undefined_placeholder_problems(self.config), None) is not None


def validate_paths(
    paths: Sequence[str | Path], account_variables: Mapping[str, Any] | None = None
) -> ValidationReport:
    """Validate one file, several files or folders (merged into one configuration); never touches the network."""
    with collection_paused():
        return _validate_paths(paths, account_variables)


def _validate_paths(paths: Sequence[str | Path], account_variables: Mapping[str, Any] | None) -> ValidationReport:
    files, sources, problems = read_sources(paths)
    # The published schema judges the YAML as written (what editors and generic checkers see); only then are the
    # conveniences it allows (an integer digit) normalised for the resources.
    shaped = shape_problems(DesiredConfig(spans={s.name: s.spans for s in sources}), {s.name: s.data for s in sources})
    for source in sources:
        normalise_document(source.data)
    config, problems_merging = build_config(sources)
    shaped_paths = {problem.path for problem in shaped}
    problems += problems_merging + shaped
    problems += semantic_problems(config, shaped_paths, account_variables)
    warnings = semantic_warnings(config)
    return ValidationReport([str(file) for file in files], config, sorted(set(problems)), sorted(set(warnings)))


def load_config(
    paths: Sequence[str | Path], account_variables: Callable[[], Mapping[str, Any]] | None = None
) -> DesiredConfig:
    """The merged configuration, or `InvalidConfig` listing every problem (for the Pulumi YAML program).

    Offline. Only when some `{{placeholder}}` is not declared, and `account_variables` is given (the program is
    online anyway), are the account's variables read, so that the error can name the adoption to declare.
    """
    report = validate_paths(paths)
    if not report.valid and account_variables is not None and report.has_undefined_placeholders:
        report = validate_paths(paths, account_variables=account_variables())
    if not report.valid:
        raise InvalidConfig(report.problems)
    return report.config


class InvalidConfig(PulumiZorioError, ValueError):
    """The YAML configuration has problems; `str()` lists them one per line as `file:line:col: error: ...`."""

    def __init__(self, problems: list[LocatedProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
