"""`date_checks.bounded_dates` compares a whole date column with the bounds first and reads only
the rows that may be out of range (`_candidates`): on generated tables, exactly the findings
of reading every row."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from pipeline.validate import date_checks
from pipeline.validate.date_checks import Bound, bounded_dates

_DAYS = [dt.date(1958, 1, 1), dt.date(1960, 6, 20), dt.date(1960, 12, 31), dt.date(2025, 5, 31), dt.date(2025, 6, 1)]
_DAY = st.one_of(st.sampled_from(_DAYS), st.none(), st.just(pd.NA))
_ROW = st.tuples(
    st.sampled_from(["1959", "1960-06", "2025-06", None]),  # established
    _DAY,  # established_earliest
    _DAY,  # established_latest
    st.sampled_from(["1959-02", "2025-06-01", "2025", None]),  # severed: its days from its ISO value
    st.sampled_from(["SSS", "TTT", None]),
    st.sampled_from(["s", "t", "u"]),
)
_LOWS = st.fixed_dictionaries({"SSS": st.sampled_from([*_DAYS, None]), "TTT": st.sampled_from([*_DAYS, None])})
_HIGHS = st.fixed_dictionaries(
    {"s": st.sampled_from([*_DAYS, None]), "t": st.sampled_from([*_DAYS, None])}
).map(lambda highs: {source: day and Bound(day, f"retrieved {day}") for source, day in highs.items()})


@given(st.lists(_ROW, max_size=10), _LOWS, _HIGHS, st.booleans())
def test_reading_only_the_candidate_rows_finds_what_reading_every_row_finds(rows, lows, highs, shuffled):
    columns = ["established", "established_earliest", "established_latest", "severed", "subject_iso3", "source_id"]
    bilateral = pd.DataFrame(rows, columns=columns, dtype=object)
    bilateral["bilateral_id"] = [f"S/bilateral/{number}" for number in range(len(rows))]
    bilateral["partner"] = "P"
    if shuffled:  # positions are not labels
        bilateral.index = list(reversed(range(len(rows))))
    tables = {"bilateral_relations": bilateral}
    every_row = mock.patch.object(date_checks, "_candidates", lambda earliest, *_: range(len(earliest)))
    with every_row:
        plain = bounded_dates(tables, lows, highs)
    assert bounded_dates(tables, lows, highs) == plain


def test_a_day_that_is_not_a_date_makes_every_row_a_candidate():
    high = {"s": Bound(dt.date(2025, 5, 31), "retrieved 2025-05-31"), "t": None}
    assert list(date_checks._candidates(["1960", None], [None, None], {}, high)) == [0, 1]
    low = {"S": dt.date(1960, 1, 1)}
    assert list(date_checks._candidates([None, pd.NA], [dt.date(1959, 1, 1), dt.date(1961, 1, 1)], low, {})) == [0]
