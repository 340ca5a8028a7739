"""A table's column as a list of Python values, for the loops over its cells (checks, package)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd


def values(column: pd.Series | pd.Index) -> list[Any]:
    """The column's cells in order, read at once: iterating a pandas column of text calls
    `__getitem__` once per cell (about a microsecond: seconds over the tables of a large corpus,
    where this takes milliseconds). A text cell is its str and a missing cell pd.NA, as iterating
    gives them; a whole number is a Python int (iterating a nullable integer column gives numpy's)."""
    return column.to_numpy(dtype=object).tolist()


def distinct(column: pd.Series) -> set[Any]:
    """The column's values, missing ones left out: `set(column.dropna())`, read at once."""
    return set(column.dropna().unique().tolist())


SEPARATOR = "\x00"  # before each cell of `joined_text`


def joined_text(column: pd.Series) -> str | None:
    """The column's cells as one text, each preceded by SEPARATOR (a missing cell as ""), or None
    when a cell is neither text nor missing: one regular expression then searches a whole
    column where a test per cell costs a Python call; `cell_starts` maps what it finds back to
    rows. A cell may itself hold SEPARATOR: a search must tell a cell's start by those offsets,
    not by the separator before it."""
    try:
        return SEPARATOR + SEPARATOR.join(column.to_numpy(dtype=object, na_value="").tolist())
    except TypeError:  # a number, a date, ...: not text
        return None


def cell_starts(column: pd.Series) -> np.ndarray:
    """Where each cell of the column starts in its `joined_text` (cells of text or missing)."""
    return starts(column.to_numpy(dtype=object, na_value="").tolist())


def starts(cells: list[str]) -> np.ndarray:
    """Where each cell starts in `SEPARATOR + SEPARATOR.join(cells)`: `np.searchsorted(starts,
    found, side="right") - 1` is the cell each place found falls in."""
    lengths = np.fromiter(map(len, cells), dtype=np.int64, count=len(cells))
    return np.cumsum(lengths + 1) - lengths
