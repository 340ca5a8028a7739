"""The records of a table as written (rows of verbatim cells, each with its character span), and
header labels without markup. Read from the parser's tokens (`token_tables.py`) or, where those
cannot vouch for their reading, from its tree (`wikitables.py`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.parse_guard import parse_wikitext

# A header of words, digits and plain punctuation, starting with a letter or digit (no list,
# heading or rule mark, no URL, entity or markup): the parser would give it back as it is.
_PLAIN_WORDS = re.compile(r"[^\W_][^\W_ .,()/-]*(?:[ .,()/-]+[^\W_]+)*[.)]?")


class IncompleteParse(ValueError):
    """The parse tree holds less text than the article: the parser stopped at `offset`."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"the parse tree ends at character {offset}")
        self.offset = offset


@dataclass(frozen=True)
class RawCell:
    """One table cell: its wikitext as written (trimmed) and where it sits."""

    text: str
    start: int
    end: int
    is_header: bool
    rowspan: int = 1  # the rows (this one and those below) and columns the cell covers
    colspan: int = 1


@dataclass(frozen=True)
class RawRow:
    """One table row (`|-` to the end of its last cell), in table order from 0."""

    index: int
    start: int
    end: int
    attributes: str
    cells: tuple[RawCell, ...]


@dataclass(frozen=True)
class RawTable:
    """A table with the heading of the section it sits in and its column headers."""

    section: str
    start: int
    end: int
    header: tuple[str, ...]
    rows: tuple[RawRow, ...]
    closed: bool
    path: tuple[str, ...] = ()  # the headings it sits under, outermost first ("Bilateral relations", "Africa")


class TableRows:
    """A table's header and rows as its cells are read, row by row (both readers of tables use
    it): a row of header cells alone gives the column names, any other row with cells is a row."""

    def __init__(self) -> None:
        self.header: tuple[str, ...] = ()
        self.rows: list[RawRow] = []

    def add(self, cells: list[RawCell], start: int, attributes: str) -> None:
        if cells and all(cell.is_header for cell in cells):
            self.header = tuple(plain_header(cell.text) for cell in cells)
        elif cells:
            self.rows.append(RawRow(len(self.rows), start, cells[-1].end, attributes, tuple(cells)))


def plain_header(text: str) -> str:
    """A header cell's label without markup; words without markup ("Date of establishment")
    skip the parser (tests check that it reads them alike)."""
    stripped = text.strip()
    return stripped if _PLAIN_WORDS.fullmatch(stripped) else parsed_plain_header(text)


def parsed_plain_header(text: str) -> str:
    """`plain_header` the slow way, through the parser."""
    return parse_wikitext(text).strip_code().strip() or text
