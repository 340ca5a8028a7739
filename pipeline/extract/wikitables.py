"""Wikitext tables -> raw rows of verbatim cells, each with its character span.

mwparserfromhell parses the (line-restored) wikitext, its plain templates masked
(`masked_parse.py`); its tokens are read for the layout (`token_tables.py`), and where they cannot
vouch for that reading, its tree, as here. The tree does not report positions, but `str(node)` has
the length of the source, so a node's offset is the length of everything before it, and a cell's
text and a row's attributes are taken from the source there. Table, row and cell tags are measured
from their parts (markup, attributes, contents) so that no text is stringified twice. Spans here are
character offsets into the wikitext string; the caller turns them into byte offsets in the seed
file.
"""

from __future__ import annotations

from dataclasses import replace

from mwparserfromhell.nodes import Heading, Node, Tag
from mwparserfromhell.parser import Builder
from mwparserfromhell.wikicode import Wikicode

from pipeline.extract.masked_parse import layout_parse, layout_tokens
from pipeline.extract.raw_tables import IncompleteParse, RawCell, RawTable, TableRows
from pipeline.extract.token_tables import read_tokens
from pipeline.parse_guard import parse_wikitext


def tables_and_headings(wikitext: str) -> tuple[list[RawTable], list[tuple[str, int]]]:
    """Tables and section headings from one tokenizing of the whole article, its plain templates
    masked where that gives the same layout (`masked_parse.py`): read from the tokens
    (`token_tables.py`), or where they cannot vouch for their reading, from the tree built of them."""
    tokens, text = layout_tokens(wikitext)
    read = read_tokens(tokens, text, wikitext)
    return read if read is not None else _from_tree(Builder().build(tokens), wikitext)


def tree_tables_and_headings(wikitext: str) -> tuple[list[RawTable], list[tuple[str, int]]]:
    """`tables_and_headings` read from the tree of the article's (masked) parse."""
    return _from_tree(layout_parse(wikitext)[0], wikitext)


def _from_tree(code: Wikicode, wikitext: str) -> tuple[list[RawTable], list[tuple[str, int]]]:
    try:
        return _read(code, wikitext)
    except _MaskedText:
        return _read(parse_wikitext(wikitext), wikitext)


class _MaskedText(Exception):
    """A masked reference where its text is read from the tree: the article is parsed as written."""


def _masked_at(node: Node, offset: int, wikitext: str) -> bool:
    """Whether the tree's text of a node at `offset` is not the article's (a reference masked in it)."""
    text = str(node)
    return text != wikitext[offset : offset + len(text)]


def _read(code: Wikicode, wikitext: str) -> tuple[list[RawTable], list[tuple[str, int]]]:
    tables, found, section, offset = [], [], "", 0
    path: list[tuple[int, str]] = []  # (level, title) of the headings above
    for node in code.nodes:
        if isinstance(node, Heading):
            if _masked_at(node, offset, wikitext):
                raise _MaskedText
            section = node.title.strip_code().strip()
            found.append((section, offset))
            path = [*(entry for entry in path if entry[0] < node.level), (node.level, section)]
        if isinstance(node, Tag) and node.wiki_markup == "{|" and node.tag == "table":
            table = replace(_table(node, offset, section, wikitext), path=tuple(title for _, title in path))
            tables.append(table)
            offset = table.end
        else:
            offset += len(str(node))
    if offset != len(wikitext):
        raise IncompleteParse(offset)
    return tables, found


def _table(table: Tag, offset: int, section: str, wikitext: str) -> RawTable:
    """Read one table node into raw rows; header rows give the column names. Cells before the
    first `|-` form a row of their own, as MediaWiki shows them."""
    at = offset + _head_length(table)
    read = TableRows()
    add = read.add

    loose: list[RawCell] = []  # cells outside any row: the implicit first row
    loose_at = at
    for node in table.contents.nodes:
        name = str(node.tag) if isinstance(node, Tag) else ""
        if name == "tr":
            add(loose, loose_at, "")
            loose = []
            cells, row_end = _cells(node, at, wikitext)
            add(cells, at, _attributes(node, at, wikitext))
            at = row_end
        elif (head := _cell_head(node, name, at, wikitext)) >= 0:
            loose_at = at if not loose else loose_at
            cell, at = _cell(node, name, at + head, wikitext)
            loose.append(cell)
        else:
            at += len(str(node))
    add(loose, loose_at, "")
    end = at + len(table.closing_wiki_markup or "")
    closed = wikitext[offset:end].rstrip().endswith("|}")
    return RawTable(section, offset, end, read.header, tuple(read.rows), closed)


def _cells(row: Tag, row_at: int, wikitext: str) -> tuple[list[RawCell], int]:
    """The td/th cells of a row, trimmed, with spans of their content; and where the row ends."""
    if not row.wiki_markup:  # an HTML <tr>: measure it the slow way
        if _masked_at(row, row_at, wikitext):
            raise _MaskedText
        return _html_cells(row, row_at), row_at + len(str(row))
    at = row_at + _head_length(row)
    cells = []
    for node in row.contents.nodes:
        name = str(node.tag) if isinstance(node, Tag) else ""
        if (head := _cell_head(node, name, at, wikitext)) >= 0:
            cell, at = _cell(node, name, at + head, wikitext)
            cells.append(cell)
        else:
            at += len(str(node))
    return cells, at + len(row.closing_wiki_markup or "")


def _cell_head(node: Node, name: str, at: int, wikitext: str) -> int:
    """The length of the head (`_head_length`) of a td/th (`name`: its tag's name) in wiki markup
    at `at`; -1 for any other node, or a caption (`|+ ...`, which the parser reads as a cell: its
    contents start with "+", read in the article, where the tree's first character is the same:
    no masked stretch starts a cell's contents)."""
    if name not in ("td", "th") or not node.wiki_markup or node.self_closing:  # type: ignore[attr-defined]
        return -1
    head = _head_length(node)  # type: ignore[arg-type]
    caption = node.wiki_markup == "|" and not node.attributes  # type: ignore[attr-defined]
    return -1 if caption and wikitext.startswith("+", at + head) else head


def _cell(node: Tag, name: str, start: int, wikitext: str) -> tuple[RawCell, int]:
    """A wiki-markup cell whose contents start at `start`, trimmed, with the span of its content;
    and where it ends. Its text is taken from the article (the tree's may be masked)."""
    raw = wikitext[start : start + len(str(node.contents))]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    spans = (_span(node, "rowspan"), _span(node, "colspan")) if node.attributes else (1, 1)
    cell = RawCell(text, start + lead, start + lead + len(text), name == "th", *spans)
    return cell, start + len(raw) + len(node.closing_wiki_markup or "")


def _span(node: Tag, name: str) -> int:
    """A cell's rowspan or colspan: 1 when absent or not a number from 1 to 1000."""
    for attribute in node.attributes:
        if str(attribute.name).strip().lower() == name:
            value = str(attribute.value or "").strip().strip("\"'")
            return int(value) if value.isdecimal() and 1 <= int(value) <= 1000 else 1
    return 1


def _head_length(tag: Tag) -> int:
    """Length of a wiki-markup tag before its contents (markup, attributes, padding), as
    `Tag.__str__` writes it: measuring this way avoids stringifying the contents again."""
    attributes = sum(len(str(attribute)) for attribute in tag.attributes) if tag.attributes else 0
    return len(tag.wiki_markup or "") + attributes + len(tag.padding or "") + len(tag.wiki_style_separator or "")


def _html_cells(row: Tag, row_at: int) -> list[RawCell]:
    """Cells of an HTML-syntax row, located through `str()` of each node."""
    contents_at = row_at + _contents_offset(row)
    cells, offset = [], contents_at
    for node in row.contents.nodes:
        if isinstance(node, Tag) and node.tag in ("td", "th"):
            raw = str(node.contents)
            start = offset + _contents_offset(node)
            lead = len(raw) - len(raw.lstrip())
            text = raw.strip()
            cells.append(RawCell(text, start + lead, start + lead + len(text), node.tag == "th"))
        offset += len(str(node))
    return cells


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


def _attributes(tag: Tag, at: int, wikitext: str) -> str:
    """The attributes, as written in the article and trimmed, of a wiki-markup tag at `at`."""
    start = at + len(tag.wiki_markup or "")
    return wikitext[start : start + sum(len(str(attribute)) for attribute in tag.attributes)].strip()
