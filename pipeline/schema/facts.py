"""Facts read from prose: memberships and events (missions in `pipeline/schema/missions.py`)."""

from __future__ import annotations

from pipeline.schema.country_fields import SUBJECT
from pipeline.schema.fields import STATEMENT, columns, override
from pipeline.schema.formats import PARTIAL_DATE, PRECISIONS, partial_date_note
from pipeline.schema.model import Field, Table
from pipeline.schema.sources import SOURCE_FK

MEMBERSHIPS = Table(
    "memberships",
    "Memberships in international organisations",
    "The organisations the subject belongs to (or belonged to), as the article's prose states them. Read by rules from sentences; fellow members named in passing are not the subject's memberships.",
    columns(
        Field(
            "membership_id",
            "string",
            'Stable key: the article (its subject\'s code, or `MLI~fr` for an edition), "membership" and the organisation\'s name as a slug ("MLI/membership/african-union").',
            required=True,
            unique=True,
        ),
        *SUBJECT,
        Field(
            "organization",
            "string",
            "The organisation's name as the text writes it (the link label when linked).",
            required=True,
        ),
        Field("abbreviation", "string", "The abbreviation the text gives in parentheses, e.g. ECOWAS."),
        Field("article", "string", "Title of the Wikipedia article the name links to, when linked."),
        override(
            "status",
            description="member, associate-member or former-member, as the text says.",
            enum=["member", "associate-member", "former-member"],
            rules=None,
        ),
        "since",
        "since_precision",
        Field(
            "until",
            "string",
            "When the membership ended (a withdrawal), ISO 8601 at the text's precision."
            + partial_date_note("until", bounds=False),
            pattern=PARTIAL_DATE,
        ),
        Field("until_precision", "string", "Precision of `until`.", enum=PRECISIONS),
        *STATEMENT,
    ),
    ["membership_id"],
    [SOURCE_FK],
    rules="Unit: an organisation the subject belongs or belonged to, as a sentence states it (read by `rule`). The "
    "status is the sentence's word; `since`/`until` only when it dates it. As of the article's revision, not checked "
    "against the organisation's record: one dissolved or replaced since can still be listed as current.",
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
    columns(
        override(
            "event_id",
            description='Stable key: the article (its subject\'s code, or `MLI~fr` for an edition), "event" and 12 hex digits of the SHA-256 of the source id, the bilateral row the sentence notes (if any) and the sentence ("MLI/event/7ebfb858948c"), and for a later clause of the sentence its date as written (`date_raw`).',
            unique=True,
        ),
        *SUBJECT,
        override(
            "date",
            description="The clause's date, ISO 8601 at the text's precision: YYYY-MM-DD, YYYY-MM or YYYY; for a range "
            '("between 1990 and 2008", "from 2020 to 2021", "2020–2021") its start, with `date_qualifier` = range and '
            "the bounds spanning the whole range." + partial_date_note("date", bounds=True),
            required=True,
        ),
        "date_precision",
        "date_qualifier",
        override(
            "date_earliest", description="First calendar day `date` can mean (of a range: the first day of its start)."
        ),
        override("date_latest", description="Last calendar day `date` can mean (of a range: the last day of its end)."),
        override("date_raw", description="The time expression as written, qualifier included.", required=True),
        Field(
            "partners_iso3",
            "string",
            'ISO 3166-1 alpha-3 codes of the other countries the sentence names, by name or by demonym ("French forces" names '
            "France; a demonym of two countries, such as Korean, names neither), and, for a bilateral note, its row's partner; space-separated.",
        ),
        *STATEMENT,
    ),
    ["event_id"],
    [SOURCE_FK],
    rules="Unit: a dated statement of the prose, as `rule` read it from its sentence, with the countries it names: "
    "what the sentence says happened, at the date it gives, not checked against other sources.",
)
