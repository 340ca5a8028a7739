"""The package's CSV files are made a column at a time (`csv_text.csv_records`): each row's
text is what the one serialiser, `csv_record`, gives that row; the file (`csv_text.csv_text`)
is what the csv module's writer writes of those rows."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.csv_text import csv_column, csv_record, csv_records, csv_text, csv_value
from pipeline.schema.model import Field
from tests.helpers.strategies import sequences


def _frame() -> tuple[pd.DataFrame, list[Field]]:
    fields = [
        Field("name", "string", "a name"),
        Field("count", "integer", "a number"),
        Field("listed", "boolean", "a flag"),
        Field("day", "date", "a date"),
        Field("note", "string", "a note"),
    ]
    frame = pd.DataFrame(
        {
            "name": pd.array(["Mali", None, "a,b", 'say "x"', ""], dtype="string"),
            "count": pd.array([1, None, 30, 0, -2], dtype="Int64"),
            "listed": pd.array([True, False, None, True, False], dtype="boolean"),
            "day": [dt.date(1960, 8, 20), None, float("nan"), "1961", dt.date(2000, 1, 1)],
            "note": pd.array(["x\ny", "=1+2", None, "é", "z"], dtype="string"),
        }
    )
    return frame, fields


def test_each_row_is_what_csv_record_gives_it_in_any_size_of_piece():
    frame, fields = _frame()
    by_row = [csv_record(row, fields) for row in frame.itertuples(index=False, name=None)]
    assert by_row[1] == ["", "", "false", "", "=1+2"]  # nulls empty, booleans lower-case
    assert by_row[0] == ["Mali", "1", "true", "1960-08-20", "x\ny"]
    for piece in (1, 2, 5, 10_000):
        assert [list(row) for row in csv_records(frame, fields, piece)] == by_row


def test_an_empty_table_has_no_rows():
    frame, fields = _frame()
    assert list(csv_records(frame.iloc[0:0], fields)) == []


def test_a_frame_without_a_column_for_each_field_is_refused():
    frame, fields = _frame()
    with pytest.raises(ValueError, match="4 columns for 5 fields"):
        list(csv_records(frame.drop(columns="note"), fields))


def test_whole_numbers_and_booleans_by_column_are_their_values_as_text():
    fields = [Field("count", "integer", "a number"), Field("listed", "boolean", "a flag")]
    frame = pd.DataFrame(
        {
            "count": pd.array([2**62, -(2**53) - 1, None, 7], dtype="Int64"),
            "listed": pd.array([None, None, True, False], dtype="boolean"),
        }
    )
    rows = [["4611686018427387904", ""], ["-9007199254740993", ""], ["", "true"], ["7", "false"]]
    assert [list(row) for row in csv_records(frame, fields)] == rows
    assert [list(row) for row in csv_records(frame.iloc[2:], fields)] == rows[2:]  # no missing value


def written_by_csv_writer(frame: pd.DataFrame, fields: list[Field]) -> str:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(frame.columns)
    writer.writerows(csv_records(frame, fields))
    return text.getvalue()


CELLS = st.text(st.sampled_from(',"\r\n a\x00é\u2028\x85;'), max_size=6) | st.none()


@settings(max_examples=300)
@given(st.lists(st.tuples(CELLS, CELLS), max_size=12), st.integers(1, 5))
def test_the_file_is_what_the_csv_writer_writes(cells, piece):
    fields = [Field("name", "string", "a name"), Field("note", "string", "a note")]
    frame = pd.DataFrame(cells, columns=["name", "note"], dtype="string")
    assert "".join(csv_text(frame, fields, piece)) == written_by_csv_writer(frame, fields)


@settings(max_examples=100)
@given(st.lists(CELLS, max_size=5))
def test_a_file_of_one_column_is_what_the_csv_writer_writes(cells):
    fields = [Field("name", "string", "a name")]
    frame = pd.DataFrame({"name": cells}, dtype="string")
    assert "".join(csv_text(frame, fields)) == written_by_csv_writer(frame, fields)


def test_cells_are_quoted_as_rfc_4180_says_and_the_types_written_as_csv_record_writes_them():
    frame, fields = _frame()
    assert "".join(csv_text(frame, fields, 2)) == (
        "name,count,listed,day,note\n"
        'Mali,1,true,1960-08-20,"x\ny"\n'
        ",,false,,=1+2\n"
        '"a,b",30,,,\n'
        '"say ""x""",0,true,1961,é\n'
        ",-2,false,2000-01-01,z\n"
    )


_DAYS = [dt.date(1960, 8, 20), dt.date(1, 1, 1), dt.date(999, 12, 31), dt.date(9999, 12, 31)]
_ODD = [dt.datetime(1960, 8, 20), dt.datetime(1960, 8, 20, 1, 2), pd.NaT, float("nan"), "1961", 3, True, 1]


@settings(max_examples=300)
@given(
    sequences([*_DAYS, None, pd.NA], max_size=8),
    sequences(_ODD, max_size=2),
    st.lists(st.integers(-(2**63), 2**63 - 1) | st.none(), max_size=8),
)
def test_a_column_of_dates_or_whole_numbers_is_what_csv_value_gives_each_cell(days, odd, numbers):
    """Dates (a column of only dates and missing values) and whole numbers are written once per
    distinct value: the same text as `csv_value` gives each cell, whatever else the column holds."""
    for cells in (days, [*days, *odd], [*odd, *days]):
        column = pd.Series(cells, dtype=object)
        assert csv_column(column, "date") == [csv_value(value, "date") for value in cells]
    column = pd.Series(numbers, dtype="Int64")
    assert csv_column(column, "integer") == [csv_value(value, "integer") for value in numbers]
