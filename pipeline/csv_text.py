"""A table's values as CSV text, by their fields' declared types: the one serialiser of the
package's tables (package stage) and of the cleaned tables (`pipeline clean`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from pipeline.columns import SEPARATOR, starts
from pipeline.schema import Field


def csv_record(values: Iterable[Any], fields: list[Field]) -> list[str]:
    """One row's values as CSV text: the one serialiser of the package's tables and of `clean`."""
    return [csv_value(value, field.type) for value, field in zip(values, fields, strict=True)]


# Rows of a frame turned into text at a time: the text of every cell is never held at once.
CSV_PIECE_ROWS = 10_000


def csv_records(frame: pd.DataFrame, fields: list[Field], piece: int = CSV_PIECE_ROWS) -> Iterator[tuple[str, ...]]:
    """Every row of `frame` as `csv_record` gives it, made a column at a time (a cell of a
    string column, most of a table, needs no call), `piece` rows at a time."""
    if len(frame.columns) != len(fields):
        raise ValueError(f"{len(frame.columns)} columns for {len(fields)} fields")
    for start in range(0, len(frame), piece):
        part = frame.iloc[start : start + piece]
        columns = [csv_column(part[column], field.type) for column, field in zip(frame.columns, fields, strict=True)]
        yield from zip(*columns, strict=True)


def csv_text(frame: pd.DataFrame, fields: list[Field], piece: int = CSV_PIECE_ROWS) -> Iterator[str]:
    """The CSV file of `frame` (a header row, then `csv_records`' rows), `piece` rows a text, as
    `csv.writer(lineterminator="\\n", quoting=csv.QUOTE_MINIMAL)` writes it: a row is its cells
    joined by commas, a cell that the writer would quote (one holding `,`, `"`, CR or LF) quoted
    by the writer itself. Joined here a column at a time, not a writer's call and write per row."""
    if len(frame.columns) < 2:  # a row of one empty cell is written `""`: the writer's own case
        yield _written([list(frame.columns), *csv_records(frame, fields, piece)])
        return
    yield ",".join(_quoted([str(name) for name in frame.columns])) + "\n"
    numbers = [isinstance(frame[column].dtype, _NUMBERS) for column in frame.columns]  # never quoted
    for start in range(0, len(frame), piece):
        part = frame.iloc[start : start + piece]
        columns = [csv_column(part[column], field.type) for column, field in zip(frame.columns, fields, strict=True)]
        cells = [column if number else _quoted(column) for column, number in zip(columns, numbers, strict=True)]
        yield "\n".join(map(",".join, zip(*cells, strict=True))) + "\n"  # a part holds a row at least


def _quoted(cells: list[str]) -> list[str]:
    """The cells as the CSV writer writes them (most columns, none needing quotes, as they are):
    the column's text, joined by NUL (`columns.SEPARATOR`), searched by `str.find` for each
    character that makes the writer quote a cell (a regular expression's character class reads
    each character in Python's loop, several times slower), each found mapped to the cell it
    falls in (`columns.starts`)."""
    text = SEPARATOR + SEPARATOR.join(cells)
    found = [position for special in _SPECIAL_CHARACTERS for position in _first_in_each_cell(text, special)]
    if not found:
        return cells
    out = list(cells)
    for position in np.unique(np.searchsorted(starts(cells), found, side="right") - 1).tolist():
        out[position] = '"' + out[position].replace('"', '""') + '"'
    return out


def _first_in_each_cell(text: str, character: str) -> list[int]:
    """Where `character` is in `text` (cells joined by SEPARATOR, NUL): its first place in each
    cell (after a NUL: a cell holding a NUL may be found twice)."""
    out = []
    position = text.find(character)
    while position != -1:
        out.append(position)
        end = text.find(SEPARATOR, position)
        position = -1 if end == -1 else text.find(character, end)
    return out


def _written(rows: Iterable[Iterable[str]]) -> str:
    """`rows` as the CSV writer writes them."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return text.getvalue()


# What makes the writer quote a cell: a comma, a quote, LF, and CR where this Python's writer
# quotes it (3.11's does not: its line ends are "\\n"); a cell without any is written as it is
_SPECIAL_CHARACTERS = ',"\n\r' if _written([["\r", ""]]).startswith('"') else ',"\n'


_INTEGERS = (pd.Int64Dtype, pd.Int32Dtype, pd.Int16Dtype, pd.Int8Dtype)
_NUMBERS = (pd.BooleanDtype, *_INTEGERS)  # written by numpy in `csv_column`: digits, -, true, false


def csv_column(column: pd.Series, kind: str) -> list[str]:
    """A column's values as `csv_value` gives them: a column of text, whole numbers or booleans
    (pandas' nullable types, most cells of a package) by numpy, without a call per cell."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype):  # str or missing: the text, or empty
        return column.to_numpy(dtype=object, na_value="").tolist()
    if isinstance(dtype, pd.BooleanDtype):
        return _masked(column, np.where(column.to_numpy(dtype=bool, na_value=False), "true", "false"))
    if isinstance(dtype, _INTEGERS):
        return _masked(column, _distinct_text(column.to_numpy(dtype="int64", na_value=0), str))
    cells = column.to_numpy(dtype=object)
    if set(map(type, cells)) <= _DAY_TYPES:  # dates, most repeated, each written once
        return _distinct_text(cells, dt.date.isoformat).tolist()
    return [csv_value(value, kind) for value in cells]


_DAY_TYPES = {dt.date, type(None), type(pd.NA)}  # exactly these types: not a datetime, a NaT


def _distinct_text(values: np.ndarray, text: Callable[[Any], str]) -> np.ndarray:
    """`text` of each value (`csv_value`'s text: str of a whole number, ISO of a date; "" for
    None or pd.NA), made once per distinct value: for values whose text only their value decides."""
    codes, distinct = pd.factorize(values)  # None and pd.NA: code -1, the last text
    return np.array([*map(text, distinct.tolist()), ""], dtype=object)[codes]


def _masked(column: pd.Series, text: np.ndarray) -> list[str]:
    """`text`, the column's values as text, with "" where the column has no value."""
    if column.hasnans:
        text[column.isna().to_numpy()] = ""
    return text.tolist()


def csv_value(value: Any, kind: str) -> str:
    """One value as CSV text by its field's type: nulls empty, booleans lower-case, dates ISO."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if kind == "integer":
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
