"""Facts read from prose: memberships and events (missions in `pipeline/schema/missions.py`)."""

from __future__ import annotations

from pipeline.schema.fields import (
    PARTIAL_DATE,
    PRECISIONS,
    partial_date_note,
    provenance_fields,
    subject_fields,
)
from pipeline.schema.model import Field, Table
from pipeline.schema.sources import SOURCE_FK


def statement_fields() -> list[Field]:
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
        *statement_fields(),
    ],
    ["membership_id"],
    [SOURCE_FK],
    rules="Unit: an organisation the subject belongs or belonged to, as a sentence states it (read by `rule`). The "
    "status is the sentence's word; `since`/`until` only when it dates it. As of the article's revision, not checked "
    "against the organisation's record: one dissolved or replaced since can still be listed as current.",
)


def tense_fields(what: str) -> list[Field]:
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
            'ISO 3166-1 alpha-3 codes of the other countries the sentence names, by name or by demonym ("French forces" names '
            "France; a demonym of two countries, such as Korean, names neither), and, for a bilateral note, its row's partner; space-separated.",
        ),
        *statement_fields(),
    ],
    ["event_id"],
    [SOURCE_FK],
    rules="Unit: a dated statement of the prose, as `rule` read it from its sentence, with the countries it names: "
    "what the sentence says happened, at the date it gives, not checked against other sources.",
)
