"""Tables made from the tables read: one history per relation, the dyad-years, and the events'
partners as rows."""

from __future__ import annotations

from pipeline.schema.changes import CHANGES
from pipeline.schema.country_fields import PARTNER_CODES, SUBJECT
from pipeline.schema.fields import columns, override
from pipeline.schema.formats import ISO3, ir_code_descriptions
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

HISTORY_SOURCE = "The seed document the history is read from (`sources.source_id`)."

RELATION_HISTORY = Table(
    "relation_history",
    "One history per relation",
    "One row per change of a relation, the changes that the article's tables state about the same partner merged "
    "into one history: each change once, with the most precise date any table gives it. `statements` says how many "
    "relation_changes rows state it; join relation_changes on `history_change_id` for each statement, its relation "
    "row (`row_id`) and, through that row, its citations.",
    columns(
        override(
            "history_change_id",
            description='Stable key: the history\'s id and `sequence` ("MLI/history/UKR/2").',
            unique=True,
        ),
        "history_id",
        *SUBJECT,
        override("partner", description="The partner, as the first relation row stating the change names it."),
        override("partner_iso3", description="ISO 3166-1 alpha-3 code of `partner`.", rules=None),
        *PARTNER_CODES,
        override(
            "sequence",
            description="1-based order of the change in the history: the establishment, the dated changes by their "
            "first possible day, then the undated ones in the order the tables state them.",
        ),
        override("change", description="What changed: " + ", ".join(CHANGES) + ".", required=True, enum=CHANGES),
        override(
            "date",
            description="When, ISO 8601 at the most precise of the statements' precisions; empty when no statement "
            "dates it.",
        ),
        "date_precision",
        override(
            "date_qualifier",
            description="circa or before, as the statement with the date gives it.",
            enum=["circa", "before"],
        ),
        "date_earliest",
        override("date_latest", description="Last calendar day `date` can mean."),
        override("statements", description="How many relation_changes rows state this change."),
        override("source_id", description=HISTORY_SOURCE),
    ),
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

YEAR_CODES = ir_code_descriptions("partner", "the number of its state at the end of `year`")

RELATION_YEARS = Table(
    "relation_years",
    "Dyad-years",
    "One row per subject, partner and year, from the relation's establishment to the source's as-of year, with the "
    "status the relation's history gives that year: the shape international-relations data are merged on (by "
    "`year` and the COW or G&W numbers).",
    columns(
        Field(
            "relation_year_id",
            "string",
            'Stable key: the history\'s id and the year ("MLI/history/UKR/2024").',
            required=True,
            unique=True,
        ),
        override("history_id", description="The relation's history (`relation_history.history_id`)."),
        *SUBJECT,
        override("partner", description="The partner, as its history names it."),
        override("partner_iso3", description="ISO 3166-1 alpha-3 code of `partner` (today's state).", rules=None),
        Field(
            "partner_state_iso3",
            "string",
            "Code of the partner's state in `year`: the predecessor's (ISO 3166-3, e.g. SUN) before the partner "
            "was formed, else `partner_iso3`.",
            pattern=ISO3,
        ),
        override("partner_cown", description=YEAR_CODES[0]),
        override("partner_gwn", description=YEAR_CODES[1]),
        "partner_codes_missing_reason",
        Field("year", "integer", "The calendar year.", required=True, minimum=1),
        override(
            "status",
            description="The relation's state at the end of `year`: active, suspended, severed, frozen or downgraded; unknown where a change "
            "the source does not date may or may not have happened yet.",
            enum=["active", "suspended", "severed", "frozen", "downgraded", "unknown"],
            rules=None,
        ),
        override("source_id", description=HISTORY_SOURCE),
    ),
    ["relation_year_id"],
    [SOURCE_FK],
    rules=YEAR_RULES,
)

EVENT_PARTNERS = Table(
    "event_partners",
    "Events' partners",
    "One row per country an event's sentence names (events.partners_iso3, as rows): join events on `event_id`.",
    columns(
        "event_id",
        override("position", description="1-based order of the partner in `events.partners_iso3`."),
        override("partner_iso3", description="ISO 3166-1 alpha-3 code of the partner.", required=True, rules=None),
        *PARTNER_CODES,
    ),
    ["event_id", "position"],
    [ForeignKey(["event_id"], "events", ["event_id"])],
)
