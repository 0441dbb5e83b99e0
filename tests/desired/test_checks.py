"""Unit tests of the cross-resource checks that the corpus cannot show one case at a time."""

from __future__ import annotations

from pulumi_zorio.desired.checks import find_cycles


def test_find_cycles_reports_each_cycle_once_from_its_least_name() -> None:
    graph = {"b": ["a"], "a": ["b"], "c": ["c"], "d": ["a", "e"], "e": []}
    assert find_cycles(graph) == [["a", "b", "a"], ["c", "c"]]


def test_find_cycles_finds_nothing_in_a_chain() -> None:
    graph = {f"s{i}": [f"s{i + 1}"] for i in range(2000)} | {"s2000": []}
    assert find_cycles(graph) == []
