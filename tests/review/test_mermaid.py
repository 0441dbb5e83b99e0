"""Mermaid pictures: labels with quotes, `#`, brackets, HTML, pipes and Vietnamese text parse with the real Mermaid
and keep their text; ids are stable and distinct whatever the names; every example's call flows parse, linked
through switch_script."""

from __future__ import annotations

import pytest

from pulumi_zorio.desired.validate import validate_paths
from pulumi_zorio.review.graph import graph_markdown, graph_mermaid
from pulumi_zorio.review.menu import Menu, MenuItem, menu_changes
from pulumi_zorio.review.mermaid import escape, node_id, script_flowchart

from .support import ROOT, MermaidParser, gfm_html, mermaid_blocks

HOSTILE = 'Nhấn "1" #khuyến_mãi [x] (y) {z} <b>đậm</b> `code` a|b; end --> %% &amp; *nghiêng*'


def test_every_special_character_of_a_label_is_an_entity() -> None:
    assert escape('a"b#c<d>e`f|g&h') == "a#quot;b#35;c#lt;d#gt;e#96;f#124;g#amp;h"


def test_hostile_text_in_greeting_labels_and_targets_parses(mermaid: MermaidParser) -> None:
    old = Menu(HOSTILE, HOSTILE, 3, (MenuItem("1", HOSTILE, "playback", HOSTILE),
                                    MenuItem("#", HOSTILE, "switch_script", "end"),
                                    MenuItem("*", "", "hangup")))
    new = Menu(HOSTILE, HOSTILE + " mới", 3, (MenuItem("1", HOSTILE, "queue", "q@default"),
                                              MenuItem("0", "x", "repeat_script")))
    diagram = script_flowchart(new, menu_changes(old, new))
    mermaid.assert_parses(diagram)
    assert "<b>đậm</b>" not in diagram and "#lt;b#gt;đậm#lt;/b#gt;" in diagram
    for mark in ("added", "removed", "retargeted"):
        assert f":::{mark}" in diagram and f"classDef {mark} " in diagram


def test_node_ids_are_stable_and_distinct_for_any_name() -> None:
    names = ["payment_reminder", "payment-reminder", "nhắc_nợ", "nhắc_no", "end", "a b"]
    ids = [node_id(name) for name in names]
    assert ids == [node_id(name) for name in names]  # the same on every run
    assert len(set(ids)) == len(ids)
    assert node_id("a_k", "s") != node_id("a", "k", "k")  # a script's node never meets another script's key
    assert all(i.startswith("s_") and i.replace("_", "").isalnum() and i.isascii() for i in ids)


@pytest.mark.parametrize("example", ["yaml-quickstart", "appointment-reminders", "gitops"])
def test_every_example_call_flow_parses(example: str, mermaid: MermaidParser) -> None:
    folder = ROOT / "examples" / example
    report = validate_paths([folder])
    assert report.valid, report.problems
    diagram = graph_mermaid(report.config)
    mermaid.assert_parses(diagram)
    page = graph_markdown(report.config, example)
    assert mermaid_blocks(page) == [diagram]
    assert "<table>" in gfm_html(page)


def test_a_switch_script_key_links_the_two_scripts_flows() -> None:
    config = validate_paths([ROOT / "examples" / "appointment-reminders"]).config
    diagram = graph_mermaid(config)
    assert '  s_appointment_reminder -->|"2 · Cancel"| s_cancel_appointment\n' in diagram
    assert "  c_november_reminders --> s_appointment_reminder\n" in diagram


