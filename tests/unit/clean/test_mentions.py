"""Time and country mentions in a sentence."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.clean.mentions import _longest_first, countries_in, time_mentions


def _read(text: str) -> list[tuple[str, str | None, str, str]]:
    return [(m.text, m.qualifier, m.date.value, m.date.precision) for m in time_mentions(text)]


def test_day_month_year_and_qualified_years_are_read_in_order() -> None:
    assert _read("Relations began on 14 October 1960 and grew after 1968.") == [
        ("14 October 1960", None, "1960-10-14", "day"),
        ("after 1968", "after", "1968", "year"),
    ]


def test_qualifiers_are_normalised() -> None:
    assert _read("Around 1975 and by 1980.") == [
        ("Around 1975", "circa", "1975", "year"),
        ("by 1980", "before", "1980", "year"),
    ]


def test_a_qualifier_or_month_inside_a_longer_word_is_not_read() -> None:
    assert _read("The nearby 1960 border.") == [("1960", None, "1960", "year")]
    assert _read("To their dismay 1962 ended it.") == [("1962", None, "1962", "year")]


def test_decades_amounts_and_long_numbers_are_not_years() -> None:
    assert _read("In the 1960s it paid $1960 for 19601 items, 2,1990.") == []


def test_countries_are_named_in_order_of_first_mention_without_the_subject() -> None:
    assert countries_in("Mali and France signed; the Ivory Coast and France joined.", exclude="MLI") == ["FRA", "CIV"]


def test_a_demonym_names_its_country_as_the_name_does() -> None:
    assert countries_in("the advanced French military services", exclude="MLI") == ["FRA"]
    assert countries_in("the intervention by French and African forces in early 2013", exclude="MLI") == ["FRA"]
    assert countries_in("Malian troops and the pro-Russian policies of South African firms", exclude="MLI") == [
        "RUS",
        "ZAF",
    ]


def test_a_demonym_of_two_countries_tags_neither() -> None:
    assert countries_in("Korean and Congolese delegations met Dominican ones.") == []


def test_a_range_needs_two_years_and_a_single_year_is_one_date() -> None:
    assert _read("Talks ran from 5 May 1990 to June 1991.") == [("from 5 May 1990 to June 1991", "range", "1990-05-05", "day")]
    assert _read("Talks ran from 5 May 1990 to June.") == [("5 May 1990", None, "1990-05-05", "day")]


WORDS = st.sets(st.text("ab- ", min_size=1, max_size=4), min_size=1, max_size=8)


@given(WORDS, st.lists(st.text("ab- x", max_size=6), max_size=6).map(" ".join))
def test_the_tree_of_names_finds_what_their_alternation_longest_first_finds(words: set[str], text: str) -> None:
    """`countries_in`'s pattern is a tree of the names' letters (`_longest_first`): it must find
    the same names, at the same places, as the alternation of the names longest first."""
    alternation = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    around = r"(?<![\w-])(?P<name>{})(?![\w-])"
    tree, plain = re.compile(around.format(_longest_first(words))), re.compile(around.format(alternation))
    assert [m.span("name") for m in tree.finditer(text)] == [m.span("name") for m in plain.finditer(text)]
