"""Word diffs: placeholders and Vietnamese words are whole tokens (composed or decomposed), a one-word change is one
removed and one added segment, and neighbouring edits separated only by spaces read as one."""

from __future__ import annotations

import unicodedata

from pulumi_zorio.review.word_diff import Segment, tokens, word_diff, worth_a_word_diff


def test_placeholders_and_vietnamese_words_are_single_tokens_in_nfc_and_nfd() -> None:
    text = "Hoá đơn {{ amount_due }} khuyến mãi!"
    for form in ("NFC", "NFD"):
        written = unicodedata.normalize(form, text)
        found = tokens(written)
        assert "".join(found) == written
        assert [t for t in found if not t.isspace()] == [unicodedata.normalize(form, w) for w in
                                                        ("Hoá", "đơn", "{{ amount_due }}", "khuyến", "mãi", "!")]


def test_a_one_word_change_is_one_removed_and_one_added_segment() -> None:
    old = "Xin chào {{customer_name}}. Hoá đơn của bạn đến hạn ngày {{due_date}}."
    segments = word_diff(old, old.replace("bạn", "quý khách"))
    assert [s for s in segments if s.op != "same"] == [Segment("removed", "bạn"), Segment("added", "quý khách")]


def test_a_renamed_placeholder_is_replaced_whole_never_in_part() -> None:
    segments = word_diff("Chào {{customer_name}} nhé bạn", "Chào {{customer_title}} nhé bạn")
    assert [s for s in segments if s.op != "same"] == [Segment("removed", "{{customer_name}}"),
                                                       Segment("added", "{{customer_title}}")]


def test_edits_separated_only_by_spaces_read_as_one() -> None:
    segments = word_diff("một hai ba bốn năm", "một HAI BA bốn năm")
    assert [s for s in segments if s.op != "same"] == [Segment("removed", "hai ba"), Segment("added", "HAI BA")]


def test_only_texts_of_several_words_get_a_word_diff() -> None:
    assert worth_a_word_diff("a b c d e", "a b c d f")
    assert not worth_a_word_diff("support@default", "sales@default")
    assert not worth_a_word_diff(3, 4)
