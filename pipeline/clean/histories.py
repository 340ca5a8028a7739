"""One history per relation: the changes two tables (or two rows) of one article state about
the same partner, merged.

The list table and the bilateral table of an article often state the same change: Ukraine's
severance is undated beside the partner's name in one and dated 4 August 2024 in the other.
Each `relation_changes` row is matched, in the order the tables give them, to the first change
of its partner's history that has the same kind, comes from another relation row, and whose
date can be the same day (an undated change can be any day; two dates whose bounds overlap
can be the same day): then it is that change, stated again, and the history keeps the more
precise date. A change that matches none is a change of its own. Each `relation_changes` row
names the history change it states (`history_change_id`), so both statements, their rows
and those rows' citations stay joined to it; a change two rows date differently is a
`history_conflict` finding (pipeline/validate/).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.clean.ids import article_of

Row = dict[str, Any]
_PRECISE = {"day": 3, "month": 2, "year": 1, "unknown": 0}
_COPIED = ("subject", "subject_iso3", "partner", "partner_iso3", "change", "source_id")
_DATED = ("date", "date_precision", "date_qualifier", "date_earliest", "date_latest")


def history_key(row_id: str) -> str:
    """The history a relation row belongs to: its article and partner ("MLI/history/UKR" for
    "MLI/relation/UKR", "MLI/relation/UKR-2" and "MLI/bilateral/UKR")."""
    partner = row_id.rsplit("/", 1)[1]
    base, _, repeat = partner.rpartition("-")
    return f"{article_of(row_id)}/history/{base if base and repeat.isdecimal() else partner}"


def merged_histories(changes: list[Row]) -> tuple[list[Row], list[Row]]:
    """(`relation_history` rows, `relation_changes` rows each with its `history_change_id`)."""
    histories: dict[str, list[Row]] = {}
    linked = []
    for change in changes:
        entries = histories.setdefault(history_key(change["row_id"]), [])
        entry = next((e for e in entries if _same_change(e, change)), None)
        if entry is None:
            entry = {**{k: change[k] for k in (*_COPIED, *_DATED)}, "rows": set(), "statements": 0}
            entries.append(entry)
        elif _PRECISE[change["date_precision"]] > _PRECISE[entry["date_precision"]]:
            entry |= {k: change[k] for k in _DATED}
        entry["rows"].add(change["row_id"])
        entry["statements"] += 1
        linked.append((change, entry))
    ids = {id(e): f"{key}/{n}" for key, entries in histories.items() for n, e in enumerate(_ordered(entries), 1)}
    history = [
        _history_row(key, n, e) for key, entries in histories.items() for n, e in enumerate(_ordered(entries), 1)
    ]
    return history, [change | {"history_change_id": ids[id(entry)]} for change, entry in linked]


def _same_change(entry: Row, change: Row) -> bool:
    """Whether `change` states the history's `entry` again: same kind, another row, a date that
    can be the same day."""
    return (
        entry["change"] == change["change"]
        and change["row_id"] not in entry["rows"]
        and _overlap(entry["date_earliest"], entry["date_latest"], change["date_earliest"], change["date_latest"])
    )


def _overlap(a_low: Any, a_high: Any, b_low: Any, b_high: Any) -> bool:
    """Whether two date ranges (None: open at that end) share a day."""
    low = max((d for d in (a_low, b_low) if d is not None), default=None)
    high = min((d for d in (a_high, b_high) if d is not None), default=None)
    return low is None or high is None or low <= high


def _ordered(entries: list[Row]) -> list[Row]:
    """The establishment first, then the dated changes by their first possible day, then the
    undated ones in the order the tables state them."""
    last = dt.date.max
    return sorted(entries, key=lambda e: (e["change"] != "established", e["date_earliest"] or last))


def _history_row(key: str, sequence: int, entry: Row) -> Row:
    return {
        "history_change_id": f"{key}/{sequence}",
        "history_id": key,
        **{k: entry[k] for k in _COPIED[:4]},
        "sequence": sequence,
        **{k: entry[k] for k in ("change", *_DATED)},
        "statements": entry["statements"],
        "source_id": entry["source_id"],
    }
