"""The references behind the facts, and each <ref> tag citing one."""

from __future__ import annotations

from pipeline.schema.fields import PARTIAL_DATE, PRECISIONS
from pipeline.schema.model import Field, ForeignKey, Table
from pipeline.schema.sources import SOURCE_FK


def _written_date(prefix: str, what: str) -> list[Field]:
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


REFERENCES = Table(
    "article_references",
    "References",
    "One row per distinct reference (<ref>) of an article; named references once, unnamed ones once per distinct content.",
    [
        Field(
            "reference_id",
            "string",
            'Stable key: the document, "reference" and `ref_id` ("foreign-relations-of-mali/reference/c-6071d5b829e7").',
            required=True,
            unique=True,
        ),
        Field("source_id", "string", "The seed document the reference is in (`sources.source_id`).", required=True),
        Field(
            "ref_id",
            "string",
            'The reference\'s name when named, else "c-" and 12 hex digits of the SHA-256 of its normalised content (stable across builds).',
            required=True,
        ),
        Field("name", "string", "The name attribute as written; empty for unnamed references."),
        Field(
            "kind",
            "string",
            'The citation template used, lower-case ("cite web", "cite book", "cite news", "cite journal", ...); '
            '"free text" when none; "undefined" for a name used but never defined.',
            required=True,
        ),
        Field("title", "string", "Title of the cited work, as written."),
        Field("url", "string", "URL of the cited work, as written."),
        Field("archive_url", "string", "URL of an archived copy, as written."),
        Field("url_status", "string", "The citation's url-status (live, dead, usurped...), as written."),
        *_written_date("date", "Publication date (or year)"),
        *_written_date("access_date", "When the editor accessed the URL"),
        Field("publisher", "string", "Publisher, as written."),
        Field("work", "string", "Website, work, journal, newspaper or magazine, as written."),
        Field("language", "string", "Language code, as written."),
        Field("authors", "string", 'Authors as "Last, First" joined with "; ", in the citation\'s order.'),
        Field("raw", "string", "The reference's content as written (between <ref> and </ref>); empty when undefined."),
        Field(
            "source_start",
            "integer",
            "Byte offset in the seed file where the defining <ref> starts (the first use when undefined).",
            required=True,
            minimum=0,
        ),
        Field(
            "source_end",
            "integer",
            "Byte offset in the seed file where the defining <ref> ends (exclusive).",
            required=True,
            minimum=0,
        ),
    ],
    ["reference_id"],
    [SOURCE_FK],
    rules="Unit: one distinct reference of an article (a named reference once, however often it is reused), "
    "its citation template's fields as written.",
)

CITATIONS = Table(
    "citations",
    "Citations",
    "One row per <ref> occurrence in an article: which reference it cites and which row (or prose section) it supports.",
    [
        Field(
            "citation_id",
            "string",
            'Stable key: the document, "citation" and 12 hex digits of the SHA-256 of the reference, the row and field '
            "cited and which repeat of that it is (not the tag's place, which moves with every edit).",
            required=True,
            unique=True,
        ),
        Field("source_id", "string", "The seed document (`sources.source_id`).", required=True),
        Field(
            "occurrence",
            "integer",
            "1-based order of the <ref> tag in the document (not stable across releases).",
            required=True,
            minimum=1,
        ),
        Field(
            "ref_id",
            "string",
            "The reference cited, as the article names it (`article_references.ref_id`).",
            required=True,
        ),
        Field("reference_id", "string", "The reference cited (`article_references.reference_id`).", required=True),
        Field(
            "is_definition",
            "boolean",
            "True where this tag holds the reference's content, false for a reuse (<ref name=... />).",
            required=True,
        ),
        Field(
            "resource",
            "string",
            "The table of the row the citation supports: a table cell's row, else the event or membership whose sentence the tag closes; empty for other prose.",
            enum=["diplomatic_relations", "bilateral_relations", "events", "memberships"],
        ),
        Field(
            "row_id",
            "string",
            'Id of the supported row (e.g. "MLI/relation/GHA", a `diplomatic_relations.relation_id`; ids are unique across the package, so this alone joins); empty for other prose.',
        ),
        Field("field", "string", "The column whose cell holds the citation; empty for prose."),
        Field("section", "string", "Heading of the article section the tag is in (empty before the first heading)."),
        Field(
            "source_start",
            "integer",
            "Byte offset in the seed file where the <ref> tag starts.",
            required=True,
            minimum=0,
        ),
        Field(
            "source_end",
            "integer",
            "Byte offset in the seed file where the <ref> tag ends (exclusive).",
            required=True,
            minimum=0,
        ),
    ],
    ["citation_id"],
    [SOURCE_FK, ForeignKey(["reference_id"], "article_references", ["reference_id"])],
    rules="Unit: one <ref> tag of an article: which reference supports which row and column. A row no citation "
    "names rests on the article's word alone.",
)
