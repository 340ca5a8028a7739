"""`pipeline sqlite` on a hostile descriptor: one line naming the resource and the part, exit 65.

A non-finite number (`Infinity`, `NaN`, `1e400`) or a value of the wrong JSON type where the
database reads the descriptor (names, paths, fields, constraints, keys) used to reach the
CREATE TABLE statement and end in a traceback (exit 70).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.errors import InputError
from pipeline.sql.descriptor import read_descriptor
from tests.helpers import ROOT, pipeline_cli, snapshot

PACKAGE = ROOT / "datapackage"
DR = "resource 'diplomatic_relations'"
DESCRIPTOR = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))


def with_change(tmp_path: Path, change: Callable[[dict[str, Any]], object], text: str | None = None) -> Path:
    """A package folder holding only a descriptor: the committed one, changed."""
    descriptor = json.loads(json.dumps(DESCRIPTOR))
    change(descriptor)
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "datapackage.json").write_text(text or json.dumps(descriptor), encoding="utf-8")
    return folder


def table(descriptor: dict[str, Any], name: str = "diplomatic_relations") -> dict[str, Any]:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def field(descriptor: dict[str, Any], name: str = "established_precision") -> dict[str, Any]:
    return next(f for f in table(descriptor)["schema"]["fields"] if f["name"] == name)


def test_the_committed_descriptor_is_read():
    assert [r["name"] for r in read_descriptor(PACKAGE)["resources"]][:2] == ["sources", "diplomatic_relations"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"resources": [], "x": Infinity}', r"cannot be read as JSON \(Infinity is not a JSON number\)"),
        ('{"resources": [], "x": [NaN]}', r"cannot be read as JSON \(NaN is not a JSON number\)"),
        ('{"resources": [], "x": -Infinity}', r"cannot be read as JSON \(-Infinity is not a JSON number\)"),
        ('{"resources": [], "x": 1e400}', r"cannot be read as JSON \(1e400 is too large a number\)"),
        ('{"resources": ' + "[" * 200_000, r"cannot be read as JSON \(maximum recursion depth"),
    ],
    ids=["infinity", "nan", "minus-infinity", "overflow", "deep-nesting"],
)
def test_json_that_is_not_strict_is_refused(tmp_path, text, problem):
    with pytest.raises(InputError, match=rf"datapackage.json: {problem}"):
        read_descriptor(with_change(tmp_path, lambda d: None, text))


def _set(path: Callable[[dict[str, Any]], dict[str, Any]], key: str, value: object) -> Callable[[dict], None]:
    return lambda descriptor: path(descriptor).__setitem__(key, value)


@pytest.mark.parametrize(
    ("change", "place", "problem"),
    [
        (_set(lambda d: field(d)["constraints"], "enum", ["a", ["b"]]), DR,
         "the enum of field 'established_precision' holds a value that is not text, a number or a boolean"),
        (_set(lambda d: field(d)["constraints"], "enum", {"a": 1}), DR,
         "the constraints of field 'established_precision': 'enum' is dict, not a list"),
        (_set(lambda d: field(d)["constraints"], "required", "yes"), DR,
         "the constraints of field 'established_precision': 'required' is str, not true or false"),
        (_set(lambda d: field(d), "name", 5), DR, "field 23: 'name' is int, not a string"),
        (_set(lambda d: field(d), "name", "established"), DR,
         "its schema names a field twice"),
        (_set(lambda d: table(d)["schema"], "fields", {}), DR,
         "its schema: 'fields' is dict, not a list"),
        (_set(lambda d: table(d)["schema"], "fields", []), DR, "its schema has no fields"),
        (_set(lambda d: table(d)["schema"], "primaryKey", [1]), DR,
         "a key lists something that is not a field name"),
        (_set(lambda d: table(d)["schema"], "missingValues", [None]), DR,
         "its missingValues are not all strings"),
        (_set(lambda d: table(d)["schema"]["foreignKeys"][0], "reference", "sources"), DR,
         "foreign key 1: 'reference' is str, not an object"),
        (_set(lambda d: table(d)["schema"]["foreignKeys"][0]["reference"], "resource", None),
         DR, "a foreign key's reference: 'resource' is NoneType, not a string"),
        (_set(lambda d: table(d), "licenses", [1]), DR, "a license is not an object"),
        (_set(lambda d: table(d), "path", ["a.csv"]), DR,
         "the resource: 'path' is list, not a string"),
        (_set(lambda d: table(d), "name", None), "table resource 2", "the resource: 'name' is NoneType, not a string"),
        (lambda d: d["resources"].insert(0, ["not", "a", "resource"]), "table resource 1",
         "the resource is not an object"),
    ],
)  # fmt: skip
def test_a_part_of_the_wrong_type_is_named(tmp_path, change, place, problem):
    with pytest.raises(InputError) as error:
        read_descriptor(with_change(tmp_path, change))
    assert str(error.value) == (
        f"{tmp_path}/package/datapackage.json: {place}: {problem}; rebuild the package with `make datapackage`"
    )


def test_an_enum_of_infinity_and_nan_in_sqlite_is_one_line_and_writes_nothing(tmp_path):
    package = tmp_path / "package"
    shutil.copytree(PACKAGE, package)
    text = (package / "datapackage.json").read_text(encoding="utf-8")
    enum = '"enum": [\n                "mediawiki-edit-page",'
    assert enum in text
    (package / "datapackage.json").write_text(text.replace(enum, '"enum": [Infinity, NaN,', 1), encoding="utf-8")
    before = snapshot(tmp_path)
    result = pipeline_cli("sqlite", "--package", package, "--out", tmp_path / "build" / "db.sqlite")
    assert (result.returncode, result.stdout) == (65, "")
    assert result.stderr == (
        f"error: {package}/datapackage.json: cannot be read as JSON (Infinity is not a JSON number); "
        "rebuild the package with `make datapackage`\n"
    )
    assert {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("build/")} == before
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) in ([], [".db.sqlite.lock"])
