"""The shape of a data package descriptor that diffs and releases rely on, checked before
any data file is read: an object whose `resources` are objects with a unique string
`name`, a `path` to one file inside the package folder, and, for a table (`type` "table", or
a `schema`), a schema of named fields; other resources are files (the seed documents).
Anything else is an InputError naming the resource and what is wrong with it."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline.errors import InputError

FIX = "repair the descriptor or pass another package"


def checked_resources(descriptor_path: Path, descriptor: object) -> list[dict[str, Any]]:
    """The descriptor's resources, each checked (a string primaryKey becomes a list of one)."""
    if not isinstance(descriptor, dict):
        raise InputError(str(descriptor_path), "", f"the descriptor is {json_type(descriptor)}, not an object", FIX)
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        raise InputError(str(descriptor_path), "", _wrong(descriptor, "resources", "an array"), FIX)
    names: set[str] = set()
    for number, resource in enumerate(resources, start=1):
        place = f"resource #{number}"
        if not isinstance(resource, dict):
            raise InputError(str(descriptor_path), place, f"is {json_type(resource)}, not an object", FIX)
        for key in ("name", "path"):
            if not isinstance(resource.get(key), str) or not resource[key]:
                raise InputError(str(descriptor_path), place, _wrong(resource, key, "a string"), FIX)
        if resource["name"] in names:
            raise InputError(str(descriptor_path), place, f"the name {resource['name']!r} is used twice", FIX)
        names.add(resource["name"])
        if is_table(resource):
            _check_schema(descriptor_path, f"resource {resource['name']!r}", resource)
    return resources


def is_table(resource: dict[str, Any]) -> bool:
    """A tabular resource (Data Package v2 `type` "table", or one with a schema), not a plain file."""
    return resource.get("type") == "table" or "schema" in resource


def data_file(descriptor_path: Path, resource: dict[str, Any]) -> Path:
    """The resource's file: a relative path that stays inside the package folder, links
    followed. Decided before the file is opened, so a descriptor cannot read elsewhere."""
    folder, path = descriptor_path.parent, resource["path"]
    parts = PurePosixPath(path).parts
    inside = not PurePosixPath(path).is_absolute() and ".." not in parts and "\\" not in path and "\x00" not in path
    root = Path(os.path.realpath(folder))
    if not inside or not Path(os.path.realpath(folder / path)).is_relative_to(root):
        raise InputError(
            str(descriptor_path),
            f"resource {resource['name']!r}",
            f"path {path!r} leads outside the package folder",
            "keep the data files inside the package folder, with relative paths",
        )
    return folder / path


def check_header(descriptor_path: Path, resource: dict[str, Any], columns: list[str]) -> None:
    """The CSV has the columns its rows are matched on (the primary key, else the first field)."""
    missing = [column for column in key_of(resource) if column not in columns]
    if missing:
        raise InputError(
            str(descriptor_path.parent / resource["path"]),
            "header",
            f"lacks the key column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"of resource {resource['name']!r}",
            "restore the column or fix the schema's primaryKey",
        )


def key_of(resource: dict[str, Any]) -> list[str]:
    """The columns rows are matched on: the primary key, else the first field."""
    return resource["schema"].get("primaryKey") or [resource["schema"]["fields"][0]["name"]]


def json_type(value: object) -> str:
    """What JSON calls a value's type, with an article: "an array", "null"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object" if isinstance(value, dict) else type(value).__name__


def _check_schema(descriptor_path: Path, place: str, resource: dict[str, Any]) -> None:
    """A schema object with a non-empty array of fields, each an object with a string name."""
    schema = resource.get("schema")
    if not isinstance(schema, dict):
        raise InputError(str(descriptor_path), place, _wrong(resource, "schema", "an object"), FIX)
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        raise InputError(str(descriptor_path), place, f"`schema.fields` is {_nonempty(fields)}", FIX)
    for number, field in enumerate(fields, start=1):
        if not isinstance(field, dict):
            raise InputError(
                str(descriptor_path), f"{place}, field #{number}", f"is {json_type(field)}, not an object", FIX
            )
        if not isinstance(field.get("name"), str):
            raise InputError(
                str(descriptor_path),
                f"{place}, field #{number}",
                f"`name` is {json_type(field.get('name'))}, not a string",
                FIX,
            )
        _check_constraints(descriptor_path, f"{place}, field {field['name']!r}", field)
    key = schema.get("primaryKey")
    if isinstance(key, str):
        schema["primaryKey"] = key = [key]  # Table Schema allows one column's name alone
    if key is not None and not (isinstance(key, list) and key and all(isinstance(k, str) for k in key)):
        raise InputError(
            str(descriptor_path), place, "`schema.primaryKey` is not a column name or an array of them", FIX
        )


def _check_constraints(descriptor_path: Path, place: str, field: dict[str, Any]) -> None:
    """Constraints, when given, are an object; an enum is an array of plain values."""
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        raise InputError(str(descriptor_path), place, f"`constraints` is {json_type(constraints)}, not an object", FIX)
    enum = constraints.get("enum", [])
    if not isinstance(enum, list) or any(isinstance(value, list | dict) for value in enum):
        raise InputError(str(descriptor_path), place, "`constraints.enum` is not an array of values", FIX)


def _wrong(owner: dict[str, Any], key: str, expected: str) -> str:
    """ "has no `key`" or "`key` is null, not an array"."""
    if key not in owner:
        return f"has no `{key}`"
    if owner[key] == "":
        return f"`{key}` is empty"
    return f"`{key}` is {json_type(owner[key])}, not {expected}"


def _nonempty(fields: object) -> str:
    return "an empty array" if fields == [] else f"{json_type(fields)}, not an array of fields"
