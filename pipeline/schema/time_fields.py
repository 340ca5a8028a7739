"""The shared fields of time: a date as written with its precision, qualifier and bounds; since
when, as of when, and the tense a statement speaks in."""

from __future__ import annotations

from pipeline.schema.formats import PARTIAL_DATE, PRECISIONS, partial_date_note
from pipeline.schema.model import Field

TIME_FIELDS = [
    Field(
        "date",
        "string",
        "Publication date (or year), ISO 8601 at the citation's precision: YYYY-MM-DD, YYYY-MM or YYYY (\"6 April "
        '2012" is 2012-04-06, "1962" is 1962: a year, not 1 January); empty when none is written or it cannot be '
        "read (see `date_raw` and quality_findings).",
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
    Field("date_earliest", "date", "First calendar day `date` can mean."),
    Field("date_latest", "date", "Last calendar day `date` can mean (31 December for a year)."),
    Field("date_raw", "string", "Publication date (or year), as written in the citation."),
    Field(
        "since",
        "string",
        "When the membership (or the organisation, where the text ties them) began, ISO 8601 at the text's precision."
        + partial_date_note("since", bounds=False),
        pattern=PARTIAL_DATE,
    ),
    Field("since_precision", "string", "Precision of `since`.", enum=PRECISIONS),
    Field(
        "as_of",
        "string",
        "The date the statement holds at, as the sentence gives it, ISO 8601 at the text's "
        "precision: for a past statement the date the sentence places it at, for a present one the date after "
        '"as of"; empty when the sentence gives none.',
        pattern=PARTIAL_DATE,
    ),
    Field("as_of_precision", "string", "Precision of `as_of`; empty when `as_of` is.", enum=PRECISIONS),
    Field(
        "tense",
        "string",
        "present when the sentence states the mission in the present tense (it holds at the article's revision, see "
        "`sources.revision_not_before`); past when it is a historical statement (it held at `as_of`).",
        required=True,
        enum=["present", "past"],
    ),
]
