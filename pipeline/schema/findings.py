"""The quality findings: what the checks found, as a table of the package."""

from __future__ import annotations

from pipeline.schema.fields import columns, override
from pipeline.schema.model import Field, Table

QUALITY_FINDINGS = Table(
    "quality_findings",
    "Quality findings",
    "Problems the checks found in the sources or the tables: what, where, how serious, and whether it is known and explained.",
    columns(
        Field(
            "finding_id",
            "string",
            'Stable key of the finding: "finding/" and 12 hex digits of the SHA-256 of its check, resource, row, '
            "field and value, so the same problem keeps its id from one release to the next.",
            required=True,
            unique=True,
        ),
        Field(
            "finding",
            "integer",
            "1-based number of the finding in this release's report order (by check, resource, row); not stable "
            "across releases: use `finding_id` to refer to a finding.",
            required=True,
            unique=True,
            minimum=1,
        ),
        Field(
            "check_name",
            "string",
            "Name of the check that made the finding (the list is in the data README).",
            required=True,
        ),
        Field(
            "severity",
            "string",
            "error (blocks publication unless acknowledged), warning, or info.",
            required=True,
            enum=["error", "warning", "info"],
        ),
        override(
            "resource",
            description='The table (or "sources"/document) the finding is about.',
            required=True,
            enum=None,
        ),
        override(
            "row_id",
            description='Id of the row concerned, in the table `resource` (e.g. `diplomatic_relations.relation_id` "MLI/relation/FRA": ids are unique across the package, so this alone joins); the subject\'s ISO code (e.g. "MLI") for a finding about one subject\'s whole table; empty for other table-wide findings.',
        ),
        override("field", description="The column concerned; empty when the whole row is."),
        Field("value", "string", "The value found, as written."),
        Field("message", "string", "What is wrong, in words.", required=True),
        Field(
            "acknowledged",
            "boolean",
            "True when the maintainers acknowledge the finding as a known problem of the source.",
            required=True,
        ),
        Field("acknowledgement", "string", "Why the finding is acknowledged, as the maintainers wrote it."),
    ),
    ["finding_id"],
    license="CC-BY-SA-4.0",
    rules="Unit: one problem one check found in one place. As of this release: the checks run each time the "
    "package is built, on the sources as saved.",
)
