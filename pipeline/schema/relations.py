"""The two relations tables read from the article's lists, and the rows of them left unread."""

from __future__ import annotations

from pipeline.schema.fields import (
    ISO3,
    PARTIAL_DATE,
    PRECISIONS,
    date_fields,
    ir_code_fields,
    partial_date_note,
    partner_fields,
    provenance_fields,
    subject_fields,
)
from pipeline.schema.model import Field, Table
from pipeline.schema.sources import SOURCE_FK


def status_field() -> Field:
    return Field(
        "status",
        "string",
        "The state after the last change the row states (`relation_changes`): active, suspended, severed, frozen or "
        "downgraded. Changes are read from the date cell, from short notes and other columns' cells, and from a "
        'status word beside the partner\'s name ("(suspended)"), which comes last, by the vocabulary of the '
        '`relation_changes.change` field; "restored" and "resumed" mean active again. A bracketed or `<small>` '
        "aside beside a date with no word of the vocabulary is reported (`unknown_status_word`) and does not change "
        "the status. Not read from row colours.",
        required=True,
        enum=["active", "suspended", "severed", "frozen", "downgraded"],
        rules="Read from the row's own cells, never from row colours or prose paragraphs: the changes the date cell "
        "states in order (its first date the establishment; each later word of the change vocabulary with the date "
        "after it), then changes stated by short notes or other columns' cells that open with such a word, then a "
        "status word beside the partner's name. The vocabulary, with its inflections: severed (broken off, cut, "
        "ruptured), suspended, frozen, downgraded, restored (re-established, renewed, normalised), resumed. The "
        "status is the state after the last of them: established, restored and resumed leave the relation active; "
        "suspended, severed, frozen and downgraded leave it so. A bracketed or small-print aside no rule knows is an "
        "`unknown_status_word` warning and leaves the status as the last word read. A row with no change after its "
        "establishment is active: the article lists the partner as one the subject has relations with.",
    )


def extra_field() -> Field:
    return Field(
        "extra",
        "string",
        "The cells of the row's other columns (those the reader gives no role: not the number, partner, date or, in "
        "the bilateral table, notes; in the list table a Notes column is one), each as `header: wikitext as "
        "written`, one a line; empty when the table has no other column. Short ones are read for status words.",
    )


def qualifier_field() -> Field:
    return Field(
        "established_qualifier",
        "string",
        'How the source qualifies the date: circa ("c. 1962": `established` is 1962, not sure), or before '
        '("before 1975": no date, `established` empty and `established_latest` 1974-12-31); empty otherwise.',
        enum=["circa", "before"],
    )


ESTABLISHED_EVENTS = [
    "relations_established",
    "recognition",
    "credentials_presented",
    "ambassador_accredited",
    "embassy_opened",
    "not_stated",
]
# The named rules that read `established_event`, in the order they are tried, in words
# (pipeline/clean/established_events.py has them as patterns; a test keeps the two in step).
EVENT_RULES = {
    "credentials_when": 'credentials_presented: the date followed by "when ... presented ... credentials" (or "credence")',
    "accredited_when": 'ambassador_accredited: the date followed by "when ... accredited"',
    "recognised_on": 'recognition: "recognised" or "recognition" ... "on" or "in" the date',
    "embassy_opened_on": 'embassy_opened: "opened ... embassy ... on" or "in" the date',
    "established_on": 'relations_established: "established ... relations ... on" or "in" the date (one letter '
    'may be misspelt: "estadlished")',
}


def event_fields(where: str) -> list[Field]:
    """What the establishment date is the date of, and the rule that read it."""
    rules = "; ".join(f"{name}, {words}" for name, words in EVENT_RULES.items())
    return [
        Field(
            "established_event",
            "string",
            "What `established` is the date of: relations_established, recognition, credentials_presented (an "
            "ambassador presented credentials), ambassador_accredited, embassy_opened, or not_stated (the source "
            f"gives the date without saying). Read {where}; never guessed from the date alone.",
            required=True,
            enum=ESTABLISHED_EVENTS,
            rules="The date cell gives a date and no event; the event is read from the notes beside it, by named "
            "rules tried in order on each line of the notes that writes the same date as the date cell (however each writes it); the "
            f"first that matches names the event: {rules}. None matching, or notes that do not write the date: "
            "not_stated. A diplomatic_relations row has no notes: it takes the event of the same article's "
            "bilateral_relations row about the same partner when that row gives the same date (rule "
            '"bilateral_" and that row\'s rule), else not_stated.',
        ),
        Field(
            "established_event_rule",
            "string",
            "The named rule that read `established_event` (the codebook lists them); empty for not_stated.",
            enum=[*EVENT_RULES, *(f"bilateral_{name}" for name in EVENT_RULES)],
        ),
    ]


def predecessor_fields() -> list[Field]:
    """The state relations were established with, when the partner is its successor."""
    return [
        Field(
            "established_with",
            "string",
            "The state relations were established with, when the partner as a state was formed after `established` "
            "(e.g. the Soviet Union for Russia in 1960), from the pipeline's table of successor states, each with its "
            "source (quoted in the row's `successor_state` finding); empty when the partner itself is.",
        ),
        Field(
            "established_with_iso3",
            "string",
            "Code of `established_with`: the ISO 3166-1 alpha-3 code the former state had, as ISO 3166-3 lists "
            "it for former countries (SUN Soviet Union, CSK Czechoslovakia, YUG Yugoslavia, SCG Serbia and "
            "Montenegro, VDR North Vietnam); YEM for the Yemen Arab Republic, whose code unified Yemen kept; "
            "empty for a state that had none (Tanganyika).",
            pattern=ISO3,
        ),
        *ir_code_fields("established_with", "the former state's number; all three empty when `established_with` is"),
    ]


DIPLOMATIC_RELATIONS = Table(
    "diplomatic_relations",
    "Diplomatic relations (list)",
    'One row per row of the article\'s "Diplomatic relations" table: the partners the subject has had diplomatic relations with, and since when.',
    [
        Field(
            "relation_id",
            "string",
            "Stable key: the article (its subject's code, or `MLI~fr` for an edition), \"relation\" and the partner's ISO code, or its name as a slug when it has none "
            '("MLI/relation/FRA", "MLI/relation/sovereign-military-order-of-malta"); "-2" ends a partner\'s second row. '
            "Made from what the row says, not where it is, so it keeps from one release to the next.",
            required=True,
            unique=True,
        ),
        *subject_fields(),
        Field("position", "integer", "1-based order of the row in the source table.", required=True, minimum=1),
        Field(
            "row_number",
            "integer",
            'The "#" column as printed; empty where the source prints "—". Not unique in the source (see quality_findings).',
            minimum=1,
        ),
        Field("row_number_raw", "string", 'The "#" cell as written; empty when the row\'s table has no "#" column.'),
        *partner_fields(),
        *predecessor_fields(),
        status_field(),
        *date_fields("established", "Date diplomatic relations were established"),
        qualifier_field(),
        *event_fields("from the bilateral_relations row of the same partner and date (the list has no notes)"),
        Field("established_raw", "string", "The date cell's wikitext as written, references included.", required=True),
        extra_field(),
        *provenance_fields(),
    ],
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
    [
        Field(
            "bilateral_id",
            "string",
            'Stable key: the article (its subject\'s code, or `MLI~fr` for an edition), "bilateral" and the partner\'s ISO code, or its name as a slug ("MLI/bilateral/DZA").',
            required=True,
            unique=True,
        ),
        *subject_fields(),
        *partner_fields(),
        *predecessor_fields(),
        status_field(),
        *date_fields("established", "Date formal relations began"),
        qualifier_field(),
        *event_fields("from the row's notes"),
        Field("established_raw", "string", 'The "Formal Relations Began" cell\'s wikitext as written.', required=True),
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
        extra_field(),
        *provenance_fields(),
    ],
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
    [
        Field(
            "unread_id",
            "string",
            "Stable key: the article, \"unread\", the table's number among the article's tables and the row's "
            'position in it ("MLI/unread/3/2").',
            required=True,
            unique=True,
        ),
        Field("source_id", "string", "The seed document this row comes from (`sources.source_id`).", required=True),
        Field("section", "string", "The heading of the section the table is in."),
        Field(
            "table_number",
            "integer",
            "1-based number of the table among the article's tables.",
            required=True,
            minimum=1,
        ),
        Field("position", "integer", "1-based order of the row in its table.", required=True, minimum=1),
        Field("header_labels", "string", "The table's column headers as written (markup left out), joined by ` | `."),
        Field("reason", "string", "Why the row was not read.", required=True),
        Field(
            "row_raw",
            "string",
            "The row's wikitext as written, from its `|-` to the end of its last cell.",
            required=True,
        ),
        *provenance_fields()[1:],
    ],
    ["unread_id"],
    [SOURCE_FK],
)
