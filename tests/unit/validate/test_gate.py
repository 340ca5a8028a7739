"""The frictionless gate in parts: tables validated before the package is written
(`table_errors`), and the written package validated less what was validated already
(`rest_errors`): a resource counts as validated only when the package publishes it with the
same descriptor, under the same `$schema`, and its file holds the same bytes."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pipeline.validate.gate import frictionless_errors, rest_errors, table_errors

pytestmark = pytest.mark.gate  # frictionless afresh in every test (tests/conftest.py)

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PARENTS = "id\na\nb\n"
CHILDREN = "id,parent_id\n1,a\n2,b\n"


def resource(name: str, folder: Path, fields: list[dict], foreign_keys: list[dict] | None = None) -> dict:
    data = (folder / "data" / f"{name}.csv").read_bytes()
    schema: dict = {"fields": fields, "primaryKey": ["id"]}
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return {
        "name": name,
        "type": "table",
        "path": f"data/{name}.csv",
        "format": "csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "schema": schema,
    }


def tables_package(folder: Path, children: str = CHILDREN) -> dict:
    """Two tables, `children.parent_id` a foreign key to `parents.id`: written into `folder`,
    and their package descriptor."""
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "parents.csv").write_text(PARENTS)
    (folder / "data" / "children.csv").write_text(children)
    key = [{"fields": ["parent_id"], "reference": {"resource": "parents", "fields": ["id"]}}]
    return {
        "$schema": PROFILE,
        "resources": [
            resource("parents", folder, [{"name": "id", "type": "string"}]),
            resource("children", folder, [{"name": "id", "type": "integer"}, {"name": "parent_id", "type": "string"}], key),
        ],
    }


def published(validated: Path, folder: Path, descriptor: dict) -> Path:
    """The package as `publish` writes it: the validated tables copied, a findings table added."""
    shutil.copytree(validated, folder)
    (folder / "data" / "findings.csv").write_text("id\nx\n")
    findings = resource("findings", folder, [{"name": "id", "type": "string"}])
    package = {**descriptor, "name": "family", "resources": [*descriptor["resources"], findings]}
    (folder / "datapackage.json").write_text(json.dumps(package))
    return folder


def test_tables_are_validated_with_their_foreign_keys(tmp_path):
    assert table_errors(tables_package(tmp_path / "good"), tmp_path / "good") == []
    bad = tmp_path / "bad"
    assert table_errors(tables_package(bad, "id,parent_id\n1,a\n2,c\n"), bad) == [
        'children: row 3 foreign-key: Row at position "3" violates the foreign key: '
        'for "parent_id": values "c" not found in the lookup table "parents" as "id"'
    ]


def test_the_written_package_is_valid_with_its_tables_validated_before(tmp_path):
    descriptor = tables_package(tmp_path / "early")
    package = published(tmp_path / "early", tmp_path / "package", descriptor)
    assert rest_errors(package, descriptor, tmp_path / "early") == []
    assert frictionless_errors(package) == []


def test_a_table_whose_bytes_changed_since_it_was_validated_is_validated_again(tmp_path):
    descriptor = tables_package(tmp_path / "early")
    package = published(tmp_path / "early", tmp_path / "package", descriptor)
    (package / "data" / "children.csv").write_text(CHILDREN.replace("2,b", "2,c"))  # same size, descriptor unchanged
    changed = hashlib.sha256(CHILDREN.replace("2,b", "2,c").encode()).hexdigest()
    assert rest_errors(package, descriptor, tmp_path / "early") == [
        'children: row 3 foreign-key: Row at position "3" violates the foreign key: '
        'for "parent_id": values "c" not found in the lookup table "parents" as "id"',
        "children: hash-count: The data source does not match the expected hash count: expected is "
        f'"{descriptor["resources"][1]["hash"].removeprefix("sha256:")}" and actual is "{changed}"',
    ]


def test_a_table_published_with_another_descriptor_is_validated_again(tmp_path):
    descriptor = tables_package(tmp_path / "early")
    package = published(tmp_path / "early", tmp_path / "package", descriptor)
    written = json.loads((package / "datapackage.json").read_text())
    written["resources"][1]["schema"]["fields"][0]["constraints"] = {"maximum": 1}
    (package / "datapackage.json").write_text(json.dumps(written))
    assert rest_errors(package, descriptor, tmp_path / "early") == [
        'children: row 3 constraint-error: The cell "2" in row at position "3" and field "id" at position "1" '
        'does not conform to a constraint: constraint "maximum" is "1"'
    ]


def test_a_package_under_another_schema_has_every_table_validated_again(tmp_path):
    descriptor = tables_package(tmp_path / "early")
    package = published(tmp_path / "early", tmp_path / "package", descriptor)
    (package / "data" / "parents.csv").write_text(PARENTS.replace("b", "c"))  # same size, descriptor unchanged
    assert rest_errors(package, {**descriptor, "$schema": "other"}, tmp_path / "early") == frictionless_errors(package)
    assert [line.split(":")[:2] for line in frictionless_errors(package)] == [
        ["parents", " hash-count"],
        ["children", " row 3 foreign-key"],
    ]


def test_an_invalid_descriptor_is_an_error_of_the_package_not_a_crash(tmp_path):
    descriptor = tables_package(tmp_path / "early")
    package = published(tmp_path / "early", tmp_path / "package", descriptor)
    written = json.loads((package / "datapackage.json").read_text())
    written["keywords"] = "not a list"
    (package / "datapackage.json").write_text(json.dumps(written))
    assert rest_errors(package, descriptor, tmp_path / "early") == [
        "package: package-error: The data package has an error: 'not a list' is not of type 'array' at property 'keywords'"
    ]
