"""Every field that more than one table has, declared once, by name (`FIELDS`, as PUDL's
FIELD_METADATA): a table lists a shared field by its name (`columns`) and changes what it
means there only explicitly (`override`: its description, coding rules or constraints, never
its name or type). A field no other table has is declared in its own table's module."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pipeline.schema.country_fields import COUNTRY_FIELDS
from pipeline.schema.model import Field
from pipeline.schema.relation_fields import RELATION_FIELDS
from pipeline.schema.row_fields import ROW_FIELDS, span_descriptions
from pipeline.schema.time_fields import TIME_FIELDS

# What a table may change of a shared field: its words and its constraints.
OVERRIDABLE = ("description", "rules", "required", "unique", "enum", "pattern", "minimum")


def _by_name(fields: list[Field]) -> dict[str, Field]:
    registry: dict[str, Field] = {}
    for declared in fields:
        if declared.name in registry:
            raise ValueError(f"the shared field {declared.name!r} is declared twice (pipeline/schema/)")
        registry[declared.name] = declared
    return registry


FIELDS = _by_name([*COUNTRY_FIELDS, *RELATION_FIELDS, *ROW_FIELDS, *TIME_FIELDS])


def override(name: str, /, **changes: Any) -> Field:
    """The shared field `name` as one table uses it: `changes` (of `OVERRIDABLE`) replace what
    the declaration says, and the field records which (`Field.overrides`)."""
    refused = sorted(changes.keys() - set(OVERRIDABLE))
    if refused:
        raise ValueError(f"a table may not override {', '.join(refused)} of the shared field {name!r}")
    return replace(FIELDS[name], overrides=tuple(changes), **changes)


def columns(*items: str | Field) -> list[Field]:
    """A table's fields, in order: a name is the shared field's declaration (`FIELDS`); a Field
    is the table's own (or an `override`)."""
    return [FIELDS[item] if isinstance(item, str) else item for item in items]


def span(what: str) -> list[Field]:
    """`source_start` and `source_end` of a table whose rows are each a `what` of the seed file."""
    start, end = span_descriptions(what)
    return [override("source_start", description=start), override("source_end", description=end)]


PROVENANCE = ["source_id", "source_start", "source_end"]
# The sentence a fact was read from, by which rule, and where it is.
STATEMENT = ["rule", "statement", "section", "source_id", *span("sentence")]
