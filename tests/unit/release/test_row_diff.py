"""Rows added, removed and changed between two versions of a table (pipeline/release/row_diff.py):
compared column by column, the result is exactly that of comparing the rows one by one as
records, which the releases before it did (kept here as the oracle)."""

from __future__ import annotations

import io
import warnings
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from pipeline.release.row_diff import LABELS, PROVENANCE, Texts, row_changes, unique_keys

# The oracle: the per-row comparison of pipeline/release/versioning.py up to 114b2d7.


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _by_key(frame: pd.DataFrame, key: list[str]) -> dict[str, dict[str, Any]]:
    with warnings.catch_warnings():  # "columns are not unique, some columns will be omitted"
        warnings.simplefilter("ignore", UserWarning)
        records = frame.to_dict("records")
    return {"/".join(_text(r[c]) for c in key): r for r in records}


def _label(table: str, row: dict[str, Any], key: str) -> str:
    columns = LABELS.get(table)
    return "/".join(_text(row.get(c)) for c in columns) if columns else key


def oracle_row_changes(table: str, old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> tuple:
    old_rows, new_rows = _by_key(old, key), _by_key(new, key)
    added = [_label(table, new_rows[k], k) for k in new_rows if k not in old_rows]
    removed = [_label(table, old_rows[k], k) for k in old_rows if k not in new_rows]
    shared = [c for c in new.columns if c in old.columns and c != "finding"]
    changed, moved_only = [], 0
    for k in (k for k in new_rows if k in old_rows):
        fields = [
            (c, _text(old_rows[k][c]), _text(new_rows[k][c]))
            for c in shared
            if _text(old_rows[k][c]) != _text(new_rows[k][c])
        ]
        if fields and all(name in PROVENANCE for name, _, _ in fields):
            moved_only += 1
        elif fields:
            changed.append((k, [f for f in fields if f[0] not in PROVENANCE]))
    return added, removed, changed, moved_only


# Columns: a key's, PROVENANCE's, the labels of quality_findings, others; named twice at times.
NAMES = ["id", "part", "position", "source_start", "finding", "check_name", "resource", "value", "note"]
# Values: few, so that keys and values coincide often; "/" joins the columns of a key.
TEXTS = ["", "a", "b", "a/b", "/", "k1", " a", "é", "nan", "None", "1"]
MISSING = [None, float("nan"), np.float64("nan")]
OTHERS = [0, 1, np.int64(1), 1.0, 1.5, np.float32(0.1), True, pd.NA, pd.NaT]


def pools(draw: st.DrawFn, columns: list[str]) -> list[list[Any]]:
    """The values each column draws from: text or missing, in some columns one other value too."""
    return [
        TEXTS + MISSING + ([draw(st.sampled_from(OTHERS))] if draw(st.integers(0, 3)) == 0 else []) for _ in columns
    ]


def table(draw: st.DrawFn, columns: list[str], rows: list[list[Any]]) -> pd.DataFrame:
    """The rows held as objects, or written to CSV and read back as `load_package` reads them (as text)."""
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    if draw(st.booleans()):
        return frame
    return pd.read_csv(io.StringIO(frame.to_csv(index=False)), dtype=str, keep_default_na=False, na_values=[""])


@st.composite
def two_versions(draw: st.DrawFn) -> tuple[str, pd.DataFrame, pd.DataFrame, list[str]]:
    """A table's name, an old version of it, a new one (some old rows, reordered, some of their
    values changed, new rows; columns added, removed, reordered) and a key both versions have.
    The values come from a seeded random generator Hypothesis gives (drawing each cell through
    Hypothesis took most of the test's time); the shapes from Hypothesis itself."""
    key = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=2, unique=True))
    extras = draw(st.lists(st.sampled_from(NAMES), max_size=5))
    old_columns = draw(st.permutations(key + extras))
    kept_columns = [name for name in extras if draw(st.integers(0, 3))]
    new_columns = draw(st.permutations(key + kept_columns + draw(st.lists(st.sampled_from(NAMES), max_size=2))))
    old_pools, new_pools = pools(draw, old_columns), pools(draw, new_columns)
    old_count, kept_count, fresh_count = draw(st.integers(0, 7)), draw(st.integers(0, 7)), draw(st.integers(0, 3))
    random = draw(st.randoms(use_true_random=True))
    old_rows = [[random.choice(pool) for pool in old_pools] for _ in range(old_count)]
    kept = random.sample(old_rows, min(kept_count, old_count))
    last = {name: place for place, name in enumerate(old_columns)}
    new_rows = [
        [
            row[last[name]] if name in key or (name in last and random.randrange(4)) else random.choice(pool)
            for name, pool in zip(new_columns, new_pools, strict=True)
        ]
        for row in kept
    ] + [[random.choice(pool) for pool in new_pools] for _ in range(fresh_count)]
    random.shuffle(new_rows)
    old, new = table(draw, old_columns, old_rows), table(draw, new_columns, new_rows)
    return draw(st.sampled_from(["quality_findings", "memberships"])), old, new, key


@given(two_versions())
def test_the_changes_are_those_of_comparing_row_by_row(case):
    table, old, new, key = case
    assert row_changes(table, old, new, key) == oracle_row_changes(table, old, new, key)
    assert unique_keys(old, key) == list(_by_key(old, key))


def test_rows_matched_on_their_key_whatever_their_order():
    old = pd.DataFrame(
        {"id": ["a", "b", "c", "d"], "name": ["A", "B", "C", "D"], "position": ["1", "2", "3", "4"]}, dtype=object
    )
    new = pd.DataFrame(
        {"id": ["e", "d", "b", "a"], "name": ["E", "D", "B2", "A"], "position": ["1", "5", "2", "1"]}, dtype=object
    )
    # e added, c removed; d moved only (its position); b's name changed (its position, unchanged, is not listed)
    before = (old.copy(), new.copy())
    assert row_changes("memberships", old, new, ["id"]) == (["e"], ["c"], [("b", [("name", "B", "B2")])], 1)
    pd.testing.assert_frame_equal(old, before[0])  # the tables are left as they were
    pd.testing.assert_frame_equal(new, before[1])


def test_a_missing_value_is_the_empty_text_and_a_key_twice_is_listed_once_with_its_last_row():
    old = pd.DataFrame({"id": ["a", "a", "b"], "name": ["first", "last", np.nan]}, dtype=object)
    new = pd.DataFrame({"id": ["b", "a", "c", "c"], "name": ["", "LAST", None, "x"]}, dtype=object)
    assert row_changes("memberships", old, new, ["id"]) == (["c"], [], [("a", [("name", "last", "LAST")])], 0)
    assert unique_keys(new, ["id"]) == ["b", "a", "c"]


def test_a_finding_is_named_by_what_it_says():
    columns = ["finding", "check_name", "resource", "row_id", "field", "value"]
    old = pd.DataFrame([["f1", "gap", "relations", "MLI/1", "number", np.nan]], columns=columns, dtype=object)
    new = pd.DataFrame([["f2", "gap", "relations", "MLI/2", "number", "7"]], columns=columns, dtype=object)
    assert row_changes("quality_findings", old, new, ["finding"]) == (
        ["gap/relations/MLI/2/number/7"],
        ["gap/relations/MLI/1/number/"],
        [],
        0,
    )


def column_texts(column: pd.DataFrame) -> list[str]:
    return Texts(column)(column.columns[0]).tolist()


def test_values_that_are_not_text_are_compared_as_text():
    column = pd.DataFrame({"a": ["1", 1, np.int64(1), 1.0, None, float("nan"), pd.NA, True, pd.NaT]}, dtype=object)
    assert column_texts(column) == ["1", "1", "1", "1.0", "", "", "", "True", "NaT"]
    assert column_texts(pd.DataFrame({"a": ["x", None, np.nan]}, dtype=str)) == ["x", "", ""]
    assert column_texts(pd.DataFrame({"a": ["x", pd.NaT, None]}, dtype=object)) == ["x", "NaT", ""]
    assert column_texts(pd.DataFrame({"a": ["x", pd.NA, None]}, dtype=object)) == ["x", "", ""]
    assert column_texts(pd.DataFrame({"a": ["x", pd.NA, None]}, dtype="string")) == ["x", "", ""]
