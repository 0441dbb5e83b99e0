"""A review comment drawn as a person sees it: tools/render-review renders docs/review-example.md (GFM → HTML,
Mermaid in the page) to a PNG with headless Chromium. Skipped, saying why, where Chromium is not installed (it is
optional: tools/install --with-chromium)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from .support import NODE_MODULES, ROOT

SCRIPT = ROOT / "tools" / "render-review"


def test_the_example_review_renders_to_a_png_with_its_diagram_drawn(tmp_path: Path) -> None:
    if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
        pytest.skip("review not drawn: no chromium on PATH (optional: tools/install --with-chromium)")
    if not (NODE_MODULES / "mermaid").is_dir():
        pytest.skip("review not drawn: tools/node/node_modules has no mermaid; run tools/install")
    png = tmp_path / "review.png"
    done = subprocess.run([sys.executable, str(SCRIPT), str(ROOT / "docs" / "review-example.md"), str(png)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr  # exit 1 if a diagram failed to draw
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    assert width == 980 and height > 1000  # the whole comment, with its picture, not an empty page
