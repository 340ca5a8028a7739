"""The internal tables clean makes for the checks (pipeline/schema/internal.py): what the documents
say beyond the package's tables, as rows with their names and dates resolved, and the checks
reading them rather than extract's objects."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from pipeline.clean.frames import typed_frame
from pipeline.clean.internal_tables import internal_tables
from pipeline.clean.stage import clean
from pipeline.extract.stage import extract
from pipeline.schema.internal import ESTABLISHED_CLAIMS, INTERNAL_TABLES
from pipeline.sources import load_sources
from pipeline.validate.document_checks import fact_sheets, maintenance_tags
from pipeline.validate.table_checks import partners

SHEET = (
    "Mali is a landlocked country in West Africa. The United States established diplomatic relations with Mali "
    "in 1961, after its independence. Atlantis established diplomatic relations with Mali in someday.\n"
)


def article(partners: list[tuple[str, str]], prose: str = "") -> str:
    """A "Foreign relations of Mali" article in raw wikitext, its list table numbered from 1."""
    rows = "".join(f"|-\n|{n}\n|{{{{Flag|{p}}}}}\n|{d}\n" for n, (p, d) in enumerate(partners, start=1))
    return (
        f"Mali is in Africa.{prose}\n\n==Diplomatic relations==\n"
        '{| class="wikitable sortable"\n|-\n!#\n!Country\n!Date\n'
        f"{rows}|}}\n\n[[Category:Foreign relations of Mali| ]]\n"
    )


def built(tmp_path: Path, text: str, sheet: str | None = None) -> tuple[dict[str, pd.DataFrame], dict]:
    """The clean tables and the internal tables of a seed folder holding `text` (and `sheet`)."""
    (tmp_path / "article.wikitext").write_text(text, encoding="utf-8")
    if sheet is not None:
        (tmp_path / "sheet.txt").write_text(sheet, encoding="utf-8")
    extracted = extract(load_sources(tmp_path))
    tables = clean(extracted)
    return tables, internal_tables(extracted, tables)


def records(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def test_each_internal_table_has_exactly_its_declared_columns(tmp_path):
    _, internal = built(tmp_path, article([("France", "1960")]))
    assert {name: list(frame.columns) for name, frame in internal.items()} == {
        name: table.field_names for name, table in INTERNAL_TABLES.items()
    }


def test_a_maintenance_tag_is_a_row_with_its_byte_span(tmp_path):
    # "ó" is two bytes in UTF-8: the tag starts at character 41 of the file (18 + 23), byte 42
    text = article([("France", "{{dts|20 August 1960}}")], prose=" Its capital is Bamakó.{{cn|date=May 2024}}")
    assert text.index("{{cn") == 41
    _, internal = built(tmp_path, text)
    assert records(internal["maintenance_tags"]) == [
        {"source_id": "article", "tag": "{{cn|date=May 2024}}", "source_start": 42, "source_end": 62}
    ]


def test_a_fact_sheet_statement_is_a_row_with_its_codes_and_dates_read(tmp_path):
    _, internal = built(tmp_path, article([("United States", "1960")]), SHEET)
    assert records(internal["established_claims"]) == [
        {
            "source_id": "sheet",
            "partner_raw": "The United States",
            "partner_iso3": "USA",
            "subject_raw": "Mali",
            "subject_iso3": "MLI",
            "established": "1961",
            "established_precision": "year",
            "established_earliest": dt.date(1961, 1, 1),
            "established_latest": dt.date(1961, 12, 31),
            "established_raw": "1961",
            "source_start": 45,
            "source_end": 114,
        },
        {
            "source_id": "sheet",
            "partner_raw": "Atlantis",
            "partner_iso3": None,
            "subject_raw": "Mali",
            "subject_iso3": "MLI",
            "established": None,
            "established_precision": "unknown",
            "established_earliest": None,
            "established_latest": None,
            "established_raw": "someday",
            "source_start": 139,
            "source_end": 202,
        },
    ]


def test_a_partner_without_a_code_is_a_row_saying_how_its_name_resolves(tmp_path):
    _, internal = built(tmp_path, article([("France", "1960"), ("Sovereign Military Order of Malta", "1986")]))
    assert records(internal["partner_matches"]) == [
        {
            "resource": "diplomatic_relations",
            "row_id": "MLI/relation/sovereign-military-order-of-malta",
            "partner": "Sovereign Military Order of Malta",
            "partner_match": "no-iso-code",
        }
    ]


def test_the_checks_compare_the_rows_they_are_handed(tmp_path):
    """The partner check takes how a name resolves from `partner_matches`, the fact-sheet check the
    codes and the date from `established_claims`, the tag check the tags from `maintenance_tags`:
    none resolves a name or a date, or reads a document, again."""
    tables, internal = built(tmp_path, article([("Sovereign Military Order of Malta", "1986")]))
    assert [f.check for f in partners(tables, internal)] == ["partner_without_iso_code_listed"]
    unlisted = internal | {"partner_matches": internal["partner_matches"].assign(partner_match="unresolved")}
    assert [f.check for f in partners(tables, unlisted)] == ["partner_without_iso_code"]
    assert fact_sheets(tables, internal) == [] and maintenance_tags(tables, internal) == []
    claim = {"source_id": "sheet", "partner_raw": "the Order", "partner_iso3": "XXX", "subject_raw": "Mali"}
    claim |= {"subject_iso3": "MLI", "established": "1985", "established_precision": "year"}
    claim |= {"established_raw": "about 1985", "source_start": 0, "source_end": 9}
    listed = tables["diplomatic_relations"].assign(partner_iso3="XXX")  # codes compared as they are, not resolved
    claims = typed_frame(ESTABLISHED_CLAIMS, [claim])
    found = fact_sheets(tables | {"diplomatic_relations": listed}, internal | {"established_claims": claims})
    assert [(f.check, f.row_key, f.value) for f in found] == [
        ("fact_sheet_disagrees", "MLI/relation/sovereign-military-order-of-malta", "1986")
    ]
    assert (
        found[0].message == "sheet says the Order established relations with Mali in about 1985; the article says 1986"
    )
