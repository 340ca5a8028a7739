"""Which tables of an article are its relations tables, what each column holds, and their
cells in one column order.

Articles of the family name their columns in many ways ("Date", "Date of establishment",
"Formal relations began", ...), add columns of their own, and split a section's table by
continent (`===Africa===`). A table under a relations heading (any level; `LIST_HEADINGS`,
`BILATERAL_HEADINGS`) is read by what its columns hold, the header as a hint: each column is
given a role (number, country, date, notes) from its header word, unless its cells are plainly
of another kind, and a role no header names goes to the first column whose cells are of that
kind (`column_kinds.py`). Other columns are kept as written (`ReadRow.extra`). The rows of each
kind of table are joined, in document order, into one table whose cells are in the order the
cleaning reads (`LIST_ROLES`, `BILATERAL_ROLES`); a column a table lacks is an empty cell. A
table with no partner or no date column, and a row whose cells do not fit its table's columns,
are not read: their rows are kept as written (`Unread`), and the rest of the article is read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from pipeline.clean.column_kinds import column_kind
from pipeline.extract.raw_tables import RawCell, RawRow, RawTable

LIST_ROLES = ("number", "country", "date")
BILATERAL_ROLES = ("country", "date", "notes")
ROLES = {
    "number": {"#", "no", "no.", "number", "nº", "n°", "s/n", "sl. no."},
    "country": {"country", "countries", "state", "nation", "partner", "partner country", "sovereign state"},
    "date": {
        "date",
        "date of establishment",
        "date established",
        "established",
        "formal relations began",
        "date of recognition",
        "date of establishment of diplomatic relations",
        "date of diplomatic relations",
        "diplomatic relations established",
        "diplomatic relations since",
        "relations established",
        "relations since",
        "since",
    },
    "notes": {"notes", "note", "remarks", "comments"},
}
# Words of the headings a relations table sits under (any level, any case): the list of
# partners, and the bilateral notes. The innermost heading with such words decides.
LIST_HEADINGS = ("diplomatic relations", "list of diplomatic relations", "countries with diplomatic relations")
BILATERAL_HEADINGS = ("bilateral relations", "relations by country", "bilateral ties", "relations with countries")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ReadRow(RawRow):
    """A row in the cleaning's column order, with the cells of the columns that have no role
    there: (the column's header label, the cell), in table order."""

    extra: tuple[tuple[str, RawCell], ...] = ()


@dataclass(frozen=True)
class Unread:
    """A row of a relations table that is not read, kept as written: its table (1-based among
    the article's tables), its position in that table (1-based) and why."""

    table: RawTable
    table_number: int
    row: RawRow
    reason: str


def role(label: str) -> str | None:
    """The role of a header label ("Date of establishment" -> "date"), None when unknown."""
    words = _SPACE.sub(" ", label).strip().lower().rstrip(":")
    return next((name for name, labels in ROLES.items() if words in labels), None)


def heading_kind(table: RawTable) -> str | None:
    """ "list" or "bilateral" by the innermost relations heading the table sits under, else None."""
    for title in reversed((*table.path, table.section)):
        words = _SPACE.sub(" ", title).strip().lower()
        if any(heading in words for heading in BILATERAL_HEADINGS):
            return "bilateral"
        if any(heading in words for heading in LIST_HEADINGS) and not re.search(r"\b(?:no|without)\b", words):
            return "list"
    return None


def width(table: RawTable) -> int:
    """The number of columns: the header's, else the most common number of cells a row fills."""
    if table.header:
        return len(table.header)
    widths = Counter(sum(cell.colspan for cell in row.cells) for row in table.rows)
    return widths.most_common(1)[0][0] if widths else 0


def roles(table: RawTable) -> tuple[str | None, ...]:
    """Each column's role: its header word's, unless its cells are plainly of another kind;
    a role no header gives goes to the first column without one whose cells are of that kind."""
    count = width(table)
    hints = [role(label) for label in table.header] + [None] * (count - len(table.header))
    # What a notes column's cells hold decides nothing (a column a header names is only
    # checked against its own role, and notes have no kind): its long cells are not read.
    columns = _column_texts(table, count)
    kinds = [None if hints[i] == "notes" else column_kind(texts) for i, texts in enumerate(columns)]
    out: list[str | None] = [None] * count
    for name in ("country", "date", "number", "notes"):
        hinted = [i for i in range(count) if hints[i] == name and (name == "notes" or kinds[i] in (None, name))]
        found = [i for i in range(count) if hints[i] is None and out[i] is None and kinds[i] == name]
        chosen = (hinted or (found if name != "notes" else []))[:1]
        for index in chosen:
            out[index] = name
    return tuple(out)


def _column_texts(table: RawTable, count: int) -> list[list[str]]:
    """The text of each column's cells, from the rows that fill the columns exactly."""
    texts: list[list[str]] = [[] for _ in range(count)]
    above: dict[int, tuple[RawCell, int]] = {}
    for row in table.rows:
        columns = _columns(row, count, above)
        for index, cell in enumerate(columns or ()):
            if cell is not None:
                texts[index].append(cell.text)
    return texts


@dataclass(frozen=True)
class Relations:
    """An article's relations tables, each with its columns' roles, and its rows not read."""

    lists: list[tuple[RawTable, tuple[str | None, ...]]]
    bilaterals: list[tuple[RawTable, tuple[str | None, ...]]]
    unread: list[Unread]


def relations_tables(tables: list[RawTable]) -> Relations:
    """The list and bilateral tables: those under a relations heading, read by their columns
    (a table with no country or date column is kept unread); for a kind no such heading gives,
    the first other table with a country and a date column (a bilateral one: with notes)."""
    lists, bilaterals, unread = [], [], []
    for number, table in enumerate(tables, start=1):
        kind = heading_kind(table)
        if kind is None:
            continue
        found = roles(table)
        if {"country", "date"} <= set(found):
            (lists if kind == "list" else bilaterals).append((table, found))
        else:
            missing = " and ".join(name for name in ("country", "date") if name not in found)
            unread += [Unread(table, number, row, f"no {missing} column found") for row in table.rows]
    others = [t for t in tables if heading_kind(t) is None] if not (lists and bilaterals) else []
    fitting = [(t, found) for t in others if {"country", "date"} <= set(found := roles(t))]
    lists = lists or [(t, found) for t, found in fitting if "notes" not in found][:1]
    bilaterals = bilaterals or [(t, found) for t, found in fitting if "notes" in found][:1]
    return Relations(lists, bilaterals, unread)


def joined(
    tables: list[tuple[RawTable, tuple[str | None, ...]]], order: tuple[str, ...], numbers: dict[int, int]
) -> tuple[RawTable, list[Unread]]:
    """The tables' rows as one table, each row's cells in `order` (an empty cell, at the row's
    start, for a column its table lacks), the other columns' cells as its `extra`; and the
    rows whose cells do not fill their table's columns (which cell is which cannot be told
    safely). `numbers` gives each table's number among the article's tables, by its start."""
    rows: list[RawRow] = []
    unread: list[Unread] = []
    for table, found in tables:
        where = {name: index for index, name in reversed(list(enumerate(found))) if name in order}
        labels = [*table.header, *(f"column {n + 1}" for n in range(len(table.header), len(found)))]
        above: dict[int, tuple[RawCell, int]] = {}  # column -> (a cell spanning down, rows it has left)
        for row in table.rows:
            columns = _columns(row, len(found), above)
            if columns is None:
                reason = f"the row has {len(row.cells)} cells, which do not fill the table's {len(found)} columns"
                unread.append(Unread(table, numbers[table.start], row, reason))
                continue
            cells = tuple(_cell(row, columns, where.get(name)) for name in order)
            extra = tuple(
                (labels[i], cell) for i, cell in enumerate(columns) if cell is not None and i not in where.values()
            )
            rows.append(ReadRow(len(rows), row.start, row.end, row.attributes, cells, extra))
    header = tuple(_label(name) for name in order)
    first = tables[0][0] if tables else RawTable("", 0, 0, (), (), True)
    return replace(first, header=header, rows=tuple(rows), end=tables[-1][0].end if tables else 0), unread


def _columns(row: RawRow, count: int, above: dict[int, tuple[RawCell, int]]) -> list[RawCell | None] | None:
    """The row's cell in each column: its own cells, in order, around those a cell above spans
    down into (rowspan); a cell spanning columns (colspan) is read as the last of them, the
    others empty. None when the cells do not fill the columns exactly."""
    columns: list[RawCell | None] = []
    own = list(row.cells)
    while len(columns) < count:
        column = len(columns)
        if column in above:
            cell, left = above.pop(column)
            if left > 1:
                above[column] = (cell, left - 1)
            columns.append(cell)
        elif own:
            cell = own.pop(0)
            columns += [None] * (cell.colspan - 1) + [cell]
            if cell.rowspan > 1:
                above[len(columns) - 1] = (cell, cell.rowspan - 1)
        else:
            return None
    return columns if not own and len(columns) == count else None


def _cell(row: RawRow, columns: list[RawCell | None], index: int | None) -> RawCell:
    cell = columns[index] if index is not None else None
    return cell if cell is not None else RawCell("", row.start, row.start, False)


def _label(name: str) -> str:
    return {"number": "#", "country": "Country", "date": "Date", "notes": "Notes"}[name]
