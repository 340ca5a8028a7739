"""Which tables of an article are its relations tables, and their cells in one column order.

Articles of the family name their columns in several ways ("Date", "Date of establishment",
"Formal relations began", ...) and split a section's table by continent (`===Africa===`),
sometimes with fewer columns. Each header cell is given a role (number, country, date,
notes); the list tables are those with a country and a date column and no notes, the
bilateral ones those under a "Bilateral relations" heading (or with notes). Their rows are
joined, in document order, into one table whose cells are in the order the cleaning reads
(`LIST_ROLES`, `BILATERAL_ROLES`); a column a table lacks is an empty cell, and a row whose
cells do not fit its header is refused (its columns cannot be told apart safely).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from pipeline.extract.wikitables import RawCell, RawRow, RawTable

LIST_ROLES = ("number", "country", "date")
BILATERAL_ROLES = ("country", "date", "notes")
ROLES = {
    "number": {"#", "no", "no.", "number", "nº"},
    "country": {"country", "countries", "state", "nation", "partner"},
    "date": {
        "date",
        "date of establishment",
        "date established",
        "established",
        "formal relations began",
        "date of recognition",
        "date of establishment of diplomatic relations",
        "diplomatic relations established",
        "relations established",
    },
    "notes": {"notes", "note", "remarks", "comments"},
}
_SPACE = re.compile(r"\s+")


def role(label: str) -> str | None:
    """The role of a header label ("Date of establishment" -> "date"), None when unknown."""
    words = _SPACE.sub(" ", label).strip().lower().rstrip(":")
    return next((name for name, labels in ROLES.items() if words in labels), None)


def roles(table: RawTable) -> tuple[str | None, ...]:
    return tuple(role(label) for label in table.header)


def under(table: RawTable, heading: str) -> bool:
    """The table sits under a heading of that name (any level, any case)."""
    return any(title.lower() == heading.lower() for title in (*table.path, table.section))


def list_tables(tables: list[RawTable]) -> list[RawTable]:
    """The "Diplomatic relations" list tables: all of them under that heading, else the first
    table anywhere with a country and a date column and no notes."""
    fitting = [t for t in tables if {"country", "date"} <= set(roles(t)) and "notes" not in roles(t)]
    fitting = [t for t in fitting if not under(t, "Bilateral relations")]
    inside = [t for t in fitting if under(t, "Diplomatic relations")]
    return inside or fitting[:1]


def bilateral_tables(tables: list[RawTable]) -> list[RawTable]:
    """The "Bilateral relations" tables: those under that heading with a country column, else
    the first with country, date and notes columns."""
    inside = [t for t in tables if under(t, "Bilateral relations") and "country" in roles(t)]
    fitting = [t for t in tables if {"country", "date", "notes"} <= set(roles(t))]
    return inside or fitting[:1]


Refuse = Callable[[RawTable, RawRow], None]


def joined(tables: list[RawTable], order: tuple[str, ...], refuse: Refuse) -> RawTable:
    """The tables' rows as one table, each row's cells in `order` (an empty cell, at the row's
    start, for a column its table lacks); `refuse` raises for a row with more or fewer cells
    than its table's header (which cell is which cannot be told safely)."""
    rows: list[RawRow] = []
    for table in tables:
        where = {name: index for index, name in reversed(list(enumerate(roles(table)))) if name}
        above: dict[int, tuple[RawCell, int]] = {}  # column -> (a cell spanning down, rows it has left)
        for row in table.rows:
            columns = _columns(row, len(table.header), above)
            if columns is None:
                refuse(table, row)
            cells = tuple(_cell(row, columns, where.get(name)) for name in order)
            rows.append(replace(row, index=len(rows), cells=cells))
    first = tables[0]
    header = tuple(_label(name) for name in order)
    return replace(first, header=header, rows=tuple(rows), end=tables[-1].end)


def _columns(row: RawRow, width: int, above: dict[int, tuple[RawCell, int]]) -> list[RawCell | None] | None:
    """The row's cell in each column: its own cells, in order, around those a cell above spans
    down into (rowspan); a cell spanning columns (colspan) is read as the last of them, the
    others empty. None when the cells do not fill the header's columns exactly."""
    columns: list[RawCell | None] = []
    own = list(row.cells)
    while len(columns) < width:
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
    return columns if not own and len(columns) == width else None


def _cell(row: RawRow, columns: list[RawCell | None], index: int | None) -> RawCell:
    cell = columns[index] if index is not None else None
    return cell if cell is not None else RawCell("", row.start, row.start, False)


def _label(name: str) -> str:
    return {"number": "#", "country": "Country", "date": "Date", "notes": "Notes"}[name]
