"""Time `validate_paths` on a generated 1,000-resource zorio.yaml against plain parsing of the same file.

Run: `.venv/bin/python bench/validate_bench.py [--resources 1000] [--repeat 5]`. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from ruamel.yaml import YAML

from pulumi_zorio.desired import validate_paths
from benchtable import Row, count, seconds, times

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


RUAMEL = "ruamel.yaml round-trip parse (baseline)"
COMPOSE = "PyYAML libyaml compose (the loader's parser)"
VALIDATE = "validate_paths (parse + schema + checks)"
GOAL_1000_S = 0.5


@dataclass(frozen=True)
class ValidateResult:
    resources: int
    size: str
    timings: dict[str, tuple[float, float]]
    """label → (best, median) seconds."""


def measure(resources: int, repeat: int, ruamel: bool = True, warm: bool = True) -> ValidateResult:
    """Time validate_paths on a generated file (after one untimed run if `warm`) beside plain parses of its text."""
    with tempfile.TemporaryDirectory() as tmp:
        path = generate(Path(tmp), resources)
        reports = [validate_paths([path])] if warm else []
        text = path.read_text(encoding="utf-8")
        timings = {}
        if ruamel:  # slow (about 20 s for 10,000 resources): the standalone report's baseline only
            timings[RUAMEL] = best_of(repeat, lambda: YAML(typ="rt", pure=True).load(text))
        timings[COMPOSE] = best_of(repeat, lambda: yaml.compose(text, Loader=yaml.CSafeLoader))
        timings[VALIDATE] = best_of(repeat, lambda: reports.append(validate_paths([path])))
        assert reports[-1].valid, "\n".join(map(str, reports[-1].problems[:5]))
    return ValidateResult(resources, f"{len(text.splitlines())} lines, {len(text) // 1024} KiB", timings)


def rows(results: Sequence[ValidateResult]) -> list[Row]:
    """Time of each size against parsing its text (libyaml), the goal at 1,000, then the growth."""
    table = []
    for r in results:
        ours, parse = r.timings[VALIDATE][0], r.timings[COMPOSE][0]
        goal = r.resources == 1000
        table.append(Row(f"validate {count(r.resources)} resources ({r.size}), in process", seconds(ours),
                         f"libyaml parse of the file: {seconds(parse)}", f"{times(ours / parse)} the parse",
                         f"< {GOAL_1000_S:g} s" if goal else "", ours < GOAL_1000_S if goal else None))
    if len(results) > 1:
        small, large = results[0], results[-1]
        grown = large.resources / small.resources
        growth = large.timings[VALIDATE][0] / small.timings[VALIDATE][0]
        parse_growth = large.timings[COMPOSE][0] / small.timings[COMPOSE][0]
        table.append(Row(f"validate growth {count(small.resources)} → {count(large.resources)} resources",
                         f"time ×{growth:.1f}", f"resources ×{grown:.1f}, parse ×{parse_growth:.1f}",
                         f"{growth / grown:.2f} of linear"))
    return table


def run(sizes: Sequence[int], repeat: int) -> list[Row]:
    """Benchmark 4 (the README table): best of `repeat` at the smallest size (after one untimed run), one run at
    larger ones (already warm)."""
    ordered = sorted(sizes)
    first = ordered[0]
    return rows([measure(n, repeat if n == first else 1, ruamel=False, warm=n == first) for n in ordered])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    result = measure(args.resources, args.repeat)
    print(f"{args.resources} resources ({result.size}), best / median of {args.repeat} runs")
    baseline = result.timings[RUAMEL][0]
    for label, (best, median) in result.timings.items():
        print(f"  {label:44} {best * 1000:7.1f} ms / {median * 1000:7.1f} ms  x{best / baseline:.2f}")


if __name__ == "__main__":
    main()
