"""The checks that read their tables in one pass (issue 28, "every check linear"): small tables
made by hand, and the exact findings worked out from them."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipeline.validate.date_checks import Bound, bounded_dates, date_order
from pipeline.validate.findings import Cells, positions
from pipeline.validate.mission_checks import mission_findings


def frame(rows: list[dict[str, object]], dtype: str | None = "string") -> pd.DataFrame:
    return pd.DataFrame(rows, dtype=dtype)


def test_cells_read_a_column_once_by_position_and_keep_missing_values():
    table = frame([{"mission_id": "A/mission/1", "city": None}, {"mission_id": "A/mission/2", "city": "Bamako"}])
    cells = Cells(table, "missions")
    assert (cells.key(1), cells(1, "city"), cells(0, "city") is pd.NA) == ("A/mission/2", "Bamako", True)
    assert list(cells.columns) == ["mission_id", "city"]  # each column read once, when first asked for
    assert list(positions(pd.Series([True, None, False, True], dtype="boolean"))) == [0, 3]


def test_a_mission_standing_and_ended_is_one_finding_naming_the_first_statement_of_each():
    missions = frame(
        [
            {"mission_id": "M/1", "sending": "France", "kind": "embassy", "city": "Bamako", "tense": "present"},
            {"mission_id": "M/2", "sending": "Ghana", "kind": "consulate", "city": None, "tense": "past"},
            {"mission_id": "M/3", "sending": "Japan", "kind": "embassy", "city": None, "tense": "present"},
        ]
    )
    statements = frame(
        [
            {"mission_id": "M/2", "tense": "past", "change": "seized", "statement": "Ghana's consulate was seized."},
            {"mission_id": "M/1", "tense": "present", "change": "closed", "statement": "France has closed it."},
            {"mission_id": "M/2", "tense": None, "change": None, "statement": "Ghana has a consulate."},
            {"mission_id": "M/1", "tense": "present", "change": None, "statement": "France is in Bamako."},
            {"mission_id": "M/1", "tense": "present", "change": None, "statement": "France is there."},
            {"mission_id": "M/1", "tense": "past", "change": "seized", "statement": "It was seized."},
            {"mission_id": "M/3", "tense": "present", "change": None, "statement": "Japan is there."},
            {"mission_id": "M/2", "tense": "present", "change": None, "statement": "Ghana is in Kayes."},
        ]
    )
    found = mission_findings({"missions": missions, "mission_statements": statements})
    # M/1: first standing "France is in Bamako.", first ended "France has closed it." (closed);
    # M/2: seized, and standing only in the last statement; M/3: never ended, no finding.
    assert [(f.check, f.resource, f.row_key, f.field, f.value, f.message) for f in found] == [
        (
            "mission_open_and_closed",
            "missions",
            "M/1",
            "tense",
            "present",
            "France's embassy (Bamako): 'France is in Bamako.' states it as standing, "
            "'France has closed it.' as closed; both are kept",
        ),
        (
            "mission_open_and_closed",
            "missions",
            "M/2",
            "tense",
            "past",
            "Ghana's consulate (no city): 'Ghana is in Kayes.' states it as standing, "
            '"Ghana\'s consulate was seized." as seized; both are kept',
        ),
    ]


def test_date_order_compares_each_numbered_row_with_the_one_above_in_its_article():
    day = dt.date.fromisoformat
    rows = [  # (id, source, number, established, earliest, latest)
        ("A/relation/FRA", "a", 1, "1962", day("1962-01-01"), day("1962-12-31")),
        ("A/relation/GHA", "a", 2, "1962-05", day("1962-05-01"), day("1962-05-31")),  # within 1962: no finding
        ("A/relation/MAR", "a", 3, "1961", day("1961-01-01"), day("1961-12-31")),  # before May 1962
        ("A/relation/SEN", "a", None, "1950", day("1950-01-01"), day("1950-12-31")),  # unnumbered: skipped
        ("A/relation/TUN", "a", 4, None, None, None),  # no date: skipped
        ("B/relation/FRA", "b", 1, "1900", day("1900-01-01"), day("1900-12-31")),  # another article
        ("B/relation/GHA", "b", 2, "1899-12-31", day("1899-12-31"), day("1899-12-31")),
    ]
    columns = ["relation_id", "source_id", "row_number", "established", "established_earliest", "established_latest"]
    relations = pd.DataFrame(rows, columns=columns).astype({"row_number": "Int64"})
    relations["partner"] = relations["relation_id"].str[-3:]
    found = date_order({"diplomatic_relations": relations})
    assert [(f.row_key, f.value, f.message) for f in found] == [
        ("A/relation/MAR", "1961", "#3 MAR (1961) is dated before #2 GHA (1962-05)"),
        ("B/relation/GHA", "1899-12-31", "#2 GHA (1899-12-31) is dated before #1 FRA (1900)"),
    ]


def test_dates_are_bounded_by_the_days_clean_gave_them_or_their_iso_value():
    """`established` is checked on `established_earliest` / `established_latest` as clean made
    them ("before 1975" has no date: not checked); `severed`, which has no such columns, on the
    days its ISO value spans (2025-06 starts after the bound 2025-05-31)."""
    day = dt.date.fromisoformat
    rows = [  # (id, established, earliest, latest, severed)
        ("S/bilateral/FRA", "1959", day("1959-01-01"), day("1959-12-31"), "2025-05"),
        ("S/bilateral/GHA", None, None, day("1974-12-31"), "2025-06"),
        ("S/bilateral/MAR", "1960-06", day("1960-06-01"), day("1960-06-30"), None),
    ]
    columns = ["bilateral_id", "established", "established_earliest", "established_latest", "severed"]
    bilateral = pd.DataFrame(rows, columns=columns)
    bilateral["partner"] = bilateral["bilateral_id"].str[-3:]
    bilateral[["source_id", "subject_iso3"]] = ["s", "SSS"]
    highs = {"s": Bound(day("2025-05-31"), "retrieved 2025-05-31")}
    found = bounded_dates({"bilateral_relations": bilateral}, {"SSS": day("1960-06-20")}, highs)
    assert [(f.row_key, f.field, f.value, f.message) for f in found] == [
        (
            "S/bilateral/FRA",
            "established",
            "1959",
            "FRA: 1959 is before 1960-06-20, the subject's independence (pipeline/validate/independence.csv)",
        ),
        (
            "S/bilateral/GHA",
            "severed",
            "2025-06",
            "GHA: 2025-06 is after 2025-05-31 (retrieved 2025-05-31), the newest date known for the source: "
            "a date in the future; correct it, or give the seed's `retrieved` date in seeds/sources.toml",
        ),
    ]
