"""The status vocabulary of a relation (pipeline/clean/relation_changes.py): which words in a date
cell state a change, the date after each, and asides the vocabulary does not know."""

from __future__ import annotations

from pipeline.clean.relation_changes import change_of, split_changes, state_after, unknown_asides


def test_a_date_cell_splits_into_the_establishment_and_its_dated_changes():
    assert split_changes("7 November 1960 (severed 1973, restored 1996)") == (
        "7 November 1960",
        [("severed", "1973"), ("restored", "1996")],
    )
    assert split_changes("1957 (Relations downgraded in 1975)") == ("1957", [("downgraded", "1975")])


def test_an_aside_without_a_change_word_is_not_part_of_the_date():
    assert split_changes("1960 (annulled 1980)") == ("1960", [])
    assert split_changes("12 May 1962") == ("12 May 1962", [])


def test_each_inflection_names_its_change():
    assert [change_of(w) for w in ("broke off", " Re-established ", "resumption", "froze", "Suspension")] == [
        "severed", "restored", "resumed", "frozen", "suspended",
    ]  # fmt: skip


def test_the_state_after_is_the_last_changes_and_active_without_one():
    assert state_after(()) == "active"
    assert state_after((("severed", None, "1973"),)) == "severed"  # type: ignore[arg-type]
    assert state_after((("severed", None, "1973"), ("restored", None, "1996"))) == "active"  # type: ignore[arg-type]


def test_an_aside_with_words_the_vocabulary_lacks_is_reported():
    text = "1960 (annulled 1980) (severed 1973) <small>(in March)</small>"
    assert unknown_asides(text) == ["annulled 1980"]  # a change word, or only a month, is no unknown aside
