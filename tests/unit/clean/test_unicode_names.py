"""Unicode in names (NFC lookups, invisible characters left out of published values and
reported) and the upper bound of dates (retrieved, revision_not_before, SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import json
import unicodedata

import pandas as pd
import pytest

from tests.helpers import pipeline_cli
from tests.helpers.articles import article, cleaned, date_findings_for

NFC_IVORY = "C\u00f4te d'Ivoire"  # ô as one code point
NFD_IVORY = "Co\u0302te d'Ivoire"  # o + COMBINING CIRCUMFLEX ACCENT



def test_the_nfd_spelling_is_really_decomposed():
    assert unicodedata.normalize("NFC", NFD_IVORY) == NFC_IVORY
    assert NFD_IVORY != NFC_IVORY and len(NFD_IVORY) == len(NFC_IVORY) + 1


def test_a_decomposed_name_finds_its_code():
    from pipeline.clean.countries import resolve_country

    found = resolve_country(NFD_IVORY)
    assert (found.name, found.iso3, found.method) == (NFC_IVORY, "CIV", "pycountry")
    assert resolve_country("Co\u0302te d'Ivoire\u200b").iso3 == "CIV"
    assert resolve_country("S\u0061\u0303o Tome\u0301 and Pri\u0301ncipe").iso3 == "STP"  # the alias table's name


def test_a_decomposed_name_in_prose_is_found():
    from pipeline.clean.mentions import countries_in

    assert countries_in(f"Mali and {NFD_IVORY} signed a treaty.", exclude="MLI") == ["CIV"]
    assert countries_in("Mali and Fr\u200bance signed a treaty.", exclude="MLI") == ["FRA"]


def test_invisible_characters_leave_the_partner_but_stay_in_the_raw_cell():
    from pipeline.clean.relations import read_partner

    partner = read_partner("{{Flag|Fr\u200bance}}")
    assert (partner.name, partner.match.iso3) == ("France", "FRA")
    partner = read_partner("\u202b{{Flag|Mali}}\u202c (suspended)")
    assert (partner.name, partner.match.iso3, partner.status) == ("Mali", "MLI", "suspended")


def test_table_values_are_nfc_and_invisible_characters_are_a_finding(tmp_path):
    from pipeline.validate.findings import Finding
    from pipeline.validate.table_checks import invisible_cells

    text = article(
        [
            ("1", "Fr\u200bance", "{{dts|20 August 1960}}"),
            ("2", NFD_IVORY, "{{dts|1 October 1960}}\u200e"),
            ("3\u2060", "Ghana", "{{dts|14 October 1960}}"),
        ],
        [("France", "20 August 1960", "Both\u200d \u2067sides\u2069.")],
    )
    tables = cleaned(tmp_path, text)
    listing = tables["diplomatic_relations"]
    assert list(listing["partner"]) == ["France", NFC_IVORY, "Ghana"]
    assert list(listing["partner_iso3"]) == ["FRA", "CIV", "GHA"]
    assert list(listing["partner_raw"]) == ["{{Flag|Fr\u200bance}}", f"{{{{Flag|{NFD_IVORY}}}}}", "{{Flag|Ghana}}"]
    assert list(listing["established"]) == ["1960-08-20", "1960-10-01", "1960-10-14"]
    assert list(listing["row_number"]) == [1, 2, 3]
    assert list(listing["row_number_raw"]) == ["1", "2", "3\u2060"]
    assert tables["bilateral_relations"].at[0, "notes"] == "Both sides."
    found = [
        (f.check, f.severity, f.resource, f.row_key, f.field, f.value, f.message)
        for f in sorted(invisible_cells(tables), key=Finding.sort_key)
    ]
    assert found == [
        (
            "invisible_characters",
            "warning",
            "bilateral_relations",
            "MLI/bilateral/FRA",
            "notes_raw",
            "Both\u200d \u2067sides\u2069.",
            "France: U+200D ZERO WIDTH JOINER, U+2067 RIGHT-TO-LEFT ISOLATE, U+2069 POP DIRECTIONAL ISOLATE "
            "in notes_raw, left out of notes",
        ),
        (  # by row id: Côte d'Ivoire (CIV), France (FRA), Ghana (GHA)
            "invisible_characters",
            "warning",
            "diplomatic_relations",
            "MLI/relation/CIV",
            "established_raw",
            "{{dts|1 October 1960}}\u200e",
            f"{NFC_IVORY}: U+200E LEFT-TO-RIGHT MARK in established_raw, left out of established",
        ),
        (
            "invisible_characters",
            "warning",
            "diplomatic_relations",
            "MLI/relation/FRA",
            "partner_raw",
            "{{Flag|Fr\u200bance}}",
            "France: U+200B ZERO WIDTH SPACE in partner_raw, left out of partner",
        ),
        (
            "invisible_characters",
            "warning",
            "diplomatic_relations",
            "MLI/relation/GHA",
            "row_number_raw",
            "3\u2060",
            "Ghana: U+2060 WORD JOINER in row_number_raw, left out of row_number",
        ),
    ]


# Dates against the newest date known for their source.

EPOCH_2025_06_15 = "1749945600"  # 2025-01-01 is 1735689600; + (31+28+31+30+31+14) days of 86400 s



NO_RETRIEVAL = (
    "unchecked_upper_bound",
    "info",
    "sources",
    None,
    "retrieved",
    None,
    "no seed gives a retrieval date: dates are not checked against one",
)


def test_a_date_far_in_the_future_is_an_error(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    found = date_findings_for(
        tmp_path, [("1", "France", "{{dts|20 August 1960}}"), ("2", "Ghana", "{{dts|2999}}")], revision="2025-04"
    )
    assert found == [
        NO_RETRIEVAL,
        (
            "date_out_of_range",
            "error",
            "diplomatic_relations",
            "MLI/relation/GHA",
            "established",
            "2999",
            "Ghana: 2999 is after 2025-04-30 (revision_not_before 2025-04), the newest date known for the source: "
            "a date in the future; correct it, or give the seed's `retrieved` date in seeds/sources.toml",
        ),
    ]


def test_dates_within_the_bound_month_or_year_are_not_in_the_future(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    listing = [
        ("1", "France", "{{dts|20 August 1960}}"),
        ("2", "Ghana", "{{dts|30 April 2025}}"),
        ("3", "Togo", "April 2025"),
        ("4", "Chad", "2025"),
        ("5", "Niger", "{{dts|1 May 2025}}"),
    ]
    found = date_findings_for(tmp_path, listing, revision="2025-04")
    assert [(f[0], f[3], f[5]) for f in found] == [
        ("unchecked_upper_bound", None, None),
        ("date_out_of_range", "MLI/relation/NER", "2025-05-01"),
    ]


def test_the_newest_known_date_is_the_bound(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    listing = [("1", "France", "{{dts|20 August 1960}}"), ("2", "Ghana", "{{dts|2 June 2025}}")]
    assert date_findings_for(tmp_path / "a", listing, retrieved="2025-06-02", revision="2025-04") == []
    found = date_findings_for(tmp_path / "b", listing, retrieved="2025-06-01", revision="2025-04")
    assert found[0][6].startswith("Ghana: 2025-06-02 is after 2025-06-01 (retrieved 2025-06-01),")


def test_source_date_epoch_raises_the_bound_and_never_lowers_it(tmp_path, monkeypatch):
    listing = [
        ("1", "France", "{{dts|20 August 1960}}"),
        ("2", "Ghana", "{{dts|1 May 2025}}"),
        ("3", "Togo", "2025-07"),
    ]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_06_15)
    found = date_findings_for(tmp_path / "a", listing, revision="2025-04")
    assert [(f[0], f[3], f[5]) for f in found] == [
        ("unchecked_upper_bound", None, None),
        ("date_out_of_range", "MLI/relation/TGO", "2025-07"),
    ]
    assert found[1][6].startswith("Togo: 2025-07 is after 2025-06-15 (SOURCE_DATE_EPOCH 2025-06-15),")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    found = date_findings_for(tmp_path / "b", listing, revision="2025-04")
    assert [(f[0], f[3], f[5]) for f in found] == [
        ("unchecked_upper_bound", None, None),
        ("date_out_of_range", "MLI/relation/GHA", "2025-05-01"),
        ("date_out_of_range", "MLI/relation/TGO", "2025-07"),
    ]


def test_a_future_severance_is_an_error(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    found = date_findings_for(
        tmp_path,
        [("1", "Ukraine (severed)", "{{dts|5 November 1992}}")],
        [("Ukraine", "5 November 1992 Diplomatic Severed in 4 August 2999", "Both.")],
        retrieved="2025-05-02",
    )
    assert [(f[0], f[2], f[3], f[4], f[5]) for f in found] == [
        ("date_out_of_range", "bilateral_relations", "MLI/bilateral/UKR", "severed", "2999-08-04"),
    ]


def test_with_no_date_known_the_source_is_not_checked_and_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    found = date_findings_for(tmp_path, [("1", "France", "{{dts|2999}}")])
    assert found == [
        NO_RETRIEVAL,
        (
            "unchecked_upper_bound",
            "info",
            "sources",
            "article",
            "retrieved",
            None,
            "article: no `retrieved` or `revision_not_before` in seeds/sources.toml and no SOURCE_DATE_EPOCH: "
            "its dates are not checked for being in the future",
        ),
    ]


MANIFEST = """[[source]]
source_id = "article"
path = "article.wikitext"
title = "Foreign relations of Mali"
format = "wikitext"
revision_not_before = "2025-04"
"""


def test_the_cli_refuses_to_publish_a_date_in_the_future(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    text = article([("1", "France", "{{dts|20 August 1960}}"), ("2", "Ghana", "{{dts|2999}}")])
    (seeds / "article.wikitext").write_text(text, encoding="utf-8")
    # conftest leaves SOURCE_DATE_EPOCH unset: the bound is the manifest's revision_not_before
    result = pipeline_cli("validate", "--seeds", seeds, "--out", tmp_path / "out", "--reports", tmp_path / "reports")
    assert result.returncode == 1, result.stderr
    report = json.loads((tmp_path / "reports" / "quality.json").read_text(encoding="utf-8"))
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert [(f["check_name"], f["row_id"], f["field"], f["value"]) for f in errors] == [
        ("date_out_of_range", "MLI/relation/GHA", "established", "2999")
    ]


def test_a_superscript_digit_is_not_a_row_number(tmp_path):
    """ "²" is a digit to str.isdigit but not to int(): the row is kept without a number."""
    tables = cleaned(tmp_path, article([("1", "France", "{{dts|20 August 1960}}"), ("²", "Ghana", "1961")]))
    listing = tables["diplomatic_relations"]
    assert list(listing["row_number"].astype(object)) == [1, pd.NA]
    assert list(listing["row_number_raw"]) == ["1", "²"]


@pytest.mark.parametrize("epoch", ["²", "1.5", "-1", "99999999999999", "2025-06-15"])
def test_a_malformed_source_date_epoch_stops_the_build(monkeypatch, epoch):
    from pipeline.build_time import source_date_epoch
    from pipeline.errors import InputError
    from pipeline.package.stage import created

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(InputError, match=r"^SOURCE_DATE_EPOCH: '.*' is not a whole number of seconds since 1970-01-01"):
        source_date_epoch()
    with pytest.raises(InputError):
        created(pd.DataFrame({"retrieved": ["2025-04"], "revision_not_before": [None]}))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert source_date_epoch() is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_06_15)
    assert str(source_date_epoch()) == "2025-06-15 00:00:00+00:00"
