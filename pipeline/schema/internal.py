"""Tables the checks read that the package does not publish: what the documents say beyond the
package's tables (an article's maintenance tags, a fact sheet's statements), and how clean matched
the partners it found no code for. Clean makes them (`pipeline/clean/internal_tables.py`) and
validate reads them, as it reads the package's tables: validate never reads extract's objects nor
resolves a name or a date again. Declared here, once, as the package's tables are; they are not in
`TABLES`, so neither the descriptor, the data README nor the SQL knows them.
"""

from __future__ import annotations

from pipeline.schema.fields import columns, override, span
from pipeline.schema.formats import date_fields
from pipeline.schema.model import Field, Table

MAINTENANCE_TAGS = Table(
    "maintenance_tags",
    "Maintenance tags",
    "One row per maintenance tag of an article ({{citation needed}}, {{failed verification|date=...}}), in the "
    "order the article writes them.",
    columns("source_id", Field("tag", "string", "The tag as written, braces included.", required=True), *span("tag")),
    ["source_id", "source_start"],
)

ESTABLISHED_CLAIMS = Table(
    "established_claims",
    "What fact sheets say was established",
    'One row per sentence of a plain-text document saying "<partner> established diplomatic relations with '
    '<subject> in <date>", in the order the document writes them.',
    columns(
        "source_id",
        override("partner_raw", description="Who established relations, as the sentence writes it.", required=True),
        override(
            "partner_iso3",
            description='ISO 3166-1 alpha-3 code of `partner_raw` (a leading "the" left out); empty when it has none.',
        ),
        Field(
            "subject_raw", "string", "Whom relations were established with, as the sentence writes it.", required=True
        ),
        override(
            "subject_iso3",
            description='ISO 3166-1 alpha-3 code of `subject_raw` (a leading "the" left out); empty when it has none.',
            required=False,
        ),
        *date_fields("established", "When the sentence says relations were established"),
        override("established_raw", description="The date as the sentence writes it.", required=True),
        *span("statement"),
    ),
    ["source_id", "source_start"],
)

PARTNER_MATCHES = Table(
    "partner_matches",
    "Partners without a code",
    "One row per row of a relations table whose partner has no ISO 3166-1 code, saying how the partner's name "
    "was looked up.",
    [
        override("resource", description="The relations table of the row.", required=True, enum=None),
        override("row_id", description="The row's id in that table.", required=True),
        override("partner", description="The partner's name, as the row publishes it."),
        Field(
            "partner_match",
            "string",
            "How `partner` resolves: no-iso-code (the alias table lists it as an entity with no code), historical "
            "(a former state it lists without one), unresolved (neither ISO 3166-1 nor the alias table knows it).",
            required=True,
        ),
    ],
    ["resource", "row_id"],
)

INTERNAL_TABLES = {table.name: table for table in (MAINTENANCE_TAGS, ESTABLISHED_CLAIMS, PARTNER_MATCHES)}
