"""The shared fields naming countries: the article's subject, the partner, and the former
state relations were established with (each with its ISO code and state numbers)."""

from __future__ import annotations

from pipeline.schema.formats import ISO3, ir_code_fields
from pipeline.schema.model import Field

PARTNER_RULES = (
    "A partner is identified by the name the row writes (a flag template's argument, a link's target), "
    "looked up in ISO 3166-1 by its names, then in the pipeline's table of other names (short and former "
    "English names); a flag template given an IOC code is read through the IOC table. An entity that is "
    "no state in ISO 3166-1 (a sovereign order, an organisation) has no code: listed as such, never guessed. "
    "A state's code is today's state's; the former state relations began with is named beside it "
    "(`established_with`)."
)

COUNTRY_FIELDS = [
    Field(
        "subject",
        "string",
        "The country whose foreign relations the article describes, as the article's title names it.",
        required=True,
    ),
    Field("subject_iso3", "string", "ISO 3166-1 alpha-3 code of `subject`.", required=True, pattern=ISO3),
    *ir_code_fields("subject"),
    Field(
        "partner",
        "string",
        "The partner country or entity as the article writes it (the flag template's argument).",
        required=True,
    ),
    Field(
        "partner_iso3",
        "string",
        "ISO 3166-1 alpha-3 code of `partner`; empty for entities with no ISO code (listed in the alias table).",
        pattern=ISO3,
        rules=PARTNER_RULES,
    ),
    *ir_code_fields("partner"),
    Field("partner_raw", "string", "The partner cell's wikitext as written, references included.", required=True),
    Field(
        "established_with",
        "string",
        "The state relations were established with, when the partner as a state was formed after `established` "
        "(e.g. the Soviet Union for Russia in 1960), from the pipeline's table of successor states, each with its "
        "source (quoted in the row's `successor_state` finding); empty when the partner itself is.",
    ),
    Field(
        "established_with_iso3",
        "string",
        "Code of `established_with`: the ISO 3166-1 alpha-3 code the former state had, as ISO 3166-3 lists "
        "it for former countries (SUN Soviet Union, CSK Czechoslovakia, YUG Yugoslavia, SCG Serbia and "
        "Montenegro, VDR North Vietnam); YEM for the Yemen Arab Republic, whose code unified Yemen kept; "
        "empty for a state that had none (Tanganyika).",
        pattern=ISO3,
    ),
    *ir_code_fields("established_with", "the former state's number; all three empty when `established_with` is"),
]

# The groups of names tables list together.
SUBJECT = ["subject", "subject_iso3", "subject_cown", "subject_gwn", "subject_codes_missing_reason"]
PARTNER_CODES = ["partner_cown", "partner_gwn", "partner_codes_missing_reason"]
PARTNER = ["partner", "partner_iso3", *PARTNER_CODES, "partner_raw"]
ESTABLISHED_WITH = [
    "established_with",
    "established_with_iso3",
    "established_with_cown",
    "established_with_gwn",
    "established_with_codes_missing_reason",
]
