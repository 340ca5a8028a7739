"""Checks of each relation's one history: two relation rows that date the same change on days
that cannot be the same (pipeline/clean/histories.py keeps both, as changes of their own)."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from pipeline.validate.findings import Finding, finding


def history_findings(tables: dict[str, pd.DataFrame]) -> list[Finding]:
    """One `history_conflict` per pair of changes of one kind but the establishment, in one
    history, from two relation rows, both dated, that the merge left apart and neither row
    states in the other's way."""
    changes = tables["relation_changes"]
    if changes.empty:
        return []
    # an establishment two tables date differently is a `tables_disagree` finding already
    dated = changes[changes["date"].notna() & (changes["change"] != "established")]
    frame = dated.assign(history_id=dated["history_change_id"].str.rsplit("/", n=1).str[0])
    rows_of = changes.groupby("history_change_id")["row_id"].agg(set).to_dict()
    out = []
    for _, group in frame.groupby(["history_id", "change"], sort=True):
        for (_, a), (_, b) in combinations(group.iterrows(), 2):
            apart = a["history_change_id"] != b["history_change_id"] and a["row_id"] != b["row_id"]
            if (
                apart
                and a["row_id"] not in rows_of[b["history_change_id"]]
                and b["row_id"] not in rows_of[a["history_change_id"]]
            ):
                out.append(_conflict(a, b))
    return out


def _conflict(a: pd.Series, b: pd.Series) -> Finding:
    message = (
        f"{b['partner']}: {a['row_id']} says {a['change']} {a['date']}, {b['row_id']} says {b['change']} {b['date']}; "
        "both are kept in relation_history"
    )
    return finding("history_conflict", "relation_history", b["history_change_id"], "date", b["date"], message)
