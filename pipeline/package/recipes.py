"""Loading recipes for the data README, one per tool, generated from the schema so the types
they give are the schema's: pandas, DuckDB, the frictionless library and R. The test suite
takes the code blocks out of the generated README and runs them."""

from __future__ import annotations

import json

from pipeline.schema import TABLES, Table
from pipeline.schema.model import PANDAS_DTYPES as PANDAS

# Table Schema type -> the type each tool is told to read it as (pandas: the schema's own)
DUCKDB = {"string": "VARCHAR", "integer": "BIGINT", "boolean": "BOOLEAN", "date": "DATE"}
READR = {"string": "c", "integer": "i", "boolean": "l", "date": "D"}
SQL_WIDTH = 100


def loading_section() -> list[str]:
    """The README's "Loading" section: what to know, then a recipe per tool."""
    return [
        "## Loading",
        "",
        "Paths are relative to this folder (the one holding `datapackage.json`). Every recipe reads the "
        "types the schema declares: integers stay integers where a value is missing, `true`/`false` are "
        "booleans, an empty field is a null (and only an empty field: `NA` is text, as in a country "
        "code), partial dates stay text and their `*_earliest`/`*_latest` bounds are dates.",
        "",
        "pandas:",
        "",
        *_block("python", pandas_recipe()),
        "DuckDB (every name is quoted, so none can clash with a word SQL reserves):",
        "",
        *_block("sql", duckdb_recipe()),
        "The frictionless library (it reads the types from `datapackage.json`):",
        "",
        *_block("python", frictionless_recipe()),
        "R (readr; `c` text, `i` integer, `l` logical, `D` date):",
        "",
        *_block("r", r_recipe()),
    ]


def pandas_recipe() -> list[str]:
    """`tables`: every table as a DataFrame, typed by the schema."""
    types = [f"    {json.dumps(t.name)}: {{{_pandas_types(t)}}}," for t in TABLES]
    dates = [f"    {json.dumps(t.name)}: {json.dumps(_date_fields(t))}," for t in TABLES if _date_fields(t)]
    return [
        "from collections import defaultdict",
        "",
        "import pandas as pd",
        "",
        "TYPES = {  # the columns that are not text (every other column is read as text)",
        *types,
        "}",
        "DATES = {  # the *_earliest / *_latest bounds of partial dates: real dates",
        *dates,
        "}",
        "",
        "",
        "def load(name):",
        '    """One table, typed by the schema; only an empty field is a null."""',
        "    return pd.read_csv(",
        '        f"data/{name}.csv",',
        '        dtype=defaultdict(lambda: "string", TYPES[name]),',
        "        parse_dates=DATES.get(name, []),",
        '        date_format="%Y-%m-%d",',
        "        keep_default_na=False,",
        '        na_values=[""],',
        "    )",
        "",
        "",
        "tables = {name: load(name) for name in TYPES}",
    ]


def duckdb_recipe() -> list[str]:
    """One typed table per CSV in an in-memory (or file) DuckDB database."""
    lines = []
    for table in TABLES:
        columns = [f"{quoted(f.name)} {DUCKDB[f.type]}" for f in table.fields]
        lines += _wrapped(f"CREATE TABLE {quoted(table.name)} (", columns, ");")
        lines.append(f"COPY {quoted(table.name)} FROM 'data/{table.name}.csv' (HEADER);")
    return lines


def frictionless_recipe() -> list[str]:
    """Typed rows and a DataFrame through the frictionless library."""
    return [
        "from frictionless import Package",
        "",
        'package = Package("datapackage.json")',
        "# typed by the schema; the primary key becomes the index",
        'relations = package.get_resource("diplomatic_relations").to_pandas()',
        'mission_rows = package.get_resource("missions").read_rows()  # one dict per row, typed values',
    ]


def r_recipe() -> list[str]:
    """`tables`: a named list of tibbles, one per table, typed by the schema."""
    types = [f"  {t.name} = {json.dumps(_readr_types(t))}" for t in TABLES]
    return [
        "library(readr)",
        "",
        "types <- c(",
        *[line + ("," if number < len(types) else "") for number, line in enumerate(types, start=1)],
        ")",
        "tables <- lapply(setNames(nm = names(types)), function(name) {",
        '  read_csv(file.path("data", paste0(name, ".csv")), col_types = types[[name]],',
        '           na = "", trim_ws = FALSE)',
        "})",
    ]


def quoted(identifier: str) -> str:
    """An SQL identifier in double quotes: safe whatever words the SQL dialect reserves."""
    return '"' + identifier.replace('"', '""') + '"'


def _pandas_types(table: Table) -> str:
    typed = [f for f in table.fields if f.type in ("integer", "boolean")]
    return ", ".join(f"{json.dumps(f.name)}: {json.dumps(PANDAS[f.type])}" for f in typed)


def _date_fields(table: Table) -> list[str]:
    return [f.name for f in table.fields if f.type == "date"]


def _readr_types(table: Table) -> str:
    return "".join(READR[f.type] for f in table.fields)


def _wrapped(opening: str, items: list[str], closing: str) -> list[str]:
    """`opening item, item, ... closing`, items wrapped at SQL_WIDTH and indented."""
    lines, line = [opening], "   "
    for number, item in enumerate(items, start=1):
        word = f" {item}" + ("," if number < len(items) else "")
        if len(line) + len(word) > SQL_WIDTH:
            lines.append(line)
            line = "   "
        line += word
    return [*lines, line, closing]


def _block(language: str, code: list[str]) -> list[str]:
    return [f"```{language}", *code, "```", ""]
