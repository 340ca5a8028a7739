"""Partial dates: the source's precision is kept, never invented."""

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.clean.dates import UNKNOWN, PartialDate, parse_partial_date, says_unknown


def test_dts_day_gives_day_precision():
    assert parse_partial_date("{{dts|20 August 1960}}") == PartialDate(
        "1960-08-20", "day", dt.date(1960, 8, 20), dt.date(1960, 8, 20)
    )


def test_dts_capital_d_year_only_gives_year_precision():
    assert parse_partial_date("{{Dts|1989}}") == PartialDate("1989", "year", dt.date(1989, 1, 1), dt.date(1989, 12, 31))


def test_dts_month_gives_month_bounds():
    assert parse_partial_date("{{dts|April 1979}}") == PartialDate(
        "1979-04", "month", dt.date(1979, 4, 1), dt.date(1979, 4, 30)
    )


def test_february_of_a_leap_year_ends_on_the_29th():
    assert parse_partial_date("February 1964").latest == dt.date(1964, 2, 29)


def test_dts_with_numeric_arguments():
    assert parse_partial_date("{{dts|1960|8|20}}").value == "1960-08-20"


@pytest.mark.parametrize("text", ["22 July 1963", "July 22, 1963", "1963-07-22", " 22  July 1963 "])
def test_written_forms_of_one_day_agree(text):
    assert parse_partial_date(text).value == "1963-07-22"


@pytest.mark.parametrize("text", ["Unknown", "unknown", "", "31 February 1961", "Spring 1962", "13/13/1960", "1960-13"])
def test_unknown_and_unreadable_dates_have_no_value(text):
    assert parse_partial_date(text) == UNKNOWN


def test_only_the_word_unknown_counts_as_the_source_saying_unknown():
    assert says_unknown("Unknown")
    assert says_unknown("unknown<ref>x</ref>")
    assert not says_unknown("Spring 1962")
    assert not says_unknown("Unknowns")


def _in_words(date: PartialDate) -> str:
    """The date written in words ("20 August 1960", "April 1979", "1960")."""
    assert date.earliest is not None
    month = calendar.month_name[date.earliest.month]
    return {"day": f"{date.earliest.day} {month} {date.earliest.year}", "month": f"{month} {date.earliest.year}"}.get(
        date.precision, str(date.earliest.year)
    )


@given(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)), st.sampled_from(["day", "month", "year"])
)
def test_printing_then_parsing_gives_the_date_back(day, precision):
    value = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]
    date = parse_partial_date(value)
    assert date.precision == precision
    assert parse_partial_date(_in_words(date)) == date
    assert date.earliest <= day <= date.latest


@given(st.text(max_size=60))
def test_any_text_parses_without_raising(text):
    date = parse_partial_date(text)
    assert date.precision in ("day", "month", "year", "unknown")
    assert (date.value is None) == (date.precision == "unknown")
