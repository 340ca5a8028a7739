"""Checks on dates: the relations' unknown and unreadable dates, every date column after the
newest date known for its source, the relations' dates before the subject's independence,
numbering against date order.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from pipeline.build_time import source_date_epoch
from pipeline.clean.dates import UNKNOWN, parse_partial_date, says_unknown
from pipeline.columns import distinct, values
from pipeline.schema import TABLES, Table
from pipeline.schema.formats import PARTIAL_DATE
from pipeline.validate.findings import Cells, Finding, finding, positions
from pipeline.validate.independence import WHERE, independence_dates

Tables = dict[str, pd.DataFrame]
RELATIONS = ("diplomatic_relations", "bilateral_relations")
# The dates of the relations themselves, which cannot come before the subject existed.
INDEPENDENCE_CHECKED = {
    "diplomatic_relations": ("established",),
    "bilateral_relations": ("established", "severed"),
    "relation_changes": ("date",),
}
# Tables whose dates are copies of another table's, checked there once (each history change
# carries the date of the relation_changes statements it joins).
COPIES = {"relation_history": "relation_changes"}


def date_findings(tables: Tables) -> list[Finding]:
    """Every check of this module: notes on what cannot be checked, then the dates."""
    lows, highs, notes = date_bounds(tables)
    return [*notes, *dates(tables, lows, highs), *date_order(tables)]


def dates(tables: Tables, lows: dict[str, dt.date | None], highs: dict[str, Bound | None]) -> list[Finding]:
    """Unknown and unreadable relation dates, then every date out of range (`bounded_dates`)."""
    out = []
    for name in RELATIONS:
        frame = tables[name]
        cells = Cells(frame, name)
        for position in positions(frame["established_precision"] == "unknown"):
            raw = cells(position, "established_raw")
            bound = pd.notna(cells(position, "established_qualifier"))  # "before 1975": a bound, read
            if not says_unknown(raw) and not bound:  # "Unknown" in words is an expectation (unknown_date)
                message = f"{cells(position, 'partner')}: the parser cannot read the date {raw!r}; it is left empty"
                out.append(finding("unparseable_date", name, cells.key(position), "established_raw", raw, message))
    return out + bounded_dates(tables, lows, highs)


def bounded_dates(tables: Tables, lows: dict[str, dt.date | None], highs: dict[str, Bound | None]) -> list[Finding]:
    """Every partial date of every table with a source (the schema's fields of pattern
    PARTIAL_DATE, so no date column is left out) after its source's upper bound; the relations'
    own dates (INDEPENDENCE_CHECKED) also before the subject's independence. A relation change
    that restates a date column of its relations row (its establishment) is checked there, once."""
    out = []
    for table in TABLES:
        frame = tables.get(table.name)
        if frame is None or "source_id" not in frame.columns or table.name in COPIES:
            continue
        restated, cells = _restated(frame), Cells(frame, table.name)
        for column in partial_date_columns(table):
            out += _out_of_range(cells, column, restated, lows, highs)
    return out


def _out_of_range(
    cells: Cells,
    column: str,
    restated: list[bool],
    lows: dict[str, dt.date | None],
    highs: dict[str, Bound | None],
) -> list[Finding]:
    """One date column's findings, row by row: one pass over the column, its first and last
    days (`day_bounds`), the subject and the source; a row's key and label read only for a finding."""
    frame, name = cells.frame, cells.table
    checked = column in INDEPENDENCE_CHECKED.get(name, ())
    subjects = cells.column("subject_iso3") if checked else [None] * len(frame)
    earliest, latest = (values(days) if isinstance(days, pd.Series) else days for days in day_bounds(frame, column))
    source_ids = cells.column("source_id")
    out = []
    for position in _candidates(earliest, latest, lows if checked else {}, highs):
        first, last, skip = earliest[position], latest[position], restated[position]
        subject, source_id = subjects[position], source_ids[position]
        low, high = lows.get(subject) if checked else None, highs.get(source_id)
        early = low is not None and isinstance(last, dt.date) and last < low
        late = high is not None and isinstance(first, dt.date) and first > high.date
        if (early or late) and not skip and pd.notna(value := cells(position, column)):
            where = cells.key(position)
            label = _label(cells, position, where)
            if early:
                message = f"{label}: {value} is before {low}, the subject's independence ({WHERE})"
                out.append(finding("date_out_of_range", name, where, column, value, message))
            if late:
                out.append(_after_bound(name, where, label, column, value, high))
    return out


def _candidates(
    earliest: Sequence[object],
    latest: Sequence[object],
    lows: dict[str, dt.date | None],
    highs: dict[str, Bound | None],
) -> Sequence[int]:
    """The positions of the rows that may be out of range: a first day after the earliest upper
    bound of any source, or a last day before the latest independence of any subject (`lows`
    empty: none checked); compared a column at once, a missing day never a candidate. Every row
    when the days cannot be compared so."""
    newest = max((low for low in lows.values() if low is not None), default=None)
    oldest = min((high.date for high in highs.values() if high is not None), default=None)
    try:
        late = _compared(earliest, operator.gt, oldest)
        return np.flatnonzero(late | _compared(latest, operator.lt, newest))
    except TypeError:  # a day that is not a date: row by row
        return range(len(earliest))


def _compared(days: Sequence[object], compare: Callable[[Any, Any], Any], bound: dt.date | None) -> np.ndarray:
    """`compare(day, bound)` for each day, as booleans (a missing day, or no bound: false)."""
    if bound is None:
        return np.zeros(len(days), dtype=bool)
    return compare(pd.Series(days, dtype=object), bound).to_numpy(dtype=bool)


def day_bounds(frame: pd.DataFrame, column: str) -> tuple[Sequence[object], Sequence[object]]:
    """The first and last day each date of `column` can mean: its `_earliest` and `_latest`
    columns as clean made them; for a date the schema gives no such columns (a severance, a
    mission's dates), the days its ISO value spans."""
    if f"{column}_earliest" in frame.columns:
        return frame[f"{column}_earliest"], frame[f"{column}_latest"]
    spans = {value: parse_partial_date(value) for value in frame[column].dropna().unique()}
    dates = [spans[value] if isinstance(value, str) else UNKNOWN for value in values(frame[column])]
    return [date.earliest for date in dates], [date.latest for date in dates]


def checked_date_columns() -> list[tuple[str, str]]:
    """(table, column) of every date `bounded_dates` checks: each table with a source, but the copies."""
    tables = [t for t in TABLES if "source_id" in t.field_names and t.name not in COPIES]
    return [(t.name, c) for t in tables for c in partial_date_columns(t)]


def partial_date_columns(table: Table) -> list[str]:
    """The table's partial-date columns (YYYY, YYYY-MM or YYYY-MM-DD, each with its `_precision`)."""
    return [field.name for field in table.fields if field.pattern == PARTIAL_DATE]


def _restated(frame: pd.DataFrame) -> list[bool]:
    """Per row: a relation change whose relations row has a date column named for the change
    (established, severed)."""
    if "change" not in frame.columns or "resource" not in frame.columns:
        return [False] * len(frame)
    named = {table.name: partial_date_columns(table) for table in TABLES}
    pairs = zip(values(frame["resource"]), values(frame["change"]), strict=True)
    return [str(change) in named.get(str(resource), ()) for resource, change in pairs]


def _label(cells: Cells, position: int, where: str) -> str:
    """What a finding's message names first: the row's partner (organisation, receiving state, title), else its id."""
    for column in ("partner", "organization", "receiving", "title"):
        if column in cells.frame.columns and pd.notna(cells(position, column)):
            return str(cells(position, column))
    return where


def date_order(tables: Tables) -> list[Finding]:
    """Numbered rows dated wholly before the numbered row above them (in one pass over the
    numbered, dated rows: each against the one before it, in the same article)."""
    out = []
    relations = tables["diplomatic_relations"]
    cells = Cells(relations, "diplomatic_relations")
    columns = [cells.column(c) for c in ("source_id", "established_earliest", "established_latest")]
    previous: tuple[int, object, object] | None = None
    for position in positions(relations["row_number"].notna() & relations["established_earliest"].notna()):
        source_id, earliest, latest = (column[position] for column in columns)
        if previous is not None and source_id == previous[1] and latest < previous[2]:
            out.append(_order_finding(cells, position, previous[0]))
        previous = (position, source_id, earliest)
    return out


def _order_finding(cells: Cells, position: int, previous: int) -> Finding:
    """A date_order finding: row `position` dated before row `previous`, the numbered row above it."""
    return finding(
        "date_order",
        "diplomatic_relations",
        cells.key(position),
        "established",
        cells(position, "established"),
        f"#{cells(position, 'row_number')} {cells(position, 'partner')} ({cells(position, 'established')}) "
        f"is dated before #{cells(previous, 'row_number')} {cells(previous, 'partner')} "
        f"({cells(previous, 'established')})",
    )


@dataclass(frozen=True)
class Bound:
    """The newest date a source's rows may carry, and where that date comes from."""

    date: dt.date
    origin: str


def upper_bounds(sources: pd.DataFrame) -> dict[str, Bound | None]:
    """Per source: the newest of its `retrieved`, its `revision_not_before` (the last day of a
    YYYY or YYYY-MM: a date in that month is not in the future) and the build's SOURCE_DATE_EPOCH.
    None when none is known: the source's dates are then not checked against a bound. Another
    document's dates say nothing about this one, and the wall clock would make the findings
    depend on the day of the build."""
    epoch = source_date_epoch()
    out = {}
    for row in sources.astype(object).where(sources.notna(), None).to_dict("records"):
        known = [
            Bound(latest, f"{column} {row[column]}")
            for column in ("retrieved", "revision_not_before")
            if row[column] and (latest := parse_partial_date(row[column]).latest)
        ]
        if epoch is not None:
            known.append(Bound(epoch.date(), f"SOURCE_DATE_EPOCH {epoch.date()}"))
        out[row["source_id"]] = max(known, key=lambda bound: bound.date, default=None)
    return out


def date_bounds(tables: Tables) -> tuple[dict[str, dt.date | None], dict[str, Bound | None], list[Finding]]:
    """Per subject its independence (pipeline/validate/independence.csv), per source its upper
    bound, and notes on what cannot be checked."""
    lows = independence_dates()
    highs = upper_bounds(tables["sources"])
    notes = []
    for iso3 in sorted(
        distinct(tables["diplomatic_relations"]["subject_iso3"]) - {s for s, low in lows.items() if low}
    ):
        message = f"{iso3}: no independence date in {WHERE}: its dates are not checked against one"
        notes.append(finding("unchecked_independence", "diplomatic_relations", iso3, "established", None, message))
    if not any(parse_partial_date(v).latest for v in tables["sources"]["retrieved"].dropna()):
        message = "no seed gives a retrieval date: dates are not checked against one"
        notes.append(finding("unchecked_upper_bound", "sources", None, "retrieved", None, message))
    dated = {s for name in RELATIONS for s in distinct(tables[name]["source_id"])}
    for source_id in sorted(s for s in dated if highs.get(s) is None):
        message = (
            f"{source_id}: no `retrieved` or `revision_not_before` in seeds/sources.toml and no "
            "SOURCE_DATE_EPOCH: its dates are not checked for being in the future"
        )
        notes.append(finding("unchecked_upper_bound", "sources", source_id, "retrieved", None, message))
    return lows, highs, notes


def _after_bound(name: str, where: str, partner: str, field: str, value: str, high: Bound) -> Finding:
    """The date_out_of_range finding of a date whose first possible day is after the bound."""
    message = (
        f"{partner}: {value} is after {high.date} ({high.origin}), the newest date known for the source: "
        "a date in the future; correct it, or give the seed's `retrieved` date in seeds/sources.toml"
    )
    return finding("date_out_of_range", name, where, field, value, message)
