"""The review as a reviewer reads it, text and Markdown, against golden files (regenerate with
ZORIO_UPDATE_GOLDENS=1 and review the diff): a one-word change of a Vietnamese template, each kind of call-flow
change, the campaign summary, and values that must not format. Every diagram parses with the real Mermaid."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pulumi_zorio.local.plan import Plan, delete_step
from pulumi_zorio.local.render import render_markdown, render_text

from .cases import ACTIONS, CAMPAIGN, TEMPLATE, campaign_create, campaign_update, reader, script_update, with_actions
from .support import MermaidParser, assert_golden, gfm_html, mermaid_blocks, plain

CASES: dict[str, Callable[[], Plan]] = {
    "template_one_word": lambda: script_update(template_text=TEMPLATE.replace("của bạn", "của quý khách")),
    "flow_digit_added": lambda: script_update(dtmf_actions=with_actions(
        ("0", {"label": "Menu", "action_type": "switch_script", "target_script_id": 15}))),
    "flow_digit_removed": lambda: script_update(dtmf_actions=with_actions(("9", None))),
    "flow_digit_retargeted": lambda: script_update(dtmf_actions=with_actions(
        ("1", {**ACTIONS[0], "target_audio_url": "/media/cd34.wav"}),
        ("2", {**ACTIONS[1], "target_queue_name": "sales@default"}))),
    "campaign_created_running": lambda: campaign_create("running"),
    "campaign_draft_to_running": lambda: campaign_update({"status": "draft"}, {"status": "running",
                                                                              "max_concurrent": 8}),
    "campaign_schedule_moved": lambda: campaign_update({}, {"start_at": "2026-12-02T08:00:00+07:00"}),
    "escaping": lambda: script_update(template_text="Ưu đãi *khuyến mãi* <b>hôm nay</b> | [bấm](x) `1` #2, "
                                                    "gọi ngay cho {{customer_name}}.",
                                      description="<script>alert(1)</script> *đậm*"),
}


@pytest.mark.parametrize("case", CASES)
def test_text_plan_matches_its_golden(case: str) -> None:
    assert_golden(f"{case}.txt", plain(render_text(CASES[case](), reader())))


@pytest.mark.parametrize("case", CASES)
def test_markdown_review_matches_its_golden_and_its_diagrams_parse(case: str, mermaid: MermaidParser) -> None:
    markdown = render_markdown(CASES[case](), reader())
    assert_golden(f"{case}.md", markdown)
    for diagram in mermaid_blocks(markdown):
        mermaid.assert_parses(diagram)


def test_a_one_word_change_is_one_marked_word_in_text_and_markdown() -> None:
    plan = CASES["template_one_word"]()
    assert "của [-bạn-]{+quý khách+} đến" in plain(render_text(plan, reader()))
    html = gfm_html(render_markdown(plan, reader()))
    assert "của <del>bạn</del><ins>quý khách</ins> đến" in html
    assert html.count("<del>") == 2 and html.count("<ins>") == 2  # the word, and the legend's two examples


def test_formatting_in_values_renders_as_written_and_never_as_html() -> None:
    html = gfm_html(render_markdown(CASES["escaping"](), reader()))
    assert "<em>" not in html and "<b>hôm" not in html and "<script>" not in html and "<a href" not in html
    assert "*khuyến mãi*" in html.replace("&#42;", "*")
    assert "&lt;b&gt;hôm nay&lt;/b&gt;" in html


def test_a_released_campaign_that_goes_on_dialing_says_so() -> None:
    step = delete_step("december_payments", "campaign", "7", {**CAMPAIGN, "status": "running"}, released=True)
    markdown = render_markdown(Plan((step,)), reader())
    assert ("#### `-` campaign `december_payments` will be released: it stays in Zorio as it is, no longer managed "
            "by this stack; it keeps its status `running` and goes on **DIALING**") in markdown


def test_times_are_shown_in_the_account_zone_with_its_offset() -> None:
    text = plain(render_text(campaign_create("draft"), reader()))
    assert "start_at               = 2026-12-01 08:00 +07:00" in text
    assert "2026-12-01T01:00:00Z" not in text
    assert "Times are shown in the account's time zone, Asia/Ho_Chi_Minh, UTC+07:00" in text


def test_ids_are_shown_by_name() -> None:
    text = plain(render_text(campaign_create("draft"), reader()))
    assert "script                 = payment_reminder" in text
    assert "caller_id_group        = Group A - Viettel Sales" in text
