"""The package's CSV files are made a column at a time (`csv_text.csv_records`): each row's
text is what the one serialiser, `csv_record`, gives that row."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.csv_text import csv_record, csv_records
from pipeline.schema.model import Field


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
