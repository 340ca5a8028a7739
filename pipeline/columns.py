"""A table's column as a list of Python values, for the loops over its cells (checks, package)."""

from __future__ import annotations

from typing import Any

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
