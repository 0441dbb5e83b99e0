"""Time `validate_paths` on a generated 1,000-resource zorio.yaml against plain parsing of the same file.

Run: `.venv/bin/python bench/validate_bench.py [--resources 1000] [--repeat 5]`. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from ruamel.yaml import YAML

from pulumi_zorio.desired import validate_paths

ROOT = Path(__file__).resolve().parents[1]
WAV = ROOT / "examples" / "yaml-quickstart" / "audio" / "thank_you.wav"


def generate(directory: Path, resources: int) -> Path:
    """A valid file with resources/4 variables, media files, scripts (3-key menus) and campaigns."""
    shutil.copy(WAV, directory / "prompt.wav")
    quarter = resources // 4
    lines = ["variables:"]
    lines += [f"  var_{i}: {{name: Variable {i}, sample_value: value {i}}}" for i in range(quarter)]
    lines.append("media:")
    lines += [f"  prompt_{i}: {{source: prompt.wav, category: ivr}}" for i in range(quarter)]
    lines.append("scripts:")
    for i in range(quarter):
        lines += [
            f"  script_{i}:",
            "    voice_id: vi-VN-female-01",
            f'    template_text: "Hello {{{{var_{i}}}}}, press 1, 2 or 0."',
            "    dtmf_actions:",
            f"      - {{digit: 1, label: Listen, action_type: playback, audio: prompt_{i}}}",
            "      - {digit: '2', label: Agent, action_type: queue, target_queue_name: support@default}",
            f"      - {{digit: '0', label: Next, action_type: switch_script, script: script_{(i + 1) % quarter}}}"
            if i + 1 < quarter else "      - {digit: '0', label: Bye, action_type: hangup}",
        ]
    lines.append("campaigns:")
    for i in range(quarter):
        lines += [
            f"  campaign_{i}:",
            f"    script: script_{i}",
            '    caller_id_group: "Group A - Viettel Sales"',
            "    status: running",
            "    start_at: 2026-06-25T08:00:00Z",
        ]
    path = directory / "zorio.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def best_of(repeat: int, action: Callable[[], object]) -> tuple[float, float]:
    """(best, median) wall-clock seconds over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = generate(Path(tmp), args.resources)
        report = validate_paths([path])
        assert report.valid, "\n".join(map(str, report.problems[:5]))
        text = path.read_text(encoding="utf-8")
        size = f"{len(text.splitlines())} lines, {len(text) // 1024} KiB"
        print(f"{args.resources} resources ({size}), best / median of {args.repeat} runs")
        baseline = best_of(args.repeat, lambda: YAML(typ="rt", pure=True).load(text))
        compose = best_of(args.repeat, lambda: yaml.compose(text, Loader=yaml.CSafeLoader))
        ours = best_of(args.repeat, lambda: validate_paths([path]))
        for label, (best, median) in [
            ("ruamel.yaml round-trip parse (baseline)", baseline),
            ("PyYAML libyaml compose (the loader's parser)", compose),
            ("validate_paths (parse + schema + checks)", ours),
        ]:
            print(f"  {label:44} {best * 1000:7.1f} ms / {median * 1000:7.1f} ms  x{best / baseline[0]:.2f}")


if __name__ == "__main__":
    main()
