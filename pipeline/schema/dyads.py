"""Dyads: what two articles of the seeds say about each other's relations."""

from __future__ import annotations

from pipeline.schema.formats import ISO3, PARTIAL_DATE, PRECISIONS, ir_code_fields
from pipeline.schema.model import Field, Table

AGREEMENTS = [
    "agree",
    "agree_precision_differs",
    "disagree_date",
    "disagree_status",
    "disagree_date_and_status",
    "one_sided",
]


def _side(side: str, other: str) -> list[Field]:
    """What the `side` subject's article says about the `other` subject (its list-table row)."""
    return [
        Field(
            f"{side}_established",
            "string",
            f"When `{side}_iso3`'s article says relations with `{other}_iso3` were established, ISO 8601 at its "
            "precision; empty when the article gives no readable date or does not list the other country.",
            pattern=PARTIAL_DATE,
        ),
        Field(
            f"{side}_established_precision",
            "string",
            f"Precision of `{side}_established`; empty when `{side}_iso3`'s article does not list `{other}_iso3`.",
            enum=PRECISIONS,
        ),
        Field(
            f"{side}_status",
            "string",
            f"The status `{side}_iso3`'s article gives the relations (`diplomatic_relations.status`); empty when "
            f"it does not list `{other}_iso3`.",
            enum=["active", "suspended", "severed", "frozen", "downgraded"],
        ),
        Field(
            f"{side}_relation_id",
            "string",
            f"The `diplomatic_relations` row of `{side}_iso3`'s article about `{other}_iso3` (its `relation_id`, "
            'e.g. "NER/relation/TCD"); empty when the article does not list it (the first row when it lists it twice).',
        ),
    ]


DYADS = Table(
    "dyads",
    "What two articles say about each other",
    "One row per pair of subjects whose articles are both in the seeds and at least one of which lists the other "
    'in its "Diplomatic relations" table: the establishment date and status each article gives, and whether they '
    "agree. Empty (header only) when the seeds hold fewer than two articles, or none lists another's subject.",
    [
        Field(
            "dyad_id",
            "string",
            'Stable key of the row: "dyad/" and the two subjects\' codes in sort order ("dyad/NER/TCD").',
            required=True,
            unique=True,
        ),
        Field(
            "first_iso3",
            "string",
            "ISO 3166-1 alpha-3 code of one subject: the first of the pair's two codes in sort order.",
            required=True,
            pattern=ISO3,
        ),
        *ir_code_fields("first"),
        Field(
            "second_iso3",
            "string",
            "ISO 3166-1 alpha-3 code of the other subject (after `first_iso3` in sort order).",
            required=True,
            pattern=ISO3,
        ),
        *ir_code_fields("second"),
        *_side("first", "second"),
        *_side("second", "first"),
        Field(
            "agreement",
            "string",
            "agree: same status, and the same date at the same precision; agree_precision_differs: same status and "
            "consistent dates at different precisions (1961 and 1961-12-14: the coarser date contains the finer); "
            "disagree_date, disagree_status, disagree_date_and_status: the articles contradict each other (each is "
            "a `dyad_disagreement` quality finding); one_sided: only one article lists the other. A side without a "
            "readable date is compared on its status only.",
            required=True,
            enum=AGREEMENTS,
        ),
    ],
    ["dyad_id"],
    rules="Unit: a pair of subjects whose articles are both in the seeds, compared on what each says of the other; "
    "as of the two articles' revisions.",
)
