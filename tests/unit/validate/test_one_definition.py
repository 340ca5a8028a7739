"""One concept, one place: each value set and each piece of wikitext knowledge has a single
definition, and every module that needs it decides with that one (issue 13)."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline.schema import BY_NAME, PRECISIONS
from tests.helpers import ROOT
from tests.helpers.articles import article, findings_for


def _seeds(tmp_path: Path, text: str, extra: dict[str, str] | None = None) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "article.wikitext").write_text(text, encoding="utf-8")
    for name, content in (extra or {}).items():
        (seeds / name).write_text(content, encoding="utf-8")
    return seeds


def _cleaned(tmp_path: Path, text: str) -> dict[str, pd.DataFrame]:
    from pipeline.clean.stage import clean
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources

    return clean(extract(load_sources(_seeds(tmp_path, text))))


# Value sets come from the schema alone.


def test_the_manifest_accepts_exactly_the_schema_formats(tmp_path):
    from pipeline.errors import InputError
    from pipeline.manifest_entries import FORMATS
    from pipeline.sources import read_manifest

    assert (
        FORMATS == ("mediawiki-edit-page", "wikitext", "plain-text") == tuple(BY_NAME["sources"].field("format").enum)
    )
    manifest = tmp_path / "sources.toml"
    for format in FORMATS:
        manifest.write_text(f'[[source]]\nsource_id = "a"\npath = "a.txt"\nformat = "{format}"\n', encoding="utf-8")
        assert read_manifest(manifest)[0]["format"] == format
    manifest.write_text('[[source]]\nsource_id = "a"\npath = "a.txt"\nformat = "pdf"\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_manifest(manifest)
    assert str(error.value).endswith("format 'pdf' is unknown; use one of mediawiki-edit-page, wikitext, plain-text")


def test_a_table_names_its_fields_and_refuses_others():
    assert BY_NAME["events"].field("date_precision").enum == PRECISIONS == ["day", "month", "year", "unknown"]
    with pytest.raises(KeyError, match="sources has no field 'colour'"):
        BY_NAME["sources"].field("colour")


def test_the_date_parser_gives_only_the_schema_precisions():
    from pipeline.clean.dates import parse_partial_date

    given = ["20 August 1960", "April 1979", "1960", "Unknown", "Spring 1962", "{{dts|1960|8}}"]
    assert [parse_partial_date(text).precision for text in given] == [
        "day",
        "month",
        "year",
        "unknown",
        "unknown",
        "month",
    ]
    assert {parse_partial_date(text).precision for text in given} == set(PRECISIONS)


# One plain-template scanner.


def test_the_flag_and_the_cite_fast_paths_read_templates_with_one_scanner(monkeypatch):
    import pipeline.extract.markup as markup
    from pipeline.clean.wikitext import simple_template
    from pipeline.extract.references import simple_citation

    cite = "{{cite web |url=https://example.org |title=T}}"
    assert markup.plain_template(cite) == ("cite web ", ["url=https://example.org ", "title=T"])
    assert simple_template(cite) is None  # named arguments: the flag path leaves them to the parser
    assert simple_citation(cite)["url"] == "https://example.org"
    assert simple_template("{{flag|Mali}}") == ("flag", ["Mali"])
    monkeypatch.setattr(markup, "_PLAIN_TEMPLATE", re.compile(r"(?!)"))  # the one definition, changed
    assert simple_template("{{flag|Mali}}") is None
    assert simple_citation(cite) is None


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
    assert [f.value for f in maintenance_tags(tables, extracted)] == ["{{cn|date=May 2024}}"]
    handed_nothing = [dataclasses.replace(item, maintenance=[]) for item in extracted]
    assert maintenance_tags(tables, handed_nothing) == []  # the text is not read again


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


# One "See [[...]]" pointer and one leading-"the" rule.


def test_the_main_article_and_the_note_sentences_split_at_one_see_pointer(tmp_path, monkeypatch):
    notes = " See [[France–Mali relations]] France has an embassy in [[Bamako]]."
    text = article([("1", "France", "{{dts|20 August 1960}}")], [("France", "20 August 1960", notes)])
    tables = _cleaned(tmp_path / "a", text)  # folders a and b: one seed folder per run
    assert list(tables["bilateral_relations"]["main_article"]) == ["France–Mali relations"]
    assert list(tables["missions"]["statement"]) == ["France has an embassy in Bamako."]
    import pipeline.clean.relations as relations

    monkeypatch.setattr(relations, "_SEE", re.compile(r"(?!)"))  # the one definition, changed
    tables = _cleaned(tmp_path / "b", text)
    assert tables["bilateral_relations"]["main_article"].isna().all()
    assert list(tables["missions"]["statement"]) == ["See France–Mali relations France has an embassy in Bamako."]


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


@pytest.mark.parametrize(
    "sentence",
    [
        "it established diplomatic relations with Mali in 1961.",  # no capital before the phrase
        "The United States established diplomatic relations with mali in 1961.",  # nor after it
        "The United States established diplomatic relations with Mali since 1961.",  # no " in "
        "The United States established diplomatic relations with Mali in 1961",  # no comma or period after the date
        "The United States established diplomatic relations with Mali in mid-1961.",  # a hyphen in the date
    ],
)
def test_what_is_not_such_a_statement(sentence):
    from pipeline.extract.fact_sheet import established_claims

    assert established_claims(sentence, [(0, len(sentence))]) == []


def test_the_checks_do_not_read_the_documents_text():
    source = (ROOT / "pipeline" / "validate" / "document_checks.py").read_text(encoding="utf-8")
    assert "re.compile" not in source and "import re\n" not in source
    assert ".wikitext" not in source and "document.text" not in source


def test_clean_imports_from_extract_only_its_records_and_syntax_helpers():
    allowed = {
        "Extracted", "RawCell", "RawRow", "RawTable", "Reference", "extract_document",  # records, and the stage
        "plain_template", "strip_refs", "without_maintenance_tags", "split_sentences",  # wikitext syntax
    }  # fmt: skip
    imported = set()
    for path in (ROOT / "pipeline" / "clean").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline.extract"):
                imported |= {alias.name for alias in node.names}
    assert imported <= allowed, imported - allowed
    assert "first_unclosed" not in imported  # the error about an unclosed '{{' takes extract's answer


def test_a_missing_table_points_at_the_markup_extract_found_open(tmp_path):
    from pipeline.clean.relations import relation_tables
    from pipeline.errors import InputError
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources
    from tests.helpers.seeds import article_with, seeds_with

    seeds = seeds_with(tmp_path, article_with(b"{{Flag|France}}", b"{{Flag|France}"))
    item = next(item for item in extract(load_sources(seeds)) if item.wikitext)
    assert item.unclosed_markup() == ("{{", 12526)  # a byte offset in the seed file
    assert item.document.data[12526:12540] == b"{{Flag|France}"
    with pytest.raises(InputError, match=r": byte 12526: .*a '\{\{' opened here never closes and swallows"):
        relation_tables(item)


# Sentences find comments and <ref> tags with the references' scanner.


def test_no_sentence_starts_inside_what_the_reference_scanner_hides():
    from pipeline.extract.references import strip_refs
    from pipeline.extract.sentences import split_sentences

    text = "Mali is large. <!-- An unclosed comment. It hides the rest. And more"
    assert strip_refs(text) == "Mali is large. "
    assert [(s.start, s.end) for s in split_sentences(text, 0, len(text))] == [(0, len(text))]
    text = "Relations began in 1960.<ref>Cited. In a book.</ref> Mali has an embassy."
    assert [text[s.start : s.end] for s in split_sentences(text, 0, len(text))] == [
        "Relations began in 1960.<ref>Cited. In a book.</ref>",
        "Mali has an embassy.",
    ]
