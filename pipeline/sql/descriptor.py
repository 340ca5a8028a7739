"""A package's datapackage.json, read strictly and checked against the shape the database needs.

The descriptor is another program's output that anyone can edit: before a value of it reaches
a CREATE TABLE statement, it must be strict JSON (no `Infinity`, `NaN`, nor a number too large
for a float) and each part the database reads must have its declared type. Anything else is
one line naming the resource and the part (exit 65), never a traceback.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from pipeline.errors import InputError, MissingInputError
from pipeline.package.shape import is_table

REBUILD = "rebuild the package with `make datapackage`"
# What the database reads of each part: key -> (allowed types, required). Other keys are not read.
_NAMES = (str, list)  # one field name, or a list of them
RESOURCE_SHAPE = {"name": (str, True), "path": (str, True), "schema": (dict, True)}
RESOURCE_SHAPE |= {"title": (str, False), "description": (str, False), "licenses": (list, False)}
SCHEMA_SHAPE = {"fields": (list, True), "primaryKey": (_NAMES, False), "foreignKeys": (list, False)}
SCHEMA_SHAPE |= {"missingValues": (list, False)}
FIELD_SHAPE = {"name": (str, True), "type": (str, False), "description": (str, False), "constraints": (dict, False)}
CONSTRAINT_SHAPE = {"required": (bool, False), "unique": (bool, False), "enum": (list, False)}
FOREIGN_KEY_SHAPE = {"fields": (_NAMES, True), "reference": (dict, True)}
LICENSE_SHAPE = {"name": (str, False)}
REFERENCE_SHAPE = {"resource": (str, True), "fields": (_NAMES, True)}


def read_descriptor(package: Path) -> dict[str, Any]:
    """The package's datapackage.json with its table resources only, each checked; or an
    error saying why it cannot be used."""
    path = package / "datapackage.json"
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"), parse_constant=_refuse, parse_float=_finite)
    except FileNotFoundError:
        raise MissingInputError(str(path), "", "no such file", "give --package a built package folder") from None
    except (OSError, ValueError, RecursionError) as error:
        raise InputError(str(path), "", f"cannot be read as JSON ({error})", REBUILD) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise InputError(str(path), "", "has no list of resources", REBUILD)
    # The tables only: the seed documents the package carries are plain files, not tables.
    tables = [r for r in descriptor["resources"] if not isinstance(r, dict) or is_table(r)]
    for number, resource in enumerate(tables, start=1):
        problem = resource_problem(resource)
        if problem:
            name = resource.get("name") if isinstance(resource, dict) else None
            place = f"resource {name!r}" if isinstance(name, str) else f"table resource {number}"
            raise InputError(str(path), place, problem, REBUILD)
    return {**descriptor, "resources": tables}


def resource_problem(resource: object) -> str | None:
    """What is wrong with a table resource for the database, or None."""
    problem = _shape(resource, RESOURCE_SHAPE, "the resource")
    if problem or not isinstance(resource, dict):
        return problem
    schema = resource["schema"]
    problem = _shape(schema, SCHEMA_SHAPE, "its schema")
    parts = [(field, FIELD_SHAPE, f"field {number}") for number, field in enumerate(schema.get("fields", []), 1)]
    parts += [(fk, FOREIGN_KEY_SHAPE, f"foreign key {n}") for n, fk in enumerate(schema.get("foreignKeys", []), 1)]
    parts += [(license, LICENSE_SHAPE, "a license") for license in resource.get("licenses", [])]
    for part, shape, what in parts:
        problem = problem or _shape(part, shape, what)
    if problem:
        return problem
    return _fields_problem(schema["fields"]) or _keys_problem(schema)


def _fields_problem(fields: list[dict[str, Any]]) -> str | None:
    """Fields need distinct names; an enum holds only text, whole or finite numbers and booleans."""
    names = [field["name"] for field in fields]
    if not names:
        return "its schema has no fields"
    if len(set(names)) != len(names):
        return "its schema names a field twice"
    for field in fields:
        constraints = field.get("constraints", {})
        problem = _shape(constraints, CONSTRAINT_SHAPE, f"the constraints of field {field['name']!r}")
        if problem:
            return problem
        if any(not isinstance(value, str | int | float) for value in constraints.get("enum", [])):
            return f"the enum of field {field['name']!r} holds a value that is not text, a number or a boolean"
    return None


def _keys_problem(schema: dict[str, Any]) -> str | None:
    """Key field lists are names (strings); a foreign key's reference names a resource and fields."""
    lists = [schema.get("primaryKey", [])]
    for fk in schema.get("foreignKeys", []):
        problem = _shape(fk["reference"], REFERENCE_SHAPE, "a foreign key's reference")
        if problem:
            return problem
        lists += [fk["fields"], fk["reference"]["fields"]]
    if any(isinstance(names, list) and not all(isinstance(n, str) for n in names) for names in lists):
        return "a key lists something that is not a field name"
    if not all(isinstance(v, str) for v in schema.get("missingValues", [])):
        return "its missingValues are not all strings"
    return None


def _shape(value: object, shape: dict[str, tuple[Any, bool]], what: str) -> str | None:
    """What `value` lacks or has of the wrong type against `shape`, or None."""
    if not isinstance(value, dict):
        return f"{what} is not an object"
    for key, (types, required) in shape.items():
        if key not in value:
            if required:
                return f"{what} has no {key!r}"
        elif not isinstance(value[key], types):
            return f"{what}: {key!r} is {type(value[key]).__name__}, not {_type_names(types)}"
    return None


def _type_names(types: type | tuple[type, ...]) -> str:
    names = {"str": "a string", "list": "a list", "dict": "an object", "bool": "true or false"}
    return " or ".join(names[t.__name__] for t in (types if isinstance(types, tuple) else (types,)))


def _refuse(constant: str) -> float:
    raise ValueError(f"{constant} is not a JSON number")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text[:40]} is too large a number")
    return number
