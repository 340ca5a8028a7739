"""Package -> SQLite: one STRICT table per resource, with the schema's types, keys and descriptions.

Library: sqlite-utils writes every CREATE statement and index. It quotes each identifier (no name is a
reserved word, tests/unit/schema/test_sql_names.py, but quoting costs nothing), makes compound primary and
foreign keys, NOT NULL columns, STRICT tables and the indexes. Frictionless' SQL adapter was
the other candidate; it needs SQLAlchemy, which is not installed here nor a dependency of the
project. sqlite-utils' public `create()` takes no CHECK constraint nor column comment, but its
`create_table_sql` does (`_checks`, `_column_comments`: what its own `transform()` uses), so the
statement still comes from the library; tests/unit/sql/test_sqlite.py reads the CHECKs and comments back
from sqlite_master, so an upgrade that drops them fails there. The rows go in through one
prepared INSERT per table (`executemany`, identifiers quoted by sqlite-utils): its `insert_all`
made a dozen Python calls per cell looking for values to turn into JSON, which ours never are.

Types: integer and year -> INTEGER, number -> REAL, boolean -> INTEGER 0/1 with a CHECK,
everything else (string; date as ISO 8601 text) -> TEXT; STRICT tables refuse any other value.
A missing value (the schema's `missingValues`) is NULL.

Descriptions a SQL user can read: the tables `_package` (property, value), `_tables` and
`_columns` (table_name, column_name, type, description, ...), and a `--` comment above each
column of every CREATE TABLE statement (SQLite keeps it in sqlite_master; `.schema` shows it).

Foreign keys are declared; after loading, `PRAGMA foreign_key_check` must return nothing or the
build fails. A connection enforces them on later writes with `PRAGMA foreign_keys = ON`.

Reproducible: tables in the descriptor's order, rows in the CSVs' order, indexes after, then
VACUUM rewrites the file compactly: the same package gives the same bytes with the same SQLite
library (the file's header records the library's version).
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.db import SQLITE_MAX_VARS, Check, ColumnComments, quote_identifier

from pipeline.errors import InputError
from pipeline.schema import Field, ForeignKey, Table
from pipeline.sql.catalog import (
    COLUMNS_TABLE,
    METADATA_TABLES,
    PACKAGE_TABLE,
    SQL_TYPES,
    TABLES_TABLE,
    column_row,
    table_row,
)
from pipeline.sql.descriptor import REBUILD, read_descriptor

APPLICATION_ID = 0x4D4C4652  # "MLFR" in the file header (PRAGMA application_id): how our databases are recognised
BATCH = 500  # rows a transaction at most (fewer where the columns are many)
BOOLEANS = {"true": 1, "True": 1, "TRUE": 1, "1": 1, "false": 0, "False": 0, "FALSE": 0, "0": 0}


def build_database(package: Path, target: Path) -> None:
    """Write the database of the package folder `package` to the new file `target`."""
    # Load: the descriptor (generated from pipeline/schema/) and each resource's table
    descriptor = read_descriptor(package)
    try:
        tables = [table_from(resource) for resource in descriptor["resources"]]
    except (KeyError, TypeError, AttributeError) as error:
        raise InputError(str(package / "datapackage.json"), "", f"a resource lacks {error}", REBUILD) from None
    # Process and save: tables and rows, indexes, the descriptions, then check and compact
    db = sqlite_utils.Database(target)
    try:
        db.execute("PRAGMA synchronous = OFF")  # a staging file: renamed into place only once whole
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        counts = {}
        for table, resource in zip(tables, descriptor["resources"], strict=True):
            counts[table.name] = load_table(db, table, resource_path(package, resource), resource["schema"])
        index_join_keys(db, tables)
        load_metadata(db, descriptor, tables, counts)
        check_foreign_keys(db, package)
        db.execute("VACUUM")
    finally:
        db.close()


def table_from(resource: dict[str, Any]) -> Table:
    """A resource descriptor as the schema's Table (names, types, keys, descriptions)."""
    schema, name = resource["schema"], resource["name"]
    fields = [field_from(f) for f in schema["fields"]]
    foreign_keys = [
        ForeignKey(_names(fk["fields"]), fk["reference"]["resource"] or name, _names(fk["reference"]["fields"]))
        for fk in schema.get("foreignKeys", [])
    ]
    licenses = resource.get("licenses") or [{}]
    return Table(
        name,
        resource.get("title", ""),
        resource.get("description", ""),
        fields,
        _names(schema.get("primaryKey", [])),
        foreign_keys,
        licenses[0].get("name", ""),
    )


def field_from(descriptor: dict[str, Any]) -> Field:
    """A Table Schema field descriptor as the schema's Field."""
    constraints = descriptor.get("constraints", {})
    return Field(
        descriptor["name"],
        descriptor.get("type", "string"),
        descriptor.get("description", ""),
        bool(constraints.get("required")),
        bool(constraints.get("unique")),
        constraints.get("enum"),
    )


def resource_path(package: Path, resource: dict[str, Any]) -> Path:
    """The resource's CSV file, which must lie inside the package folder."""
    path = (package / str(resource["path"])).resolve()
    if not path.is_relative_to(package.resolve()):
        raise InputError(str(package / "datapackage.json"), resource["name"], "the path leaves the package", REBUILD)
    return path


def create_table(db: sqlite_utils.Database, table: Table) -> None:
    """CREATE TABLE with the schema's types, keys, NOT NULLs, boolean CHECKs and descriptions as comments."""
    comments = {f.name: ColumnComments(before=_comment(f.description)) for f in table.fields if f.description}
    first = table.fields[0].name
    heading = _comment(f"{table.title}: {table.description}" if table.title else table.description)
    comments[first] = ColumnComments(before="\n".join(c for c in (heading, comments.get(first, _NONE).before) if c))
    sql = db.create_table_sql(
        table.name,
        {f.name: SQL_TYPES.get(f.type, "TEXT") for f in table.fields},
        pk=tuple(table.primary_key) or None,
        foreign_keys=[(tuple(fk.fields), fk.resource, tuple(fk.reference_fields)) for fk in table.foreign_keys],
        not_null=[f.name for f in table.fields if f.required or f.name in table.primary_key],
        strict=True,
        _checks=[check for f in table.fields for check in _checks(f)],
        _column_comments=comments,
    )
    db.execute(sql)


_NONE = ColumnComments()


def load_table(db: sqlite_utils.Database, table: Table, path: Path, schema: dict[str, Any]) -> int:
    """Create `table` and insert the CSV's rows, typed; the number of rows."""
    create_table(db, table)
    rows = list(typed_rows(path, table, schema.get("missingValues", [""])))
    columns = ", ".join(quote_identifier(f.name) for f in table.fields)
    insert = f"INSERT INTO {quote_identifier(table.name)} ({columns}) VALUES ({', '.join('?' * len(table.fields))})"
    batch = max(1, min(BATCH, SQLITE_MAX_VARS // len(table.fields)))  # as insert_all batched them
    try:
        for start in range(0, len(rows), batch):  # a transaction a batch: the file's header counts them
            with db.atomic():  # (its change counter), so the same batches keep the same bytes
                db.conn.executemany(insert, rows[start : start + batch])
    except sqlite3.IntegrityError as error:  # a duplicate primary key, a missing required value
        raise InputError(str(path), table.name, f"does not fit its schema ({error})", REBUILD) from None
    return len(rows)


def typed_rows(path: Path, table: Table, missing: list[str]) -> Iterator[tuple[Any, ...]]:
    """The CSV's rows as tuples of SQL values in the schema's field order; the header must be the
    schema's fields."""
    converters = [_converter(f, missing) for f in table.fields]
    named = list(zip(converters, table.fields, strict=True))
    try:
        with path.open(encoding="utf-8", newline="") as file:
            reader = csv.reader(file)
            header = next(reader, [])
            if header != table.field_names:
                raise InputError(str(path), "header", f"is not the schema's fields of {table.name}", REBUILD)
            for number, record in enumerate(reader, start=2):
                try:
                    row = tuple([convert(text) for convert, text in zip(converters, record, strict=True)])
                except (KeyError, ValueError):  # the cell that fails, named (or the row's length)
                    cells = zip(named, record, strict=True)
                    row = tuple([_named(convert, text, field, path, number) for (convert, field), text in cells])
                yield row
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as error:
        raise InputError(str(path), "", f"cannot be read ({error})", REBUILD) from None


def index_join_keys(db: sqlite_utils.Database, tables: list[Table]) -> None:
    """An index on every foreign key's columns, unless the primary key's index already starts with
    them; a unique index on every unique field that is not the primary key."""
    for table in tables:
        for field in table.fields:
            if field.unique and table.primary_key != [field.name]:
                db[table.name].create_index([field.name], index_name=f"idx_{table.name}_{field.name}", unique=True)
        for fk in table.foreign_keys:
            if table.primary_key[: len(fk.fields)] != fk.fields:
                db[table.name].create_index(fk.fields, index_name=f"idx_{table.name}_{'_'.join(fk.fields)}")
    by_name = {table.name: table for table in tables}
    for table in tables:  # SQLite wants a foreign key's parent columns unique: its primary key, else an index
        for fk in table.foreign_keys:
            parent = by_name[fk.resource]
            if fk.reference_fields != parent.primary_key and not _unique_field(parent, fk.reference_fields):
                name = f"idx_{parent.name}_{'_'.join(fk.reference_fields)}"
                if name not in {index.name for index in db[parent.name].indexes}:
                    db[parent.name].create_index(fk.reference_fields, index_name=name, unique=True)


def _unique_field(table: Table, columns: list[str]) -> bool:
    return len(columns) == 1 and any(f.name == columns[0] and f.unique for f in table.fields)


def load_metadata(db: sqlite_utils.Database, descriptor: dict[str, Any], tables: list[Table], counts: dict) -> None:
    """The tables `_package`, `_tables` and `_columns`: the descriptions, readable in SQL."""
    for table in METADATA_TABLES:
        create_table(db, table)
    properties = [(key, value) for key, value in descriptor.items() if key not in ("resources", "$schema")]
    db[PACKAGE_TABLE.name].insert_all({"property": key, "value": _text(value)} for key, value in properties)
    db[TABLES_TABLE.name].insert_all(
        table_row(table, resource, counts[table.name])
        for table, resource in zip(tables, descriptor["resources"], strict=True)
    )
    db[COLUMNS_TABLE.name].insert_all(
        column_row(table.name, position, field)
        for table, resource in zip(tables, descriptor["resources"], strict=True)
        for position, field in enumerate(resource["schema"]["fields"], start=1)
    )


def check_foreign_keys(db: sqlite_utils.Database, package: Path) -> None:
    """Fail when a row's foreign key names no row of the table it refers to."""
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall()[:1]:
        raise InputError(
            str(package / "datapackage.json"),
            table,
            f"row {rowid} refers to a row of {parent} that does not exist",
            "fix the package's foreign keys, then " + REBUILD,
        )


def _converter(field: Field, missing: list[str]) -> Callable[[str], Any]:
    """A CSV cell of `field` as its SQL value: NULL when missing, int or 0/1 or float by type, else
    the text; KeyError or ValueError for a cell not of its type. Chosen once per table."""
    if field.type == "boolean":
        convert: Callable[[str], Any] = BOOLEANS.__getitem__
    elif SQL_TYPES.get(field.type) == "INTEGER":
        convert = int
    elif field.type == "number":
        convert = float
    else:
        return lambda text: None if text in missing else text
    return lambda text: None if text in missing else convert(text)


def _named(convert: Callable[[str], Any], text: str, field: Field, path: Path, line: int) -> Any:
    """`convert(text)`, or the one-line error naming the cell that is not of its type."""
    try:
        return convert(text)
    except (KeyError, ValueError):
        raise InputError(str(path), f"line {line}, {field.name}", f"{text!r} is not a {field.type}", REBUILD) from None


def _checks(field: Field) -> list[Check]:
    """A boolean is 0 or 1; a field with an enum takes only its values."""
    allowed = ["0", "1"] if field.type == "boolean" else [_literal(v) for v in field.enum or []]
    return [Check(f"{quote_identifier(field.name)} IN ({', '.join(allowed)})", column=field.name)] if allowed else []


def _literal(value: Any) -> str:
    """A SQL literal: a number as it is, anything else a quoted string."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def _names(value: str | list[str]) -> list[str]:
    """A Table Schema field list (one name may be written as a string)."""
    return [value] if isinstance(value, str) else list(value)


def _comment(text: str) -> str:
    """`text` as one SQL line comment (whitespace and line breaks collapsed: nothing can end it early)."""
    return f"-- {' '.join(text.replace(chr(0), ' ').split())}" if text.strip() else ""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
