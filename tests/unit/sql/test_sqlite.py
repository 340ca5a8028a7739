"""`pipeline sqlite`: the committed package as one SQLite database.

Expected values come from the CSVs of datapackage/ read with the csv module, from the schema
in pipeline/schema/, or by hand from the CSVs' first rows; never from the database code.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.schema import BY_NAME, TABLES
from tests.helpers import ROOT, pipeline_cli, snapshot

PACKAGE = ROOT / "datapackage"


def csv_rows(table: str) -> list[dict[str, str]]:
    with (PACKAGE / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sqlite") / "foreign_relations.sqlite"
    result = pipeline_cli("sqlite", "--package", PACKAGE, "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out}\nwrote {out.with_name('foreign_relations.metadata.json')}\n"
    return out


@pytest.fixture
def db(database) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    yield connection
    connection.close()


def test_every_table_of_the_package_has_its_rows(db):
    for table in TABLES:
        assert db.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0] == len(csv_rows(table.name)), table.name


def test_values_have_the_schemas_types(db):
    # datapackage/data/diplomatic_relations.csv, first row: France, position 1, "#" 1, 20 August 1960
    row = db.execute(
        "SELECT partner, position, typeof(position), row_number, established, established_earliest, typeof(established_earliest)"
        " FROM diplomatic_relations WHERE subject_iso3 = 'MLI' AND position = 1"
    ).fetchone()
    assert row == ("France", 1, "integer", 1, "1960-08-20", "1960-08-20", "text")
    # quality_findings.csv: finding 1 is acknowledged ("true"), finding 2 is not and has no acknowledgement
    findings = db.execute(
        "SELECT finding, check_name, acknowledged, typeof(acknowledged), acknowledgement IS NULL FROM quality_findings WHERE finding <= 2"
    ).fetchall()
    assert findings == [(1, "cites_tagged_reference", 1, "integer", 0), (2, "dead_url_archived", 0, "integer", 1)]
    definitions = sum(row["is_definition"] == "true" for row in csv_rows("citations"))
    assert db.execute("SELECT sum(is_definition), count(DISTINCT typeof(is_definition)) FROM citations").fetchone() == (
        definitions,
        1,
    )


def test_a_reserved_word_table_and_column_can_be_queried(db):
    assert db.execute("SELECT count(*) FROM article_references").fetchone()[0] == len(csv_rows("article_references"))
    assert db.execute("SELECT check_name FROM quality_findings WHERE finding = 1").fetchone() == (
        "cites_tagged_reference",
    )


def test_primary_keys_are_the_schemas(db):
    for table in TABLES:
        columns = db.execute(f'PRAGMA table_info("{table.name}")').fetchall()
        key = [name for _, name, _, _, _, pk in sorted(columns, key=lambda c: c[5]) if pk]
        assert key == table.primary_key, table.name
    assert db.execute('PRAGMA table_info("citations")').fetchall()[:3] == [
        (0, "citation_id", "TEXT", 1, None, 1),  # every table's key: its one id column
        (1, "source_id", "TEXT", 1, None, 0),
        (2, "occurrence", "INTEGER", 1, None, 0),
    ]


def test_foreign_keys_are_declared_and_hold(db):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    declared = [(row[2], row[3], row[4]) for row in db.execute('PRAGMA foreign_key_list("missions")')]
    assert sorted(declared) == [
        ("bilateral_relations", "partner", "partner"),
        ("bilateral_relations", "subject_iso3", "subject_iso3"),
        ("sources", "source_id", "source_id"),
    ]
    for table in TABLES:
        listed = {(row[2], row[3]) for row in db.execute(f'PRAGMA foreign_key_list("{table.name}")')}
        assert listed == {(fk.resource, column) for fk in table.foreign_keys for column in fk.fields}, table.name


def test_a_connection_with_foreign_keys_on_refuses_an_orphan_and_a_bad_type(database, tmp_path):
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(database, copy)
    connection = sqlite3.connect(copy)
    connection.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        connection.execute(
            "INSERT INTO citations (citation_id, source_id, occurrence, ref_id, reference_id, is_definition,"
            " source_start, source_end) VALUES ('x', 'foreign-relations-of-mali', 9999, 'no-such-reference',"
            " 'foreign-relations-of-mali/reference/no-such-reference', 0, 1, 2)"
        )
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        connection.execute("UPDATE citations SET is_definition = 2 WHERE occurrence = 1")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        connection.execute("UPDATE diplomatic_relations SET status = 'friendly' WHERE position = 1")
    with pytest.raises(sqlite3.IntegrityError, match="cannot store TEXT value in INTEGER column"):
        connection.execute("UPDATE diplomatic_relations SET position = 'first' WHERE position = 1")
    connection.close()


def test_every_foreign_key_is_the_start_of_an_index(db):
    for table in TABLES:
        indexes = [
            [row[2] for row in db.execute(f'PRAGMA index_info("{index[1]}")')]
            for index in db.execute(f'PRAGMA index_list("{table.name}")')
        ]
        for fk in table.foreign_keys:
            assert any(index[: len(fk.fields)] == fk.fields for index in indexes), (table.name, fk.fields)
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"idx_citations_reference_id", "idx_missions_subject_iso3_partner"} <= names
    # the parent side of a foreign key that is not a primary key gets a unique index (SQLite needs one)
    assert "idx_bilateral_relations_subject_iso3_partner" in names


def test_descriptions_are_in_the_columns_and_tables_tables(db):
    rows = db.execute("SELECT table_name, column_name, type, description FROM _columns ORDER BY table_name, position")
    expected = sorted(((t.name, f.name, f.type, f.description) for t in TABLES for f in t.fields), key=lambda r: r[0])
    assert sorted(rows.fetchall(), key=lambda r: r[0]) == expected
    assert db.execute(
        "SELECT title, rows, primary_key FROM _tables WHERE table_name = 'article_references'"
    ).fetchone() == ("References", len(csv_rows("article_references")), '["reference_id"]')
    assert db.execute("SELECT value FROM _package WHERE property = 'title'").fetchone() == (
        "Foreign relations of Mali",
    )


def test_descriptions_are_comments_in_the_create_statements(db):
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'quality_findings'").fetchone()[0]
    check = BY_NAME["quality_findings"].field("check_name").description
    assert f'   -- {check}\n   "check_name" TEXT NOT NULL,\n' in sql
    assert '"acknowledged" INTEGER NOT NULL CHECK ("acknowledged" IN (0, 1))' in sql
    assert sql.startswith('CREATE TABLE "quality_findings" (\n   -- Quality findings: Problems the checks found')
    assert sql.endswith(") STRICT")


def test_a_description_cannot_end_its_comment(tmp_path):
    import sqlite_utils

    from pipeline.schema import Field, Table
    from pipeline.sql.database import create_table

    db = sqlite_utils.Database(tmp_path / "x.sqlite")
    table = Table("t", "T", "line one\nDROP TABLE t; --", [Field("a", "string", "x\r\ny\u2028z")], ["a"])
    create_table(db, table)
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 't'").fetchone()[0]
    assert (
        sql
        == 'CREATE TABLE "t" (\n   -- T: line one DROP TABLE t; --\n   -- x y z\n   "a" TEXT PRIMARY KEY NOT NULL\n) STRICT'
    )


def test_two_builds_give_the_same_bytes(database, tmp_path):
    again = tmp_path / "other" / "foreign_relations.sqlite"
    assert pipeline_cli("sqlite", "--package", PACKAGE, "--out", again).returncode == 0
    assert again.read_bytes() == database.read_bytes()
    metadata = "foreign_relations.metadata.json"
    assert (again.parent / metadata).read_bytes() == (database.parent / metadata).read_bytes()


def test_a_broken_foreign_key_fails_the_build_and_writes_nothing(tmp_path):
    package = tmp_path / "package"
    shutil.copytree(PACKAGE, package)
    citations = package / "data" / "citations.csv"
    lines = citations.read_text(encoding="utf-8").split("\n")
    first = "foreign-relations-of-mali/citation/b81f12744d24,foreign-relations-of-mali,1,cp,"
    assert lines[1] == first + "foreign-relations-of-mali/reference/cp,true,,,,,1665,1912"
    lines[1] = first + "foreign-relations-of-mali/reference/no-such-reference,true,,,,,1665,1912"
    citations.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "build" / "db.sqlite"
    result = pipeline_cli("sqlite", "--package", package, "--out", out)
    assert result.returncode == 65
    assert result.stderr == (
        f"error: {package}/datapackage.json: citations: row 1 refers to a row of article_references that does not exist; "
        "fix the package's foreign keys, then rebuild the package with `make datapackage`\n"
    )
    assert sorted(p.name for p in out.parent.iterdir()) == []  # no lock file, no staging file left


def test_a_duplicate_primary_key_fails_the_build(tmp_path):
    package = tmp_path / "package"
    shutil.copytree(PACKAGE, package)
    sources = package / "data" / "sources.csv"
    lines = sources.read_text(encoding="utf-8").split("\n")
    sources.write_text("\n".join([*lines[:2], lines[1], *lines[2:]]), encoding="utf-8")
    result = pipeline_cli("sqlite", "--package", package, "--out", tmp_path / "db.sqlite")
    assert result.returncode == 65
    assert result.stderr == (
        f"error: {sources}: sources: does not fit its schema (UNIQUE constraint failed: sources.source_id); "
        "rebuild the package with `make datapackage`\n"
    )


@pytest.mark.parametrize(
    ("old", "new", "place", "problem"),
    [
        (
            ",1,1,1,France,",
            ",one,1,1,France,",
            "line 2, position",
            "'one' is not a integer",
        ),  # the first row's position
        (",12519,12582\n", ",12519,12582,\n", "", "cannot be read (zip() argument 2 is longer than argument 1)"),
    ],
    ids=["a bad cell", "a cell too many"],
)
def test_a_value_that_is_not_its_type_or_a_row_too_long_is_one_line_naming_it(tmp_path, old, new, place, problem):
    package = tmp_path / "package"
    shutil.copytree(PACKAGE, package)
    relations = package / "data" / "diplomatic_relations.csv"
    text = relations.read_text(encoding="utf-8")
    assert text.count(old) == 1
    relations.write_text(text.replace(old, new), encoding="utf-8")
    result = pipeline_cli("sqlite", "--package", package, "--out", tmp_path / "build" / "db.sqlite")
    assert result.returncode == 65
    assert (
        result.stderr
        == f"error: {relations}: {place + ': ' if place else ''}{problem}; rebuild the package with `make datapackage`\n"
    )
    assert list((tmp_path / "build").iterdir()) == []


def test_a_file_that_is_not_ours_is_refused_and_left_whole(tmp_path):
    theirs = tmp_path / "theirs.sqlite"
    connection = sqlite3.connect(theirs)
    connection.execute("CREATE TABLE mine (a)")
    connection.commit()
    connection.close()
    notes = tmp_path / "notes.sqlite"
    notes.write_text("my notes\n", encoding="utf-8")
    link = tmp_path / "link.sqlite"
    link.symlink_to(notes)
    before = snapshot(tmp_path)
    for out in (theirs, notes, link):
        result = pipeline_cli("sqlite", "--package", PACKAGE, "--out", out)
        assert result.returncode == 73
        assert result.stderr == (
            f"error: {out}: is not a SQLite database this command wrote; it was left as it is; "
            "move it away, or write the database elsewhere with --out\n"
        )
    assert snapshot(tmp_path) == before


def test_a_metadata_file_that_is_not_ours_is_refused(tmp_path):
    (tmp_path / "db.metadata.json").write_text('{"title": "mine"}\n', encoding="utf-8")
    result = pipeline_cli("sqlite", "--package", PACKAGE, "--out", tmp_path / "db.sqlite")
    assert result.returncode == 73
    assert "db.metadata.json: is not Datasette metadata this command wrote" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.metadata.json"]


def test_the_database_may_not_go_inside_the_package(tmp_path):
    package = tmp_path / "package"
    shutil.copytree(PACKAGE, package)
    result = pipeline_cli("sqlite", "--package", package, "--out", package / "db.sqlite")
    assert result.returncode == 73
    assert "--out" in result.stderr and "overlaps --package" in result.stderr
    assert snapshot(package) == snapshot(PACKAGE)


def test_building_the_package_does_not_load_the_sql_code():
    code = "import sys, pipeline.build, pipeline.cli; print(sorted(m for m in sys.modules if m.startswith(('pipeline.sql', 'sqlite_utils'))))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"
