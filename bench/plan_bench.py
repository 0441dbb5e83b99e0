"""Benchmark 1: `zorio plan` (which refreshes every managed object first) of 1,000 and 5,000 managed objects,
against reading each object with one GET (export_bench's naive baseline), rate limits off.

Seeding: a real `zorio apply` of one variable, one script and one campaign; every other object is a copy of those
three written straight into the emulator's store and into the state file (the engine's own records with the index,
id and script reference changed). Applying thousands of objects through the local engine takes far too long (it
rewrites the whole state file twice per create). `zorio plan` must then find no change, which shows that the copies
are what an apply would have left.

Run: .venv/bin/python bench/plan_bench.py [--sizes 1000 5000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from benchlib import Emulator, api_headers, at_sizes, zorio
from export_bench import read_each
from pulumi_zorio.local.state import ResourceState, State
from benchtable import Row, count, print_rows, seconds, speed, times

TOKEN = "n00000"
"""In every name of the template objects; each copy replaces it with its own index."""
KINDS = ("variable", "script", "campaign")
PATHS = {"variable": "/api/autocall/variables", "script": "/api/autocall/scripts",
         "campaign": "/api/autocall/campaigns"}
GOAL_FEWER_CALLS = 100


def mix(total: int) -> dict[str, int]:
    """70 % variables, 20 % scripts, 10 % draft campaigns (each campaign plays its own script)."""
    scripts, campaigns = max(1, total // 5), max(1, total // 10)
    return {"variable": max(1, total - scripts - campaigns), "script": scripts, "campaign": campaigns}


def _tag(index: int) -> str:
    return f"n{index:05d}"


def config(sizes: dict[str, int]) -> str:
    """The zorio.yaml declaring `sizes` objects; script i says hello to variable i, campaign i plays script i."""
    lines = ["variables:"]
    lines += [f"  var_{_tag(i)}: {{name: Variable {_tag(i)}, sample_value: value {_tag(i)}}}"
              for i in range(sizes["variable"])]
    lines.append("scripts:")
    lines += [f'  script_{_tag(i)}: {{voice_id: vi-VN-female-01, template_text: "Hello {{{{var_{_tag(i)}}}}}."}}'
              for i in range(sizes["script"])]
    lines.append("campaigns:")
    lines += [f'  campaign_{_tag(i)}: {{script: script_{_tag(i)}, caller_id_group: "Group A - Viettel Sales"}}'
              for i in range(sizes["campaign"])]
    return "\n".join(lines) + "\n"


def _copy(document: dict, index: int) -> dict:
    return json.loads(json.dumps(document).replace(TOKEN, _tag(index)))


def seed(emu: Emulator, token: str, project: Path, total: int) -> list[str]:
    """Apply the three templates for real, copy them up to `total` objects; returns every object's item path."""
    sizes = mix(total)
    (project / "zorio.yaml").write_text(config({kind: 1 for kind in KINDS}), encoding="utf-8")
    applied = zorio(["apply", "--yes", str(project)], emu.base_url, token)
    if applied.exit_code != 0:
        raise RuntimeError(f"zorio apply of the templates failed: {applied.output[-600:]}")
    ids: dict[str, list[int]] = {}
    store = emu.store
    with store.tx():
        for kind in KINDS:
            (template,) = store.all(kind, 1)
            ids[kind] = [template["id"]]
            for index in range(1, sizes[kind]):
                made = _copy(template, index)
                made["id"] = store.next_id(kind)
                if kind == "campaign":
                    made["script_id"] = ids["script"][index]
                store.put(kind, made["id"], 1, made)
                ids[kind].append(made["id"])
    _write_state(project / ".zorio-state.json", ids)
    (project / "zorio.yaml").write_text(config(sizes), encoding="utf-8")
    settled = zorio(["apply", "--yes", str(project)], emu.base_url, token)  # as after a real apply: each record
    if settled.exit_code != 0 or "No changes" not in settled.output:  # notes the declaration that made it
        raise RuntimeError(f"the seeded stack is not what an apply leaves: {settled.output[-600:]}")
    return [f"{PATHS[kind]}/{obj_id}" for kind in KINDS for obj_id in ids[kind]]


def _write_state(path: Path, ids: dict[str, list[int]]) -> None:
    """The applied state with a copy of each template record per seeded object, dependencies first."""
    applied = State.load(path)
    templates = {record.type.rsplit(":", 1)[-1].lower(): record for record in applied.resources.values()}
    state = State(path)
    for kind in KINDS:
        for index, obj_id in enumerate(ids[kind]):
            record = ResourceState(**_copy(asdict(templates[kind]), index))
            record.id = str(obj_id)
            if kind == "campaign":
                record.inputs["script_id"] = record.outputs["script_id"] = ids["script"][index]
            state.put(record)
    state.save()


@dataclass(frozen=True)
class PlanResult:
    objects: int
    calls: int
    seconds: float
    naive_seconds: float


def measure(emu: Emulator, total: int) -> PlanResult:
    """Seed `total` managed objects, then time `zorio plan` and the one-GET-per-object baseline."""
    emu.reset(rate_limit_scale=None)
    token = emu.admin_token()
    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp)
        paths = seed(emu, token, project, total)
        naive = read_each(emu.base_url, api_headers(token), paths)
        emu.clear_log()
        planned = zorio(["plan", str(project)], emu.base_url, token)
        calls = len(emu.api_log())
    if planned.exit_code != 0:
        raise RuntimeError(f"zorio plan of {total} seeded objects did not report 'No changes' "
                           f"(exit {planned.exit_code}): {planned.output[-600:]}")
    return PlanResult(len(paths), calls, planned.seconds, naive)


def rows(results: Sequence[PlanResult]) -> list[Row]:
    """Calls and time of each size against the baseline, then the growth from the smallest to the largest."""
    table = []
    for r in results:
        fewer = r.objects / r.calls
        table.append(Row(f"plan of {count(r.objects)} managed objects: API calls", f"{count(r.calls)} calls",
                         f"{count(r.objects)} GETs (one per object)", f"{times(fewer)} fewer",
                         f"≥ {GOAL_FEWER_CALLS}× fewer", fewer >= GOAL_FEWER_CALLS))
        table.append(Row(f"plan of {count(r.objects)} managed objects: wall time", seconds(r.seconds),
                         seconds(r.naive_seconds), speed(r.naive_seconds, r.seconds)))
    if len(results) > 1:
        small, large = results[0], results[-1]
        grown = large.objects / small.objects
        time_growth, call_growth = large.seconds / small.seconds, large.calls / small.calls
        table.append(Row(f"plan growth {count(small.objects)} → {count(large.objects)} objects",
                         f"time ×{time_growth:.1f}, calls ×{call_growth:.1f}", f"objects ×{grown:.1f}",
                         f"{time_growth / grown:.2f} of linear (time)"))
    return table


def run(sizes: Sequence[int]) -> list[Row]:
    """Benchmark 1 at each size (smallest first), on one emulator."""
    return at_sizes(measure, rows, sizes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    print_rows(run(parser.parse_args().sizes))


if __name__ == "__main__":
    main()
