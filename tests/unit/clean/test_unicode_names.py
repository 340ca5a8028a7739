"""Unicode in names: NFC lookups, invisible characters left out of published values and
reported, a superscript digit that is no row number."""

from __future__ import annotations

import unicodedata

import pandas as pd

from tests.helpers.articles import article, cleaned

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


def test_a_superscript_digit_is_not_a_row_number(tmp_path):
    """ "²" is a digit to str.isdigit but not to int(): the row is kept without a number."""
    tables = cleaned(tmp_path, article([("1", "France", "{{dts|20 August 1960}}"), ("²", "Ghana", "1961")]))
    listing = tables["diplomatic_relations"]
    assert list(listing["row_number"].astype(object)) == [1, pd.NA]
    assert list(listing["row_number_raw"]) == ["1", "²"]


