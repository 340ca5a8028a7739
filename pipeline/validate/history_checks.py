"""Checks of each relation's one history: two relation rows that date the same change on days
that cannot be the same (pipeline/clean/histories.py keeps both, as changes of their own)."""

from __future__ import annotations

from itertools import combinations
from typing import NamedTuple

import pandas as pd

from pipeline.columns import values
from pipeline.validate.findings import Finding, finding

COLUMNS = ("history_change_id", "row_id", "partner", "change", "date")


class Change(NamedTuple):
    """What the check reads of one `relation_changes` row."""

    history_change_id: str
    row_id: str
    partner: str
    change: str
    date: str


def history_findings(tables: dict[str, pd.DataFrame]) -> list[Finding]:
    """One `history_conflict` per pair of changes of one kind but the establishment, in one
    history, from two relation rows, both dated, that the merge left apart and neither row
    states in the other's way. One pass over the table groups the changes."""
    changes = tables["relation_changes"]
    if changes.empty:
        return []
    rows_of: dict[object, set[object]] = {}
    groups: dict[tuple[str, str], list[Change]] = {}
    for row in zip(*(values(changes[c]) for c in COLUMNS), strict=True):
        change = Change(*row)
        rows_of.setdefault(change.history_change_id, set()).add(change.row_id)
        if _dated_change(change):
            history_id = change.history_change_id.rsplit("/", 1)[0]
            groups.setdefault((history_id, change.change), []).append(change)
    out = []
    for key in sorted(groups):
        for a, b in combinations(groups[key], 2):
            apart = a.history_change_id != b.history_change_id and a.row_id != b.row_id
            if apart and a.row_id not in rows_of[b.history_change_id] and b.row_id not in rows_of[a.history_change_id]:
                out.append(_conflict(a, b))
    return out


def _dated_change(change: Change) -> bool:
    """A dated change of a history but its establishment (an establishment two tables date
    differently is a `tables_disagree` finding already)."""
    kind, history_change_id = change.change, change.history_change_id
    return (
        pd.notna(change.date) and isinstance(kind, str) and kind != "established" and isinstance(history_change_id, str)
    )


def _conflict(a: Change, b: Change) -> Finding:
    message = (
        f"{b.partner}: {a.row_id} says {a.change} {a.date}, {b.row_id} says {b.change} {b.date}; "
        "both are kept in relation_history"
    )
    return finding("history_conflict", "relation_history", b.history_change_id, "date", b.date, message)
