"""The tables built in pieces (`as_frames`: a frame every few thousand rows, so that the rows
are never all held as dicts) are the tables built whole: same rows, dtypes and CSV bytes."""

from __future__ import annotations

import pandas as pd

from pipeline.clean.frames import CLEANED, as_frame, as_frames
from pipeline.clean.stage import document_rows, table_rows
from pipeline.extract.stage import extract
from pipeline.sources import load_sources
from tests.helpers import SEEDS


def _row_lists() -> list[tuple[str, list[dict]]]:
    return list(table_rows(document_rows(item) for item in extract(load_sources(SEEDS))))


def test_tables_built_in_pieces_are_the_tables_built_whole() -> None:
    pairs = _row_lists()
    whole = {name: as_frame(name, [row for table, rows in pairs if table == name for row in rows]) for name in CLEANED}
    pieces = as_frames(pairs, piece=7)
    assert list(pieces) == CLEANED
    relations = pieces["diplomatic_relations"]
    assert len(relations) > 7 * 3  # several pieces joined
    assert list(relations.index) == list(range(len(relations)))
    for name in CLEANED:
        pd.testing.assert_frame_equal(pieces[name], whole[name], check_exact=True)
        assert pieces[name].to_csv(index=False) == whole[name].to_csv(index=False)


def test_a_table_with_no_rows_keeps_its_columns_and_types() -> None:
    frames = as_frames([("memberships", [])], piece=1)
    assert len(frames["memberships"]) == 0
    pd.testing.assert_frame_equal(frames["memberships"], as_frame("memberships", []))
