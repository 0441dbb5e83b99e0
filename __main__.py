"""The project's Pulumi program: applies the zorio YAML file or folder named by stack config `zorio:config`.

Default `zorio.yaml` next to Pulumi.yaml; set another with `pulumi config set zorio:config examples/yaml-quickstart`.
"""

from __future__ import annotations

from pathlib import Path

import pulumi

from pulumi_zorio.resources import ZorioConfigError, ZorioLookupError, declare_from_paths

CONFIG_KEY = "zorio:config"
DEFAULT_CONFIG = "zorio.yaml"
PROJECT_DIR = Path(__file__).resolve().parent
"""Paths in `zorio:config` are relative to the project directory (where Pulumi.yaml is), whatever the cwd."""


def config_path() -> Path:
    """The configured YAML file or folder; a missing one is an error that says which setting to change."""
    configured = pulumi.Config("zorio").get("config")
    path = PROJECT_DIR / (configured or DEFAULT_CONFIG)
    if not path.exists():
        told = f"{CONFIG_KEY} is {configured!r}" if configured else f"{CONFIG_KEY} is not set"
        raise pulumi.RunError(
            f"no zorio configuration at {path} ({told}): point it at a zorio.yaml file or a folder of them, "
            f"relative to {PROJECT_DIR}, e.g. `pulumi config set {CONFIG_KEY} examples/yaml-quickstart`"
        )
    return path


def main() -> None:
    """Declare the resources of the YAML configuration and export ids, media paths and campaign statuses.

    Configuration and lookup errors become `RunError`s: the CLI prints their located messages without a
    Python traceback, which is what a campaign manager reading a CI log needs.
    """
    path = config_path()
    try:
        stack = declare_from_paths(path)
    except (ZorioConfigError, ZorioLookupError) as error:
        raise pulumi.RunError(str(error)) from None
    pulumi.export("config", str(path.relative_to(PROJECT_DIR)) if path.is_relative_to(PROJECT_DIR) else str(path))
    stack.export()


main()
