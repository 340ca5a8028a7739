"""The words prose uses for an article's subject: its names and its demonym, as data.

`demonyms.csv` has one row per ISO 3166-1 country (alpha-3 and name as pycountry gives them):
`demonym` is the adjective of nationality ("Malian"), the first form where the source gives
several ("Antiguan, Barbudan" -> Antiguan), empty where the source gives none (uninhabited
territories). `source` names where each value comes from: the CIA World Factbook's
"People and Society: Nationality" field (public domain; a work of the U.S. government), or,
for the territories the Factbook has no entry of their own for, Wikipedia's "List of
adjectival and demonymic forms for countries and nations". The values were transcribed by
hand; a correction is a one-line change to the CSV. Cross-checked on 2026-11-24 against the
English demonyms of mledoze/countries 5.1.0 (npm `world-countries`, ODbL): 199 of the 249 are
the same; the other 50 differ as the Factbook's adjective against a noun (Icelandic/Icelander,
Luxembourg/Luxembourger, Philippine/Filipino), in spelling (Ivoirian/Ivorian), or where the
Factbook gives none for an uninhabited territory. Each of the 50 was read by eye, not checked
against the sources themselves: none looked like a slip of transcription.

`prose_names.csv` lists short names prose uses for a country that partner cells do not
("UK", "Britain"), with the ISO name each means.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pipeline.clean.countries import CountryMatch, resolve_country

HERE = resources.files(__package__)  # the package's own data files, wherever it is installed


@dataclass(frozen=True)
class SubjectWords:
    """How the prose of an article names its subject: its names, and its demonym (or None)."""

    names: tuple[str, ...]
    demonym: str | None

    @property
    def all(self) -> tuple[str, ...]:
        """The names, then the demonym."""
        return self.names + ((self.demonym,) if self.demonym else ())


@cache
def subject_words(subject: CountryMatch) -> SubjectWords:
    """The subject's name as the article's title gives it, the table's name when it differs,
    and the table's demonym for its code."""
    row = demonym_table().get(subject.iso3 or "")
    names = (subject.name,) if row is None or row["name"] == subject.name else (subject.name, row["name"])
    return SubjectWords(names, (row["demonym"] or None) if row else None)


def prose_country(name: str) -> CountryMatch | None:
    """A short name prose uses for a country ("UK" -> United Kingdom, GBR); None for others."""
    means = _prose_names().get(name)
    return resolve_country(means) if means else None


@cache
def demonym_table() -> dict[str, dict[str, str]]:
    """iso3 -> the row of demonyms.csv (iso3, name, demonym, source)."""
    with (HERE / "demonyms.csv").open(encoding="utf-8", newline="") as handle:
        return {row["iso3"]: row for row in csv.DictReader(handle)}


@cache
def _prose_names() -> dict[str, str]:
    with (HERE / "prose_names.csv").open(encoding="utf-8", newline="") as handle:
        return {row["name"]: row["means"] for row in csv.DictReader(handle)}
