"""The state relations were established with, where the partner of today is its successor.

Mali's relations with Russia date from 14 October 1960, when Russia was part of the Soviet
Union: the partner is Russia, the relations were established with the Soviet Union. The table
of successor states (successor_states.csv beside this module, each row citing its source) gives each
successor's formation date and its predecessor; a predecessor that is itself a successor
(Serbia <- Serbia and Montenegro <- Yugoslavia) is followed back while the date is earlier
than the state's formation.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from pipeline.clean.countries import without_article

# Shipped inside the package (package data), read wherever the package is installed.
SUCCESSOR_STATES = resources.files(__package__) / "successor_states.csv"


@dataclass(frozen=True)
class Successor:
    """One row of the successor table: a state, when it was formed, and what it succeeded."""

    iso3: str
    formed: dt.date
    predecessor: str
    predecessor_iso3: str | None


@cache
def successor_rows() -> dict[str, dict[str, str]]:
    """The rows of the successor table as written (iso3, state, formed, predecessor,
    predecessor_iso3, source), by ISO code."""
    with SUCCESSOR_STATES.open(encoding="utf-8", newline="") as handle:
        return {row["iso3"]: row for row in csv.DictReader(handle)}


@cache
def successor_table() -> dict[str, Successor]:
    """The successor table by ISO code."""
    return {
        iso3: Successor(iso3, dt.date.fromisoformat(row["formed"]), row["predecessor"], row["predecessor_iso3"] or None)
        for iso3, row in successor_rows().items()
    }


def established_with(iso3: str | None, latest: dt.date | None) -> tuple[str | None, str | None]:
    """(name, code) of the state relations dated up to `latest` were established with, when
    the partner `iso3` was formed after that date; (None, None) otherwise."""
    table, found, seen = successor_table(), (None, None), set()
    state = table.get(iso3 or "")
    while state is not None and latest is not None and latest < state.formed and state.iso3 not in seen:
        seen.add(state.iso3)
        found = (without_article(state.predecessor), state.predecessor_iso3)
        state = table.get(state.predecessor_iso3 or "")
    return found


def with_predecessors(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Relations rows with `established_with` and `established_with_iso3` beside the partner."""
    out = []
    for row in rows:
        name, code = established_with(row["partner_iso3"], row["established_latest"])
        out.append({**row, "established_with": name, "established_with_iso3": code})
    return out
