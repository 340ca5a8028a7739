"""Diplomatic missions read from prose, and the sentences stating each (its history included)."""

from __future__ import annotations

from pipeline.schema.country_fields import SUBJECT
from pipeline.schema.fields import STATEMENT, columns, override
from pipeline.schema.formats import ISO3, partial_date_note
from pipeline.schema.model import Field, ForeignKey, Table
from pipeline.schema.sources import SOURCE_FK


def _firststatement_fields() -> list[Field]:
    """The statement fields, as those of a mission's first sentence (all are in mission_statements)."""
    first = (
        "Of the first sentence (in document order) that states the mission; every sentence is in `mission_statements`. "
    )
    return [override(f.name, description=first + f.description) for f in columns(*STATEMENT)]


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
    columns(
        override(
            "mission_id",
            description='Stable key: the article (its subject\'s code, or `MLI~fr` for an edition), "mission" and 12 hex digits of the SHA-256 of sender, receiver, kind, city and '
            'an empty part ("MLI/mission/d423da311a4a"; the digits are those of earlier releases\' ids). Two articles '
            "can state the same mission: each has its own row.",
            unique=True,
        ),
        *SUBJECT,
        Field("sending", "string", "The country that keeps the mission.", required=True),
        Field("sending_iso3", "string", "ISO 3166-1 alpha-3 of `sending`.", pattern=ISO3),
        Field("receiving", "string", "The country the mission is accredited to.", required=True),
        Field("receiving_iso3", "string", "ISO 3166-1 alpha-3 of `receiving`.", pattern=ISO3),
        override(
            "kind",
            description='embassy; consulate (a career consulate, e.g. "the Algerian consulate was seized"); honorary-consulate; '
            "non-resident (accredited from an embassy elsewhere, or an ambassador resident elsewhere); none (the text says "
            "there is no such mission).",
            enum=["embassy", "consulate", "honorary-consulate", "non-resident", "none"],
        ),
        override(
            "city",
            description="Where the mission sits, as written (for non-resident: where the accredited embassy or ambassador is), from the first of its sentences that names it.",
        ),
        override(
            "since",
            description="Since when, when a sentence says, ISO 8601 at the text's precision (the first sentence that "
            "says)." + partial_date_note("since", bounds=False),
        ),
        "since_precision",
        override(
            "tense",
            description="present when at least one sentence states the mission in the present tense (it exists at the article's "
            "revision; a sentence stating that it closed or was seized does not count, whatever its tense); past when every sentence is a historical statement (e.g. the ambassador who presented his "
            "credentials in 1963): count current missions with `tense` = present.",
        ),
        override(
            "as_of",
            description="For a past mission, the latest date its sentences place it at, ISO 8601 at the text's "
            "precision; empty for a present one.",
        ),
        "as_of_precision",
        "statements",
        override(
            "partner",
            description="The partner of the bilateral-table row whose notes state the mission first "
            "(`bilateral_relations.partner`).",
        ),
        *_firststatement_fields(),
    ),
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
    columns(
        Field(
            "statement_id",
            "string",
            'Stable key of the row: the article (its subject\'s code, or `MLI~fr` for an edition), "statement" and 12 hex digits of the SHA-256 of the mission, the '
            "rule and the sentence (and which repeat of that sentence it is), so an edit elsewhere keeps it.",
            required=True,
            unique=True,
        ),
        override("subject_iso3", description="ISO 3166-1 alpha-3 code of the article's subject."),
        "mission_id",
        override(
            "partner",
            description="The partner of the bilateral-table row whose notes hold the sentence "
            "(`bilateral_relations.partner`).",
        ),
        "city",
        override("since", description="Since when, when this sentence says, ISO 8601 at the text's precision."),
        "since_precision",
        "change",
        "tense",
        "as_of",
        "as_of_precision",
        *STATEMENT,
    ),
    ["statement_id"],
    [
        SOURCE_FK,
        ForeignKey(["mission_id"], "missions", ["mission_id"]),
        ForeignKey(["subject_iso3", "partner"], "bilateral_relations", ["subject_iso3", "partner"]),
    ],
    rules="Unit: one sentence stating one mission: its rule, wording, tense, date, change and byte span.",
)
