"""Wikitext tables -> raw rows of verbatim cells, each with its character span.

mwparserfromhell parses the (line-restored) wikitext; it does not report positions,
but `str(node)` reproduces the source exactly, so a node's offset is the length of
everything before it. Spans here are character offsets into the wikitext string; the
caller turns them into byte offsets in the seed file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import mwparserfromhell
from mwparserfromhell.nodes import Heading, Tag
from mwparserfromhell.wikicode import Wikicode


@dataclass(frozen=True)
class RawCell:
    """One table cell: its wikitext as written (trimmed) and where it sits."""

    text: str
    start: int
    end: int
    is_header: bool


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


def find_tables(wikitext: str) -> list[RawTable]:
    """Every top-level table of the article, in document order."""
    return tables_and_headings(wikitext)[0]


def headings(wikitext: str) -> list[tuple[str, int]]:
    """Section headings with the character offset where each starts."""
    return tables_and_headings(wikitext)[1]


def tables_and_headings(wikitext: str) -> tuple[list[RawTable], list[tuple[str, int]]]:
    """Tables and section headings from one parse of the article (parsing is the cost)."""
    code = mwparserfromhell.parse(wikitext)
    tables, found, section = [], [], ""
    for node, offset in _children(code, 0):
        if isinstance(node, Heading):
            section = node.title.strip_code().strip()
            found.append((section, offset))
        elif isinstance(node, Tag) and node.tag == "table" and node.wiki_markup == "{|":
            tables.append(_table(node, offset, section))
    return tables, found


def _table(table: Tag, offset: int, section: str) -> RawTable:
    """Read one table node into raw rows; header rows give the column names."""
    contents_at = offset + _contents_offset(table)
    rows: list[RawRow] = []
    header: tuple[str, ...] = ()
    for node, node_at in _children(table.contents, contents_at):
        if not (isinstance(node, Tag) and node.tag == "tr"):
            continue
        cells = tuple(_cells(node, node_at))
        if cells and all(cell.is_header for cell in cells):
            header = tuple(_plain_header(cell.text) for cell in cells)
            continue
        if not cells:
            continue
        end = cells[-1].end
        rows.append(RawRow(len(rows), node_at, end, _attributes(node), cells))
    closed = str(table).rstrip().endswith("|}")
    return RawTable(section, offset, offset + len(str(table)), header, tuple(rows), closed)


def _cells(row: Tag, row_at: int) -> Iterator[RawCell]:
    """The td/th cells of a row, trimmed, with spans of their content."""
    contents_at = row_at + _contents_offset(row)
    for node, node_at in _children(row.contents, contents_at):
        if isinstance(node, Tag) and node.tag in ("td", "th"):
            raw = str(node.contents)
            start = node_at + _contents_offset(node)
            lead = len(raw) - len(raw.lstrip())
            text = raw.strip()
            yield RawCell(text, start + lead, start + lead + len(text), node.tag == "th")


def _children(code: Wikicode, base: int) -> Iterator[tuple[object, int]]:
    """Top-level nodes of `code` with their offsets, `base` being where `code` starts."""
    offset = base
    for node in code.nodes:
        yield node, offset
        offset += len(str(node))


def _contents_offset(tag: Tag) -> int:
    """Where a tag's contents start within `str(tag)`: after markup and attributes."""
    whole, inner = str(tag), str(tag.contents)
    closing = tag.closing_wiki_markup or ""
    if not tag.wiki_markup:
        closing = f"</{tag.tag}>" if not tag.self_closing else ""
    at = len(whole) - len(closing) - len(inner)
    if at >= 0 and whole[at : at + len(inner)] == inner:
        return at
    return max(whole.find(inner), 0)


def _attributes(tag: Tag) -> str:
    """A tag's attributes as written, trimmed."""
    return "".join(str(attribute) for attribute in tag.attributes).strip()


def _plain_header(text: str) -> str:
    """A header cell's label without markup."""
    return mwparserfromhell.parse(text).strip_code().strip() or text
