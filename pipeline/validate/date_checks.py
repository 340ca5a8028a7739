"""Checks on dates: the relations' unknown and unreadable dates, every date column after the
newest date known for its source, the relations' dates before the subject's independence,
numbering against date order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from pipeline.build_time import source_date_epoch
from pipeline.clean.dates import parse_partial_date, says_unknown
from pipeline.schema import BY_NAME, TABLES, Table
from pipeline.schema.formats import PARTIAL_DATE
from pipeline.validate.findings import Finding, finding, row_key
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
        for index in frame.index[frame["established_precision"] == "unknown"]:
            raw = frame.at[index, "established_raw"]
            bound = pd.notna(frame.at[index, "established_qualifier"])  # "before 1975": a bound, read
            if not says_unknown(raw) and not bound:  # "Unknown" in words is an expectation (unknown_date)
                message = f"{frame.at[index, 'partner']}: the parser cannot read the date {raw!r}; it is left empty"
                out.append(
                    finding("unparseable_date", name, row_key(frame, index, name), "established_raw", raw, message)
                )
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
        for column in partial_date_columns(table):
            for index in frame.index[frame[column].notna()]:
                if _restated(frame, index):
                    continue
                where, value = row_key(frame, index, table.name), frame.at[index, column]
                label = _label(frame, index, where)
                if column in INDEPENDENCE_CHECKED.get(table.name, ()):
                    low = lows.get(frame.at[index, "subject_iso3"])
                    out += _before_independence(table.name, where, label, column, value, low)
                out += _after_bound(table.name, where, label, column, value, highs.get(frame.at[index, "source_id"]))
    return out


def checked_date_columns() -> list[tuple[str, str]]:
    """(table, column) of every date `bounded_dates` checks: each table with a source, but the copies."""
    tables = [t for t in TABLES if "source_id" in t.field_names and t.name not in COPIES]
    return [(t.name, c) for t in tables for c in partial_date_columns(t)]


def partial_date_columns(table: Table) -> list[str]:
    """The table's partial-date columns (YYYY, YYYY-MM or YYYY-MM-DD, each with its `_precision`)."""
    return [field.name for field in table.fields if field.pattern == PARTIAL_DATE]


def _restated(frame: pd.DataFrame, index: object) -> bool:
    """A relation change whose relations row has a date column named for the change (established, severed)."""
    if "change" not in frame.columns or "resource" not in frame.columns:
        return False
    resource = BY_NAME.get(str(frame.at[index, "resource"]))
    return resource is not None and str(frame.at[index, "change"]) in partial_date_columns(resource)


def _label(frame: pd.DataFrame, index: object, where: str) -> str:
    """What a finding's message names first: the row's partner (organisation, receiving state, title), else its id."""
    for column in ("partner", "organization", "receiving", "title"):
        if column in frame.columns and pd.notna(frame.at[index, column]):
            return str(frame.at[index, column])
    return where


def _before_independence(
    name: str, where: str, label: str, field: str, value: str, low: dt.date | None
) -> list[Finding]:
    """A date_out_of_range finding when the date's last possible day is before the subject's independence."""
    latest = parse_partial_date(value).latest
    if low is None or latest is None or latest >= low:
        return []
    message = f"{label}: {value} is before {low}, the subject's independence ({WHERE})"
    return [finding("date_out_of_range", name, where, field, value, message)]


def date_order(tables: Tables) -> list[Finding]:
    """Numbered rows dated wholly before the numbered row above them."""
    out = []
    relations = tables["diplomatic_relations"]
    previous = None
    for index in relations.index[relations["row_number"].notna() & relations["established_earliest"].notna()]:
        if _dated_before(relations, index, previous):
            out.append(
                finding(
                    "date_order",
                    "diplomatic_relations",
                    row_key(relations, index, "diplomatic_relations"),
                    "established",
                    relations.at[index, "established"],
                    f"#{relations.at[index, 'row_number']} {relations.at[index, 'partner']} "
                    f"({relations.at[index, 'established']}) "
                    f"is dated before #{relations.at[previous, 'row_number']} {relations.at[previous, 'partner']} "
                    f"({relations.at[previous, 'established']})",
                )
            )
        previous = index
    return out


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
        set(tables["diplomatic_relations"]["subject_iso3"].dropna()) - {s for s, low in lows.items() if low}
    ):
        message = f"{iso3}: no independence date in {WHERE}: its dates are not checked against one"
        notes.append(finding("unchecked_independence", "diplomatic_relations", iso3, "established", None, message))
    if not any(parse_partial_date(v).latest for v in tables["sources"]["retrieved"].dropna()):
        message = "no seed gives a retrieval date: dates are not checked against one"
        notes.append(finding("unchecked_upper_bound", "sources", None, "retrieved", None, message))
    dated = {s for name in RELATIONS for s in tables[name]["source_id"].dropna()}
    for source_id in sorted(s for s in dated if highs.get(s) is None):
        message = (
            f"{source_id}: no `retrieved` or `revision_not_before` in seeds/sources.toml and no "
            "SOURCE_DATE_EPOCH: its dates are not checked for being in the future"
        )
        notes.append(finding("unchecked_upper_bound", "sources", source_id, "retrieved", None, message))
    return lows, highs, notes


def _after_bound(name: str, where: str, partner: str, field: str, value: str, high: Bound | None) -> list[Finding]:
    """A date_out_of_range finding when the date's first possible day is after the bound."""
    earliest = parse_partial_date(value).earliest
    if high is None or earliest is None or earliest <= high.date:
        return []
    message = (
        f"{partner}: {value} is after {high.date} ({high.origin}), the newest date known for the source: "
        "a date in the future; correct it, or give the seed's `retrieved` date in seeds/sources.toml"
    )
    return [finding("date_out_of_range", name, where, field, value, message)]


def _dated_before(relations: pd.DataFrame, index: object, previous: object) -> bool:
    """True when row `index` is dated wholly before row `previous` of the same article."""
    if previous is None or relations.at[index, "source_id"] != relations.at[previous, "source_id"]:
        return False
    return relations.at[index, "established_latest"] < relations.at[previous, "established_earliest"]
