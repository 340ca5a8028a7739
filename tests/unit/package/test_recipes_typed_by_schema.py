"""The loading recipes (pipeline/package/recipes.py) made from a small hand-written schema: each
tool is told the schema's types, SQL names are quoted and wrapped, and the pandas and DuckDB
recipes, run on a hand-written CSV, give typed values with only an empty field a null.
(tests/unit/package/test_recipes.py runs the recipes of the real package's README.)"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.package import recipes
from pipeline.schema.model import Field, Table

EVENTS = Table(
    "events",
    "Events",
    "made up for the test",
    [
        Field("event_id", "string", "the id"),
        Field("year", "integer", "a year"),
        Field("ok", "boolean", "a flag"),
        Field("day_earliest", "date", "a date"),
    ],
    ["event_id"],
)
NOTES = Table("notes", "Notes", "made up for the test", [Field("note", "string", "text")], ["note"])
WIDE = Table(
    "wide",
    "Wide",
    "ten text fields: more than one SQL line",
    [Field(f"field_{n:02}", "string", "text") for n in range(1, 11)],
    ["field_01"],
)
# "NA" is text (a country code), the empty year a null, true a boolean, the bound a date.
CSV = "event_id,year,ok,day_earliest\nNA,,true,1960-08-20\nMLI,1961,false,\n"


@pytest.fixture
def schema(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recipes, "TABLES", [EVENTS, NOTES])


def test_sql_names_are_quoted_whatever_they_hold():
    assert recipes.quoted("check") == '"check"'
    assert recipes.quoted('a"b') == '"a""b"'


def test_duckdb_is_told_each_column_s_type(schema):
    assert recipes.duckdb_recipe() == [
        'CREATE TABLE "events" (',
        '    "event_id" VARCHAR, "year" BIGINT, "ok" BOOLEAN, "day_earliest" DATE',
        ");",
        "COPY \"events\" FROM 'data/events.csv' (HEADER);",
        'CREATE TABLE "notes" (',
        '    "note" VARCHAR',
        ");",
        "COPY \"notes\" FROM 'data/notes.csv' (HEADER);",
    ]


def test_a_long_column_list_is_wrapped_within_100_characters(monkeypatch):
    monkeypatch.setattr(recipes, "TABLES", [WIDE])
    # Each ' "field_NN" VARCHAR,' is 20 characters after a 3-space indent: 3 + 4 x 20 = 83 fits,
    # a fifth would make 103.
    assert recipes.duckdb_recipe()[:4] == [
        'CREATE TABLE "wide" (',
        '    "field_01" VARCHAR, "field_02" VARCHAR, "field_03" VARCHAR, "field_04" VARCHAR,',
        '    "field_05" VARCHAR, "field_06" VARCHAR, "field_07" VARCHAR, "field_08" VARCHAR,',
        '    "field_09" VARCHAR, "field_10" VARCHAR',
    ]


def test_pandas_is_told_the_integers_booleans_and_dates(schema):
    lines = recipes.pandas_recipe()
    types = lines[lines.index("TYPES = {  # the columns that are not text (every other column is read as text)") :]
    assert types[1:4] == ['    "events": {"year": "Int64", "ok": "boolean"},', '    "notes": {},', "}"]
    dates = lines[lines.index("DATES = {  # the *_earliest / *_latest bounds of partial dates: real dates") :]
    assert dates[1:3] == ['    "events": ["day_earliest"],', "}"]  # notes has no date: not listed


def test_r_is_told_one_letter_per_column(schema):
    lines = recipes.r_recipe()
    assert lines[2:6] == ["types <- c(", '  events = "cilD",', '  notes = "c"', ")"]


def test_the_pandas_recipe_reads_the_schema_s_types(schema, tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "events.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "data" / "notes.csv").write_text("note\n\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec("\n".join(recipes.pandas_recipe()), namespace)
    events = namespace["tables"]["events"]
    assert [str(dtype) for dtype in events.dtypes[:3]] == ["string", "Int64", "boolean"]
    assert pd.api.types.is_datetime64_any_dtype(events["day_earliest"])  # its unit is pandas' choice
    assert events.at[0, "event_id"] == "NA" and events.at[1, "event_id"] == "MLI"
    assert events["year"].isna().tolist() == [True, False] and events.at[1, "year"] == 1961
    assert events["ok"].tolist() == [True, False]
    assert events.at[0, "day_earliest"] == pd.Timestamp("1960-08-20") and pd.isna(events.at[1, "day_earliest"])


def test_the_duckdb_recipe_reads_the_schema_s_types(schema, tmp_path, monkeypatch):
    duckdb = pytest.importorskip("duckdb")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "events.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "data" / "notes.csv").write_text("note\nx\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    connection = duckdb.connect()
    connection.execute("\n".join(recipes.duckdb_recipe()))
    assert connection.sql('SELECT * FROM "events" ORDER BY "event_id" DESC').fetchall() == [
        ("NA", None, True, dt.date(1960, 8, 20)),
        ("MLI", 1961, False, None),
    ]
