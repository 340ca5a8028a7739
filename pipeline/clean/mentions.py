"""What a sentence mentions: time expressions and countries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pycountry

from pipeline.clean.countries import alias_table, country_name, resolve_country, without_article
from pipeline.clean.dates import MONTHS, PartialDate, parse_partial_date
from pipeline.clean.demonyms import demonym_table

_MONTH = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
_QUALIFIER = r"(?P<qualifier>early|late|mid|circa|around|since|before|after|by|until)[\s-]+(?:in\s+)?"
# A date expression starts at a digit or at the first letter of a word: "nearby 1960" is not
# "by 1960", "dismay 1960" not "may 1960" (and the regular expression skips most positions).
_EXPRESSION_START = r"(?=\d|(?<![^\W\d_])[^\W\d_])"


def _one_date(name: str) -> str:
    """One date in words (day, month or year), as the group `name`."""
    return (
        rf"(?P<{name}>\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}}|(?:{_MONTH})\s+\d{{1,2}},\s+\d{{4}}"
        rf"|(?:{_MONTH})\s+\d{{4}}|(?<![\d$.,])(?:1[89]|20)\d{{2}}(?!\d|s\b|,\d))"
    )


DATE_EXPRESSION = re.compile(rf"{_EXPRESSION_START}(?:{_QUALIFIER})?{_one_date('date')}", re.IGNORECASE)
# A range keeps both ends: "between 1990 and 2008", "From 2020 to 2021", "between 2020–2021",
# "2020–2021" (a dash alone needs no opening word; "and" and "to" need "between" or "from").
RANGE_EXPRESSION = re.compile(
    rf"{_EXPRESSION_START}(?:(?P<opening>between|from)\s+)?{_one_date('start')}"
    rf"(?:\s*[–—]\s*|(?<=\d)-(?=\d)|\s+(?:and|to|until|through)\s+){_one_date('end')}",
    re.IGNORECASE,
)
QUALIFIERS = {"around": "circa", "by": "before"}
_FOUR_DIGITS = re.compile(r"\d{4}")  # every date expression has a year, and a range two


@dataclass(frozen=True)
class TimeMention:
    """A date found in a sentence, the words qualifying it, and the text as written. A range
    ("between 1990 and 2008") is one mention with qualifier `range`: its date's value and
    precision are those of its start, its bounds run from the start's first day to the end's last."""

    date: PartialDate
    qualifier: str | None
    text: str
    start: int = 0  # where the expression is in the text
    end: int = 0


@lru_cache(maxsize=512)  # a sentence is read for its events and again for its missions' time
def time_mentions(text: str) -> tuple[TimeMention, ...]:
    """Every readable date (or range of dates) in the text, in order."""
    years = len(_FOUR_DIGITS.findall(text))
    if not years:
        return ()
    ranges = [r for r in map(_range, RANGE_EXPRESSION.finditer(text)) if r is not None] if years > 1 else []
    out = list(ranges)
    for match in DATE_EXPRESSION.finditer(text):
        date = parse_partial_date(match.group("date"))
        if date.value is None or any(r.start <= match.start() < r.end for r in ranges):
            continue
        qualifier = (match.group("qualifier") or "").lower() or None
        out.append(TimeMention(date, QUALIFIERS.get(qualifier, qualifier), match.group(0), match.start(), match.end()))
    return tuple(sorted(out, key=lambda mention: mention.start))


def _range(match: re.Match[str]) -> TimeMention | None:
    """A range from its two ends; None when the joining word needs an opening word it lacks, or
    when an end is unreadable or before the start."""
    first, last = parse_partial_date(match["start"]), parse_partial_date(match["end"])
    joined_by_word = match.string[match.end("start") : match.start("end")].strip() not in ("–", "—", "-")
    if (joined_by_word and not match["opening"]) or first.earliest is None or last.latest is None:
        return None
    if last.latest < first.earliest:
        return None
    date = PartialDate(first.value, first.precision, first.earliest, last.latest)
    return TimeMention(date, "range", match.group(0), match.start(), match.end())


def countries_in(text: str, exclude: str | None = None) -> list[str]:
    """ISO3 codes of the countries a text names, by name or by demonym ("French forces" and
    "pro-French policies" name France as "France" does), in order of first mention (the text
    read as `country_name` writes a name: NFKC, plain apostrophes, spaces collapsed)."""
    found: list[str] = []
    by_demonym = demonym_codes()
    for match in _country_pattern().finditer(country_name(text)):
        word = without_article(match["name"])
        code = by_demonym.get(word) or resolve_country(word).iso3
        if code and code != exclude and code not in found:
            found.append(code)
    return found


@cache
def demonym_codes() -> dict[str, str]:
    """Demonym -> ISO3 from `demonyms.csv`, for the demonyms that name one country only
    ("Korean" and "Congolese" name two, and tag neither)."""
    codes: dict[str, set[str]] = {}
    for iso3, row in demonym_table().items():
        if row["demonym"]:
            codes.setdefault(country_name(row["demonym"]), set()).add(iso3)
    return {word: next(iter(iso3)) for word, iso3 in codes.items() if len(iso3) == 1}


@cache
def _country_pattern() -> re.Pattern[str]:
    """Country names (ISO and the alias table's current ones) and demonyms, longest first."""
    names = {c.name for c in pycountry.countries} | {getattr(c, "common_name", c.name) for c in pycountry.countries}
    names |= {row["name"] for row in alias_table() if row["kind"] == "alias"}
    names = {country_name(n) for n in names if "," not in n and "(" not in n} | set(demonym_codes())
    return re.compile(rf"(?<![\w-])(?:the\s+|(?:pro|anti)-)?(?P<name>{_longest_first(names)})(?![\w-])")


def _longest_first(words: set[str]) -> str:
    """A pattern of exactly `words`, preferring the longest that fits (as an alternation of them
    longest first does), written as a tree of their letters: a position is tried against the
    one branch its next letter takes instead of against every word (300 names and demonyms)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}  # a word ends here
    return _branches(tree)


def _branches(node: dict[str, dict]) -> str:
    """The pattern of a tree's node: each letter's branch, then (when a word ends here) nothing."""
    branches = [re.escape(letter) + _branches(child) for letter, child in sorted(node.items()) if letter]
    if not branches:
        return ""
    return "(?:" + "|".join(branches) + ("|)" if "" in node else ")")
