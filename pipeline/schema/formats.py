"""The value formats fields share (codes, partial dates, precisions) and the coding rules
several fields print, in words."""

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


def ir_code_descriptions(prefix: str, when: str = "its latest number") -> tuple[str, str]:
    """The descriptions of `<prefix>_cown` and `<prefix>_gwn`: whose number, and of when."""
    return (
        f"Correlates of War state number of `{prefix}` ({when}); empty when COW has none "
        f"(`{prefix}_codes_missing_reason` says why).",
        f"Gleditsch & Ward state number of `{prefix}` ({when}); empty when their list has none.",
    )


def ir_code_fields(prefix: str, when: str = "its latest number") -> list[Field]:
    """The Correlates of War and Gleditsch & Ward state numbers of `<prefix>_iso3`."""
    cown, gwn = ir_code_descriptions(prefix, when)
    return [
        Field(f"{prefix}_cown", "integer", cown, minimum=1, rules=IR_CODE_RULES),
        Field(f"{prefix}_gwn", "integer", gwn, minimum=1, rules=IR_CODE_RULES),
        Field(
            f"{prefix}_codes_missing_reason",
            "string",
            f"Why `{prefix}_cown` or `{prefix}_gwn` is empty (each named when only one is); empty when both are given.",
        ),
    ]


def partial_date_description(prefix: str, what: str) -> str:
    """The description of a partial date with bounds (`date_fields`): what it is the date of."""
    return (
        f"{what}, ISO 8601 at the source's precision: YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown."
        + partial_date_note(prefix, bounds=True)
    )


def date_fields(prefix: str, what: str) -> list[Field]:
    """A partial date, its precision and its bounds."""
    return [
        Field(
            prefix,
            "string",
            partial_date_description(prefix, what),
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
