"""The shared fields of the two relations tables (the list and the bilateral table): the
relation's status, its establishment and the row's other cells."""

from __future__ import annotations

from pipeline.schema.formats import date_fields
from pipeline.schema.model import Field

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


def established_event_description(where: str) -> str:
    """What `established_event` says, and where the table reads it from."""
    return (
        "What `established` is the date of: relations_established, recognition, credentials_presented (an "
        "ambassador presented credentials), ambassador_accredited, embassy_opened, or not_stated (the source "
        f"gives the date without saying). Read {where}; never guessed from the date alone."
    )


_EVENT_RULES_IN_WORDS = "; ".join(f"{name}, {words}" for name, words in EVENT_RULES.items())

RELATION_FIELDS = [
    Field(
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
    ),
    *date_fields("established", "Date formal relations began"),
    Field(
        "established_qualifier",
        "string",
        'How the source qualifies the date: circa ("c. 1962": `established` is 1962, not sure), or before '
        '("before 1975": no date, `established` empty and `established_latest` 1974-12-31); empty otherwise.',
        enum=["circa", "before"],
    ),
    Field(
        "established_event",
        "string",
        established_event_description("from the row's notes"),
        required=True,
        enum=ESTABLISHED_EVENTS,
        rules="The date cell gives a date and no event; the event is read from the notes beside it, by named "
        "rules tried in order on each line of the notes that writes the same date as the date cell (however each writes it); the "
        f"first that matches names the event: {_EVENT_RULES_IN_WORDS}. None matching, or notes that do not write the date: "
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
    Field("established_raw", "string", 'The "Formal Relations Began" cell\'s wikitext as written.', required=True),
    Field(
        "extra",
        "string",
        "The cells of the row's other columns (those the reader gives no role: not the number, partner, date or, in "
        "the bilateral table, notes; in the list table a Notes column is one), each as `header: wikitext as "
        "written`, one a line; empty when the table has no other column. Short ones are read for status words.",
    ),
]

ESTABLISHED = [
    "established",
    "established_precision",
    "established_earliest",
    "established_latest",
    "established_qualifier",
    "established_event",
    "established_event_rule",
]
