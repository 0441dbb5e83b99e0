"""The state journal: a run's changes survive a kill (replayed by the next load), the finished run leaves the usual
JSON file and no journal, an unchanged step writes nothing, and a credential is refused when it is recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pulumi_zorio.local.state import ResourceState, State, StateError


def _record(name: str, id_: str = "1", **outputs: object) -> ResourceState:
    return ResourceState(f"urn:{name}", name, "pulumi-python:dynamic:Resource", id_, {"x": 1}, {"x": 1, **outputs})


def _killed(state: State) -> None:
    """What SIGKILL leaves: the journal as written, no compaction."""
    state._close_journal()  # noqa: SLF001 - the process is gone; its file handle with it


def test_a_killed_run_loses_no_recorded_step_and_the_next_load_replays_the_journal(tmp_path: Path) -> None:
    path = tmp_path / ".zorio-state.json"
    first = State.load(path)
    first.record(_record("a", "1"))
    first.compact()
    run = State.load(path)
    run.begin_create("b", {"since": 1.0, "inputs": "h"})
    run.record(_record("b", "2"), settles_create=True)
    run.begin_create("c", {"since": 2.0, "inputs": "h"})
    run.add_pending_delete(_record("a", "1"))
    run.record(_record("a", "3"))
    _killed(run)

    again = State.load(path)
    assert [(r.name, r.id) for r in again.resources.values()] == [("a", "3"), ("b", "2")]
    assert [(r.name, r.id) for r in again.pending_deletes] == [("a", "1")]
    assert again.creates_in_flight == {"c": {"since": 2.0, "inputs": "h"}}


def test_a_finished_run_leaves_the_plain_state_file_and_no_journal(tmp_path: Path) -> None:
    path = tmp_path / ".zorio-state.json"
    state = State.load(path)
    state.record(_record("a"))
    state.forget("a")
    state.record(_record("b"))
    state.compact()
    assert not state.journal_path.exists()
    document = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(document) == ["creates_in_flight", "pending_deletes", "resources", "version"]
    assert [r["name"] for r in document["resources"]] == ["b"]


def test_replaying_a_journal_already_compacted_changes_nothing(tmp_path: Path) -> None:
    """A crash between writing the compacted file and removing the journal."""
    path = tmp_path / ".zorio-state.json"
    state = State.load(path)
    state.record(_record("a", "1"))
    state.add_pending_delete(_record("z", "9"))
    state.record(_record("b", "2"))
    journal = state.journal_path.read_text(encoding="utf-8")
    state.compact()
    state.journal_path.write_text(journal, encoding="utf-8")
    again = State.load(path)
    assert [r.name for r in again.resources.values()] == ["a", "b"]
    assert [r.name for r in again.pending_deletes] == ["z"]


def test_a_line_cut_short_by_the_kill_is_ignored_but_damage_before_it_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / ".zorio-state.json"
    state = State.load(path)
    state.record(_record("a"))
    _killed(state)
    with state.journal_path.open("a", encoding="utf-8") as handle:
        handle.write('{"put": {"urn"')
    assert list(State.load(path).resources) == ["a"]
    with state.journal_path.open("a", encoding="utf-8") as handle:
        handle.write('\n{"remove": "a"}\n')
    with pytest.raises(StateError, match="line 2 is damaged"):
        State.load(path)


def test_an_unchanged_step_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / ".zorio-state.json"
    state = State.load(path)
    state.record(_record("a"))
    state.compact()
    before = path.read_bytes()
    again = State.load(path)
    again.put(again.resources["a"])  # what the engine does for a step with no change
    again.compact()
    assert path.read_bytes() == before and not again.journal_path.exists()


def test_what_a_refresh_changed_survives_a_kill_after_the_first_step_without_the_file_being_rewritten(
    tmp_path: Path,
) -> None:
    path = tmp_path / ".zorio-state.json"
    first = State.load(path)
    for name in "abc":
        first.record(_record(name))
    first.compact()
    before = path.read_bytes()
    run = State.load(path)
    assert run.refreshed(run.resources["a"], None, {"x": 1, "status": "renamed in the console"})
    assert not run.refreshed(run.resources["b"], {"x": 1}, {"x": 1})  # read as recorded: nothing to save
    run.gone("c")
    run.record(_record("d", "4"))
    _killed(run)

    assert path.read_bytes() == before  # one write per run: the compaction
    again = State.load(path)
    assert [(r.name, r.outputs) for r in again.resources.values()] == [
        ("a", {"x": 1, "status": "renamed in the console"}), ("b", {"x": 1}), ("d", {"x": 1})]


def test_the_next_run_compacts_a_killed_runs_journal_before_it_journals_its_own_changes(tmp_path: Path) -> None:
    path = tmp_path / ".zorio-state.json"
    killed = State.load(path)
    killed.record(_record("a", "1"))
    _killed(killed)
    run = State.load(path)
    run.record(_record("b", "2"))
    _killed(run)

    assert [r["name"] for r in json.loads(path.read_text(encoding="utf-8"))["resources"]] == ["a"]
    assert [json.loads(line)["put"]["name"] for line in run.journal_path.read_text(encoding="utf-8").splitlines()] \
        == ["b"]
    assert list(State.load(path).resources) == ["a", "b"]


def test_a_credential_is_refused_when_it_is_recorded_before_anything_is_written(tmp_path: Path) -> None:
    path = tmp_path / ".zorio-state.json"
    state = State.load(path)
    state.record(_record("a"))
    with pytest.raises(StateError, match="credential"):
        state.record(_record("b", token="t0p"))
    assert "t0p" not in state.journal_path.read_text(encoding="utf-8")
    assert "b" not in state.resources


def test_records_of_this_run_come_first_in_the_order_their_steps_finished(tmp_path: Path) -> None:
    path = tmp_path / ".zorio-state.json"
    first = State.load(path)
    for name in ("a", "b", "c"):
        first.record(_record(name))
    first.compact()
    state = State.load(path)  # the next run
    state.put(state.resources["c"])
    state.put(state.resources["a"])
    assert list(state.resources) == ["c", "a", "b"]


def test_saving_refuses_a_credential_anywhere_in_a_record_but_not_a_value_that_spells_one(tmp_path: Path) -> None:
    path = tmp_path / ".zorio-state.json"
    state = State.load(path)
    spelled = _record("spelled", **{"note": '{"token": "x"}, "password": 1'})
    state.put(spelled)
    state.save()
    assert State.load(path).resources["spelled"].outputs["note"] == '{"token": "x"}, "password": 1'
    state.put(ResourceState("urn:b", "b", "t", "2", {"x": 1}, {"nested": [{"zorio:password": "p"}]}))
    with pytest.raises(StateError, match="credential"):
        state.save()
    assert "zorio:password" not in path.read_text(encoding="utf-8")


def test_a_create_in_flight_of_a_resource_called_password_is_saved(tmp_path: Path) -> None:
    path = tmp_path / ".zorio-state.json"
    state = State.load(path)
    state.begin_create("password", {"since": 1.0, "inputs": "h"})
    state.compact()
    assert State.load(path).creates_in_flight == {"password": {"since": 1.0, "inputs": "h"}}


def test_a_version_1_file_is_read_and_rewritten_as_version_2_which_an_older_zorio_refuses_by_its_version(
    tmp_path: Path,
) -> None:
    path = tmp_path / ".zorio-state.json"
    record = _record("a").document()
    path.write_text(json.dumps({"version": 1, "resources": [record], "pending_deletes": [], "creates_in_flight": {}}),
                    encoding="utf-8")
    state = State.load(path)
    assert list(state.resources) == ["a"]
    state.save()
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2  # (records may carry declaration, synced)
    path.write_text(path.read_text(encoding="utf-8").replace('"version": 2', '"version": 3'), encoding="utf-8")
    with pytest.raises(StateError, match="has version 3; expected 2"):
        State.load(path)
