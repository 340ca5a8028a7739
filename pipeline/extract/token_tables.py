"""Tables and section headings read from the parser's tokens, without its tree.

Most of a parse is mwparserfromhell's builder making the tree, above all the table cells' tags;
the layout needs only where each table, row, cell and heading is (`token_spans.py`) and the
text there, taken from the article. Read as `wikitables._read` reads the tree, node for node:
`tests/unit/extract/test_token_tables.py` compares the two. Where the tokens cannot vouch for
the tree (`token_spans.Unsure`), a heading holds masked text, or a row is an HTML `<tr>`, this
reading gives None and the caller builds the tree.
"""

from __future__ import annotations

from mwparserfromhell.parser import Builder
from mwparserfromhell.parser.tokens import Token

from pipeline.extract.raw_tables import RawCell, RawTable, TableRows
from pipeline.extract.token_spans import Heading, TagSpan, Unsure, top_level


def read_tokens(tokens: list[Token], text: str, wikitext: str) -> tuple[list[RawTable], list[tuple[str, int]]] | None:
    """The tables and headings of `wikitext`, from the tokens of `text` (`wikitext` with plain
    templates masked, `masked_parse.layout_tokens`), or None where the tree must be built."""
    try:
        items = top_level(tokens, text)
        return _read(items, tokens, text, wikitext)
    except Unsure:
        return None


def _read(
    items: list[Heading | TagSpan], tokens: list[Token], text: str, wikitext: str
) -> tuple[list[RawTable], list[tuple[str, int]]]:
    tables, found, section = [], [], ""
    path: list[tuple[int, str]] = []  # (level, title) of the headings above
    for item in items:
        if isinstance(item, Heading):
            if text[item.start : item.end] != wikitext[item.start : item.end]:
                raise Unsure  # a masked stretch in a heading: the article is parsed as written
            heading = Builder().build(tokens[item.first : item.last]).nodes[0]
            section = heading.title.strip_code().strip()
            found.append((section, item.start))
            path = [*(entry for entry in path if entry[0] < heading.level), (heading.level, section)]
        elif item.tag == "table":
            tables.append(_table(item, section, tuple(title for _, title in path), wikitext))
    return tables, found


def _table(table: TagSpan, section: str, path: tuple[str, ...], wikitext: str) -> RawTable:
    """`wikitables._table` from the spans: header rows give the column names, cells before the first `|-` a row."""
    read = TableRows()
    add = read.add

    loose: list[RawCell] = []  # cells outside any row: the implicit first row
    loose_at = table.contents_start
    for child in table.children:
        if child.tag == "tr":
            add(loose, loose_at, "")
            loose = []
            if not child.wiki_markup or child.self_closing:
                raise Unsure  # an HTML row: measured from the tree
            cells = [cell for node in child.children if (cell := _cell(node, wikitext)) is not None]
            add(cells, child.start, wikitext[child.start + len(child.wiki_markup) : child.attributes_end].strip())
        elif (cell := _cell(child, wikitext)) is not None:
            loose_at = child.start if not loose else loose_at
            loose.append(cell)
    add(loose, loose_at, "")
    closed = wikitext[table.start : table.end].rstrip().endswith("|}")
    return RawTable(section, table.start, table.end, read.header, tuple(read.rows), closed, path)


def _cell(node: TagSpan, wikitext: str) -> RawCell | None:
    """A wiki-markup td/th, trimmed, with the span of its content; None for any other tag or a caption."""
    name = node.tag
    if name not in ("td", "th") or not node.wiki_markup or node.self_closing:
        return None
    start = node.contents_start
    if node.wiki_markup == "|" and not node.attributes and wikitext.startswith("+", start):
        return None  # a caption (`|+ ...`), which the parser reads as a cell
    raw = wikitext[start : node.contents_end]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    spans = (_span(node, "rowspan"), _span(node, "colspan")) if node.attributes else (1, 1)
    return RawCell(text, start + lead, start + lead + len(text), name == "th", *spans)


def _span(node: TagSpan, name: str) -> int:
    """A cell's rowspan or colspan: 1 when absent or not a number from 1 to 1000."""
    for attribute, value in node.attributes:
        if attribute.strip().lower() == name:
            value = (value or "").strip().strip("\"'")
            return int(value) if value.isdecimal() and 1 <= int(value) <= 1000 else 1
    return 1
