"""The checks of the documents decide with the one definition extract and clean use: the list of
maintenance templates (the date cells drop what the check reports), the pattern of a date cell
that says "Unknown", the leading "the" of a country name, the fact sheet's statements."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers.articles import article, findings_for


def _seeds(tmp_path: Path, text: str, extra: dict[str, str] | None = None) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "article.wikitext").write_text(text, encoding="utf-8")
    for name, content in (extra or {}).items():
        (seeds / name).write_text(content, encoding="utf-8")
    return seeds


# One list of maintenance templates: the date cells drop what the check reports.


def france(n: int) -> str:
    """The id of the n-th row of a list whose every row is France: the first, then -2, -3, ..."""
    return "MLI/relation/FRA" if n == 1 else f"MLI/relation/FRA-{n}"


def test_date_cells_drop_every_maintenance_tag_the_check_reports(tmp_path):
    from pipeline.extract.markup import MAINTENANCE_TEMPLATES

    names = [name.title() if number % 2 else name for number, name in enumerate(MAINTENANCE_TEMPLATES)]
    rows = [
        (str(n), "France", f"{{{{dts|20 August 1960}}}}{{{{{name}|date=May 2024}}}}") for n, name in enumerate(names, 1)
    ]
    found = findings_for(tmp_path, article(rows))
    assert len(MAINTENANCE_TEMPLATES) == 12
    tags = [f"{{{{{name}|date=May 2024}}}}" for name in names]
    assert sorted(f for f in found if f[0] == "maintenance_tag") == sorted(
        ("maintenance_tag", "warning", "diplomatic_relations", france(n), "established_raw", tag)
        for n, tag in enumerate(tags, 1)
    )
    assert not [f for f in found if f[0] == "unparseable_date"]  # every date read as 1960-08-20


def test_a_template_that_is_no_maintenance_tag_is_neither_dropped_nor_reported(tmp_path):
    found = findings_for(tmp_path, article([("1", "France", "{{dts|20 August 1960}}{{citation needed span|x}}")]))
    assert [f[0] for f in found] == ["unparseable_date"]


def test_the_check_reports_the_tags_extract_hands_it(tmp_path):
    from pipeline.clean.internal_tables import internal_tables
    from pipeline.clean.stage import clean
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources
    from pipeline.validate.document_checks import maintenance_tags

    text = article([("1", "France", "{{dts|20 August 1960}}")], prose=" It is large.{{cn|date=May 2024}}")
    extracted = extract(load_sources(_seeds(tmp_path, text)))
    assert [(t.name, t.text, text[t.start : t.end]) for t in extracted[0].maintenance] == [
        ("cn", "{{cn|date=May 2024}}", "{{cn|date=May 2024}}")
    ]
    tables = clean(extracted)
    assert [f.value for f in maintenance_tags(tables, internal_tables(extracted, tables))] == ["{{cn|date=May 2024}}"]
    handed_nothing = [dataclasses.replace(item, maintenance=[]) for item in extracted]
    assert maintenance_tags(tables, internal_tables(handed_nothing, tables)) == []  # the text is not read again


# One test of a date cell that says "Unknown".


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("Unknown", True),
        ("unknown", True),
        ("UNKNOWN", True),
        (" Unknown<ref>x</ref>", True),
        ("Unknown{{cn}}", True),
        ("Unknowns", False),
        ("Spring 1962", False),
    ],
)
def test_says_unknown_is_the_expectations_pattern(cell, words):
    from pipeline.clean.dates import UNKNOWN_DATE_CELL, parse_partial_date, says_unknown
    from pipeline.validate.expectations import HAND_WRITTEN

    assert says_unknown(cell) is words
    assert pd.Series([cell]).str.contains(UNKNOWN_DATE_CELL).item() is words  # as Great Expectations runs it
    assert parse_partial_date(cell).precision == "unknown"
    patterns = {spec[2]["regex"] for specs in HAND_WRITTEN.values() for spec in specs if spec[0] == "unknown_date"}
    assert patterns == {UNKNOWN_DATE_CELL}


@pytest.mark.slow
@pytest.mark.expectations
def test_every_way_of_writing_unknown_gives_one_warning_and_no_error(tmp_path):
    cells = ["Unknown", "unknown", "UNKNOWN", "Unknown<ref>x</ref>", "Unknown{{cn}}", "Spring 1962"]
    rows = [(str(n), "France", cell) for n, cell in enumerate(cells, 1)]
    found = findings_for(tmp_path, article(rows), expectations=True)
    dated = sorted((f[0], f[3]) for f in found if f[0] in ("unknown_date", "unparseable_date"))
    assert dated == [
        ("unknown_date", "MLI/relation/FRA"),
        ("unknown_date", "MLI/relation/FRA-2"),
        ("unknown_date", "MLI/relation/FRA-3"),
        ("unknown_date", "MLI/relation/FRA-4"),
        ("unknown_date", "MLI/relation/FRA-5"),
        ("unparseable_date", "MLI/relation/FRA-6"),
    ]


def test_mentions_and_the_fact_sheet_check_drop_a_leading_the_alike(tmp_path, monkeypatch):
    import pipeline.clean.countries as countries
    from pipeline.clean.mentions import countries_in

    sheet = "THE United States established diplomatic relations with Mali in 1961, after independence.\n"
    text = article([("1", "United States", "{{dts|24 September 1960}}")])
    assert countries.without_article("  The United States ") == "United States"
    assert countries_in("Mali and the United States.", exclude="MLI") == ["USA"]
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    assert [f[0] for f in findings_for(tmp_path / "a", text, {"sheet.txt": sheet})] == ["fact_sheet_disagrees"]
    monkeypatch.setattr(countries, "_ARTICLE", re.compile(r"(?!)"))  # the one definition, changed
    assert countries.without_article("the United States") == "the United States"
    assert findings_for(tmp_path / "b", text, {"sheet.txt": sheet}) == []


# The checks compare what extract hands them; extract reads the fact sheet per sentence.


def test_a_fact_sheet_statement_is_read_within_its_sentence(tmp_path):
    from pipeline.extract.fact_sheet import EstablishedClaim, established_claims, fact_sheet_sentences

    sheet = "Mali is a landlocked country in West Africa. The United States established diplomatic relations with Mali in 1961, after its independence.\n"
    sentences = fact_sheet_sentences(sheet)
    assert [sheet[a:b] for a, b in sentences] == [
        "Mali is a landlocked country in West Africa.",
        "The United States established diplomatic relations with Mali in 1961, after its independence.",
    ]
    assert established_claims(sheet, sentences) == [EstablishedClaim("The United States", "Mali", "1961", 45, 114)]
    assert sheet[45:114] == "The United States established diplomatic relations with Mali in 1961,"
    text = article([("1", "United States", "{{dts|24 September 1960}}")])
    assert findings_for(tmp_path, text, {"sheet.txt": sheet}) == [
        ("fact_sheet_disagrees", "error", "diplomatic_relations", "MLI/relation/USA", "established", "1960-09-24")
    ]


