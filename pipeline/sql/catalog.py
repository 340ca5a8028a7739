"""The tables that describe the others (`_package`, `_tables`, `_columns`): the package's
descriptor and data dictionary, readable in SQL, and the SQL type of each Table Schema type."""

from __future__ import annotations

import json
from typing import Any

from pipeline.schema import Field, ForeignKey, Table

SQL_TYPES = {"integer": "INTEGER", "year": "INTEGER", "number": "REAL", "boolean": "INTEGER"}  # else TEXT

PACKAGE_TABLE = Table(
    "_package",
    "The package",
    "The package's descriptor (datapackage.json), one property a row; lists and objects as JSON.",
    [
        Field("property", "string", "The descriptor's property (name, title, version, licenses, sources, ...).", True),
        Field("value", "string", "Its value: text as it is, lists and objects as JSON.", True),
    ],
    ["property"],
)
TABLES_TABLE = Table(
    "_tables",
    "Tables",
    "One row per table of the package: its title, description, primary key, license and CSV file.",
    [
        Field("table_name", "string", "The table's name in this database (the package's resource name).", True),
        Field("title", "string", "The table's title."),
        Field("description", "string", "What a row of the table is."),
        Field("primary_key", "string", "The primary key's columns, as a JSON list."),
        Field("license", "string", "The license of the table's data (SPDX identifier)."),
        Field("path", "string", "The CSV file of the package the table was loaded from."),
        Field("rows", "integer", "The number of rows.", True),
    ],
    ["table_name"],
)
COLUMNS_TABLE = Table(
    "_columns",
    "Columns",
    "One row per column of every table of the package: its type and what it means (the data dictionary).",
    [
        Field("table_name", "string", "The table the column belongs to.", True),
        Field("column_name", "string", "The column's name.", True),
        Field("position", "integer", "The column's position in its table, from 1.", True),
        Field("type", "string", "The column's Table Schema type (string, integer, boolean, date, ...).", True),
        Field("sql_type", "string", "How SQLite stores it (TEXT, INTEGER; booleans as 0 or 1).", True),
        Field("required", "boolean", "Whether every row has a value.", True),
        Field("description", "string", "What the column means."),
        Field("constraints", "string", "The Table Schema constraints (enum, pattern, minimum, ...), as JSON."),
    ],
    ["table_name", "column_name"],
    [ForeignKey(["table_name"], "_tables", ["table_name"])],
)
METADATA_TABLES = [PACKAGE_TABLE, TABLES_TABLE, COLUMNS_TABLE]


def table_row(table: Table, resource: dict[str, Any], rows: int) -> dict[str, Any]:
    return {
        "table_name": table.name,
        "title": table.title or None,
        "description": table.description or None,
        "primary_key": json.dumps(table.primary_key),
        "license": table.license or None,
        "path": str(resource["path"]),
        "rows": rows,
    }


def column_row(table: str, position: int, field: dict[str, Any]) -> dict[str, Any]:
    constraints = field.get("constraints", {})
    kind = field.get("type", "string")
    return {
        "table_name": table,
        "column_name": field["name"],
        "position": position,
        "type": kind,
        "sql_type": SQL_TYPES.get(kind, "TEXT"),
        "required": int(bool(constraints.get("required"))),
        "description": field.get("description") or None,
        "constraints": json.dumps(constraints, ensure_ascii=False, sort_keys=True) if constraints else None,
    }
