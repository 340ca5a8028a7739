"""Country names that differ only by typography are one name: matched alike and published in
one form (NFKC, plain apostrophes and hyphens, single spaces); `partner_raw` keeps the cell as written."""

from __future__ import annotations

import csv

import pycountry
import pytest

from pipeline.clean.countries import HERE, country_key, country_name, resolve_country
from pipeline.clean.mentions import countries_in
from pipeline.clean.relations import read_partner
from tests.helpers.articles import article, cleaned

IVORY = "C\u00f4te d'Ivoire"


@pytest.mark.parametrize(
    ("written", "published", "iso3"),
    [
        ("C\u00f4te d\u2019Ivoire", IVORY, "CIV"),  # right single quotation mark
        ("C\u00f4te d\u2018Ivoire", IVORY, "CIV"),  # left one
        ("C\u00f4te d\u02bcIvoire", IVORY, "CIV"),  # modifier letter apostrophe
        ("C\u00f4te d\u00b4Ivoire", IVORY, "CIV"),  # acute accent used as one
        ("C\u00f4te d`Ivoire", IVORY, "CIV"),
        ("Cote d'Ivoire", "Cote d'Ivoire", "CIV"),  # no accent: found, published as written
        ("COTE D\u2019IVOIRE", "COTE D'IVOIRE", "CIV"),
        ("\uff23\u00f4\uff54\uff45 \uff44'\uff29\uff56\uff4f\uff49\uff52\uff45", IVORY, "CIV"),  # fullwidth
        ("Burkina\u00a0Faso", "Burkina Faso", "BFA"),  # no-break space
        ("Burkina\u202f\u00a0 Faso ", "Burkina Faso", "BFA"),
        ("Guinea\u2011Bissau", "Guinea-Bissau", "GNB"),  # non-breaking hyphen
        ("Sao Tome and Principe", "Sao Tome and Principe", "STP"),  # the alias table's name, no accents
        ("\uff2d\uff41\uff4c\uff49", "Mali", "MLI"),
    ],
)
def test_typographic_variants_find_the_code_and_publish_one_form(written, published, iso3):
    found = resolve_country(written)
    assert (found.name, found.iso3) == (published, iso3)


def test_folding_accents_and_typography_is_still_not_fuzzy():
    assert resolve_country("Nig\u00e9r").iso3 == "NER"
    assert resolve_country("Nig\u00e9ria").iso3 == "NGA"
    assert resolve_country("Niger\u00a0Republic").iso3 is None
    assert resolve_country("Cote dIvoire").iso3 is None  # a letter missing is another name


def test_no_two_known_names_differ_only_by_case_accents_or_typography():
    codes: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            if getattr(country, attribute, None):
                codes.setdefault(country_key(getattr(country, attribute)), set()).add(country.alpha_3)
    with open(HERE / "country_aliases.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            codes.setdefault(country_key(row["name"]), set()).add(row["iso3"] or row["kind"])
    assert {key: found for key, found in codes.items() if len(found) > 1} == {}


def test_country_name_keeps_accents_and_other_letters():
    assert country_name("S\u00e3o Tom\u00e9\u200b and  Pr\u00edncipe") == "S\u00e3o Tom\u00e9 and Pr\u00edncipe"
    assert country_key("S\u00e3o Tom\u00e9 and Pr\u00edncipe") == "sao tome and principe"


@pytest.mark.parametrize(
    ("cell", "name", "iso3"),
    [
        ("{{Flag|C\u00f4te d\u2019Ivoire}}", IVORY, "CIV"),
        ("[[Burkina\u00a0Faso]]", "Burkina Faso", "BFA"),
        ("Burkina\u00a0Faso", "Burkina Faso", "BFA"),
        ("{{flagcountry|Guinea\u2011Bissau}} (suspended)", "Guinea-Bissau", "GNB"),
    ],
)
def test_a_partner_cell_is_published_in_the_one_form(cell, name, iso3):
    partner = read_partner(cell)
    assert (partner.name, partner.match.iso3) == (name, iso3)


def test_prose_names_in_typographic_forms_are_found():
    assert countries_in("Mali and C\u00f4te d\u2019Ivoire signed a treaty.", exclude="MLI") == ["CIV"]
    assert countries_in("Mali and Burkina\u00a0Faso signed a treaty.", exclude="MLI") == ["BFA"]


def test_the_published_partner_is_normalised_and_the_raw_cell_kept(tmp_path):
    text = article(
        [
            ("1", "C\u00f4te d\u2019Ivoire", "{{dts|7 August 1960}}"),
            ("2", "Burkina\u00a0Faso", "{{dts|5 August 1960}}"),
        ],
        [],
    )
    listing = cleaned(tmp_path, text)["diplomatic_relations"]
    assert list(listing["partner"]) == [IVORY, "Burkina Faso"]
    assert list(listing["partner_iso3"]) == ["CIV", "BFA"]
    assert list(listing["partner_raw"]) == ["{{Flag|C\u00f4te d\u2019Ivoire}}", "{{Flag|Burkina\u00a0Faso}}"]
