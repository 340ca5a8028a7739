"""What a sentence mentions: time expressions and countries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pycountry

from pipeline.clean.countries import alias_table, country_name, resolve_country, without_article
from pipeline.clean.dates import MONTHS, PartialDate, parse_partial_date

_MONTH = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
_QUALIFIER = r"(?P<qualifier>early|late|mid|circa|around|since|before|after|by|until)[\s-]+(?:in\s+)?"
# A date expression starts at a digit or at the first letter of a word: "nearby 1960" is not
# "by 1960", "dismay 1960" not "may 1960" (and the regular expression skips most positions).
_EXPRESSION_START = r"(?=\d|(?<![^\W\d_])[^\W\d_])"
DATE_EXPRESSION = re.compile(
    rf"{_EXPRESSION_START}(?:{_QUALIFIER})?(?P<date>\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}}|(?:{_MONTH})\s+\d{{1,2}},\s+\d{{4}}"
    rf"|(?:{_MONTH})\s+\d{{4}}|(?<![\d$.,])(?:1[89]|20)\d{{2}}(?!\d|s\b|,\d))",
    re.IGNORECASE,
)
QUALIFIERS = {"around": "circa", "by": "before"}
_FOUR_DIGITS = re.compile(r"\d{4}")  # every date expression has a year


@dataclass(frozen=True)
class TimeMention:
    """A date found in a sentence, the words qualifying it, and the text as written."""

    date: PartialDate
    qualifier: str | None
    text: str


def time_mentions(text: str) -> list[TimeMention]:
    """Every readable date in the text, in order."""
    if not _FOUR_DIGITS.search(text):
        return []
    out = []
    for match in DATE_EXPRESSION.finditer(text):
        date = parse_partial_date(match.group("date"))
        if date.value is None:
            continue
        qualifier = (match.group("qualifier") or "").lower() or None
        out.append(TimeMention(date, QUALIFIERS.get(qualifier, qualifier), match.group(0)))
    return out


def countries_in(text: str, exclude: str | None = None) -> list[str]:
    """ISO3 codes of the countries a text names, in order of first mention (the text read in
    as `country_name` writes a name: NFKC, plain apostrophes, spaces collapsed)."""
    found: list[str] = []
    for match in _country_pattern().finditer(country_name(text)):
        code = resolve_country(without_article(match.group(0))).iso3
        if code and code != exclude and code not in found:
            found.append(code)
    return found


@cache
def _country_pattern() -> re.Pattern[str]:
    """Country names (ISO and the alias table's current ones), longest first."""
    names = {c.name for c in pycountry.countries} | {getattr(c, "common_name", c.name) for c in pycountry.countries}
    names |= {row["name"] for row in alias_table() if row["kind"] == "alias"}
    names = {country_name(n) for n in names if "," not in n and "(" not in n}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:the\s+)?(?:{alternatives})(?![\w-])")
