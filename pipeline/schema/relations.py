"""The two relations tables read from the article's lists, and the rows of them left unread."""

from __future__ import annotations

from pipeline.schema.country_fields import ESTABLISHED_WITH, PARTNER, SUBJECT
from pipeline.schema.fields import PROVENANCE, columns, override
from pipeline.schema.formats import PARTIAL_DATE, PRECISIONS, partial_date_description, partial_date_note
from pipeline.schema.model import Field, Table
from pipeline.schema.relation_fields import ESTABLISHED, established_event_description
from pipeline.schema.sources import SOURCE_FK

DIPLOMATIC_RELATIONS = Table(
    "diplomatic_relations",
    "Diplomatic relations (list)",
    'One row per row of the article\'s "Diplomatic relations" table: the partners the subject has had diplomatic relations with, and since when.',
    columns(
        Field(
            "relation_id",
            "string",
            "Stable key: the article (its subject's code, or `MLI~fr` for an edition), \"relation\" and the partner's ISO code, or its name as a slug when it has none "
            '("MLI/relation/FRA", "MLI/relation/sovereign-military-order-of-malta"); "-2" ends a partner\'s second row. '
            "Made from what the row says, not where it is, so it keeps from one release to the next.",
            required=True,
            unique=True,
        ),
        *SUBJECT,
        "position",
        Field(
            "row_number",
            "integer",
            'The "#" column as printed; empty where the source prints "—". Not unique in the source (see quality_findings).',
            minimum=1,
        ),
        Field("row_number_raw", "string", 'The "#" cell as written; empty when the row\'s table has no "#" column.'),
        *PARTNER,
        *ESTABLISHED_WITH,
        "status",
        override(
            "established",
            description=partial_date_description("established", "Date diplomatic relations were established"),
        ),
        "established_precision",
        "established_earliest",
        "established_latest",
        "established_qualifier",
        override(
            "established_event",
            description=established_event_description(
                "from the bilateral_relations row of the same partner and date (the list has no notes)"
            ),
        ),
        "established_event_rule",
        override("established_raw", description="The date cell's wikitext as written, references included."),
        "extra",
        *PROVENANCE,
    ),
    ["relation_id"],
    [SOURCE_FK],
    rules="Unit: a relation between the subject and one partner, as one row of the article's list states it (a "
    'partner listed twice has two rows, the second id ending "-2"). Established: the first date of the row\'s date '
    "cell; later dates in the cell are changes (`relation_changes`). A partner is identified by what the row writes "
    "(the flag template's argument), then its ISO 3166-1 code; a partner formed after that date (a successor state) "
    "has its own code, and the former state the relations began with is `established_with`. As of the article's "
    "revision: a partner the list lacks is not known to have no relations.",
)

BILATERAL_RELATIONS = Table(
    "bilateral_relations",
    "Bilateral relations (notes per partner)",
    'One row per row of the article\'s "Bilateral relations" table: when relations began, when severed, and the notes on each partner.',
    columns(
        Field(
            "bilateral_id",
            "string",
            'Stable key: the article (its subject\'s code, or `MLI~fr` for an edition), "bilateral" and the partner\'s ISO code, or its name as a slug ("MLI/bilateral/DZA").',
            required=True,
            unique=True,
        ),
        *SUBJECT,
        *PARTNER,
        *ESTABLISHED_WITH,
        "status",
        *ESTABLISHED,
        "established_raw",
        Field(
            "severed",
            "string",
            "Date relations were severed when the date cell says so, ISO 8601 at the source's precision."
            + partial_date_note("severed", bounds=False),
            pattern=PARTIAL_DATE,
        ),
        Field(
            "severed_precision",
            "string",
            "Precision of `severed`; empty when relations were not severed.",
            enum=PRECISIONS,
        ),
        Field("main_article", "string", 'Title of the article the row points to with "See [[...]]".'),
        Field(
            "notes",
            "string",
            "The notes as plain text: no wiki markup, no references. Each line and each bullet item of the cell is "
            "a line of its own (separated by a newline, bullet marks left out), so that items never run together; "
            "a cell whose line breaks the source's copy lost stays one line.",
        ),
        Field("notes_raw", "string", "The notes cell's wikitext as written."),
        "extra",
        *PROVENANCE,
    ),
    ["bilateral_id"],
    [SOURCE_FK],
    rules='Unit: a relation between the subject and one partner, as one row of the article\'s "Bilateral relations" '
    'table states it, with the editors\' notes on it. Severed: the date the date cell gives with "severed"; the '
    "notes are summaries by the article's editors, kept as plain text, and the facts read from them are "
    "`missions`, `mission_statements` and `events`. As of the article's revision.",
)

UNREAD_ROWS = Table(
    "unread_rows",
    "Rows of relations tables not read",
    "One row per row of a relations table the reader could not read, kept as written: a table under a relations "
    "heading with no column of partners or no column of dates, or a row whose cells do not fill its table's "
    "columns. The rest of the article is read; each such table is reported (`unread_table`, an error).",
    columns(
        Field(
            "unread_id",
            "string",
            "Stable key: the article, \"unread\", the table's number among the article's tables and the row's "
            'position in it ("MLI/unread/3/2").',
            required=True,
            unique=True,
        ),
        "source_id",
        override("section", description="The heading of the section the table is in."),
        Field(
            "table_number",
            "integer",
            "1-based number of the table among the article's tables.",
            required=True,
            minimum=1,
        ),
        override("position", description="1-based order of the row in its table."),
        Field("header_labels", "string", "The table's column headers as written (markup left out), joined by ` | `."),
        Field("reason", "string", "Why the row was not read.", required=True),
        Field(
            "row_raw",
            "string",
            "The row's wikitext as written, from its `|-` to the end of its last cell.",
            required=True,
        ),
        "source_start",
        "source_end",
    ),
    ["unread_id"],
    [SOURCE_FK],
)
