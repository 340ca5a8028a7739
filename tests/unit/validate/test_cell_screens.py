"""The whole-column searches of the cell checks (`table_checks._formula_like`, `_invisible`: one
regular expression over a column's joined text) flag exactly the cells the test of each cell
flags, on generated columns: missing values, cells that are not text, empty cells, cells
holding the separator, formula characters and invisible ones anywhere."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.columns import SEPARATOR, cell_starts, joined_text
from pipeline.validate.table_checks import _formula_like, _formula_like_cells, _invisible, _invisible_cells
from tests.helpers.strategies import joined

_TEXT = joined(["=", "+", "-", "@", "a", " ", "\u200b", "\u202e", "é", "\n", SEPARATOR], max_size=6)
_CELL = st.one_of(_TEXT, st.none())
_ODD = st.sampled_from([pd.NA, float("nan"), -1, 3, 2.5, True])


def _columns(cells: list[object], odd: list[object]) -> list[pd.Series]:
    """The cells as a column of text (pandas' string type) and as a column of objects, with the odd values."""
    return [pd.Series(cells, dtype="string"), pd.Series([*cells, *odd], dtype=object)]


@given(st.lists(_CELL, max_size=12), st.lists(_ODD, max_size=2))
@example(["=a", None, "", "-", f"a{SEPARATOR}=b", f"{SEPARATOR}@"], [])
@example([f"x{SEPARATOR}", "+", "\u200b", None, ""], [-1])
def test_a_whole_column_search_flags_the_cells_a_test_per_cell_flags(cells: list[str | None], odd: list[object]):
    for column in _columns(cells, odd):
        assert _formula_like(column).tolist() == _formula_like_cells(column).tolist()
        assert _invisible(column).tolist() == _invisible_cells(column).tolist()


@given(st.lists(_CELL, max_size=12))
def test_each_cell_of_the_joined_text_is_found_at_its_start(cells: list[str | None]):
    column = pd.Series(cells, dtype="string")
    text, starts = joined_text(column), cell_starts(column)
    assert text is not None and len(starts) == len(cells)
    assert [text[start - 1 : start + len(cell or "")] for start, cell in zip(starts, cells, strict=True)] == [
        SEPARATOR + (cell or "") for cell in cells
    ]
    assert text == SEPARATOR + SEPARATOR.join(cell or "" for cell in cells)


def test_a_column_with_a_cell_that_is_not_text_has_no_joined_text():
    assert joined_text(pd.Series(["=a", 1], dtype=object)) is None
    assert joined_text(pd.Series(["=a", None, np.nan], dtype=object)) == f"{SEPARATOR}=a{SEPARATOR}{SEPARATOR}"
