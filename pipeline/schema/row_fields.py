"""The shared fields that place a row: its seed document and byte span, the ids it joins on,
where in the article it is, what read it, and the fields of a cited work or a mission."""

from __future__ import annotations

from pipeline.schema.model import Field


def span_descriptions(what: str) -> tuple[str, str]:
    """The descriptions of `source_start` and `source_end` for a table whose rows are `what`."""
    return (
        f"Byte offset in the seed file where the {what} starts (0-based, inclusive).",
        f"Byte offset in the seed file where the {what} ends (exclusive): `file[source_start:source_end]` is the wikitext.",
    )


_START, _END = span_descriptions("row")

ROW_FIELDS = [
    Field("source_id", "string", "The seed document this row comes from (`sources.source_id`).", required=True),
    Field("source_start", "integer", _START, required=True, minimum=0),
    Field("source_end", "integer", _END, required=True, minimum=0),
    Field("reference_id", "string", "The reference cited (`article_references.reference_id`).", required=True),
    Field(
        "ref_id",
        "string",
        'The reference\'s name when named, else "c-" and 12 hex digits of the SHA-256 of its normalised content (stable across builds).',
        required=True,
    ),
    Field("event_id", "string", "The event (`events.event_id`).", required=True),
    Field("mission_id", "string", "The mission the sentence states (`missions.mission_id`).", required=True),
    Field(
        "history_change_id",
        "string",
        "The change of the relation's one history this row states (`relation_history.history_change_id`): rows "
        "of the list and the bilateral table that state the same change share it.",
        required=True,
    ),
    Field(
        "history_id",
        "string",
        "The relation's history: the article, \"history\" and the partner's ISO code or name as a slug, as in the "
        'relation rows\' ids ("MLI/history/UKR").',
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
    Field(
        "section",
        "string",
        "Heading of the article section the sentence is in; empty for the lead or a plain-text document.",
    ),
    Field("position", "integer", "1-based order of the row in the source table.", required=True, minimum=1),
    Field("sequence", "integer", "1-based order of the change within its row.", required=True, minimum=1),
    Field(
        "statements",
        "integer",
        "How many rows of `mission_statements` state the mission (sentences, and rules within one sentence).",
        required=True,
        minimum=1,
    ),
    Field(
        "rule",
        "string",
        "The named rule that read the row from its sentence: a wrong row points at the rule to mend.",
        required=True,
        pattern=r"^[a-z][a-z_]*$",
    ),
    Field(
        "statement",
        "string",
        "The sentence the row was read from, as plain text (markup and references removed).",
        required=True,
    ),
    Field("title", "string", "Title of the cited work, as written."),
    Field("url", "string", "URL of the cited work, as written."),
    Field("publisher", "string", "Publisher, as written."),
    Field(
        "kind",
        "string",
        'The citation template used, lower-case ("cite web", "cite book", "cite news", "cite journal", ...); '
        '"free text" when none; "undefined" for a name used but never defined.',
        required=True,
    ),
    Field(
        "city",
        "string",
        "The city as this sentence names it; empty when it names none (the mission's city then comes from another sentence).",
    ),
    Field(
        "change",
        "string",
        'What the sentence says happened to the mission, a row of its history: opened ("established its embassy '
        'in ... in 1978", "open since 1995"), closed ("has closed its embassy"), seized ("the consulate was '
        'seized"), ambassador-expelled ("the expulsion of the Swedish ambassador in Bamako"), ambassador-recalled '
        '("recalled its ambassador"); empty when it states the mission as it stands. Its date is `as_of` (or '
        "`since` for opened); the article's lead and sections are read for the changes, not only the notes.",
        enum=["opened", "closed", "seized", "ambassador-expelled", "ambassador-recalled"],
    ),
]
