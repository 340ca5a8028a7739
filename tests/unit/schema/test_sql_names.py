"""No table or field name is a reserved word in SQLite, DuckDB or PostgreSQL: each can be
written unquoted in a query (a table called `references` or a column called `check` cannot)."""

from __future__ import annotations

import sqlite3

import duckdb
import pytest

from pipeline.schema import TABLES

# https://www.sqlite.org/lang_keywords.html (SQLite 3.46): every keyword, reserved or not.
SQLITE_KEYWORDS = set(
    """abort action add after all alter always analyze and as asc attach autoincrement before begin
    between by cascade case cast check collate column commit conflict constraint create cross current
    current_date current_time current_timestamp database default deferrable deferred delete desc detach
    distinct do drop each else end escape except exclude exclusive exists explain fail filter first
    following for foreign from full generated glob group groups having if ignore immediate in index
    indexed initially inner insert instead intersect into is isnull join key last left like limit match
    materialized natural no not nothing notnull null nulls of offset on or order others outer over
    partition plan pragma preceding primary query raise range recursive references regexp reindex
    release rename replace restrict returning right rollback row rows savepoint select set table temp
    temporary then ties to transaction trigger unbounded union unique update using vacuum values view
    virtual when where window with without""".split()  # noqa: SIM905
)
# https://www.postgresql.org/docs/17/sql-keywords-appendix.html: "reserved" and "reserved (can be
# function or type)", the words that cannot name a column or table.
POSTGRES_RESERVED = set(
    """all analyse analyze and any array as asc asymmetric authorization binary both case cast check
    collate collation column concurrently constraint create cross current_catalog current_date
    current_role current_schema current_time current_timestamp current_user default deferrable desc
    distinct do else end except false fetch for foreign freeze from full grant group having ilike in
    initially inner intersect into is isnull join lateral leading left like limit localtime
    localtimestamp natural not notnull null offset on only or order outer overlaps placing primary
    references returning right select session_user similar some symmetric system_user table
    tablesample then to trailing true union unique user using variadic verbose when where window
    with""".split()  # noqa: SIM905
)


def duckdb_reserved() -> set[str]:
    """DuckDB's own list: the keywords that cannot be an unquoted column or table name."""
    rows = duckdb.sql(
        "SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category IN ('reserved', 'type_function')"
    ).fetchall()
    return {name for (name,) in rows}


NAMES = sorted({t.name for t in TABLES} | {f.name for t in TABLES for f in t.fields})


def test_the_keyword_lists_know_the_words_that_broke_queries():
    reserved = SQLITE_KEYWORDS & POSTGRES_RESERVED & duckdb_reserved()
    assert {"references", "check"} <= reserved


@pytest.mark.parametrize("name", NAMES)
def test_no_name_is_a_keyword(name):
    assert name.lower() not in SQLITE_KEYWORDS | POSTGRES_RESERVED | duckdb_reserved()


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_table_and_column_works_unquoted_in_sqlite_and_duckdb(table):
    columns = ", ".join(f.name for f in table.fields)
    create = f"CREATE TABLE {table.name} ({', '.join(f'{f.name} TEXT' for f in table.fields)})"
    for connection in (sqlite3.connect(":memory:"), duckdb.connect()):
        connection.execute(create)
        assert (
            connection.execute(f"SELECT {columns} FROM {table.name} WHERE {table.fields[0].name} IS NULL").fetchall()
            == []
        )
