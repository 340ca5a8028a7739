"""End to end: the package built from the seeds, checked against figures counted by hand."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from tests.helpers import ARTICLE, FACT_SHEET, FIXTURES, ROOT


def row(frame: pd.DataFrame, **where: str) -> dict[str, str]:
    """The one row matching `where`, as a dict of strings (nulls as None)."""
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    found = frame[mask]
    assert len(found) == 1, f"{len(found)} rows match {where}"
    return {k: (None if pd.isna(v) else v) for k, v in found.iloc[0].items()}


def test_diplomatic_relations_counts(tables):
    relations = tables["diplomatic_relations"]
    assert len(relations) == 161
    assert relations["row_number"].notna().sum() == 156
    assert sorted(relations.loc[relations["row_number"].isna(), "partner"]) == [
        "Holy See",
        "Israel",
        "Sovereign Military Order of Malta",
        "State of Palestine",
        "Ukraine",
    ]
    assert relations["established_precision"].value_counts().to_dict() == {
        "day": 141,
        "year": 16,
        "month": 2,
        "unknown": 2,
    }
    assert list(relations["position"]) == [str(n) for n in range(1, 162)]


def test_row_number_124_twice_and_125_never(tables):
    relations = tables["diplomatic_relations"]
    assert sorted(relations.loc[relations["row_number"] == "124", "partner"]) == ["Angola", "Philippines"]
    assert (relations["row_number"] == "125").sum() == 0


def test_month_only_and_unknown_dates(tables):
    relations = tables["diplomatic_relations"]
    assert row(relations, partner="Yemen")["established"] == "1979-04"
    seychelles = row(relations, partner="Seychelles")
    assert (seychelles["established"], seychelles["established_earliest"], seychelles["established_latest"]) == (
        "2001-04",
        "2001-04-01",
        "2001-04-30",
    )
    for partner in ("Ireland", "Uruguay"):
        unknown = row(relations, partner=partner)
        assert unknown["established"] is None
        assert unknown["established_precision"] == "unknown"
        assert unknown["established_raw"].startswith("Unknown")


def test_first_row_exactly(tables):
    assert row(tables["diplomatic_relations"], position="1") == {
        "relation_id": "MLI/relation/FRA",
        "subject": "Mali",
        "subject_iso3": "MLI",
        "subject_cown": "432",  # COW and G&W: Mali 432, France 220
        "subject_gwn": "432",
        "subject_codes_missing_reason": None,
        "position": "1",
        "row_number": "1",
        "row_number_raw": "1",
        "partner": "France",
        "partner_iso3": "FRA",
        "partner_cown": "220",
        "partner_gwn": "220",
        "partner_codes_missing_reason": None,
        "partner_raw": "{{Flag|France}}",
        "established_with": None,  # France as a state predates 1960
        "established_with_iso3": None,
        "established_with_cown": None,
        "established_with_gwn": None,
        "established_with_codes_missing_reason": None,
        "status": "active",
        "established": "1960-08-20",
        "established_precision": "day",
        "established_earliest": "1960-08-20",
        "established_latest": "1960-08-20",
        "established_qualifier": None,  # no "c." nor "before"
        "established_event": "relations_established",  # its bilateral row's notes: "established ... on 20 August 1960"
        "established_event_rule": "bilateral_established_on",
        "established_raw": '{{dts|20 August 1960}}<ref name=":1" />',
        "extra": None,
        "source_id": "foreign-relations-of-mali",
        "source_start": "12519",
        "source_end": "12582",
    }
    # The span is the row as the seed file has it, from its "|-" to the end of its last cell.
    assert ARTICLE.read_bytes()[12519:12582] == b'|- |1 |{{Flag|France}} |{{dts|20 August 1960}}<ref name=":1" />'


def test_statuses_come_from_the_text(tables):
    relations = tables["diplomatic_relations"]
    assert row(relations, partner="Israel")["status"] == "suspended"
    assert row(relations, partner="Ukraine")["status"] == "severed"
    assert (relations["status"] == "active").sum() == 159
    assert row(relations, partner="Holy See")["status"] == "active"  # grey row, no "(suspended)" in the text


def test_partners_without_iso_code_and_special_codes(tables):
    relations = tables["diplomatic_relations"]
    assert list(relations.loc[relations["partner_iso3"].isna(), "partner"]) == ["Sovereign Military Order of Malta"]
    assert row(relations, partner="Holy See")["partner_iso3"] == "VAT"
    assert row(relations, partner="State of Palestine")["partner_iso3"] == "PSE"
    assert row(relations, partner="Ivory Coast")["partner_iso3"] == "CIV"
    assert row(relations, partner="Turkey")["partner_iso3"] == "TUR"


def test_capital_dts_row(tables):
    relations = tables["diplomatic_relations"]
    capital = relations[relations["established_raw"].str.startswith("{{Dts|")]
    assert len(capital) == 1
    assert capital.iloc[0]["established"] == "1989"
    assert capital.iloc[0]["established_precision"] == "year"


def test_bilateral_relations(tables):
    bilateral = tables["bilateral_relations"]
    assert len(bilateral) == 34
    germany = row(bilateral, partner="Germany")
    assert (germany["partner_iso3"], germany["partner_raw"], germany["established"]) == ("DEU", "{{GER}}", "1960-09-23")
    assert germany["main_article"] == "Germany–Mali relations"
    ukraine = row(bilateral, partner="Ukraine")
    assert (ukraine["established"], ukraine["severed"], ukraine["severed_precision"]) == (
        "1992-11-05",
        "2024-08-04",
        "day",
    )
    assert ukraine["established_raw"] == "5 November 1992 Diplomatic Severed in 4 August 2024"
    assert row(bilateral, partner="Finland")["main_article"] == "Foreign relations of Finland"
    assert (
        row(bilateral, partner="Algeria")["notes"]
        == (
            "Both countries established diplomatic relations on 22 July 1963. During the Tuareg rebellion of 2012, "
            "the Algerian consulate was seized by at least two people wearing explosives belts. Seven hostages were "
            "taken, including the consul. In regards to Azawad's UDI, Algeria's Prime Minister has declared it would "
            'never "accept questioning Mali\'s territorial integrity" Algeria has planned to co-ordinate with MNLA to '
            "work towards freeing the hostages.\nAlgeria has an embassy in Bamako.\nMali has an embassy in Algiers."  # bullets
        )
    )
    # each bullet a line of its own, as written: no period is added
    assert row(bilateral, partner="United States")["notes"].endswith(
        "Mali has an embassy in Washington, D.C.\nUnited States has an embassy in Bamako."
    )


def test_references_and_citations(tables):
    references, citations = tables["article_references"], tables["citations"]
    assert len(references) == 189
    assert references["name"].notna().sum() == 41
    assert len(citations) == 242
    supported = citations[citations["resource"] == "diplomatic_relations"]
    france = supported[supported["row_id"] == "MLI/relation/FRA"]
    assert list(france["ref_id"]) == [":1"]
    assert list(france["field"]) == ["established_raw"]


def test_sources_table(tables):
    sources = tables["sources"].set_index("source_id")
    article = sources.loc["foreign-relations-of-mali"]
    assert article["sha256"] == "f76adf97aaca60c8e94df86f8be050e3f783463fedd03ae1bd11fc59e597b7a5"
    assert article["bytes"] == str(ARTICLE.stat().st_size)
    assert article["format"] == "mediawiki-edit-page"
    assert article["license"] == "CC-BY-SA-4.0"
    assert pd.isna(article["retrieved"])  # not known: left empty, not guessed
    sheet = sources.loc["us-state-department-relations-with-mali"]
    assert sheet["sha256"] == "d9033215083026db806bd1e050615899a6f839f1a4669b82aa641bc204179775"
    assert sheet["format"] == "plain-text"
    assert sheet["bytes"] == str(FACT_SHEET.stat().st_size)


def test_every_row_span_slices_back_to_its_wikitext(tables):
    data = ARTICLE.read_bytes()
    for name, column in (("diplomatic_relations", "partner_raw"), ("bilateral_relations", "partner_raw")):
        for _, r in tables[name].iterrows():
            text = data[int(r["source_start"]) : int(r["source_end"])].decode("utf-8")
            assert text.startswith("|-"), (name, r["partner"])
            assert r[column] in text
            assert r["established_raw"] in text
    for _, r in tables["article_references"].iterrows():
        text = data[int(r["source_start"]) : int(r["source_end"])].decode("utf-8")
        assert text.startswith("<ref") and (r["raw"] is None or pd.isna(r["raw"]) or r["raw"] in text)
    for _, r in tables["citations"].iterrows():
        text = data[int(r["source_start"]) : int(r["source_end"])].decode("utf-8")
        assert text.startswith("<ref") and text.endswith(("/>", "</ref>"))


# The seeds' sha256 as ../shared/seeds/README.md publishes them (copied here, so the check runs in
# every clone, with or without ../shared beside it).
SHARED_SHA256 = {
    "004_5564c2f49d038939.txt": "f76adf97aaca60c8e94df86f8be050e3f783463fedd03ae1bd11fc59e597b7a5",
    "000_e2e35c128b143355.txt": "d9033215083026db806bd1e050615899a6f839f1a4669b82aa641bc204179775",
}


def test_seeds_are_byte_identical_copies_of_the_shared_seeds():
    for path in (ARTICLE, FACT_SHEET):
        assert hashlib.sha256(path.read_bytes()).hexdigest() == SHARED_SHA256[path.name]
    shared = ROOT.parent / "shared" / "seeds"
    for path in (ARTICLE, FACT_SHEET) if shared.is_dir() else ():  # and byte for byte, where they are beside us
        assert path.read_bytes() == (shared / path.name).read_bytes()


def test_package_passes_frictionless_validate(built):
    from frictionless import Package

    descriptor = json.loads((built / "datapackage.json").read_text())
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["version"] == "1.0.0"
    assert all(
        field["description"] for r in descriptor["resources"] if "schema" in r for field in r["schema"]["fields"]
    )
    report = Package(str(built / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:5]


@pytest.mark.slow
def test_raw_wikitext_copy_gives_the_same_tables(tables, tmp_path):
    from pipeline.build import build
    from pipeline.package.stage import read_tables

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(FIXTURES / "foreign_relations_of_mali.wikitext", seeds / "article.wikitext")
    other = read_tables(build(seeds, tmp_path / "out"))
    provenance = ["source_id", "source_start", "source_end"]
    for name in ("diplomatic_relations", "bilateral_relations"):
        pd.testing.assert_frame_equal(other[name].drop(columns=provenance), tables[name].drop(columns=provenance))
    assert len(other["article_references"]) == 189
    assert len(other["citations"]) == 242


def test_help_is_fast_and_lists_the_commands():
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pipeline", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    commands = result.stdout.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in commands] == [
        "build",
        "clean",
        "diff",
        "extract",
        "snapshot",
        "sqlite",
        "validate",
    ]
    imported = result.stderr
    for heavy in ("pandas", "great_expectations", "frictionless", "mwparserfromhell", "sqlite_utils"):
        assert f" {heavy}\n" not in imported and f"| {heavy}\n" not in imported, f"--help imports {heavy}"
