"""References' publication and access dates in ISO form at their precision, the text kept raw."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.clean.dates import written_date_fields

D = dt.date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("6 April 2012", ("2012-04-06", "day", D(2012, 4, 6), D(2012, 4, 6))),
        ("2012-04-07", ("2012-04-07", "day", D(2012, 4, 7), D(2012, 4, 7))),
        ("1962", ("1962", "year", D(1962, 1, 1), D(1962, 12, 31))),
        ("June 1990", ("1990-06", "month", D(1990, 6, 1), D(1990, 6, 30))),
        ("sometime", (None, "unknown", None, None)),  # kept raw, with a finding (tests/unit/validate/test_checks.py)
        (None, (None, None, None, None)),  # the citation gives no date
    ],
)
def test_written_date_fields(raw, expected):
    fields = written_date_fields("access_date", raw)
    assert list(fields) == [
        "access_date",
        "access_date_precision",
        "access_date_earliest",
        "access_date_latest",
        "access_date_raw",
    ]
    assert tuple(fields.values()) == (*expected, raw)


def _reference(tables, title: str) -> dict[str, object]:
    refs = tables["article_references"]
    (row,) = refs[refs["title"] == title].to_dict("records")
    return row


def test_seed_references_mix_three_date_forms(tables):
    azawad = _reference(tables, "Tuareg rebels declare the independence of Azawad, north of Mali")
    assert [azawad[f] for f in ("date", "date_precision", "date_raw")] == ["2012-04-06", "day", "6 April 2012"]
    yahoo = _reference(tables, "AU, US reject Mali rebels' independence declaration – Yahoo! News")
    assert [yahoo[f] for f in ("access_date", "access_date_precision", "access_date_raw")] == [
        "2012-04-07",
        "day",
        "2012-04-07",
    ]
    congo = _reference(tables, "Études congolaises Volume 2")  # |year=1962
    assert [congo[f] for f in ("date", "date_precision", "date_earliest", "date_latest", "date_raw")] == [
        "1962",
        "year",
        "1962-01-01",
        "1962-12-31",
        "1962",
    ]
