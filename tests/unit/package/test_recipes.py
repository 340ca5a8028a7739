"""The data README's recipes and examples, taken out of the generated README and run as a
researcher would run them (from the package folder), with answers worked out independently
from the CSV files (the csv module, no types) and, where stated, by hand from the seed."""

from __future__ import annotations

import csv
import gc
import re
import shutil
import subprocess
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers import ARTICLE

FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
LOADING_BLOCKS = 4  # pandas, DuckDB, frictionless, R: the first four blocks of the Loading section


def blocks(built: Path, section: str) -> list[tuple[str, str]]:
    """(language, code) of each fenced block in one `## ` section of the built README."""
    readme = (built / "README.md").read_text(encoding="utf-8")
    body = readme.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return FENCE.findall(body)


def rows(built: Path, table: str) -> list[dict[str, str]]:
    with (built / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def pandas_run(built: Path) -> list[dict]:
    """The namespace after the pandas recipe, and the answer of each question's pandas block."""
    loading = blocks(built, "Loading")
    assert [language for language, _ in loading] == ["python", "sql", "python", "r"]
    namespace: dict = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(built)
        exec(loading[0][1], namespace)
        answers = []
        for language, code in blocks(built, "Examples"):
            if language == "python":
                exec(code, namespace)
                answers.append(namespace["answer"])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            exec(blocks(built, "Checking a row against its source")[0][1], namespace)
            gc.collect()
        namespace["unclosed"] = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    return [namespace, *answers]


@pytest.fixture(scope="module")
def duckdb_run(built: Path) -> list[list[tuple]]:
    """The rows of each question's DuckDB query, after the DuckDB recipe (run in one connection)."""
    import duckdb

    connection = duckdb.connect()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(built)
        connection.execute(blocks(built, "Loading")[1][1])
    return [
        connection.sql(code.strip().rstrip(";")).fetchall()
        for language, code in blocks(built, "Examples")
        if language == "sql"
    ]


@pytest.fixture(scope="module")
def sqlite_run(built: Path, tmp_path_factory: pytest.TempPathFactory) -> list[list[tuple]]:
    """The rows of each question's SQL query in SQLite, on the database `pipeline sqlite` makes of the package."""
    import sqlite3

    from pipeline.sql.publish import write_database

    database = tmp_path_factory.mktemp("sqlite") / "foreign_relations.sqlite"
    write_database(built, database)
    connection = sqlite3.connect(database)
    try:
        return [
            connection.execute(code).fetchall() for language, code in blocks(built, "Examples") if language == "sql"
        ]
    finally:
        connection.close()


def test_every_question_is_answered_in_pandas_sql_and_r(built):
    languages = [language for language, _ in blocks(built, "Examples")]
    assert languages == ["python", "sql", "r"] * 5


def test_the_sql_answers_are_the_same_in_sqlite_and_duckdb(sqlite_run, duckdb_run):
    assert len(sqlite_run) == len(duckdb_run) == 5
    for number, (lite, duck) in enumerate(zip(sqlite_run, duckdb_run, strict=True), start=1):
        if number in (3, 5):  # 3: SQLite puts a missing city first, DuckDB last; 5: a join in no stated order
            lite, duck = sorted(lite, key=str), sorted(duck, key=str)
        assert [tuple(row) for row in lite] == [tuple(row) for row in duck], number
    assert sqlite_run[1] == [("Israel", "suspended", "1960-11-27"), ("Ukraine", "severed", "1992-11-05")]


def test_r_examples_give_the_same_answers(built, tmp_path, duckdb_run, pandas_run):
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("Rscript is not installed: the R examples are not run")
    code = [blocks(built, "Loading")[3][1]]
    for number, block in enumerate((c for language, c in blocks(built, "Examples") if language == "r"), start=1):
        out = (tmp_path / f"answer-{number}.csv").as_posix()
        code += [block, f'write.csv(answer, "{out}", row.names = FALSE, na = "")\n']
    script = tmp_path / "examples.R"
    script.write_text("\n".join(code), encoding="utf-8")
    subprocess.run([rscript, str(script)], cwd=built, capture_output=True, text=True, check=True)

    def answer(number: int) -> list[tuple[str, ...]]:
        with (tmp_path / f"answer-{number}.csv").open(encoding="utf-8", newline="") as file:
            return [tuple(row) for row in list(csv.reader(file))[1:]]

    def text(rows: list[tuple]) -> list[tuple[str, ...]]:
        return [tuple("" if value is None else str(value) for value in row) for row in rows]

    assert {int(d): int(n) for d, n in answer(1)} == dict(pandas_run[1])
    for number in (2, 4):
        assert answer(number) == text(duckdb_run[number - 1])
    for number in (3, 5):
        assert sorted(answer(number)) == sorted(text(duckdb_run[number - 1]))


def test_pandas_recipe_gives_the_schema_types(pandas_run, built):
    tables = pandas_run[0]["tables"]
    relations = tables["diplomatic_relations"]
    assert str(relations["row_number"].dtype) == "Int64"  # blanks ("—") are <NA>, not a float column
    assert str(relations["established"].dtype) == "string"  # partial dates stay text
    assert str(relations["established_earliest"].dtype).startswith("datetime64")
    assert str(tables["sources"]["in_manifest"].dtype) == "boolean"
    # Mali's embassy in Canada "in 1978" (the seed's bilateral notes): text "1978", not the float 1978.0
    assert "1978" in set(tables["missions"]["since"].dropna())
    israel = relations[relations["partner"] == "Israel"].iloc[0]  # "#" printed as "—" in the seed
    assert israel["row_number"] is pd.NA and israel["row_number_raw"] == "—"
    assert {name: len(frame) for name, frame in tables.items()} == {name: len(rows(built, name)) for name in tables}


def test_duckdb_recipe_types_every_column_as_the_schema_declares(built):
    import duckdb

    from pipeline.schema import TABLES

    connection = duckdb.connect()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(built)
        connection.execute(blocks(built, "Loading")[1][1])
    sql_type = {"string": "VARCHAR", "integer": "BIGINT", "boolean": "BOOLEAN", "date": "DATE"}
    for table in TABLES:
        described = connection.sql(f'DESCRIBE "{table.name}"').fetchall()
        assert [(row[0], row[1]) for row in described] == [(f.name, sql_type[f.type]) for f in table.fields]
        assert connection.sql(f'SELECT count(*) FROM "{table.name}"').fetchall() == [(len(rows(built, table.name)),)]


def test_frictionless_recipe_reads_typed_rows(built):
    namespace: dict = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(built)
        exec(blocks(built, "Loading")[2][1], namespace)
    assert str(namespace["relations"]["row_number"].dtype) == "Int64"
    assert len(namespace["relations"]) == len(rows(built, "diplomatic_relations"))
    missions = namespace["mission_rows"]
    assert len(missions) == len(rows(built, "missions"))
    assert missions[0]["source_start"] == int(rows(built, "missions")[0]["source_start"])  # an int, not text


def test_r_recipe_reads_every_table(built, tmp_path):
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("Rscript is not installed: the R recipe is not run")
    script = tmp_path / "recipe.R"
    code = blocks(built, "Loading")[3][1]
    script.write_text(code + 'cat(sapply(tables, nrow), "\\n"); cat(class(tables$sources$in_manifest), "\\n")\n')
    result = subprocess.run([rscript, str(script)], cwd=built, capture_output=True, text=True, check=True)
    counts, kind = result.stdout.strip().split("\n")
    from pipeline.schema import TABLES

    assert counts.split() == [str(len(rows(built, t.name))) for t in TABLES]
    assert kind.strip() == "logical"


def test_relations_per_decade(pandas_run, duckdb_run, built):
    expected = Counter(
        int(row["established_earliest"][:3]) * 10
        for row in rows(built, "diplomatic_relations")
        if row["established_earliest"]
    )
    assert dict(pandas_run[1]) == dict(expected)
    assert duckdb_run[0] == sorted(expected.items())
    assert expected[1960] >= 4  # France, Germany, the United States, Ghana: the first rows of the seed's list, all 1960


def test_severed_or_suspended_relations(pandas_run, duckdb_run):
    # The seed's list marks one partner "(suspended)" and one "(severed)", in this order:
    # {{Flag|Israel}} (suspended) |{{dts|27 November 1960}}; {{Flag|Ukraine}} (severed) ... {{dts|5 November 1992}}
    expected = [("Israel", "suspended", "1960-11-27"), ("Ukraine", "severed", "1992-11-05")]
    assert [tuple(row) for row in pandas_run[2].itertuples(index=False)] == expected
    assert duckdb_run[1] == expected


def test_embassies(pandas_run, duckdb_run, built):
    # in DuckDB's order: sending, receiving, then city with nulls last
    expected = sorted(
        (
            (row["sending"], row["receiving"], row["city"] or None)
            for row in rows(built, "missions")
            if row["kind"] == "embassy"
        ),
        key=lambda row: (row[0], row[1], row[2] is None, row[2] or ""),
    )
    pandas_answer = [
        tuple(None if value is pd.NA else value for value in row) for row in pandas_run[3].itertuples(index=False)
    ]
    assert sorted(pandas_answer, key=str) == sorted(expected, key=str)
    assert duckdb_run[2] == expected
    assert ("Mali", "France", "Paris") in expected


def test_the_source_of_one_date_is_the_first_cited_row(pandas_run, duckdb_run):
    # The example takes the first list row whose date cell cites a reference: the seed's first row,
    # {{Flag|France}} |{{dts|20 August 1960}}<ref name=":1" />, whose reference ":1" is defined as
    # {{Cite web |title=Liste chronologique des ambassadeurs, ... depuis 1945 |url=https://www.diplomatie.gouv.fr/...}}
    expected = [
        (
            "1960-08-20",
            "Liste chronologique des ambassadeurs, envoyes extraordinaires, ministres plenipotentiaires et "
            "charges d'affaires de France a l'etranger depuis 1945",
            "https://www.diplomatie.gouv.fr/IMG/pdf/maep0035-0120_cle8a5377.pdf",
        )
    ]
    assert [tuple(row) for row in pandas_run[4].itertuples(index=False)] == expected
    assert duckdb_run[3] == expected


def test_the_example_partner_is_quoted_for_python_and_sql():
    from pipeline.package.questions import _source_of_date_pandas, _source_of_date_sql

    assert 'relations["partner"] == "Côte d\'Ivoire \\"x\\""' in _source_of_date_pandas('Côte d\'Ivoire "x"')[0]
    assert "WHERE r.partner = 'Côte d''Ivoire';" in _source_of_date_sql("Côte d'Ivoire")[-1]


def test_the_flagged_facts(pandas_run, duckdb_run, built):
    partner_at = {row["relation_id"]: row["partner"] for row in rows(built, "diplomatic_relations")}
    expected = sorted(
        (partner_at[row["row_id"]], row["check_name"], row["severity"], row["message"])
        for row in rows(built, "quality_findings")
        if row["resource"] == "diplomatic_relations" and row["row_id"] in partner_at
    )
    assert sorted(tuple(row) for row in pandas_run[5].itertuples(index=False)) == expected
    assert sorted(duckdb_run[4]) == expected
    # The seed writes the date cells of Ireland and Uruguay as "Unknown"
    assert {(partner, check) for partner, check, *_ in expected} >= {
        ("Ireland", "unknown_date"),
        ("Uruguay", "unknown_date"),
    }


def test_the_provenance_example_reads_the_rows_wikitext_from_the_packaged_document(pandas_run, built):
    first = rows(built, "missions")[0]
    expected = ARTICLE.read_bytes()[int(first["source_start"]) : int(first["source_end"])].decode("utf-8")
    assert pandas_run[0]["wikitext"] == expected
    assert pandas_run[0]["unclosed"] == []  # the recipe closes the file it opens
