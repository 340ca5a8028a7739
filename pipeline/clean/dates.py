"""Dates as the source writes them -> ISO 8601 at the source's own precision.

"20 August 1960" is a day, "April 1979" a month, "1960" a year; "Unknown" and
anything unreadable have precision "unknown" and no value (`says_unknown` tells a cell
that says "Unknown" from one the parser cannot read). Each parsed date also
gets the first and last calendar day it can mean, so researchers can filter and
sort on typed columns without pretending to a precision the source lacks.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.markup import plain_template
from pipeline.parse_guard import parse_wikitext

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
# These patterns are anchored and have no nested repetition: linear on any input.
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.?,?\s+(\d{4})")
_YEAR = re.compile(r"(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
# A date cell that says in words that the date is unknown ("Unknown", "unknown<ref>...</ref>"),
# as a regular expression on the cell as written: the date checks and the `unknown_date`
# expectation (Great Expectations takes a pattern) both decide with it.
UNKNOWN_DATE_CELL = r"(?i)^\s*unknown\b"


@dataclass(frozen=True)
class PartialDate:
    """A date at the precision the source gives, with the days it can mean."""

    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day | month | year | unknown
    earliest: dt.date | None
    latest: dt.date | None


UNKNOWN = PartialDate(None, "unknown", None, None)


@lru_cache(maxsize=8192)  # the same dates recur: a relation's row and its history, the references' access dates
def parse_partial_date(text: str) -> PartialDate:
    """Parse one date written in words, ISO form or a `{{dts|...}}` template."""
    text = " ".join(_unwrap_date_template(text).split())
    for pattern, order in (
        (_DAY_MONTH_YEAR, "dmy"),
        (_MONTH_DAY_YEAR, "mdy"),
        (_MONTH_YEAR, "my"),
        (_ISO, "iso"),
        (_YEAR, "y"),
    ):
        match = pattern.fullmatch(text)
        if match:
            return _from_parts(*_parts(match.groups(), order))
    return UNKNOWN


def written_date_fields(prefix: str, raw: str | None) -> dict[str, object]:
    """`prefix` in ISO form, its precision, first and last day, and `prefix_raw` as written;
    all empty when nothing is written, precision "unknown" when the text cannot be read."""
    date = parse_partial_date(raw) if raw is not None and raw.strip() else None
    return {
        prefix: date.value if date else None,
        f"{prefix}_precision": date.precision if date else None,
        f"{prefix}_earliest": date.earliest if date else None,
        f"{prefix}_latest": date.latest if date else None,
        f"{prefix}_raw": raw,
    }


def says_unknown(cell: str) -> bool:
    """Whether a date cell, as written, says in words that the date is unknown (in any case,
    references or notes after the word). Such a date parses as UNKNOWN, as any unreadable one."""
    return re.match(UNKNOWN_DATE_CELL, cell) is not None


DATE_TEMPLATES = ("dts", "date table sorting", "sort date", "date", "start date", "start date and age")


def _unwrap_date_template(text: str) -> str:
    """`{{dts|20 August 1960}}` or `{{Dts|1960|08|20}}` -> the date inside, else the text."""
    stripped = text.strip()
    if not stripped.startswith("{{") or len(stripped) > 200:
        return stripped
    plain = plain_template(stripped)  # named arguments (`format=dmy`, `df=y`) included: `_date_inside` drops them
    if plain is not None and not any("\n" in arg for arg in plain[1]):
        return _date_inside(plain[0], [arg.strip() for arg in plain[1]], stripped)
    return parsed_unwrap_date_template(stripped)


def parsed_unwrap_date_template(stripped: str) -> str:
    """`_unwrap_date_template` the slow way, through the parser."""
    try:
        templates = parse_wikitext(stripped).filter_templates(recursive=False)
    except Exception:  # noqa: BLE001 - a parser failure means "not a template", nothing more
        return stripped
    if len(templates) != 1 or str(templates[0]) != stripped:
        return stripped
    template = templates[0]
    return _date_inside(str(template.name), [str(p.value).strip() for p in template.params if not p.showkey], stripped)


def _date_inside(name: str, args: list[str], stripped: str) -> str:
    """The date a date template wraps ({{dts|...}} and {{Start date|...}} in their forms: one
    date in words, or year, month (a number or a name) and day; named parameters such as
    `format=dmy` or `df=y` left out); `stripped` (the template as written) for other templates."""
    if name.strip().lower() not in DATE_TEMPLATES:
        return stripped
    args = [a for a in args if "=" not in a]
    if len(args) >= 2 and len(args[0]) == 4 and args[0].isdigit():
        month = args[1] if args[1].isdigit() else str(MONTHS.get(args[1].lower().rstrip("."), 0))
        return "-".join([args[0], *(a.zfill(2) for a in [month, *args[2:3]])])
    return " ".join(args)


def _parts(groups: tuple[str | None, ...], order: str) -> tuple[int, int | None, int | None]:
    """(year, month, day) from the groups of a match, months by name where written."""
    if order == "dmy":
        return int(groups[2]), MONTHS.get(groups[1].lower(), 0), int(groups[0])
    if order == "mdy":
        return int(groups[2]), MONTHS.get(groups[0].lower(), 0), int(groups[1])
    if order == "my":
        return int(groups[1]), MONTHS.get(groups[0].lower(), 0), None
    if order == "iso":
        return int(groups[0]), int(groups[1]), int(groups[2]) if groups[2] else None
    return int(groups[0]), None, None


def _from_parts(year: int, month: int | None, day: int | None) -> PartialDate:
    """A PartialDate from its parts, or UNKNOWN when they are not a real date."""
    if year < 1 or month == 0 or (month is not None and month > 12):
        return UNKNOWN
    if month is None:
        return PartialDate(f"{year:04d}", "year", dt.date(year, 1, 1), dt.date(year, 12, 31))
    last_day = calendar.monthrange(year, month)[1]
    if day is None:
        return PartialDate(f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1), dt.date(year, month, last_day))
    if not 1 <= day <= last_day:
        return UNKNOWN
    date = dt.date(year, month, day)
    return PartialDate(date.isoformat(), "day", date, date)
