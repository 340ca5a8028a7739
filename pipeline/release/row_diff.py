"""Rows added, removed and changed between two versions of a table, matched on a key.

Column by column: the text of each column both tables hold is compared at once for all the
rows both hold (aligned on the key), and a row's detail (which fields, from what to what) is
built only for the rows that differ; a release of a large package compares hundreds of
thousands of cells. The result is that of comparing the rows one by one as records: a key that
occurs twice is listed once, where it first occurs, with the values of its last row; a missing
value is the empty text; a column named twice is read where it is named last.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

# Where a row is, not what it says: a change in these alone is a row that moved.
PROVENANCE = {"source_start", "source_end", "position", "occurrence", "finding"}
# How the changelog names a row of these tables: by what it says (their ids are digests).
LABELS = {"quality_findings": ["check_name", "resource", "row_id", "field", "value"]}

Fields = list[tuple[str, str, str]]  # (field, old text, new text)


class Texts:
    """A table's columns as arrays of text (`text` of each value), each made once when asked for."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.places = {name: place for place, name in enumerate(frame.columns)}  # the last place of a name
        self._made: dict[str, np.ndarray] = {}
        self._values: np.ndarray | None = None  # every value as an object, column by column
        self._missing: np.ndarray | None = None

    def __call__(self, name: str) -> np.ndarray:
        """The column's texts; KeyError when the table has no such column."""
        if name not in self._made:
            self._made[name] = self._texts(self.places[name])
        return self._made[name]

    def _texts(self, place: int) -> np.ndarray:
        """At once for text or missing values (what a CSV read as text holds); otherwise value by
        value, each as a record of the table gives it (numpy's numbers as Python's, NA as None...)."""
        if self._values is None or self._missing is None:
            self._values = self.frame.to_numpy(dtype=object).T
            self._missing = pd.isna(self._values)
        values, missing = self._values[place], self._missing[place]
        if _text_or_missing(self.frame.dtypes.iloc[place], values, missing):
            return np.where(missing, "", values) if missing.any() else values
        records = self.frame.iloc[:, [place]].to_dict("records")
        return np.array([text(value) for record in records for value in record.values()], dtype=object)

    def keys(self, key: list[str]) -> list[str]:
        """Each row's key: its key columns' texts joined by "/"."""
        if len(key) == 1:
            return self(key[0]).tolist()
        return ["/".join(parts) for parts in zip(*(self(column) for column in key), strict=True)]

    def label(self, table: str, row: int, key: str) -> str:
        """How the changelog names a row: its key, or what it says for a table in LABELS."""
        columns = LABELS.get(table)
        return "/".join(self(c)[row] if c in self.places else "" for c in columns) if columns else key


def _text_or_missing(dtype: Any, values: np.ndarray, missing: np.ndarray) -> bool:
    """Whether every value is text, None or a float NaN (as every one of pandas' text columns with NaN for missing)."""
    if isinstance(dtype, pd.StringDtype) and isinstance(dtype.na_value, float):
        return True
    return infer_dtype(values, skipna=True) in ("string", "empty") and all(
        value is None or isinstance(value, float) for value in values[missing]
    )


def text(value: Any) -> str:
    """A value as the diff compares and shows it: "" for a missing one."""
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def unique_keys(frame: pd.DataFrame, key: list[str]) -> list[str]:
    """The table's row keys, each once, in the order they first occur."""
    return list(dict.fromkeys(Texts(frame).keys(key)))


def row_changes(
    table: str, old: pd.DataFrame, new: pd.DataFrame, key: list[str]
) -> tuple[list[str], list[str], list[tuple[str, Fields]], int]:
    """(added, removed, changed, moved_only) between `old` and `new`, rows matched on the columns
    `key` (both tables have them); `changed` is (key, fields) for each row whose fields other
    than PROVENANCE differ, `moved_only` the number of rows of which only those differ."""
    old_texts, new_texts = Texts(old), Texts(new)
    old_rows = {k: row for row, k in enumerate(old_texts.keys(key))}  # each key where it first occurs, its last row
    new_rows = {k: row for row, k in enumerate(new_texts.keys(key))}
    added = [new_texts.label(table, row, k) for k, row in new_rows.items() if k not in old_rows]
    removed = [old_texts.label(table, row, k) for k, row in old_rows.items() if k not in new_rows]
    both = [k for k in new_rows if k in old_rows]
    shared = [c for c in new.columns if c in old.columns and c != "finding"]
    old_at = np.array([old_rows[k] for k in both], dtype=np.intp)
    new_at = np.array([new_rows[k] for k in both], dtype=np.intp)
    pairs = {c: (old_texts(c)[old_at], new_texts(c)[new_at]) for c in dict.fromkeys(shared)}
    differ = {c: before != after for c, (before, after) in pairs.items()}
    changed, moved_only = [], 0
    for index in np.flatnonzero(np.logical_or.reduce([np.zeros(len(both), bool), *differ.values()])):
        fields = [(c, pairs[c][0][index], pairs[c][1][index]) for c in shared if differ[c][index]]
        if all(name in PROVENANCE for name, _, _ in fields):
            moved_only += 1
        else:
            changed.append((both[index], [f for f in fields if f[0] not in PROVENANCE]))
    return added, removed, changed, moved_only
