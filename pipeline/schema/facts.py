"""Facts read from prose (memberships, missions, events) and the quality findings."""

from __future__ import annotations

from dataclasses import replace

from pipeline.schema.fields import (
    ISO3,
    PARTIAL_DATE,
    PRECISIONS,
    partial_date_note,
    provenance_fields,
    subject_fields,
)
from pipeline.schema.model import Field, ForeignKey, Table
from pipeline.schema.relations import SOURCE_FK


def _statement() -> list[Field]:
    return [
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
        Field(
            "section",
            "string",
            "Heading of the article section the sentence is in; empty for the lead or a plain-text document.",
        ),
        *provenance_fields("sentence"),
    ]


MEMBERSHIPS = Table(
    "memberships",
    "Memberships in international organisations",
    "The organisations the subject belongs to (or belonged to), as the article's prose states them. Read by rules from sentences; fellow members named in passing are not the subject's memberships.",
    [
        Field(
            "membership_id",
            "string",
            'Stable key: the article (its subject\'s code, or `MLI~fr` for an edition), "membership" and the organisation\'s name as a slug ("MLI/membership/african-union").',
            required=True,
            unique=True,
        ),
        *subject_fields(),
        Field(
            "organization",
            "string",
            "The organisation's name as the text writes it (the link label when linked).",
            required=True,
        ),
        Field("abbreviation", "string", "The abbreviation the text gives in parentheses, e.g. ECOWAS."),
        Field("article", "string", "Title of the Wikipedia article the name links to, when linked."),
        Field(
            "status",
            "string",
            "member, associate-member or former-member, as the text says.",
            required=True,
            enum=["member", "associate-member", "former-member"],
        ),
        Field(
            "since",
            "string",
            "When the membership (or the organisation, where the text ties them) began, ISO 8601 at the text's precision."
            + partial_date_note("since", bounds=False),
            pattern=PARTIAL_DATE,
        ),
        Field("since_precision", "string", "Precision of `since`.", enum=PRECISIONS),
        Field(
            "until",
            "string",
            "When the membership ended (a withdrawal), ISO 8601 at the text's precision."
            + partial_date_note("until", bounds=False),
            pattern=PARTIAL_DATE,
        ),
        Field("until_precision", "string", "Precision of `until`.", enum=PRECISIONS),
        *_statement(),
    ],
    ["membership_id"],
    [SOURCE_FK],
)


def _tense_fields(what: str) -> list[Field]:
    return [
        Field(
            "tense",
            "string",
            f"present when {what} in the present tense (it holds at the article's revision, see "
            "`sources.revision_not_before`); past when it is a historical statement (it held at `as_of`).",
            required=True,
            enum=["present", "past"],
        ),
        Field(
            "as_of",
            "string",
            "The date the statement holds at, as the sentence gives it, ISO 8601 at the text's "
            "precision: for a past statement the date the sentence places it at, for a present one the date after "
            '"as of"; empty when the sentence gives none.',
            pattern=PARTIAL_DATE,
        ),
        Field("as_of_precision", "string", "Precision of `as_of`; empty when `as_of` is.", enum=PRECISIONS),
    ]


def _first_statement() -> list[Field]:
    """The statement fields, as those of a mission's first sentence (all are in mission_statements)."""
    first = (
        "Of the first sentence (in document order) that states the mission; every sentence is in `mission_statements`. "
    )
    return [replace(f, description=first + f.description) for f in _statement()]


MISSIONS = Table(
    "missions",
    "Diplomatic missions",
    'One row per diplomatic mission the notes of the "Bilateral relations" table state: who keeps an embassy, honorary '
    "consulate or non-resident accreditation where. A statement that a mission does not exist is kept with kind `none`. "
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
            "embassy; honorary-consulate; non-resident (accredited from an embassy elsewhere, or an ambassador resident elsewhere); none (the text says there is no such mission).",
            required=True,
            enum=["embassy", "honorary-consulate", "non-resident", "none"],
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
            "revision); past when every sentence is a historical statement (e.g. the ambassador who presented his "
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
        *_first_statement(),
    ],
    ["mission_id"],
    [SOURCE_FK, ForeignKey(["subject_iso3", "partner"], "bilateral_relations", ["subject_iso3", "partner"])],
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
        *_tense_fields("the sentence states the mission"),
        *_statement(),
    ],
    ["statement_id"],
    [
        SOURCE_FK,
        ForeignKey(["mission_id"], "missions", ["mission_id"]),
        ForeignKey(["subject_iso3", "partner"], "bilateral_relations", ["subject_iso3", "partner"]),
    ],
)

EVENTS = Table(
    "events",
    "Dated events",
    "One row per dated clause of the documents' prose: a sentence that places something in time gives a row for its "
    "first date, and one more for each later date that a clause break (a comma, semicolon, colon, but, while, "
    'whereas) separates from the date before it ("In 2022, Mali restricted ... and, in June 2023, asked ..." is two '
    'rows; "in 2022 ... following the 2021 coup" is one). Each row gives the date, how the text qualifies it, and '
    "the countries the sentence names; `rule` says how it was read (`dated_sentence` the first clause, `dated_clause` a "
    "later one, `dated_range` a range in either).",
    [
        Field(
            "event_id",
            "string",
            'Stable key: the article (its subject\'s code, or `MLI~fr` for an edition), "event" and 12 hex digits of the SHA-256 of the source id, the bilateral row the sentence notes (if any) and the sentence ("MLI/event/7ebfb858948c"), and for a later clause of the sentence its date as written (`date_raw`).',
            required=True,
            unique=True,
        ),
        *subject_fields(),
        Field(
            "date",
            "string",
            "The clause's date, ISO 8601 at the text's precision: YYYY-MM-DD, YYYY-MM or YYYY; for a range "
            '("between 1990 and 2008", "from 2020 to 2021", "2020–2021") its start, with `date_qualifier` = range and '
            "the bounds spanning the whole range." + partial_date_note("date", bounds=True),
            required=True,
            pattern=PARTIAL_DATE,
        ),
        Field("date_precision", "string", "Precision of `date`.", required=True, enum=PRECISIONS),
        Field(
            "date_qualifier",
            "string",
            "How the text qualifies the date: early, late, mid, circa, before, after, since, until; range when the "
            "text gives a range (`date` is its start, `date_latest` the last day of its end).",
            enum=["early", "late", "mid", "circa", "before", "after", "since", "until", "range"],
        ),
        Field("date_earliest", "date", "First calendar day `date` can mean (of a range: the first day of its start)."),
        Field("date_latest", "date", "Last calendar day `date` can mean (of a range: the last day of its end)."),
        Field("date_raw", "string", "The time expression as written, qualifier included.", required=True),
        Field(
            "partners_iso3",
            "string",
            "ISO 3166-1 alpha-3 codes of the other countries the sentence names, by name or by demonym (\"French forces\" names "
            "France; a demonym of two countries, such as Korean, names neither), and, for a bilateral note, its row's partner; space-separated.",
        ),
        *_statement(),
    ],
    ["event_id"],
    [SOURCE_FK],
)
