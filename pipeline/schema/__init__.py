"""The one declaration of every table and field of the package.

The packager writes `datapackage.json` from it, the docs generator writes the data
dictionary from it, validation derives its basic checks (types, required, unique, value
sets, patterns, keys) from it, and every row is checked against it on its way to a table.
Nothing about a column is written anywhere else. `model` has the building blocks, `formats`
the value formats, `fields` every field more than one table has (declared once, by name, in the
`*_fields` modules), and one module per family of tables the tables, listing their fields.
"""

from __future__ import annotations

from pipeline.schema.changes import RELATION_CHANGES
from pipeline.schema.derived import EVENT_PARTNERS, RELATION_HISTORY, RELATION_YEARS
from pipeline.schema.dyads import DYADS
from pipeline.schema.facts import EVENTS, MEMBERSHIPS
from pipeline.schema.findings import QUALITY_FINDINGS
from pipeline.schema.formats import ISO3, PARTIAL_DATE, PRECISIONS
from pipeline.schema.missions import MISSION_STATEMENTS, MISSIONS
from pipeline.schema.model import Field, ForeignKey, SchemaError, Table
from pipeline.schema.references import CITATIONS, REFERENCES
from pipeline.schema.relations import BILATERAL_RELATIONS, DIPLOMATIC_RELATIONS, UNREAD_ROWS
from pipeline.schema.sources import SOURCES

TABLES = [
    SOURCES,
    DIPLOMATIC_RELATIONS,
    BILATERAL_RELATIONS,
    RELATION_HISTORY,
    RELATION_CHANGES,
    RELATION_YEARS,
    UNREAD_ROWS,
    MEMBERSHIPS,
    MISSIONS,
    MISSION_STATEMENTS,
    EVENTS,
    EVENT_PARTNERS,
    REFERENCES,
    CITATIONS,
    DYADS,
    QUALITY_FINDINGS,
]
BY_NAME = {table.name: table for table in TABLES}
# What earlier releases called a table or a field: the changelog says "renamed" rather than
# "removed" and "added" (names that were SQL reserved words, and row keys that became ids).
RENAMED_RESOURCES = {"references": "article_references"}
RENAMED_FIELDS = {
    "quality_findings": {"check": "check_name", "row_key": "row_id"},
    "citations": {"row_key": "row_id"},
}

__all__ = [
    "BY_NAME",
    "ISO3",
    "PARTIAL_DATE",
    "PRECISIONS",
    "RENAMED_FIELDS",
    "RENAMED_RESOURCES",
    "TABLES",
    "Field",
    "ForeignKey",
    "SchemaError",
    "Table",
]
