"""A Datasette plugin for the database `pipeline sqlite` writes, so that no page shows a value the
data does not hold and a row's page links to the rows about it. `make serve` loads it
(`--plugins-dir pipeline/sql/datasette_plugins`); it imports Datasette only, never the pipeline.

- Dates: Datasette's date facet groups by SQLite's `date(column)`, which reads a year-only value
  such as "1962" as a Julian day number ("-4707-04-09") and drops "1962-03". Here the date facet
  is offered and computed only for a column whose values (in the rows shown) are all full dates;
  a partial date is faceted as its own text (`_facet=established`) or by its `*_earliest` /
  `*_latest` bounds, which are full dates.
- Labels: a foreign key whose row has no label (a reference with no title) shows its id, not "None".
- Links: on a row's page its id is followed by links to the rows of every table that names rows
  by `row_id` (its relation changes, citations, quality findings), with how many there are.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from typing import Any

import markupsafe
from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import DateFacet
from datasette.utils import escape_sqlite, tilde_encode

FULL_DATE = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*"  # SQLite GLOB: a day, perhaps with a time
ROW_ID = "row_id"  # the column by which citations, findings and changes name the row they are about
_PRIMARY_KEYS: dict[tuple[int, str, str], list[str]] = {}  # (Datasette instance, database, table) -> its primary key


class FullDateFacet(DateFacet):
    """Datasette's date facet, for columns that hold full dates only."""

    async def suggest(self) -> list[dict[str, Any]]:
        return [s for s in await super().suggest() if not await self.holds_partial_dates(s["name"])]

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        partial = set()
        for source_and_config in super().get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            if await self.holds_partial_dates(column):
                partial.add(column)
        self.partial_columns = partial
        return await super().facet_results()

    def get_configs(self) -> list[dict[str, Any]]:
        partial = getattr(self, "partial_columns", set())
        return [c for c in super().get_configs() if (c["config"].get("column") or c["config"]["simple"]) not in partial]

    async def holds_partial_dates(self, column: str) -> bool:
        """True when some value of `column` in the rows shown is not a full date (or it cannot be told)."""
        sql = (
            f"select exists(select 1 from ({self.sql}) where {escape_sqlite(column)} is not null "
            f"and {escape_sqlite(column)} not glob '{FULL_DATE}')"
        )
        try:
            result = await self.ds.execute(self.database, sql, self.params, truncate=False)
        except (QueryInterrupted, sqlite3.OperationalError):  # a timeout, an unknown column: no date facet
            return True
        return bool(result.rows[0][0])


@hookimpl(hookwrapper=True)
def register_facet_classes():  # type: ignore[no-untyped-def]
    """Datasette's facet classes, with its date facet replaced by FullDateFacet."""
    outcome = yield
    classes = [[FullDateFacet if c is DateFacet else c for c in group] for group in outcome.get_result()]
    outcome.force_result(classes)


@hookimpl
def render_cell(value, column, table, database, datasette):  # type: ignore[no-untyped-def]
    """A foreign key without a label shows its id; a row's id on its own page links to the rows about it."""
    if table is None:
        return None
    if isinstance(value, dict) and value.get("label") is None:
        return _unlabelled_link(value["value"], column, table, database, datasette)
    if isinstance(value, str):
        return _row_links(value, column, table, database, datasette)
    return None


async def _unlabelled_link(value: Any, column: str, table: str, database: str, datasette: Any) -> markupsafe.Markup:
    """The foreign key's link, labelled by its id."""
    keys = await datasette.get_database(database).foreign_keys_for_table(table)
    other = next(fk["other_table"] for fk in keys if fk["column"] == column)
    href = f"{datasette.urls.table(database, other)}/{tilde_encode(str(value))}"
    return markupsafe.Markup('<a href="{}">{}</a>').format(href, str(value))


async def _row_links(value: str, column: str, table: str, database: str, datasette: Any) -> markupsafe.Markup | None:
    """`value` followed by "2 Relation changes · 3 Citations" links, when `column` is the table's id."""
    db = datasette.get_database(database)
    key = (id(datasette), database, table)
    if key not in _PRIMARY_KEYS:  # asked for every cell of a page: the schema is read once
        _PRIMARY_KEYS[key] = await db.primary_keys(table)
    if _PRIMARY_KEYS[key] != [column]:
        return None
    links = []
    for other in await db.table_names():
        if other == table or ROW_ID not in await db.table_columns(other):
            continue
        query = f"select count(*) from {escape_sqlite(other)} where {ROW_ID} = ?"
        count = (await db.execute(query, [value])).rows[0][0]
        if count:
            title = datasette.table_metadata(database, other).get("title", other)
            href = f"{datasette.urls.table(database, other)}?{urllib.parse.urlencode({ROW_ID: value})}"
            links.append(markupsafe.Markup('<a href="{}">{}: {}</a>').format(href, title, count))
    if not links:
        return None
    return markupsafe.Markup("{}<br>{}").format(value, markupsafe.Markup(" · ").join(links))
