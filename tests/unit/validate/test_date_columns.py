"""Every date column gets the same range checks: a change dated 2999 in `relation_changes`
("Severed in 4 August 2999") is an error as an `established` of 2999 is; the columns come from
the schema (its partial-date fields), so a new one cannot be left out."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipeline.schema import TABLES
from pipeline.validate.date_checks import Bound, bounded_dates, checked_date_columns, partial_date_columns
from tests.helpers.articles import date_findings_for

FUTURE = "a date in the future; correct it, or give the seed's `retrieved` date in seeds/sources.toml"


def test_a_severance_in_2999_in_the_relations_list_is_out_of_range(tmp_path, monkeypatch):
    """The list has no `severed` column: the change lives in relation_changes only, and is checked there."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    listing = [("1", "Ukraine", "{{dts|5 November 1992}} (severed 2999)")]
    found = date_findings_for(tmp_path, listing, retrieved="2025-05-02")
    assert found == [
        (
            "date_out_of_range",
            "error",
            "relation_changes",
            "MLI/relation/UKR/change/2",
            "date",
            "2999",
            f"Ukraine: 2999 is after 2025-05-02 (retrieved 2025-05-02), the newest date known for the source: {FUTURE}",
        )
    ]


def test_a_severance_before_independence_is_out_of_range(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    listing = [("1", "Ukraine", "{{dts|5 November 1992}} (severed 1950)")]
    found = date_findings_for(tmp_path, listing, retrieved="2025-05-02")
    assert found == [
        (
            "date_out_of_range",
            "error",
            "relation_changes",
            "MLI/relation/UKR/change/2",
            "date",
            "1950",
            "Ukraine: 1950 is before 1960-06-20, the subject's independence (pipeline/validate/independence.csv)",
        )
    ]


def test_a_date_the_relations_row_carries_is_reported_once_not_again_as_its_change(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    found = date_findings_for(
        tmp_path,
        [("1", "Ukraine (severed)", "{{dts|2999}}")],
        [("Ukraine", "5 November 1992 Diplomatic Severed in 4 August 2999", "Both.")],
        retrieved="2025-05-02",
    )
    assert [(f[2], f[3], f[4], f[5]) for f in found] == [
        ("diplomatic_relations", "MLI/relation/UKR", "established", "2999"),
        ("bilateral_relations", "MLI/bilateral/UKR", "severed", "2999-08-04"),
    ]


# Every partial-date column of a table whose rows come from a source, as the schema declares them.
DATE_COLUMNS = [
    ("sources", "retrieved"),  # the bound is the newest of these: never after it in a real build
    ("sources", "revision_not_before"),
    ("sources", "content_date"),
    ("diplomatic_relations", "established"),
    ("bilateral_relations", "established"),
    ("bilateral_relations", "severed"),
    ("relation_changes", "date"),
    ("memberships", "since"),
    ("memberships", "until"),
    ("missions", "since"),
    ("missions", "as_of"),
    ("mission_statements", "since"),
    ("mission_statements", "as_of"),
    ("events", "date"),
    ("article_references", "date"),
    ("article_references", "access_date"),
]


def test_the_date_columns_are_the_schemas():
    from_schema = [(t.name, c) for t in TABLES if "source_id" in t.field_names for c in partial_date_columns(t)]
    assert checked_date_columns() == DATE_COLUMNS
    assert sorted(set(from_schema) - set(DATE_COLUMNS)) == [("relation_history", "date")]  # a copy of relation_changes.date


def one_row_per_date_column() -> dict[str, pd.DataFrame]:
    """For each table, one row per date column, dated 2999 in that column only (with its first and
    last day where the table has columns for them)."""
    tables = {}
    for table in TABLES:
        columns = [c for name, c in DATE_COLUMNS if name == table.name]
        rows = []
        for number, column in enumerate(columns):
            row = dict.fromkeys(table.field_names)
            row |= {key: f"{table.name}-{number}" for key in table.primary_key}
            row |= {"source_id": "s", "subject_iso3": "MLI", column: "2999"}
            if f"{column}_earliest" in table.field_names:  # the days clean gives the date, which the check reads
                row |= {f"{column}_earliest": dt.date(2999, 1, 1), f"{column}_latest": dt.date(2999, 12, 31)}
            if table.name == "relation_changes":  # a change the list's rows have no column for
                row |= {"resource": "diplomatic_relations", "change": "severed"}
            rows.append(row)
        tables[table.name] = pd.DataFrame(rows, columns=table.field_names, dtype="object")
    return tables


def test_every_date_column_is_checked_against_the_sources_bound():
    highs = {"s": Bound(dt.date(2025, 5, 2), "retrieved 2025-05-02")}
    found = bounded_dates(one_row_per_date_column(), {"MLI": dt.date(1960, 6, 20)}, highs)
    assert [(f.resource, f.field, f.value, f.check) for f in found] == [
        (name, column, "2999", "date_out_of_range") for name, column in DATE_COLUMNS
    ]
