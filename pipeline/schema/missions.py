"""Diplomatic missions read from prose, and the sentences stating each (its history included)."""

from __future__ import annotations

from dataclasses import replace

from pipeline.schema.facts import statement_fields, tense_fields
from pipeline.schema.fields import ISO3, PARTIAL_DATE, PRECISIONS, partial_date_note, subject_fields
from pipeline.schema.model import Field, ForeignKey, Table
from pipeline.schema.sources import SOURCE_FK


def _firststatement_fields() -> list[Field]:
    """The statement fields, as those of a mission's first sentence (all are in mission_statements)."""
    first = (
        "Of the first sentence (in document order) that states the mission; every sentence is in `mission_statements`. "
    )
    return [replace(f, description=first + f.description) for f in statement_fields()]


MISSIONS = Table(
    "missions",
    "Diplomatic missions",
    'One row per diplomatic mission the notes of the "Bilateral relations" table state: who keeps an embassy, consulate, '
    "honorary consulate or non-resident accreditation where. A statement that a mission does not exist is kept with "
    "kind `none`. A mission's history (opened, closed, seized, its ambassador expelled or recalled) is read from the "
    "notes and from the article's other prose, each as a row of `mission_statements` with its `change`; a mission one "
    "sentence states as standing and another as closed or seized is a `mission_open_and_closed` quality finding. "
    "A mission stated by several sentences is one row (count missions here); each sentence stating it is a row of "
    "`mission_statements`, a link table rather than a list of spans in one cell, so that every statement keeps its own "
    "rule, wording, tense, date and byte span, and can be joined, filtered and cited like any other row. The same "
    "mission is the same sending country, receiving country, kind and city; a sentence naming no city is counted "
    "with the mission of its sender, receiver and kind when the sentences give that mission exactly one city.",
    [
        Field(
            "mission_id",
            "string",
            'Stable key: the article (its subject\'s code, or `MLI~fr` for an edition), "mission" and 12 hex digits of the SHA-256 of sender, receiver, kind, city and '
            'an empty part ("MLI/mission/d423da311a4a"; the digits are those of earlier releases\' ids). Two articles '
            "can state the same mission: each has its own row.",
            required=True,
            unique=True,
        ),
        *subject_fields(),
        Field("sending", "string", "The country that keeps the mission.", required=True),
        Field("sending_iso3", "string", "ISO 3166-1 alpha-3 of `sending`.", pattern=ISO3),
        Field("receiving", "string", "The country the mission is accredited to.", required=True),
        Field("receiving_iso3", "string", "ISO 3166-1 alpha-3 of `receiving`.", pattern=ISO3),
        Field(
            "kind",
            "string",
            'embassy; consulate (a career consulate, e.g. "the Algerian consulate was seized"); honorary-consulate; '
            "non-resident (accredited from an embassy elsewhere, or an ambassador resident elsewhere); none (the text says "
            "there is no such mission).",
            required=True,
            enum=["embassy", "consulate", "honorary-consulate", "non-resident", "none"],
        ),
        Field(
            "city",
            "string",
            "Where the mission sits, as written (for non-resident: where the accredited embassy or ambassador is), from the first of its sentences that names it.",
        ),
        Field(
            "since",
            "string",
            "Since when, when a sentence says, ISO 8601 at the text's precision (the first sentence that says)."
            + partial_date_note("since", bounds=False),
            pattern=PARTIAL_DATE,
        ),
        Field("since_precision", "string", "Precision of `since`.", enum=PRECISIONS),
        Field(
            "tense",
            "string",
            "present when at least one sentence states the mission in the present tense (it exists at the article's "
            "revision; a sentence stating that it closed or was seized does not count, whatever its tense); past when every sentence is a historical statement (e.g. the ambassador who presented his "
            "credentials in 1963): count current missions with `tense` = present.",
            required=True,
            enum=["present", "past"],
        ),
        Field(
            "as_of",
            "string",
            "For a past mission, the latest date its sentences place it at, ISO 8601 at the text's precision; empty for a present one.",
            pattern=PARTIAL_DATE,
        ),
        Field("as_of_precision", "string", "Precision of `as_of`; empty when `as_of` is.", enum=PRECISIONS),
        Field(
            "statements",
            "integer",
            "How many rows of `mission_statements` state the mission (sentences, and rules within one sentence).",
            required=True,
            minimum=1,
        ),
        Field(
            "partner",
            "string",
            "The partner of the bilateral-table row whose notes state the mission first (`bilateral_relations.partner`).",
            required=True,
        ),
        *_firststatement_fields(),
    ],
    ["mission_id"],
    [SOURCE_FK, ForeignKey(["subject_iso3", "partner"], "bilateral_relations", ["subject_iso3", "partner"])],
    rules="Unit: a mission (sender, receiver, kind, city), however many sentences state it. Present tense: held as "
    "of the source's revision; past: held at `as_of`. A mission the notes do not state is not known not to exist. "
    "A statement that it closed, was seized or lost its ambassador is in `mission_statements.change`.",
)

MISSION_STATEMENTS = Table(
    "mission_statements",
    "Diplomatic missions: the sentences stating them",
    "One row per sentence (and rule) stating a diplomatic mission of `missions`: what that sentence says of it, "
    "whether it speaks of the present or the past, and where it is. Join on `mission_id`.",
    [
        Field(
            "statement_id",
            "string",
            'Stable key of the row: the article (its subject\'s code, or `MLI~fr` for an edition), "statement" and 12 hex digits of the SHA-256 of the mission, the '
            "rule and the sentence (and which repeat of that sentence it is), so an edit elsewhere keeps it.",
            required=True,
            unique=True,
        ),
        Field(
            "subject_iso3", "string", "ISO 3166-1 alpha-3 code of the article's subject.", required=True, pattern=ISO3
        ),
        Field("mission_id", "string", "The mission the sentence states (`missions.mission_id`).", required=True),
        Field(
            "partner",
            "string",
            "The partner of the bilateral-table row whose notes hold the sentence (`bilateral_relations.partner`).",
            required=True,
        ),
        Field(
            "city",
            "string",
            "The city as this sentence names it; empty when it names none (the mission's city then comes from another sentence).",
        ),
        Field(
            "since",
            "string",
            "Since when, when this sentence says, ISO 8601 at the text's precision.",
            pattern=PARTIAL_DATE,
        ),
        Field("since_precision", "string", "Precision of `since`.", enum=PRECISIONS),
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
        *tense_fields("the sentence states the mission"),
        *statement_fields(),
    ],
    ["statement_id"],
    [
        SOURCE_FK,
        ForeignKey(["mission_id"], "missions", ["mission_id"]),
        ForeignKey(["subject_iso3", "partner"], "bilateral_relations", ["subject_iso3", "partner"]),
    ],
    rules="Unit: one sentence stating one mission: its rule, wording, tense, date, change and byte span.",
)
