"""Package descriptors that `pipeline diff` cannot use: each gives one clear line, exit status 2,
no traceback, and leaves the user's files as they were."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, pipeline_cli, snapshot
from tests.helpers.seeds import assert_one_line

# Package descriptors that `pipeline diff` (and a release, reading the last one) cannot use

PACKAGE = ROOT / "datapackage"
KEEP = object()  # `edit` leaves the descriptor as it is
DESCRIPTOR = r"error: .*/package/datapackage.json: "
FIX = r"; repair the descriptor or pass another package"


def package_with(tmp_path: Path, edit: Callable[[Any, Path], Any]) -> Path:
    """A copy of the committed package whose descriptor is what `edit` returns (given the
    parsed descriptor and the copy's folder, where it may change data files too)."""
    folder = tmp_path / "package"
    shutil.copytree(PACKAGE, folder)
    descriptor = edit(json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8")), folder)
    if descriptor is not KEEP:
        text = descriptor if isinstance(descriptor, str) else json.dumps(descriptor)
        (folder / "datapackage.json").write_text(text, encoding="utf-8")
    return folder


def cli_diff(old: Path, new: Path) -> tuple[int, str, str]:
    result = pipeline_cli("diff", old, new)
    return result.returncode, result.stdout, result.stderr


def resource(number: int, **changes: Any) -> Callable[[Any, Path], Any]:
    """An edit setting (or, with None, removing) keys of the resource at `number`."""

    def edit(descriptor: Any, folder: Path) -> Any:
        for key, value in changes.items():
            if value is None:
                del descriptor["resources"][number][key]
            else:
                descriptor["resources"][number][key] = value
        return descriptor

    return edit


def schema(**changes: Any) -> Callable[[Any, Path], Any]:
    """An edit setting keys of the first resource's schema."""

    def edit(descriptor: Any, folder: Path) -> Any:
        descriptor["resources"][0]["schema"].update(changes)
        return descriptor

    return edit


def csv_text(text: str) -> Callable[[Any, Path], Any]:
    """An edit replacing the first resource's CSV file with `text`."""

    def edit(descriptor: Any, folder: Path) -> Any:
        (folder / "data" / "sources.csv").write_text(text, encoding="utf-8")
        return KEEP

    return edit


@pytest.mark.parametrize(
    ("edit", "pattern"),
    [
        (lambda d, f: [d], DESCRIPTOR + "the descriptor is an array, not an object" + FIX),
        (lambda d, f: '"datapackage"', DESCRIPTOR + "the descriptor is a string, not an object" + FIX),
        (lambda d, f: "null", DESCRIPTOR + "the descriptor is null, not an object" + FIX),
        (lambda d, f: "{", DESCRIPTOR + r"not a readable data package \(Expecting .*\); pass a package folder"),
        (
            lambda d, f: "[" * 100_000,
            DESCRIPTOR + r"not a readable data package \(.*recursion.*\); pass a package folder",
        ),
        (lambda d, f: {**d, "resources": {}}, DESCRIPTOR + "`resources` is an object, not an array" + FIX),
        (lambda d, f: {k: v for k, v in d.items() if k != "resources"}, DESCRIPTOR + "has no `resources`" + FIX),
        (lambda d, f: {**d, "resources": ["sources"]}, DESCRIPTOR + "resource #1: is a string, not an object" + FIX),
        (resource(0, path=5), DESCRIPTOR + "resource #1: `path` is a number, not a string" + FIX),
        (resource(1, path=["data/a.csv"]), DESCRIPTOR + "resource #2: `path` is an array, not a string" + FIX),
        (resource(0, name=None), DESCRIPTOR + "resource #1: has no `name`" + FIX),
        (resource(0, name=""), DESCRIPTOR + "resource #1: `name` is empty" + FIX),
        (resource(1, name="sources"), DESCRIPTOR + "resource #2: the name 'sources' is used twice" + FIX),
        (resource(0, schema=None), DESCRIPTOR + "resource 'sources': has no `schema`" + FIX),
        (resource(0, schema=[]), DESCRIPTOR + "resource 'sources': `schema` is an array, not an object" + FIX),
        (schema(fields=[]), DESCRIPTOR + r"resource 'sources': `schema.fields` is an empty array" + FIX),
        (
            schema(fields="source_id"),
            DESCRIPTOR + r"resource 'sources': `schema.fields` is a string, not an array of fields" + FIX,
        ),
        (schema(fields=["source_id"]), DESCRIPTOR + "resource 'sources', field #1: is a string, not an object" + FIX),
        (
            schema(fields=[{"type": "string"}]),
            DESCRIPTOR + "resource 'sources', field #1: `name` is null, not a string" + FIX,
        ),
        (
            schema(primaryKey=5),
            DESCRIPTOR + "resource 'sources': `schema.primaryKey` is not a column name or an array of them" + FIX,
        ),
        (
            schema(fields=[{"name": "source_id", "constraints": ["required"]}]),
            DESCRIPTOR + "resource 'sources', field 'source_id': `constraints` is an array, not an object" + FIX,
        ),
        (
            schema(fields=[{"name": "source_id", "constraints": {"enum": [["a"]]}}]),
            DESCRIPTOR + "resource 'sources', field 'source_id': `constraints.enum` is not an array of values" + FIX,
        ),
        (
            csv_text("id,title\n1,x\n"),
            r"error: .*/package/data/sources.csv: header: lacks the key column source_id of resource 'sources'; "
            r"restore the column or fix the schema's primaryKey",
        ),
        (
            csv_text(""),
            r"error: .*/package/data/sources.csv: not a readable CSV file \(No columns to parse from file\); "
            r"restore the data file",
        ),
        (
            resource(0, path="data/gone.csv"),
            r"error: .*/package/data/gone.csv: no such data file; restore the data file or fix the resource's path",
        ),
        (
            resource(0, path="data"),
            r"error: .*/package/data: not a regular file; restore the data file or fix the resource's path",
        ),
    ],
    ids=[
        "list",
        "string",
        "null",
        "not-json",
        "nested-too-deep",
        "resources-object",
        "no-resources",
        "resource-string",
        "path-number",
        "path-list",
        "no-name",
        "empty-name",
        "name-twice",
        "no-schema",
        "schema-list",
        "no-fields",
        "fields-string",
        "field-string",
        "field-without-name",
        "primary-key-number",
        "constraints-list",
        "enum-of-arrays",
        "csv-without-key-column",
        "csv-empty",
        "csv-missing",
        "csv-is-a-folder",
    ],
)
def test_diff_of_a_malformed_package_is_one_line_and_exit_2(tmp_path, edit, pattern):
    new = package_with(tmp_path, edit)
    before = snapshot(tmp_path)
    status, stdout, stderr = cli_diff(PACKAGE, new)
    assert (status, stdout) == (2, ""), stderr
    assert_one_line(stderr, pattern)
    assert snapshot(tmp_path) == before


def test_diff_checks_the_old_package_as_well(tmp_path):
    status, stdout, stderr = cli_diff(package_with(tmp_path, schema(fields=[])), PACKAGE)
    assert (status, stdout) == (2, "")
    assert_one_line(stderr, DESCRIPTOR + r"resource 'sources': `schema.fields` is an empty array" + FIX)


@pytest.mark.parametrize("path", ["../secret.csv", "/SECRET/secret.csv", "data/../../secret.csv", "outside.csv"])
def test_diff_refuses_a_resource_path_outside_the_package_without_reading_it(tmp_path, path):
    lines = []
    for case in ("there", "missing"):
        (tmp_path / case).mkdir()
        secret = tmp_path / case / "secret.csv"
        if case == "there":
            secret.write_text("source_id\nstolen\n", encoding="utf-8")
        new = package_with(tmp_path / case, resource(0, path=path.replace("/SECRET", str(tmp_path / case))))
        (new / "outside.csv").symlink_to(secret)
        status, stdout, stderr = cli_diff(PACKAGE, new)
        assert (status, stdout) == (2, ""), stderr
        shown = path.replace("/SECRET", str(tmp_path / case))
        assert_one_line(
            stderr,
            rf"error: .*/{case}/package/datapackage.json: resource 'sources': path '{re.escape(shown)}' leads "
            r"outside the package folder; keep the data files inside the package folder, with relative paths",
        )
        lines.append(stderr.replace(f"/{case}/", "/"))
    assert lines[0] == lines[1]


def test_diff_takes_a_primary_key_given_as_one_name(tmp_path):
    new = package_with(tmp_path, schema(primaryKey="source_id"))
    assert cli_diff(PACKAGE, new) == (0, f"{PACKAGE} -> {new}: none change\n- No changes.\n", "")


def test_diff_of_a_renamed_key_column_is_a_rename_and_keeps_the_rows(tmp_path):
    def rename(descriptor: Any, folder: Path) -> Any:
        data = folder / "data" / "sources.csv"
        data.write_text(data.read_text(encoding="utf-8").replace("source_id", "sid", 1), encoding="utf-8")
        descriptor["resources"][0]["schema"]["fields"][0]["name"] = "sid"
        descriptor["resources"][0]["schema"]["primaryKey"] = ["sid"]
        return descriptor

    new = package_with(tmp_path, rename)
    status, stdout, stderr = cli_diff(PACKAGE, new)
    assert (status, stderr) == (1, "")
    assert stdout.splitlines()[1:] == [
        "- `sources` (major):",
        "  - schema: field `source_id` renamed to `sid`",
        "  - schema: primary key changed",
    ]


def test_diff_reports_a_bug_in_one_line_with_exit_2(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("pipeline.release.versioning.diff_packages", lambda old, new: {}["a\nb"])
        result = CliRunner().invoke(main, ["diff", str(PACKAGE), str(PACKAGE)])
    assert result.exit_code == 2
    assert result.stderr == "internal error: KeyError: 'a\\nb'; run again with --debug and report it as a bug\n"
