"""Country names -> ISO 3166-1 alpha-3: pycountry exactly, then the documented alias table."""

import csv

import pycountry
import pytest

from pipeline.clean.countries import HERE, resolve_country, resolve_ioc_code, subject_from_title

# Every partner the article names, with its code as ISO 3166-1 gives it (written by hand).
EXPECTED = {
    "Albania": "ALB",
    "Algeria": "DZA",
    "Angola": "AGO",
    "Argentina": "ARG",
    "Armenia": "ARM",
    "Australia": "AUS",
    "Austria": "AUT",
    "Azerbaijan": "AZE",
    "Bahrain": "BHR",
    "Bangladesh": "BGD",
    "Barbados": "BRB",
    "Belarus": "BLR",
    "Belgium": "BEL",
    "Benin": "BEN",
    "Bolivia": "BOL",
    "Bosnia and Herzegovina": "BIH",
    "Botswana": "BWA",
    "Brazil": "BRA",
    "Brunei": "BRN",
    "Bulgaria": "BGR",
    "Burkina Faso": "BFA",
    "Burundi": "BDI",
    "Cambodia": "KHM",
    "Cameroon": "CMR",
    "Canada": "CAN",
    "Cape Verde": "CPV",
    "Central African Republic": "CAF",
    "Chad": "TCD",
    "Chile": "CHL",
    "China": "CHN",
    "Colombia": "COL",
    "Comoros": "COM",
    "Croatia": "HRV",
    "Cuba": "CUB",
    "Cyprus": "CYP",
    "Czech Republic": "CZE",
    "Democratic Republic of the Congo": "COD",
    "Denmark": "DNK",
    "Djibouti": "DJI",
    "Dominican Republic": "DOM",
    "Ecuador": "ECU",
    "Egypt": "EGY",
    "El Salvador": "SLV",
    "Equatorial Guinea": "GNQ",
    "Eritrea": "ERI",
    "Estonia": "EST",
    "Ethiopia": "ETH",
    "Fiji": "FJI",
    "Finland": "FIN",
    "France": "FRA",
    "Gabon": "GAB",
    "Gambia": "GMB",
    "Georgia": "GEO",
    "Germany": "DEU",
    "Ghana": "GHA",
    "Greece": "GRC",
    "Guatemala": "GTM",
    "Guinea": "GIN",
    "Guinea-Bissau": "GNB",
    "Haiti": "HTI",
    "Holy See": "VAT",
    "Hungary": "HUN",
    "Iceland": "ISL",
    "India": "IND",
    "Indonesia": "IDN",
    "Iran": "IRN",
    "Iraq": "IRQ",
    "Ireland": "IRL",
    "Israel": "ISR",
    "Italy": "ITA",
    "Ivory Coast": "CIV",
    "Jamaica": "JAM",
    "Japan": "JPN",
    "Jordan": "JOR",
    "Kazakhstan": "KAZ",
    "Kenya": "KEN",
    "Kuwait": "KWT",
    "Kyrgyzstan": "KGZ",
    "Laos": "LAO",
    "Latvia": "LVA",
    "Lebanon": "LBN",
    "Liberia": "LBR",
    "Libya": "LBY",
    "Lithuania": "LTU",
    "Luxembourg": "LUX",
    "Madagascar": "MDG",
    "Malawi": "MWI",
    "Malaysia": "MYS",
    "Maldives": "MDV",
    "Malta": "MLT",
    "Mauritania": "MRT",
    "Mauritius": "MUS",
    "Mexico": "MEX",
    "Moldova": "MDA",
    "Monaco": "MCO",
    "Mongolia": "MNG",
    "Montenegro": "MNE",
    "Morocco": "MAR",
    "Mozambique": "MOZ",
    "Namibia": "NAM",
    "Nepal": "NPL",
    "Netherlands": "NLD",
    "New Zealand": "NZL",
    "Nicaragua": "NIC",
    "Niger": "NER",
    "Nigeria": "NGA",
    "North Korea": "PRK",
    "Norway": "NOR",
    "Oman": "OMN",
    "Pakistan": "PAK",
    "Paraguay": "PRY",
    "Peru": "PER",
    "Philippines": "PHL",
    "Poland": "POL",
    "Portugal": "PRT",
    "Qatar": "QAT",
    "Republic of the Congo": "COG",
    "Romania": "ROU",
    "Russia": "RUS",
    "Rwanda": "RWA",
    "Saint Lucia": "LCA",
    "Saint Vincent and the Grenadines": "VCT",
    "Saudi Arabia": "SAU",
    "Senegal": "SEN",
    "Serbia": "SRB",
    "Seychelles": "SYC",
    "Sierra Leone": "SLE",
    "Singapore": "SGP",
    "Slovakia": "SVK",
    "Slovenia": "SVN",
    "Somalia": "SOM",
    "South Africa": "ZAF",
    "South Korea": "KOR",
    "Spain": "ESP",
    "Sri Lanka": "LKA",
    "State of Palestine": "PSE",
    "Sudan": "SDN",
    "Sweden": "SWE",
    "Switzerland": "CHE",
    "Syria": "SYR",
    "São Tomé and Príncipe": "STP",
    "Tajikistan": "TJK",
    "Tanzania": "TZA",
    "Thailand": "THA",
    "Togo": "TGO",
    "Tunisia": "TUN",
    "Turkey": "TUR",
    "Turkmenistan": "TKM",
    "Uganda": "UGA",
    "Ukraine": "UKR",
    "United Arab Emirates": "ARE",
    "United Kingdom": "GBR",
    "United States": "USA",
    "Uruguay": "URY",
    "Uzbekistan": "UZB",
    "Venezuela": "VEN",
    "Vietnam": "VNM",
    "Yemen": "YEM",
    "Zambia": "ZMB",
    "Zimbabwe": "ZWE",
}


@pytest.mark.parametrize(("name", "iso3"), sorted(EXPECTED.items()))
def test_every_partner_of_the_article_resolves(name, iso3):
    assert resolve_country(name).iso3 == iso3


def test_entity_without_iso_code_is_listed_as_such():
    match = resolve_country("Sovereign Military Order of Malta")
    assert (match.iso3, match.method) == (None, "no-iso-code")


def test_no_fuzzy_matching():
    assert resolve_country("Niger").iso3 == "NER"
    assert resolve_country("Nigeria").iso3 == "NGA"
    assert resolve_country("Atlantis").method == "unresolved"
    assert resolve_country("Niger Republic").iso3 is None


def test_ioc_flag_codes():
    assert resolve_ioc_code("GER") == resolve_ioc_code("ger")
    assert (resolve_ioc_code("GER").name, resolve_ioc_code("GER").iso3) == ("Germany", "DEU")
    assert resolve_ioc_code("FRA").iso3 == "FRA"
    assert resolve_ioc_code("SUI").iso3 == "CHE"


def test_subject_from_article_title():
    assert (
        subject_from_title("Foreign relations of Mali").name,
        subject_from_title("Foreign relations of Mali").iso3,
    ) == (
        "Mali",
        "MLI",
    )
    assert subject_from_title("Foreign relations of the United States").iso3 == "USA"
    assert subject_from_title("Foreign relations of Ivory Coast").iso3 == "CIV"
    with pytest.raises(ValueError, match="Foreign relations of"):
        subject_from_title("History of Mali")


def test_alias_table_codes_are_real():
    historic = {c.alpha_3 for c in pycountry.historic_countries}
    with open(HERE / "country_aliases.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows, "the alias table is empty"
    for row in rows:
        assert row["note"], row
        if row["iso3"]:
            known = pycountry.countries.get(alpha_3=row["iso3"]) is not None or row["iso3"] in historic
            assert known, row
        else:
            assert row["kind"] == "no-iso-code", row
