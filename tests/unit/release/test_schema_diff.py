"""How two packages' schemas differ (pipeline/release/schema_diff.py), each change with the
version level it calls for (README "Versions")."""

from __future__ import annotations

from typing import Any

from pipeline.release.schema_diff import field_renames, resource_renames, schema_changes


def field(name: str, kind: str = "string", **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": kind, **extra}


def resource(name: str, *fields: dict[str, Any], key: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    return {"name": name, "schema": {"fields": list(fields), "primaryKey": key or [fields[0]["name"]]}, **extra}


def test_a_field_replaced_in_place_by_one_of_the_same_type_is_a_rename():
    old = [field("id"), field("name"), field("year", "integer")]
    assert field_renames(old, [field("id"), field("label"), field("year", "integer")]) == {"name": "label"}
    assert field_renames(old, [field("id"), field("label", "integer"), field("year", "integer")]) == {}  # re-typed
    assert field_renames(old, [field("id"), field("label"), field("when", "integer")]) == {}  # a neighbour changed too


def test_a_declared_rename_is_one_even_where_the_field_moved():
    old, new = [field("id"), field("a"), field("b")], [field("id"), field("b"), field("c", "integer")]
    assert field_renames(old, new, {"a": "c"}) == {"a": "c"}
    assert field_renames(old, new) == {}


def test_removing_adding_retyping_or_reordering_a_field_is_major_a_description_a_patch():
    old = resource("t", field("id"), field("a"), field("b"), description="old")
    new = resource("t", field("id"), field("b", "integer"), field("c", "date"), description="new")
    assert schema_changes(old, new) == [
        ("major", "field `a` removed"),
        ("major", "field `c` added"),
        ("major", "field `b` type string -> integer"),
        ("patch", "description changed"),
    ]
    swapped = resource("t", field("id"), field("b"), field("a"), description="old")
    assert schema_changes(old, swapped) == [("major", "fields reordered")]


def test_a_tightened_constraint_is_major_a_loosened_one_minor():
    old = resource("t", field("id"), field("kind", constraints={"enum": ["a", "b"], "required": True}))
    wider = resource("t", field("id"), field("kind", constraints={"enum": ["a", "b", "c"]}))
    assert schema_changes(old, wider) == [
        ("minor", "field `kind` constraint enum ['a', 'b'] -> ['a', 'b', 'c']"),
        ("minor", "field `kind` constraint required True -> None"),
    ]
    assert schema_changes(wider, old) == [
        ("major", "field `kind` constraint enum ['a', 'b', 'c'] -> ['a', 'b']"),
        ("major", "field `kind` constraint required None -> True"),
    ]


def test_a_resource_is_renamed_when_exactly_one_added_resource_has_its_fields():
    old = {"a": resource("a", field("id"), field("x", "integer")), "keep": resource("keep", field("id"))}
    new = {"b": resource("b", field("id"), field("x", "integer")), "keep": resource("keep", field("id"))}
    assert resource_renames(old, new) == {"a": "b"}
    twins = {**new, "c": resource("c", field("id"), field("x", "integer"))}
    assert resource_renames(old, twins) == {}  # two candidates: no guess
