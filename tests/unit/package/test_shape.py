"""The shape of a package descriptor that diffs and releases rely on (pipeline/package/shape.py):
checked before any data file is read, each fault a one-line error naming the resource."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.package.shape import check_header, checked_resources, data_file, is_table, json_type, key_of

TABLE = {"name": "t", "path": "data/t.csv", "schema": {"fields": [{"name": "id"}, {"name": "x"}], "primaryKey": "id"}}


def refused(descriptor: object) -> str:
    with pytest.raises(InputError) as caught:
        checked_resources(Path("pkg/datapackage.json"), descriptor)
    return str(caught.value)


def test_a_string_primary_key_becomes_a_list_of_one_and_a_file_is_not_a_table():
    document = {"name": "seed", "path": "sources/a.wikitext"}
    resources = checked_resources(Path("pkg/datapackage.json"), {"resources": [dict(TABLE), document]})
    assert resources[0]["schema"]["primaryKey"] == ["id"] and key_of(resources[0]) == ["id"]
    assert [is_table(resource) for resource in resources] == [True, False]
    assert key_of({"schema": {"fields": [{"name": "first"}]}}) == ["first"]


def test_each_fault_names_the_resource_and_what_is_wrong():
    fix = "repair the descriptor or pass another package"
    assert refused([]) == f"pkg/datapackage.json: the descriptor is an array, not an object; {fix}"
    assert refused({"resources": None}) == f"pkg/datapackage.json: `resources` is null, not an array; {fix}"
    assert refused({"resources": [{"name": "a"}]}) == f"pkg/datapackage.json: resource #1: has no `path`; {fix}"
    twice = {"resources": [{"name": "a", "path": "a"}, {"name": "a", "path": "b"}]}
    assert refused(twice) == f"pkg/datapackage.json: resource #2: the name 'a' is used twice; {fix}"
    no_fields = {"resources": [{**TABLE, "schema": {"fields": []}}]}
    assert refused(no_fields) == f"pkg/datapackage.json: resource 't': `schema.fields` is an empty array; {fix}"
    bad_enum = {"resources": [{**TABLE, "schema": {"fields": [{"name": "x", "constraints": {"enum": [[1]]}}]}}]}
    assert refused(bad_enum) == (
        f"pkg/datapackage.json: resource 't', field 'x': `constraints.enum` is not an array of values; {fix}"
    )


def test_a_data_file_outside_the_package_folder_is_refused_before_it_is_opened(tmp_path):
    descriptor = tmp_path / "datapackage.json"
    assert data_file(descriptor, TABLE) == tmp_path / "data" / "t.csv"
    for path in ("../elsewhere.csv", "/etc/passwd", "data\\..\\x.csv"):
        with pytest.raises(InputError, match="leads outside the package folder"):
            data_file(descriptor, {**TABLE, "path": path})
    (tmp_path / "link.csv").symlink_to(tmp_path.parent)
    with pytest.raises(InputError, match="leads outside the package folder"):
        data_file(descriptor, {**TABLE, "path": "link.csv"})


def test_a_header_without_the_key_columns_is_refused():
    check_header(Path("pkg/datapackage.json"), {**TABLE, "schema": {**TABLE["schema"], "primaryKey": ["id"]}}, ["id"])
    with pytest.raises(InputError) as caught:
        check_header(Path("pkg/datapackage.json"), {**TABLE, "schema": {**TABLE["schema"], "primaryKey": ["id", "x"]}}, [])
    assert str(caught.value) == (
        "pkg/data/t.csv: header: lacks the key columns id, x of resource 't'; restore the column or fix the schema's primaryKey"
    )


def test_json_type_says_what_json_calls_a_value():
    assert [json_type(v) for v in (None, True, 1, 1.5, "", [], {})] == [
        "null", "a boolean", "a number", "a number", "a string", "an array", "an object",
    ]  # fmt: skip
