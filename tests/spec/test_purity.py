"""`spec` is the pure core: importing it pulls in neither pulumi, requests, nor the HTTP client."""

from __future__ import annotations

import subprocess
import sys


def test_spec_imports_no_pulumi_no_http_and_no_client() -> None:
    code = (
        "import sys, pulumi_zorio.spec, pulumi_zorio.spec.media_source; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'pulumi', 'requests', 'urllib3'} "
        "or m.startswith('pulumi_zorio.client')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
