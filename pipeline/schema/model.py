"""The building blocks of the schema: fields, foreign keys, tables, the check every row
passes through (`Table.checked_rows`) and the pandas types a table's columns take."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class SchemaError(Exception):
    """A row that does not fit its table's schema: a bug in the code that made it."""

    def __init__(self, table: str, unknown: list[str], missing: list[str]) -> None:
        problems = [
            f"unknown field(s) {', '.join(unknown)}" if unknown else "",
            f"no {', '.join(missing)}" if missing else "",
        ]
        super().__init__(f"a `{table}` row has " + " and ".join(p for p in problems if p) + " (pipeline/schema/)")


@dataclass(frozen=True)
class Field:
    """One column: its name, Table Schema type, meaning and constraints."""

    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: list[str] | None = None
    pattern: str | None = None
    minimum: int | None = None
    # The coding rule a value follows, in words, where one applies (what counts as an event,
    # how a status or a code is read): the codebook prints it; the descriptor does not carry it.
    rules: str | None = None
    # What a table's use of a shared field (`pipeline/schema/fields.py`) changes of it, when it
    # says so (`fields.override`): empty for a field used as declared, or declared by its table alone.
    overrides: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def descriptor(self) -> dict[str, Any]:
        """The Table Schema field descriptor."""
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum:
            constraints["enum"] = self.enum
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if constraints:
            out["constraints"] = constraints
        return out


# Table Schema type -> the nullable pandas dtype its column takes (a missing integer stays an integer);
# any other type (a date) stays objects.
PANDAS_DTYPES = {"integer": "Int64", "boolean": "boolean", "string": "string"}


@dataclass(frozen=True)
class ForeignKey:
    fields: list[str]
    resource: str
    reference_fields: list[str]


@dataclass(frozen=True)
class Table:
    """One resource of the package."""

    name: str
    title: str
    description: str
    fields: list[Field]
    primary_key: list[str]
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    license: str = "CC-BY-SA-4.0"
    rules: str | None = None  # the table's coding rules in words (what a row is, its unit), for the codebook

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        """The field called `name` (KeyError when the table has none)."""
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(f"{self.name} has no field {name!r}")

    def pandas_dtypes(self) -> dict[str, str]:
        """Each column's pandas dtype, from its field's type (`PANDAS_DTYPES`)."""
        return {f.name: PANDAS_DTYPES.get(f.type, "object") for f in self.fields}

    def row_key(self, row: Any) -> str:
        """The row's primary key values joined with "/" (`MLI/12`): how findings and citations
        name a row. `row` is anything indexable by column name (a dict, a pandas row)."""
        return "/".join(str(row[column]) for column in self.primary_key)

    def checked_rows(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """`rows`, each checked to give only fields the schema declares and every required one
        (a misspelled key would otherwise become an empty column without a word)."""
        names = set(self.field_names)
        required = {f.name for f in self.fields if f.required}
        for keys in dict.fromkeys(tuple(row) for row in rows):  # rows made alike share keys: each checked once
            if set(keys) - names or required - set(keys):
                raise SchemaError(self.name, sorted(set(keys) - names), sorted(required - set(keys)))
        return rows

    def schema_descriptor(self) -> dict[str, Any]:
        """The Table Schema of this table."""
        schema: dict[str, Any] = {
            "fields": [f.descriptor() for f in self.fields],
            "primaryKey": self.primary_key,
            "missingValues": [""],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": fk.fields, "reference": {"resource": fk.resource, "fields": fk.reference_fields}}
                for fk in self.foreign_keys
            ]
        return schema
