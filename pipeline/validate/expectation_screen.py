"""Which expectations of a suite could fail on a table, decided by pandas before Great
Expectations is asked.

Great Expectations spends about 4 ms of bookkeeping per expectation (configurations copied,
metric graphs built) whatever the table's size, and a build of the seeds passes ~300 of them:
most of its second. A build without Data Docs therefore gives it only the expectations this
screen cannot clear; Great Expectations still decides each of those, and so every finding. The
screen applies the condition Great Expectations' pandas engine applies (the same pandas calls
on the same values, nulls left out where it leaves them out), and where it is not sure (a
kind it does not know, a column missing, a value of another type, an error) it says "could
fail": it may send an expectation that passes, never clear one that fails. With Data Docs
every expectation runs, for the report (`tests/unit/validate/test_expectation_screen.py` checks both ways
give the same findings).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

Arguments = dict[str, Any]
_SCREENED = {"column", "column_list", "value_set", "regex", "min_value", "max_value"}


def could_fail(frame: pd.DataFrame, kind: str, arguments: Arguments) -> bool:
    """Whether the expectation `kind` (a Great Expectations class name) with `arguments` could
    fail on `frame` (as Great Expectations is given it: object columns, None for nulls)."""
    screen = _SCREENS.get(kind)
    columns = arguments.get("column_list") or [arguments.get("column")]
    if screen is None or set(arguments) - _SCREENED or any(column not in frame.columns for column in columns):
        return True  # a kind or an argument (mostly, row_condition, strict bounds...) not screened
    try:
        return bool(screen(frame, arguments))
    except Exception:  # noqa: BLE001 - not sure: let Great Expectations decide (and report it)
        return True


def _values(frame: pd.DataFrame, arguments: Arguments) -> pd.Series:
    """The column's values that are not null: what a column map expectation looks at."""
    column = frame[arguments["column"]]
    return column[column.notnull()]


def _outside_bounds(frame: pd.DataFrame, arguments: Arguments) -> bool:
    """A value below `min_value` (or above `max_value`), or one that is not a number (a bool, a
    numpy scalar, text: not screened). Whole-column comparisons of the Python values, exact as
    the comparison of each value with the bound (no conversion to float)."""
    low, high = arguments.get("min_value"), arguments.get("max_value")
    values = _values(frame, arguments).astype(object)
    if not values.map(type, na_action=None).isin(_NUMBERS).all():
        return True
    return bool((low is not None and not (values >= low).all()) or (high is not None and not (values <= high).all()))


_NUMBERS = (int, float)  # exactly these types (a bool is an int subclass, not a number here)


_SCREENS: dict[str, Callable[[pd.DataFrame, Arguments], bool]] = {
    "ExpectColumnValuesToNotBeNull": lambda frame, a: frame[a["column"]].isnull().any(),
    "ExpectColumnValuesToBeUnique": lambda frame, a: _values(frame, a).duplicated(keep=False).any(),
    "ExpectColumnValuesToBeInSet": lambda frame, a: (~_values(frame, a).isin(a["value_set"])).any(),
    "ExpectColumnValuesToMatchRegex": lambda frame, a: (
        ~_values(frame, a).astype(str).str.contains(a["regex"])
    ).any(),
    "ExpectColumnValuesToNotMatchRegex": lambda frame, a: _values(frame, a).astype(str).str.contains(a["regex"]).any(),
    "ExpectColumnValuesToBeBetween": _outside_bounds,
    # any repeated combination, rows of nulls included (Great Expectations may skip those)
    "ExpectCompoundColumnsToBeUnique": lambda frame, a: frame[a["column_list"]].duplicated(keep=False).any(),
}
