"""Tables made from the tables read: each relation's changes and its history, the dyad-years,
the events' partners, and the state numbers of every country a table names by ISO code."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.clean.ir_codes import with_codes
from pipeline.clean.relation_changes import changes_of
from pipeline.clean.relations import history, read_partner
from pipeline.schema import BY_NAME

Rows = list[dict[str, Any]]


def relation_change_rows(rows: dict[str, Rows]) -> Rows:
    """The history each relations row states, as `relation_changes` rows (pipeline/clean/relation_changes.py)."""
    out = []
    for resource, key in (("diplomatic_relations", "relation_id"), ("bilateral_relations", "bilateral_id")):
        for row in rows[resource]:
            parts = history(row["established_raw"], read_partner(row["partner_raw"]))
            out += changes_of(row, resource, key, parts)
    return out


def derived_rows(rows: dict[str, Rows]) -> dict[str, Rows]:
    """The tables one article's tables give: (none yet)."""
    return {}


def fact_sheet_tables(events: Rows) -> Iterator[tuple[str, Rows]]:
    """(table, rows) of a fact sheet's events: the events and their partners."""
    yield "events", coded("events", events)


def coded(name: str, rows: Rows) -> Rows:
    """`rows` of table `name` with the state numbers its schema declares (pipeline/clean/ir_codes.py)."""
    return with_codes(rows, BY_NAME[name].field_names)
