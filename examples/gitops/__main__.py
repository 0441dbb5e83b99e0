"""The Pulumi program of a GitOps repository: declare everything `zorio.yaml` (next to Pulumi.yaml) describes.

CI runs it through `pulumi preview` on pull requests and `pulumi up` on the main branch
(.github/workflows/zorio.yml). Credentials come from stack config (`zorio:baseUrl`, secret `zorio:token`) or the
ZORIO_BASE_URL / ZORIO_TOKEN environment variables; they are never written to the state.
"""

from __future__ import annotations

from pathlib import Path

import pulumi

import pulumi_zorio as zorio

CONFIG = Path(__file__).resolve().parent / "zorio.yaml"

try:
    # Validated offline first (every problem at file:line:col, before any API call), then declared.
    stack = zorio.declare_from_paths(CONFIG)
except (zorio.ZorioConfigError, zorio.ZorioLookupError) as error:
    # A RunError prints the located message without a Python traceback: what a reviewer reads in the CI log.
    raise pulumi.RunError(str(error)) from None

stack.export()  # ids by name, media file paths, each campaign's LIVE status
