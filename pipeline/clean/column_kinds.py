"""What a table column holds, read from its cells: countries, dates or row numbers.

The family names its columns in many ways and adds columns of its own (notes, embassies,
ambassadors); the header is only a hint. A cell is a country when it is a flag template
({{flag|X}}, {{flagcountry|X}}, {{flagicon|X}} [[X]], {{GER}}), a link or a name the country
table resolves; a date when it holds a date template ({{dts|...}}, {{Start date|...}}) or a
year; a number when it is a whole number below 1000 (a row number, not a year). A column
holds what most of its non-empty cells are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from pipeline.clean.countries import resolve_country
from pipeline.clean.wikitext import normalise_text, without_refs

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_FLAG = re.compile(r"\{\{\s*(?:(?i:flag)[a-z ]*|[A-Z]{3})\s*[|}]")  # {{flag|X}}, {{Flagicon|X}}, {{GER}}
_LINK = re.compile(r"\[\[([^\[\]|{}<>]+)")
_DATE = re.compile(r"\{\{\s*(?:dts|start date|date)\s*\||\b(?:1[5-9]|20)\d\d\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d{1,3}\.?")
_TAGS = re.compile(r"<[^<>]{0,200}>")


@lru_cache(maxsize=8192)  # the family's tables share cells: row numbers, flags of the same countries
def cell_kind(wikitext: str) -> str | None:
    """ "country", "date", "number" or None (empty, or something else) for one cell."""
    text = normalise_text(_COMMENT.sub("", without_refs(wikitext))).strip()
    if not text:
        return None
    if _NUMBER.fullmatch(text):
        return "number"
    if _FLAG.match(text):
        return "country"
    link = _LINK.match(text)
    if link and resolve_country(link.group(1)).method != "unresolved":
        return "country"
    if resolve_country(_TAGS.sub("", text).split("(")[0]).method != "unresolved":
        return "country"
    return "date" if _DATE.search(text) else None


def column_kind(cells: Iterable[str]) -> str | None:
    """What most of a column's non-empty cells are (None when no kind has more than half)."""
    kinds = [cell_kind(cell) for cell in cells if cell.strip()]
    if not kinds:
        return None
    kind, count = Counter(kinds).most_common(1)[0]
    return kind if count * 2 > len(kinds) else None
