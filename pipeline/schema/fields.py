"""Groups of fields several tables share: the subject, the partner, a partial date, provenance."""

from __future__ import annotations

from pipeline.schema.model import Field

ISO3 = r"^[A-Z]{3}$"
PARTIAL_DATE = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
PRECISIONS = ["day", "month", "year", "unknown"]
DATE_RULES = (
    "A date is kept at the precision the source writes it: `1962` is some day in 1962, and `*_earliest` / "
    "`*_latest` are the first and last day it can mean. An unknown date is empty and says why: the source writes "
    '"Unknown" (precision unknown, an `unknown_date` warning), gives no date (precision unknown), or writes one '
    "the parser cannot read (precision unknown, an `unparseable_date` error the maintainers must acknowledge); the "
    "text as written stays in the `*_raw` column. A qualified date keeps its qualifier (circa, before)."
)


def partial_date_note(prefix: str, bounds: bool) -> str:
    """What a partial date means and how to compute with it, for its field's description."""
    use = (
        f"for arithmetic use `{prefix}_earliest` / `{prefix}_latest`"
        if bounds
        else "compare it as text, or by its first four characters (the year)"
    )
    return f" `1962` means some day in 1962, not 1 January: {use}; never give this column to a date parser."


IR_CODE_RULES = (
    "State numbers from the COW State System Membership list v2016 (system2016.csv, correlatesofwar.org) and "
    "Gleditsch & Ward's list of independent states (iisystem.dat), linked to ISO codes through the countrycode "
    "package's code list (Arel-Bundock, Enevoldsen and Yetman 2018) and checked by hand where it disagrees with "
    "the two lists (the pipeline's table of state numbers says so in each such row's note): Serbia is COW 345 (the number COW keeps "
    "for Yugoslavia and Serbia) and G&W 340; the Holy See and the Sovereign Military Order of Malta have none "
    "(COW's 327 is the Papal States, ended 1860); unified Yemen is G&W 678; Vietnam is G&W 816. Former states "
    "have the number the lists gave them: the Soviet Union 365 (the number COW keeps for Russia throughout), "
    "Yugoslavia 345, Czechoslovakia 315, West Germany 260, East Germany 265, North Vietnam 816. A state's "
    "number in a year is the one it had at the end of that year (Germany 260 until 1989, 255 from 1990 in COW); "
    "a number past a list's last year (COW 2016, G&W 2017) is carried forward while the list leaves the state "
    "open. A number the lists do not give is empty, with the reason, never guessed."
)


def ir_code_fields(prefix: str, when: str = "its latest number") -> list[Field]:
    """The Correlates of War and Gleditsch & Ward state numbers of `<prefix>_iso3`."""
    return [
        Field(
            f"{prefix}_cown",
            "integer",
            f"Correlates of War state number of `{prefix}` ({when}); empty when COW has none "
            f"(`{prefix}_codes_missing_reason` says why).",
            minimum=1,
            rules=IR_CODE_RULES,
        ),
        Field(
            f"{prefix}_gwn",
            "integer",
            f"Gleditsch & Ward state number of `{prefix}` ({when}); empty when their list has none.",
            minimum=1,
            rules=IR_CODE_RULES,
        ),
        Field(
            f"{prefix}_codes_missing_reason",
            "string",
            f"Why `{prefix}_cown` or `{prefix}_gwn` is empty (each named when only one is); empty when both are given.",
        ),
    ]


def subject_fields() -> list[Field]:
    return [
        Field(
            "subject",
            "string",
            "The country whose foreign relations the article describes, as the article's title names it.",
            required=True,
        ),
        Field("subject_iso3", "string", "ISO 3166-1 alpha-3 code of `subject`.", required=True, pattern=ISO3),
        *ir_code_fields("subject"),
    ]


def partner_fields() -> list[Field]:
    return [
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
            rules="A partner is identified by the name the row writes (a flag template's argument, a link's target), "
            "looked up in ISO 3166-1 by its names, then in the pipeline's table of other names (short and former "
            "English names); a flag template given an IOC code is read through the IOC table. An entity that is "
            "no state in ISO 3166-1 (a sovereign order, an organisation) has no code: listed as such, never guessed. "
            "A state's code is today's state's; the former state relations began with is named beside it "
            "(`established_with`).",
        ),
        *ir_code_fields("partner"),
        Field("partner_raw", "string", "The partner cell's wikitext as written, references included.", required=True),
    ]


def date_fields(prefix: str, what: str) -> list[Field]:
    return [
        Field(
            prefix,
            "string",
            f"{what}, ISO 8601 at the source's precision: YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown."
            + partial_date_note(prefix, bounds=True),
            pattern=PARTIAL_DATE,
            rules=DATE_RULES,
        ),
        Field(
            f"{prefix}_precision",
            "string",
            f"Precision of `{prefix}`: day, month, year, or unknown when the source gives no readable date.",
            required=True,
            enum=PRECISIONS,
        ),
        Field(f"{prefix}_earliest", "date", f"First calendar day `{prefix}` can mean (1 January for a year)."),
        Field(f"{prefix}_latest", "date", f"Last calendar day `{prefix}` can mean (31 December for a year)."),
    ]


def provenance_fields(what: str = "row") -> list[Field]:
    return [
        Field("source_id", "string", "The seed document this row comes from (`sources.source_id`).", required=True),
        Field(
            "source_start",
            "integer",
            f"Byte offset in the seed file where the {what} starts (0-based, inclusive).",
            required=True,
            minimum=0,
        ),
        Field(
            "source_end",
            "integer",
            f"Byte offset in the seed file where the {what} ends (exclusive): `file[source_start:source_end]` is the wikitext.",
            required=True,
            minimum=0,
        ),
    ]
