"""Tables made from the tables read: one history per relation, the dyad-years, and the events'
partners as rows."""

from __future__ import annotations

from pipeline.schema.changes import CHANGES
from pipeline.schema.fields import ISO3, PARTIAL_DATE, PRECISIONS, ir_code_fields, subject_fields
from pipeline.schema.model import Field, ForeignKey, Table
from pipeline.schema.sources import SOURCE_FK

HISTORY_RULES = (
    "The list table and the bilateral table of one article (or two rows of one table) can state the same change: "
    "Ukraine's severance is undated beside its name in the list and dated 4 August 2024 in the bilateral table. "
    "Each relation_changes row, in the order the tables give them, is the first change of its partner's history "
    "that has the same kind (established, severed, ...), comes from another relation row, and whose date can be the "
    "same day (an undated change can be any day; two dates whose bounds overlap can be the same day); the history "
    "keeps the more precise date. A change that matches none is a change of its own; one that two rows date on "
    "days that cannot be the same is a `history_conflict` quality finding."
)

RELATION_HISTORY = Table(
    "relation_history",
    "One history per relation",
    "One row per change of a relation, the changes that the article's tables state about the same partner merged "
    "into one history: each change once, with the most precise date any table gives it. `statements` says how many "
    "relation_changes rows state it; join relation_changes on `history_change_id` for each statement, its relation "
    "row (`row_id`) and, through that row, its citations.",
    [
        Field(
            "history_change_id",
            "string",
            'Stable key: the history\'s id and `sequence` ("MLI/history/UKR/2").',
            required=True,
            unique=True,
        ),
        Field(
            "history_id",
            "string",
            "The relation's history: the article, \"history\" and the partner's ISO code or name as a slug, as in the "
            'relation rows\' ids ("MLI/history/UKR").',
            required=True,
        ),
        *subject_fields(),
        Field(
            "partner", "string", "The partner, as the first relation row stating the change names it.", required=True
        ),
        Field("partner_iso3", "string", "ISO 3166-1 alpha-3 code of `partner`.", pattern=ISO3),
        *ir_code_fields("partner"),
        Field(
            "sequence",
            "integer",
            "1-based order of the change in the history: the establishment, the dated changes by their first possible "
            "day, then the undated ones in the order the tables state them.",
            required=True,
            minimum=1,
        ),
        Field("change", "string", "What changed: " + ", ".join(CHANGES) + ".", required=True, enum=CHANGES),
        Field(
            "date",
            "string",
            "When, ISO 8601 at the most precise of the statements' precisions; empty when no statement dates it.",
            pattern=PARTIAL_DATE,
        ),
        Field("date_precision", "string", "Precision of `date`.", required=True, enum=PRECISIONS),
        Field(
            "date_qualifier",
            "string",
            "circa or before, as the statement with the date gives it.",
            enum=["circa", "before"],
        ),
        Field("date_earliest", "date", "First calendar day `date` can mean."),
        Field("date_latest", "date", "Last calendar day `date` can mean."),
        Field("statements", "integer", "How many relation_changes rows state this change.", required=True, minimum=1),
        Field(
            "source_id", "string", "The seed document the history is read from (`sources.source_id`).", required=True
        ),
    ],
    ["history_change_id"],
    [SOURCE_FK],
    rules=HISTORY_RULES,
)

YEAR_RULES = (
    "One row per year from the year of the relation's establishment to the as-of year of its source, both included. "
    "The establishment is the history's first `established` change; a relation whose establishment has no year "
    '(an unknown date, or only a bound: "before 1975") has no rows. A date at month or day precision counts in its '
    'year; "c. 1962" counts as 1962. The as-of year is the year of the source\'s `revision_timestamp`, else its '
    "`retrieved` date, else its `revision_not_before` (the Mali seed: 2025, the earliest its revision can be); a "
    "source with none gives no rows. The status of a year is the state after the last change dated by the end of "
    "that year (a change whose last possible day falls in or before it). A change the source does not date (a status "
    'word beside the partner\'s name, "(suspended)") is known to have happened by the as-of year only: the years '
    "after the last dated change and before the as-of year are `unknown`, the as-of year has the state after it. "
    "The partner's state in a year is its predecessor before the partner was formed (the Soviet Union for Russia "
    "until 1991), with that state's numbers."
)

RELATION_YEARS = Table(
    "relation_years",
    "Dyad-years",
    "One row per subject, partner and year, from the relation's establishment to the source's as-of year, with the "
    "status the relation's history gives that year: the shape international-relations data are merged on (by "
    "`year` and the COW or G&W numbers).",
    [
        Field(
            "relation_year_id",
            "string",
            'Stable key: the history\'s id and the year ("MLI/history/UKR/2024").',
            required=True,
            unique=True,
        ),
        Field("history_id", "string", "The relation's history (`relation_history.history_id`).", required=True),
        *subject_fields(),
        Field("partner", "string", "The partner, as its history names it.", required=True),
        Field("partner_iso3", "string", "ISO 3166-1 alpha-3 code of `partner` (today's state).", pattern=ISO3),
        Field(
            "partner_state_iso3",
            "string",
            "Code of the partner's state in `year`: the predecessor's (ISO 3166-3, e.g. SUN) before the partner "
            "was formed, else `partner_iso3`.",
            pattern=ISO3,
        ),
        *ir_code_fields("partner", "the number of its state at the end of `year`"),
        Field("year", "integer", "The calendar year.", required=True, minimum=1),
        Field(
            "status",
            "string",
            "The relation's state at the end of `year`: active, suspended, severed, frozen or downgraded; unknown where a change "
            "the source does not date may or may not have happened yet.",
            required=True,
            enum=["active", "suspended", "severed", "frozen", "downgraded", "unknown"],
        ),
        Field(
            "source_id", "string", "The seed document the history is read from (`sources.source_id`).", required=True
        ),
    ],
    ["relation_year_id"],
    [SOURCE_FK],
    rules=YEAR_RULES,
)

EVENT_PARTNERS = Table(
    "event_partners",
    "Events' partners",
    "One row per country an event's sentence names (events.partners_iso3, as rows): join events on `event_id`.",
    [
        Field("event_id", "string", "The event (`events.event_id`).", required=True),
        Field(
            "position", "integer", "1-based order of the partner in `events.partners_iso3`.", required=True, minimum=1
        ),
        Field("partner_iso3", "string", "ISO 3166-1 alpha-3 code of the partner.", required=True, pattern=ISO3),
        *ir_code_fields("partner"),
    ],
    ["event_id", "position"],
    [ForeignKey(["event_id"], "events", ["event_id"])],
)
