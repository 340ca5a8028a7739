"""Country names and flag-template codes -> ISO 3166-1 alpha-3.

pycountry (ISO 3166-1 names) first, exact and case-insensitive, never fuzzy ("Niger"
must not become Nigeria); then the small alias table `country_aliases.csv`, which
documents every name the articles use that ISO writes differently, and the entities
that have no ISO code at all.

A name is published as `country_name` writes it: Unicode NFKC (fullwidth letters and no-break
spaces become their plain forms), typographic apostrophes and hyphens as `'` and `-`, spaces
collapsed, invisible characters left out (the `*_raw` column keeps it as written). Names are
compared by `country_key`: that form without case and accents, so "Côte d’Ivoire",
"Cote d'Ivoire", "ＣÔＴＥ D'IVOIRE" and a decomposed "Côte d'Ivoire" all find CIV. No two names
of ISO 3166-1 or the alias table differ only by accents (tests/unit/clean/test_countries.py checks it).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import pycountry

from pipeline.clean.wikitext import normalise_text
from pipeline.family import FAMILY_PREFIX

HERE = resources.files(__package__)  # the package's own data files, wherever it is installed
_TITLE = re.compile(rf"\s*{re.escape(FAMILY_PREFIX)}(?:the )?(.+?)\s*", re.IGNORECASE)
_ARTICLE = re.compile(r"the\s+", re.IGNORECASE)
# Typographic forms of the apostrophe (right and left quotes, modifier letter, prime, grave and
# acute accents used as one) and of the hyphen (hyphen, non-breaking hyphen, figure dash, minus).
_TYPOGRAPHY = str.maketrans(
    dict.fromkeys("\u2019\u2018\u02bc\u2032\u0060\u00b4", "'") | dict.fromkeys("\u2010\u2011\u2012\u2212", "-")
)


@dataclass(frozen=True)
class CountryMatch:
    """A name as written, its alpha-3 code (None when it has none) and how it was found."""

    name: str
    iso3: str | None
    method: str  # pycountry | alias | no-iso-code | historical | unresolved


@lru_cache(maxsize=16384)  # the family's articles name the same countries again and again
def resolve_country(name: str) -> CountryMatch:
    """The alpha-3 code of a country name, or method "unresolved"; the name as `country_name` publishes it."""
    name = country_name(name)
    key = country_key(name)
    alias = _aliases().get(key)
    if alias is not None:
        kind = alias["kind"]
        return CountryMatch(name, alias["iso3"] or None, "alias" if kind == "alias" else kind)
    code = _iso_names().get(key)
    return CountryMatch(name, code, "pycountry" if code else "unresolved")


def country_name(name: str) -> str:
    """A country name as published: NFKC, plain apostrophes and hyphens, spaces collapsed, no
    invisible characters (ASCII has no invisible character and nothing NFKC changes)."""
    if name.isascii():
        return " ".join(name.translate(_TYPOGRAPHY).split())
    return " ".join(unicodedata.normalize("NFKC", normalise_text(name).translate(_TYPOGRAPHY)).split())


def country_key(name: str) -> str:
    """What names are compared by: `country_name` without case and accents ("cote d'ivoire");
    an ASCII name has no accents, and its case folds as `lower` does."""
    if name.isascii():
        return country_name(name).lower()
    decomposed = unicodedata.normalize("NFKD", country_name(name).casefold())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def without_article(name: str) -> str:
    """ "The United States" -> "United States": the name trimmed, without a leading "the"."""
    name = name.strip()
    article = _ARTICLE.match(name)
    return name[article.end() :] if article else name


def resolve_ioc_code(code: str) -> CountryMatch:
    """`{{GER}}`-style flag templates use IOC codes: GER -> Germany, DEU."""
    row = _ioc().get(code.upper())
    if row is not None:
        return CountryMatch(row["name"], row["iso3"], "alias")
    country = pycountry.countries.get(alpha_3=code.upper())
    if country is None:
        return CountryMatch(code, None, "unresolved")
    return CountryMatch(getattr(country, "common_name", None) or country.name, country.alpha_3, "pycountry")


def resolve_code(code: str) -> CountryMatch:
    """A code as a flag template's argument ({{flag|BRA}}): ISO 3166-1 alpha-3 first, then IOC."""
    country = pycountry.countries.get(alpha_3=code.upper())
    if country is None:
        return resolve_ioc_code(code)
    # the name the alias table gives the code ("Democratic Republic of the Congo" for COD), else ISO's
    aliases = _aliases().values()
    named = next((r["name"] for r in aliases if r["iso3"] == country.alpha_3 and r["kind"] == "alias"), None)
    return CountryMatch(named or getattr(country, "common_name", None) or country.name, country.alpha_3, "pycountry")


def subject_from_title(title: str) -> CountryMatch:
    """ "Foreign relations of Mali" -> Mali, MLI; ValueError for other titles."""
    match = _TITLE.fullmatch(title)
    if not match:
        raise ValueError(f'{title!r} is not a title of the form "Foreign relations of <country>"')
    name = match.group(1)
    found = resolve_country(name)
    if found.iso3 is None and title.lower().startswith("foreign relations of the "):
        found = resolve_country("the " + name)
    return found


def alias_table() -> list[dict[str, str]]:
    """The alias rows, for documentation."""
    return list(_aliases().values())


@cache
def _iso_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.setdefault(country_key(value), country.alpha_3)
    return names


@cache
def _aliases() -> dict[str, dict[str, str]]:
    with (HERE / "country_aliases.csv").open(encoding="utf-8", newline="") as handle:
        return {country_key(row["name"]): row for row in csv.DictReader(handle)}


@cache
def _ioc() -> dict[str, dict[str, str]]:
    with (HERE / "ioc_codes.csv").open(encoding="utf-8", newline="") as handle:
        return {row["ioc"]: row for row in csv.DictReader(handle)}
