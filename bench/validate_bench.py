"""Time `validate_paths` on a generated 1,000-resource zorio.yaml against plain parsing of the same file, and in the
README table against the honest baseline: `yaml.load` with libyaml's C loader plus a jsonschema validation of the
document against the published schema (schema/zorio.schema.json), in process and as a whole command (subprocess).

Run: `.venv/bin/python bench/validate_bench.py [--resources 1000] [--repeat 5]`. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
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
            "    start_at: '2026-06-25T08:00:00Z'",
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


SCHEMA = ROOT / "schema" / "zorio.schema.json"
BASELINE = "yaml.load (C loader) + jsonschema of the published schema"
BASELINE_SCRIPT = """
import json, sys, yaml, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
data = yaml.load(open(sys.argv[2], encoding="utf-8").read(), Loader=yaml.CSafeLoader)
errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(data))
sys.exit(1 if errors else 0)
"""


def schema_baseline(text: str) -> Callable[[], object]:
    """What a generic checker does: parse with the C loader, validate the whole document against the schema."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)

    def run() -> object:
        errors = list(validator.iter_errors(yaml.load(text, Loader=yaml.CSafeLoader)))
        assert not errors, errors[:3]
        return errors

    return run


def subprocess_seconds(command: Sequence[str]) -> float:
    """Wall time of a whole command; it must succeed."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


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
    command_s: float = 0.0
    """`zorio validate FILE` as a subprocess."""
    baseline_command_s: float = 0.0
    """The baseline as a subprocess (`python -c` parse + schema validation)."""


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
        timings[BASELINE] = best_of(repeat, schema_baseline(text))
        timings[VALIDATE] = best_of(repeat, lambda: reports.append(validate_paths([path])))
        assert reports[-1].valid, "\n".join(map(str, reports[-1].problems[:5]))
        command = min(subprocess_seconds([str(Path(sys.executable).parent / "zorio"), "validate", str(path)])
                      for _ in range(repeat))
        baseline_command = min(subprocess_seconds([sys.executable, "-c", BASELINE_SCRIPT, str(SCHEMA), str(path)])
                               for _ in range(repeat))
    return ValidateResult(resources, f"{len(text.splitlines())} lines, {len(text) // 1024} KiB", timings,
                          command, baseline_command)


def rows(results: Sequence[ValidateResult]) -> list[Row]:
    """Time of each size (in process, then the whole command) against parsing its text with the C loader and
    validating it against the schema, the goal at 1,000, then the growth."""
    table = []
    for r in results:
        ours, parse = r.timings[VALIDATE][0], r.timings[BASELINE][0]
        goal = r.resources == 1000
        table.append(Row(f"validate {count(r.resources)} resources ({r.size}), in process", seconds(ours),
                         f"C-loader parse + jsonschema: {seconds(parse)}", f"{times(ours / parse)} the baseline",
                         f"< {GOAL_1000_S:g} s" if goal else "", ours < GOAL_1000_S if goal else None))
        table.append(Row(f"validate {count(r.resources)} resources: whole `zorio validate` command",
                         seconds(r.command_s), f"the baseline as `python -c`: {seconds(r.baseline_command_s)}",
                         f"{times(r.command_s / r.baseline_command_s)} the baseline"))
    if len(results) > 1:
        small, large = results[0], results[-1]
        grown = large.resources / small.resources
        growth = large.timings[VALIDATE][0] / small.timings[VALIDATE][0]
        parse_growth = large.timings[BASELINE][0] / small.timings[BASELINE][0]
        table.append(Row(f"validate growth {count(small.resources)} → {count(large.resources)} resources",
                         f"time ×{growth:.1f}", f"resources ×{grown:.1f}, baseline ×{parse_growth:.1f}",
                         f"{growth / grown:.2f} of linear", "within 1.2× of linear", growth / grown <= 1.2))
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
