"""The `relation_changes` rows of one relation row (pipeline/clean/relation_changes.py:
`dated_changes`, `changes_of`): one per change in cell order, each date parsed at its precision,
the qualifier only on the establishment, an empty date text unknown and its raw value null."""

from __future__ import annotations

import datetime as dt

from pipeline.clean.relation_changes import changes_of, dated_changes, split_changes, state_after

UKRAINE = {
    "relation_id": "MLI/relation/UKR",
    "subject": "Mali",
    "subject_iso3": "MLI",
    "partner": "Ukraine",
    "partner_iso3": "UKR",
    "established_qualifier": "before",
    "source_id": "foreign-relations-of-mali",
    "source_start": 100,
    "source_end": 160,
}


def test_each_change_of_a_cell_is_a_row_in_cell_order():
    head, changes = split_changes("14 December 1961 (severed 1973, restored)")
    assert (head, changes) == ("14 December 1961", [("severed", "1973"), ("restored", "")])
    parts = tuple(dated_changes([("established", head), *changes]))
    rows = changes_of(UKRAINE, "diplomatic_relations", "relation_id", parts)
    common = {
        "resource": "diplomatic_relations",
        "row_id": "MLI/relation/UKR",
        "subject": "Mali",
        "subject_iso3": "MLI",
        "partner": "Ukraine",
        "partner_iso3": "UKR",
        "source_id": "foreign-relations-of-mali",
        "source_start": 100,
        "source_end": 160,
    }
    assert rows == [
        {
            "change_id": "MLI/relation/UKR/change/1",
            **common,
            "sequence": 1,
            "change": "established",
            "date": "1961-12-14",
            "date_precision": "day",
            "date_qualifier": "before",
            "date_earliest": dt.date(1961, 12, 14),
            "date_latest": dt.date(1961, 12, 14),
            "date_raw": "14 December 1961",
        },
        {
            "change_id": "MLI/relation/UKR/change/2",
            **common,
            "sequence": 2,
            "change": "severed",
            "date": "1973",
            "date_precision": "year",
            "date_qualifier": None,
            "date_earliest": dt.date(1973, 1, 1),
            "date_latest": dt.date(1973, 12, 31),
            "date_raw": "1973",
        },
        {
            "change_id": "MLI/relation/UKR/change/3",
            **common,
            "sequence": 3,
            "change": "restored",
            "date": None,
            "date_precision": "unknown",
            "date_qualifier": None,
            "date_earliest": None,
            "date_latest": None,
            "date_raw": None,
        },
    ]
    assert list(rows[0])[:3] == ["change_id", "resource", "row_id"]  # the order of the table's fields
    assert state_after(parts) == "active"  # restored, undated


def test_a_relation_with_no_change_has_no_rows():
    assert changes_of(UKRAINE, "diplomatic_relations", "relation_id", ()) == []
    assert dated_changes([]) == []
