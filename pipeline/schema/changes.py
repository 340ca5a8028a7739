"""The history of each relation: one row per change a relations cell states."""

from __future__ import annotations

from pipeline.schema.country_fields import PARTNER_CODES, SUBJECT
from pipeline.schema.fields import columns, override, span
from pipeline.schema.model import Field, ForeignKey, Table
from pipeline.schema.sources import SOURCE_FK

CHANGES = ["established", "severed", "suspended", "restored", "resumed", "frozen", "downgraded"]
# The words read as each change (any case; pipeline/clean/relation_changes.py VOCABULARY).
WORDS = {
    "severed": "severed, severs, severance, broken off, broke off, break off, cut, cut off, ruptured",
    "suspended": "suspended, suspends, suspension",
    "frozen": "frozen, froze, freeze, freezing",
    "downgraded": "downgraded, downgrade",
    "restored": "restored, restore, restoration, re-established, reestablished, renewed, normalised, normalized",
    "resumed": "resumed, resume, resumption",
}

RELATION_CHANGES = Table(
    "relation_changes",
    "Changes of each relation",
    "One row per change a relations row states, in the order it states them: its establishment (the date cell's "
    'first date), each later change the date cell gives ("(severed 1973, restored 1993)", "<br />(resumed 26 May '
    '2018)"), then a status word beside the partner\'s name ("(suspended)", undated). The relation\'s `status` is '
    "the state after its last change. Join on `row_id` (the relation's `relation_id` or `bilateral_id`).",
    columns(
        Field(
            "change_id",
            "string",
            'Stable key: the relation\'s id, "change" and `sequence` ("MLI/relation/UKR/change/2").',
            required=True,
            unique=True,
        ),
        override(
            "resource",
            description="The table of the relation row: diplomatic_relations or bilateral_relations.",
            required=True,
            enum=["diplomatic_relations", "bilateral_relations"],
        ),
        override("row_id", description="The relation row's id (`relation_id` or `bilateral_id`).", required=True),
        "history_change_id",
        *SUBJECT,
        override("partner", description="The partner, as in the relation row."),
        override("partner_iso3", description="ISO 3166-1 alpha-3 code of `partner`.", rules=None),
        *PARTNER_CODES,
        "sequence",
        override(
            "change",
            description="What changed: "
            + ", ".join(CHANGES)
            + ". The words read as each (the status vocabulary, with their inflections): "
            + "; ".join(f"{change}: {words}" for change, words in WORDS.items())
            + ".",
            required=True,
            enum=CHANGES,
        ),
        override(
            "date",
            description="When, ISO 8601 at the source's precision (`1973` means some day in 1973); empty when the "
            "source gives no date (a status word beside the partner's name) or it cannot be read.",
        ),
        override("date_precision", description="Precision of `date`: day, month, year or unknown."),
        override(
            "date_qualifier",
            description="circa or before, as the relation row's `established_qualifier` for the establishment; "
            "empty otherwise.",
            enum=["circa", "before"],
        ),
        "date_earliest",
        override(
            "date_latest",
            description="Last calendar day `date` can mean (for `before`, the last day before the bound).",
        ),
        override("date_raw", description="The date as the cell writes it; empty for an undated status word."),
        "source_id",
        *span("relation row the change is stated in"),
    ),
    ["change_id"],
    [SOURCE_FK, ForeignKey(["history_change_id"], "relation_history", ["history_change_id"])],
    rules="A change is what a relation row's cells state, never inferred: established is the date cell's first "
    "date (an unknown date is a change with no date: the relation exists, its start is not known); severed, "
    "suspended, restored, resumed and frozen are those words in the date cell, each with the date written after "
    "it up to the next comma, semicolon or bracket; a status word beside the partner's name is a change with no "
    "date. The same change stated by two tables is one change of the relation's history (relation_history).",
)
