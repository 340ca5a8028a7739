"""Restoring the line breaks the scrape collapsed: only spaces become newlines."""

import re

import pytest
from hypothesis import example, given

from pipeline.extract import linebreaks
from pipeline.extract.linebreaks import restore_line_breaks
from tests.helpers import at_least
from tests.helpers.strategies import joined


def lines(text):
    return restore_line_breaks(text).split("\n")


def test_table_rows_and_cells_start_lines():
    assert lines('{| class="wikitable" |- |1 |{{Flag|France}} |{{dts|20 August 1960}} |}') == [
        '{| class="wikitable"',
        "|-",
        "|1",
        "|{{Flag|France}}",
        "|{{dts|20 August 1960}}",
        "|}",
    ]


def test_a_one_line_header_starting_with_the_number_sign_stays_one_line():
    # `! # !! Country`: the "#" is the first header cell's text, not a numbered list
    assert lines("{| |+ Relations |- ! # !! Country !! Date established |- |1 || {{flag|France}} || 1960 |}") == [
        "{|",
        "|+ Relations",
        "|-",
        "! # !! Country !! Date established",
        "|-",
        "|1 || {{flag|France}} || 1960",
        "|}",
    ]
    assert lines("{| |- | text # one |}")[2] == "| text"  # after text in a cell, "# " still starts a list


def test_header_cell_attribute_stays_on_its_line():
    assert lines('{| |- ! style="width:15%;" | Country ! style="width:12%;" | Began !Notes |}') == [
        "{|",
        "|-",
        '! style="width:15%;" | Country',
        '! style="width:12%;" | Began',
        "!Notes",
        "|}",
    ]


def test_pipes_inside_templates_links_and_refs_are_not_cells():
    text = "{| |- |{{cite web |url=x |title=y}} [[a|b c]] <ref>{{cite |a=1 | b}} |x</ref> |z |}"
    assert lines(text) == [
        "{|",
        "|-",
        "|{{cite web |url=x |title=y}} [[a|b c]] <ref>{{cite |a=1 | b}} |x</ref>",
        "|z",
        "|}",
    ]


def test_inline_double_pipe_cells_stay_on_one_line():
    assert lines('{| |- valign="top" |{{flag|Algeria}}||22 July 1963|| Both. * A has. * B has. |}') == [
        "{|",
        '|- valign="top"',
        "|{{flag|Algeria}}||22 July 1963|| Both.",
        "* A has.",
        "* B has.",
        "|}",
    ]


def test_row_with_style_attribute_glued_to_the_dash():
    assert lines('{| |-style="background:#D3D3D3" |— |}')[1:3] == ['|-style="background:#D3D3D3"', "|—"]


def test_headings_get_lines_of_their_own_and_equals_in_urls_do_not():
    text = "text. == Multilateral membership == Mali is. <ref>[http://x.org/?q=a== b]</ref> ==See also== * [[X]]"
    assert lines(text) == [
        "text.",
        "== Multilateral membership ==",
        "Mali is. <ref>[http://x.org/?q=a== b]</ref>",
        "==See also==",
        "* [[X]]",
    ]


def test_bullet_without_space_after_star():
    assert lines("a. *Turkey has an embassy. *Trade") == ["a.", "*Turkey has an embassy.", "*Trade"]


def test_self_closing_ref_does_not_swallow_the_rest():
    assert lines('{| |- |1<ref name=":1" /> |2 |}') == ["{|", "|-", '|1<ref name=":1" />', "|2", "|}"]


def test_table_right_after_a_heading():
    assert lines('==Bilateral relations== {| class="x" |- !A |}') == [
        "==Bilateral relations==",
        '{| class="x"',
        "|-",
        "!A",
        "|}",
    ]


WIKI_ALPHABET = [
    *list(" |!-{}[]<>/=*#\"'ab"),
    "<ref>",
    "</ref>",
    "<ref name=x />",
    "{|",
    "|}",
    "|-",
    "==",
    "{{",
    "}}",
    "[[",
    "]]",
    " ",
    " ",
]


@at_least(300)
@given(joined(WIKI_ALPHABET, max_size=80))
def test_restoring_only_turns_spaces_into_newlines(text):
    restored = restore_line_breaks(text)
    assert len(restored) == len(text)
    assert restored.replace("\n", " ") == text.replace("\n", " ")
    assert all(a == b or (a == " " and b == "\n") for a, b in zip(text, restored, strict=True))


@at_least(500)
@given(joined(WIKI_ALPHABET, max_size=80))
@example("{| |- ! a |b ! c || d |} == H == {| |- | # x * y |}")
@example("{{a}} {| |+ c |- |x |- ! style=a | b !! c |}")
def test_the_walk_that_skips_spaces_before_no_line_start_restores_as_the_walk_stopping_at_every_space(text):
    fast = restore_line_breaks(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(linebreaks, "_NEXT_OUTSIDE", re.compile(r"[<{}\[\] =|!]"))  # every space looked at
        assert fast == restore_line_breaks(text)


def test_long_segments_stay_linear():
    text = "{| |- |" + "a " * 200_000 + "|}"
    assert restore_line_breaks(text).count("\n") == 3
