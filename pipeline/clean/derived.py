"""Tables made from the tables read: each relation's changes and its history, the dyad-years,
the events' partners, and the state numbers of every country a table names by ISO code."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.clean.histories import merged_histories
from pipeline.clean.ir_codes import with_codes
from pipeline.clean.relation_changes import changes_of
from pipeline.clean.relation_years import as_of_year, relation_years
from pipeline.clean.relations import row_history
from pipeline.schema import BY_NAME

Rows = list[dict[str, Any]]


def relation_change_rows(rows: dict[str, Rows]) -> Rows:
    """The history each relations row states, as `relation_changes` rows (pipeline/clean/relation_changes.py)."""
    out = []
    for resource, key in (("diplomatic_relations", "relation_id"), ("bilateral_relations", "bilateral_id")):
        for row in rows[resource]:
            out += changes_of(row, resource, key, row_history(row))
    return out


def derived_rows(rows: dict[str, Rows]) -> dict[str, Rows]:
    """The tables one article's tables give: its changes each joined to its relation's one
    history, the histories, the dyad-years, and the events' partners."""
    history, changes = merged_histories(rows["relation_changes"])
    as_of = as_of_year(rows["sources"][0]) if rows["sources"] else None
    return {
        "relation_changes": changes,
        "relation_history": history,
        "relation_years": relation_years(history, as_of),
        "event_partners": event_partner_rows(rows["events"]),
    }


def event_partner_rows(events: Rows) -> Rows:
    """One row per partner code of each event (`partners_iso3`, space-separated), in its order."""
    return [
        {"event_id": event["event_id"], "position": position, "partner_iso3": iso3}
        for event in events
        for position, iso3 in enumerate((event["partners_iso3"] or "").split(), start=1)
    ]


def fact_sheet_tables(events: Rows) -> Iterator[tuple[str, Rows]]:
    """(table, rows) of a fact sheet's events: the events and their partners."""
    yield "events", coded("events", events)
    yield "event_partners", coded("event_partners", event_partner_rows(events))


def coded(name: str, rows: Rows) -> Rows:
    """`rows` of table `name` with the state numbers its schema declares (pipeline/clean/ir_codes.py)."""
    return with_codes(rows, BY_NAME[name].field_names)
