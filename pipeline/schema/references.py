"""The references behind the facts, and each <ref> tag citing one."""

from __future__ import annotations

from pipeline.schema.fields import columns, override
from pipeline.schema.formats import PARTIAL_DATE, PRECISIONS
from pipeline.schema.model import Field, ForeignKey, Table
from pipeline.schema.sources import SOURCE_FK


def _written_date(prefix: str, what: str) -> list[Field]:
    """A date as a citation writes it (`access_date`; the shared `date` fields are the
    publication date's)."""
    return [
        Field(
            prefix,
            "string",
            f'{what}, ISO 8601 at the citation\'s precision: YYYY-MM-DD, YYYY-MM or YYYY ("6 April 2012" is '
            f'2012-04-06, "1962" is 1962: a year, not 1 January); empty when none is written or it cannot be read '
            f"(see `{prefix}_raw` and quality_findings).",
            pattern=PARTIAL_DATE,
        ),
        Field(
            f"{prefix}_precision",
            "string",
            f"Precision of `{prefix}`: day, month, year; unknown when the citation's text cannot be read; empty when "
            "the citation gives none.",
            enum=PRECISIONS,
        ),
        Field(f"{prefix}_earliest", "date", f"First calendar day `{prefix}` can mean (1 January for a year)."),
        Field(f"{prefix}_latest", "date", f"Last calendar day `{prefix}` can mean (31 December for a year)."),
        Field(f"{prefix}_raw", "string", f"{what}, as written in the citation."),
    ]


# What the written-date fields of the publication date say; `date` itself, its last day and its
# text as written are the shared fields' declarations (pipeline/schema/time_fields.py).
PUBLICATION_DATE = _written_date("date", "Publication date (or year)")

REFERENCES = Table(
    "article_references",
    "References",
    "One row per distinct reference (<ref>) of an article; named references once, unnamed ones once per distinct content.",
    columns(
        override(
            "reference_id",
            description='Stable key: the document, "reference" and `ref_id` ("foreign-relations-of-mali/reference/c-6071d5b829e7").',
            unique=True,
        ),
        override("source_id", description="The seed document the reference is in (`sources.source_id`)."),
        "ref_id",
        Field("name", "string", "The name attribute as written; empty for unnamed references."),
        "kind",
        "title",
        "url",
        Field("archive_url", "string", "URL of an archived copy, as written."),
        Field("url_status", "string", "The citation's url-status (live, dead, usurped...), as written."),
        "date",
        override("date_precision", description=PUBLICATION_DATE[1].description, required=False),
        override("date_earliest", description=PUBLICATION_DATE[2].description),
        "date_latest",
        "date_raw",
        *_written_date("access_date", "When the editor accessed the URL"),
        "publisher",
        Field("work", "string", "Website, work, journal, newspaper or magazine, as written."),
        Field("language", "string", "Language code, as written."),
        Field("authors", "string", 'Authors as "Last, First" joined with "; ", in the citation\'s order.'),
        Field("raw", "string", "The reference's content as written (between <ref> and </ref>); empty when undefined."),
        override(
            "source_start",
            description="Byte offset in the seed file where the defining <ref> starts (the first use when undefined).",
        ),
        override("source_end", description="Byte offset in the seed file where the defining <ref> ends (exclusive)."),
    ),
    ["reference_id"],
    [SOURCE_FK],
    rules="Unit: one distinct reference of an article (a named reference once, however often it is reused), "
    "its citation template's fields as written.",
)

CITATIONS = Table(
    "citations",
    "Citations",
    "One row per <ref> occurrence in an article: which reference it cites and which row (or prose section) it supports.",
    columns(
        Field(
            "citation_id",
            "string",
            'Stable key: the document, "citation" and 12 hex digits of the SHA-256 of the reference, the row and field '
            "cited and which repeat of that it is (not the tag's place, which moves with every edit).",
            required=True,
            unique=True,
        ),
        override("source_id", description="The seed document (`sources.source_id`)."),
        Field(
            "occurrence",
            "integer",
            "1-based order of the <ref> tag in the document (not stable across releases).",
            required=True,
            minimum=1,
        ),
        override("ref_id", description="The reference cited, as the article names it (`article_references.ref_id`)."),
        "reference_id",
        Field(
            "is_definition",
            "boolean",
            "True where this tag holds the reference's content, false for a reuse (<ref name=... />).",
            required=True,
        ),
        "resource",
        "row_id",
        "field",
        override(
            "section", description="Heading of the article section the tag is in (empty before the first heading)."
        ),
        override("source_start", description="Byte offset in the seed file where the <ref> tag starts."),
        override("source_end", description="Byte offset in the seed file where the <ref> tag ends (exclusive)."),
    ),
    ["citation_id"],
    [SOURCE_FK, ForeignKey(["reference_id"], "article_references", ["reference_id"])],
    rules="Unit: one <ref> tag of an article: which reference supports which row and column. A row no citation "
    "names rests on the article's word alone.",
)
