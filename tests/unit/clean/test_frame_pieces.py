"""The tables built in pieces from each document's columns (`as_frames`: a frame every few
thousand rows, so that the rows are never all held at once) are the tables built whole from the
rows as dicts: same rows, dtypes and CSV bytes; and a frame made from columns is the frame pandas
makes from the rows as dicts, value for value."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from pipeline.clean.frames import CLEANED, as_frame, as_frames, part
from pipeline.clean.stage import document_rows, table_parts, table_rows
from pipeline.clean.tables_joined import document_tables
from pipeline.extract.stage import extract
from pipeline.schema import BY_NAME
from pipeline.sources import load_sources
from tests.helpers import SEEDS


def test_tables_built_in_pieces_are_the_tables_built_whole() -> None:
    documents = [document_rows(item) for item in extract(load_sources(SEEDS))]
    pairs = list(table_rows(documents))
    whole = {name: as_frame(name, [row for table, rows in pairs if table == name for row in rows]) for name in CLEANED}
    pieces = as_frames(table_parts(document_tables(rows, part) for rows in documents), piece=7)
    assert list(pieces) == CLEANED
    relations = pieces["diplomatic_relations"]
    assert len(relations) > 7 * 3  # several pieces joined
    assert list(relations.index) == list(range(len(relations)))
    for name in CLEANED:
        pd.testing.assert_frame_equal(pieces[name], whole[name], check_exact=True)
        assert pieces[name].to_csv(index=False) == whole[name].to_csv(index=False)


def test_a_table_with_no_rows_keeps_its_columns_and_types() -> None:
    frames = as_frames([("memberships", part("memberships", []))], piece=1)
    assert len(frames["memberships"]) == 0
    pd.testing.assert_frame_equal(frames["memberships"], as_frame("memberships", []))


def _cells(frame: pd.DataFrame) -> list[tuple[type, object]]:
    """Each cell's type and value, NaN as the string "NaN" (so that NaN equals NaN and None does not)."""
    values = (value for column in frame.columns for value in frame[column].array)
    return [(type(value), "NaN" if isinstance(value, float) and math.isnan(value) else value) for value in values]


def _row(table: str, **values: object) -> dict[str, object]:
    """A row of `table` with every field: a number, text or a boolean by its dtype, then `values`."""
    dtypes = BY_NAME[table].pandas_dtypes()
    kinds = {"Int64": 1, "boolean": True}
    return {name: kinds.get(dtypes[name], f"{name} text") for name in dtypes} | values


def _without(row: dict[str, object], *names: str) -> dict[str, object]:
    return {name: value for name, value in row.items() if name not in names}


GIVEN = _row("events", date_earliest=date(2001, 5, 2), subject_cown=432, section="History")
EMPTY = _row("events", date_earliest=None, subject_cown=None, section=None)
ABSENT = _without(_row("events"), "date_earliest", "subject_cown", "section")  # pandas fills with NaN, not None
ODD = _row("events", section=7, date_earliest="2001-05-02", subject_cown=2**60)  # a number for text, text for a date
CITED = _row("citations", is_definition=False)


@pytest.mark.parametrize(
    ("table", "rows"),
    [
        ("events", [GIVEN, EMPTY]),
        ("events", [EMPTY]),
        ("events", []),
        ("events", [GIVEN, EMPTY, ABSENT]),
        ("events", [EMPTY, ABSENT]),
        ("events", [ABSENT]),
        ("events", [GIVEN, ODD, EMPTY]),
        ("citations", [CITED, _row("citations"), _row("citations", is_definition=None)]),
    ],
)
def test_a_frame_from_columns_is_the_frame_pandas_makes_from_the_rows_as_dicts(table, rows) -> None:
    dtypes = BY_NAME[table].pandas_dtypes()
    expected = pd.DataFrame(rows, columns=list(dtypes)).astype(dtypes)
    frame = as_frames([(table, part(table, rows))])[table]
    pd.testing.assert_frame_equal(frame, expected, check_exact=True)
    assert list(frame.columns) == list(dtypes) and frame.columns.dtype == expected.columns.dtype
    assert _cells(frame) == _cells(expected)
    assert _cells(as_frame(table, rows)) == _cells(expected)


def test_a_field_a_row_lacks_is_nan_as_pandas_makes_it_not_none() -> None:
    """What tells an absent key filled with NaN from one filled with None: a date column of None
    and absent only is all NaN in pandas' frame of dicts (filled with None, it would be all None)."""
    assert _cells(as_frame("events", [EMPTY, ABSENT])[["date_earliest"]]) == [(float, "NaN"), (float, "NaN")]
