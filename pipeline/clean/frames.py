"""The cleaned tables as pandas frames, typed by the schema, built from each document's columns
as they come.

A document's rows of a table travel as a `Part`: a list per field, in the schema's order (from a
`--jobs` worker, a pickle of lists pickles each key once, not once per row), and the distinct sets
of keys its rows had, checked against the schema when the part is taken (`as_frames`)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from operator import itemgetter
from types import NoneType
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from pipeline.schema import BY_NAME, TABLES, Table

Rows = list[dict[str, Any]]

CLEANED = [table.name for table in TABLES if table.name != "quality_findings"]  # findings come from the checks

# Rows of a table held as columns before they become a piece of its frame: where the pieces
# end decides how pandas infers a piece's types before they are cast to the schema's, so a
# piece is made when a table's pending rows reach this number, as when the rows were dicts.
FRAME_PIECE_ROWS = 10_000


class Part(NamedTuple):
    """Rows of one table as columns: `columns[i]` is field i's values (NaN where a row had no
    such key, as pandas makes a frame from dicts); `keys`: the rows' distinct key tuples, to be
    checked against the schema (none when each row had exactly the schema's fields)."""

    columns: list[Sequence[Any]]
    keys: list[tuple[str, ...]]


def part(name: str, rows: Rows) -> Part:
    """The rows of the package's table `name` as a `Part`."""
    return table_part(BY_NAME[name], rows)


def table_part(table: Table, rows: Rows) -> Part:
    """The rows of `table` as a `Part`: rows with exactly the schema's fields (most) with no keys
    to check; else each row's keys, a field it lacks NaN."""
    names = table.field_names
    if rows and len(names) > 1 and max(map(len, rows)) == len(names):  # no row with more keys than fields
        with contextlib.suppress(KeyError):  # a row without one of them; else each row a tuple of every field
            return Part(list(zip(*map(itemgetter(*names), rows), strict=False)), [])
    return Part([[row.get(field, np.nan) for row in rows] for field in names], list(dict.fromkeys(map(tuple, rows))))


def as_frames(tables: Iterable[tuple[str, Part]], piece: int = FRAME_PIECE_ROWS) -> dict[str, pd.DataFrame]:
    """(table, part) as `stage.table_parts` gives them -> each CLEANED table's frame, the same
    as `as_frame` of all its rows at once: a frame piece every `piece` rows, joined at the end."""
    pending: dict[str, _Pending] = {name: _Pending(BY_NAME[name]) for name in CLEANED}
    pieces: dict[str, list[pd.DataFrame]] = {name: [] for name in CLEANED}
    for name, rows in tables:
        pending[name].add(rows)
        if pending[name].rows >= piece:
            pieces[name].append(pending[name].frame())
    frames = {}
    for name in CLEANED:
        if pending[name].rows or not pieces[name]:
            pieces[name].append(pending.pop(name).frame())
        frames[name] = pieces[name][0] if len(pieces[name]) == 1 else pd.concat(pieces.pop(name), ignore_index=True)
    return frames


class _Pending:
    """A table's parts not yet made into a frame: their columns joined, their keys checked."""

    def __init__(self, table: Table) -> None:
        self.table, self.checked = table, set[tuple[str, ...]]()
        self.columns: list[list[Any]] = [[] for _ in table.field_names]
        self.rows = 0

    def add(self, rows: Part) -> None:
        new = [key for key in rows.keys if key not in self.checked]
        if new:  # SchemaError for a field the schema does not declare or a required one missing
            self.table.checked_rows([dict.fromkeys(key) for key in new])
            self.checked.update(new)
        for column, values in zip(self.columns, rows.columns, strict=True):
            column += values
        self.rows += len(rows.columns[0])

    def frame(self) -> pd.DataFrame:
        """The pending rows' frame (`typed_frame`); nothing is pending after."""
        frame = _typed(self.table, self.columns)
        self.columns, self.rows = [[] for _ in self.table.field_names], 0
        return frame


def as_frame(name: str, rows: Rows) -> pd.DataFrame:
    """The package's table `name` as a frame (`typed_frame`)."""
    return typed_frame(BY_NAME[name], rows)


def typed_frame(table: Table, rows: Rows) -> pd.DataFrame:
    """A table with exactly the schema's columns, in order, with the nullable dtypes its schema
    gives them (`Table.pandas_dtypes`); rows with a field the schema does not declare, or
    without a required one, raise. Equal strings become one object (`interned`)."""
    return _typed(table, table_part(table, table.checked_rows(rows)).columns)


def _typed(table: Table, columns: list[Sequence[Any]]) -> pd.DataFrame:
    """The frame of `columns`: each column typed as the schema says, the same frame pandas makes
    from the rows as dicts (each column's type inferred, then cast to the schema's), which it is
    made as (from row tuples, which pandas reads as it reads dicts) when a column holds a value
    of another kind than `_KINDS` says (a NaN for a row without the field, a number for text)."""
    types = table.pandas_dtypes()
    dtypes = [types[name] for name in table.field_names]
    kinds = [set(map(type, column)) for column in columns]
    columns = [
        interned(column, kind) if dtype == "string" else column
        for dtype, kind, column in zip(dtypes, kinds, columns, strict=True)
    ]
    if all(kind <= _KINDS.get(dtype, set()) for dtype, kind in zip(dtypes, kinds, strict=True)):
        typed = (_column(column, dtype) for column, dtype in zip(columns, dtypes, strict=True))
        return pd.DataFrame(dict(zip(table.field_names, typed, strict=True)), copy=False)
    frame = pd.DataFrame(list(zip(*columns, strict=True)), columns=table.field_names)
    return frame.astype(dict(zip(table.field_names, dtypes, strict=True)))


# What a column of each dtype may hold to be typed directly: what the rows hold (frames.py's tests)
_KINDS = {"string": {str, NoneType}, "Int64": {int, NoneType}, "boolean": {bool, NoneType}, "object": {date, NoneType}}


def _column(values: Sequence[Any], dtype: str) -> pd.Series:
    if dtype == "object":
        array = np.empty(len(values), dtype=object)
        array[:] = values
        return pd.Series(array, dtype=object, copy=False)
    return pd.Series(pd.array(values, dtype=dtype), copy=False)


def interned(values: Sequence[Any], kinds: set[type]) -> list[Any]:
    """`values`, each string replaced by its `sys.intern`ed equal (the same values): one object
    however many cells hold it (a subject's name, a status, a date, a reference's title copied
    to each table: the 1.36 million string cells of 100 generated articles are 154,000 values).
    `kinds`: the types of the values."""
    if kinds == {str}:
        return list(map(sys.intern, values))
    intern = sys.intern
    return [intern(value) if type(value) is str else value for value in values]
