"""Dyad-years: one row per subject, partner and year of a relation, from its establishment to
its source's as-of year, with the status its history gives that year (the rules in words are
the `relation_years` table's, pipeline/schema/derived.py)."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Any

from pipeline.clean.ir_codes import code_fields
from pipeline.clean.relation_changes import STATE_AFTER
from pipeline.clean.successors import established_with

Row = dict[str, Any]
UNKNOWN = "unknown"


def as_of_year(source: Row) -> int | None:
    """The year a source is as of: its revision's, else its retrieval's, else the earliest its
    revision can be; None when none is known."""
    for column in ("revision_timestamp", "retrieved", "revision_not_before"):
        if source.get(column):
            return int(str(source[column])[:4])
    return None


def relation_years(history: list[Row], as_of: int | None) -> list[Row]:
    """The dyad-years of every relation of `history` (relation_history rows, grouped by relation)."""
    if as_of is None:
        return []
    out = []
    for _, changes in groupby(history, key=lambda row: row["history_id"]):
        out += _years(list(changes), as_of)
    return out


def _years(changes: list[Row], as_of: int) -> list[Row]:
    established = next((c for c in changes if c["change"] == "established" and c["date"]), None)
    if established is None:
        return []
    first = changes[0]
    return [
        {
            "relation_year_id": f"{first['history_id']}/{year}",
            "history_id": first["history_id"],
            **{k: first[k] for k in ("subject", "subject_iso3", "partner", "partner_iso3")},
            **_state_fields(first, year),
            "year": year,
            "status": status_in(changes, year, as_of),
            "source_id": first["source_id"],
        }
        for year in range(int(established["date"][:4]), as_of + 1)
    ]


def status_in(changes: list[Row], year: int, as_of: int) -> str:
    """The state at the end of `year`: after the last change dated by then; `unknown` in the
    years an undated change may or may not have happened by; the as-of year, after all changes."""
    end = dt.date(year, 12, 31)
    dated = [c for c in changes if c["date_latest"] is not None and c["date"] is not None]
    undated = [c for c in changes if c["date"] is None and c["change"] != "established"]
    if year >= as_of:
        return STATE_AFTER[changes[-1]["change"]]
    done = [c for c in dated if c["date_latest"] <= end]
    if not done:
        return UNKNOWN
    if undated and year > max(c["date_latest"] for c in dated).year:
        return UNKNOWN
    return STATE_AFTER[max(done, key=lambda c: c["date_latest"])["change"]]


def _state_fields(row: Row, year: int) -> Row:
    """The partner's state in `year` (its predecessor before it was formed) and its numbers, and
    the subject's numbers that year."""
    name, code = established_with(row["partner_iso3"], dt.date(year, 12, 31))
    state = {"partner_iso3": code, "partner": name} if name else row
    return {
        **code_fields("subject", row, year),
        "partner_state_iso3": state["partner_iso3"],
        **code_fields("partner", state, year),
    }
