"""pipeline/validate/independence.csv: each subject's independence, from the CIA World Factbook."""

from __future__ import annotations

import csv
import datetime as dt

from pipeline.clean.demonyms import demonym_table
from pipeline.validate.independence import TABLE, first_day, independence_dates


def rows() -> dict[str, dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return {row["iso3"]: row for row in csv.DictReader(handle)}


def test_spot_checks_against_the_factbooks_words():
    table = rows()
    assert {code: table[code]["independence"] for code in ("SEN", "NER", "USA", "RUS", "FRA", "CHN", "PRI")} == {
        "SEN": "1960-04-04",  # "4 April 1960 (from France); 20 August 1960 (...)": the earliest
        "NER": "1960-08-03",  # "3 August 1960 (from France)"
        "USA": "1776-07-04",  # "4 July 1776 (declared independence ...); 3 September 1783 (recognized ...)"
        "RUS": "1157",  # "25 December 1991 (...); notable earlier dates: 1157 (...)"
        "FRA": "0486",  # "no official date of independence: 486 (Frankish tribes unified ...)"
        "CHN": "",  # "notable earlier dates: 221 B.C.": no bound
        "PRI": "",  # "none (territory of the US with commonwealth status)"
    }
    assert table["RUS"]["independence_raw"].startswith("25 December 1991 (from the Soviet Union")


def test_mali_keeps_the_federations_date_and_says_why():
    mali = rows()["MLI"]
    assert (mali["independence"], mali["independence_raw"]) == ("1960-06-20", "22 September 1960 (from France)")
    assert "Mali Federation" in mali["source"]


def test_every_row_is_an_iso_country_with_its_name_and_a_source():
    table, countries = rows(), demonym_table()
    assert len(table) == 238
    for code, row in table.items():
        assert row["name"] == countries[code]["name"] and row["source"]
        assert row["independence"] == "" or row["independence"].lstrip("0")[:3] in row["independence_raw"] or code == "MLI"


def test_a_date_of_any_precision_bounds_from_its_first_day():
    assert [first_day(v) for v in ("1960-06-20", "1960-06", "1157", "0486", "")] == [
        dt.date(1960, 6, 20), dt.date(1960, 6, 1), dt.date(1157, 1, 1), dt.date(486, 1, 1), None,
    ]  # fmt: skip
    assert independence_dates()["NER"] == dt.date(1960, 8, 3)
