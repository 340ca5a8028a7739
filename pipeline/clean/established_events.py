"""What a relation's establishment date is the date of: relations established, recognition,
credentials presented, an ambassador accredited, an embassy opened, or not stated.

A date cell gives a date and no event; the event is read from the notes beside it, by small
named rules tried in order on each line of the notes that writes the cell's date (the same
date, however either writes it) ("... established diplomatic relations on 1 August 1963 when M. ..., first Ambassador
..., presented his letters of credentials": the date is the credentials'). The first rule that
matches names the event; a row whose notes do not write its date, or write it with none of
these words, is `not_stated`. A list row (no notes of its own) takes the event of the same
article's bilateral row about the same partner when that row gives the same date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline.clean.dates import parse_partial_date
from pipeline.clean.mentions import DATE_EXPRESSION

Row = dict[str, Any]
NOT_STATED = "not_stated"
FROM_BILATERAL = "bilateral_"  # the rule name of a list row's event, before the bilateral row's rule


@dataclass(frozen=True)
class Rule:
    """A named rule: the event it reads, and the pattern around the date (`{date}`) that says so
    (pipeline/schema/relations.py says each in words, for the codebook)."""

    name: str
    event: str
    pattern: str
    cues: tuple[str, ...]  # words (lower case) the pattern needs every one of, in any case

    def may_match(self, lowered: str | None) -> bool:
        """False when an ASCII line (`lowered`: the line in lower case, None when it is not
        ASCII) lacks a cue: the pattern cannot match it. In other text a letter may match
        one of another alphabet (in any case, "s" matches "ſ"), so every rule is tried."""
        return lowered is None or all(cue in lowered for cue in self.cues)


RULES = (
    Rule(
        "credentials_when",
        "credentials_presented",
        r"{date},?\s+when\b[^\n]{{0,200}}?\bpresent(?:ed|s)\b[^\n]{{0,60}}?\b(?:credentials|credence)\b",
        ("when", "present", "creden"),
    ),
    Rule(
        "accredited_when",
        "ambassador_accredited",
        r"{date},?\s+when\b[^\n]{{0,200}}?\baccredited\b",
        ("when", "accredited"),
    ),
    Rule(
        "recognised_on",
        "recognition",
        r"\brecogni[sz](?:ed|es|ing|tion)\b[^\n]{{0,80}}?\b(?:on|in)\s+{date}\b",
        ("recogni",),
    ),
    Rule(
        "embassy_opened_on",
        "embassy_opened",
        r"\bopen(?:ed|s|ing)\b[^\n]{{0,40}}?\bembassy\b[^\n]{{0,80}}?\b(?:on|in)\s+{date}\b",
        ("open", "embassy"),
    ),
    Rule(
        "established_on",
        "relations_established",
        r"\besta[a-z]lish(?:ed|ment)\b[^\n]{{0,80}}?\brelations\b[^\n]{{0,80}}?\b(?:on|in)\s+{date}\b",
        ("esta", "lish", "relations"),
    ),
)
RULE_NAMES = [rule.name for rule in RULES]
ALL_RULE_NAMES = [*RULE_NAMES, *(FROM_BILATERAL + name for name in RULE_NAMES)]


def established_event(date_text: str, notes: str | None) -> tuple[str, str | None]:
    """(event, rule name) of a date cell's date as its notes tell it; (not_stated, None) when they
    don't. The notes are searched for the same date however either writes it ("{{dts|1963|8|1}}"
    in the cell is "1 August 1963" in the notes), never for the cell's markup."""
    value = parse_partial_date(date_text).value if date_text.strip() else None
    if not value or not notes:
        return NOT_STATED, None
    for line in notes.split("\n"):
        lowered = line.lower() if line.isascii() else None
        if lowered is not None and value[:4] not in line:
            continue  # an ASCII line without the date's year (its digits as written) cannot write the date
        rules = [rule for rule in RULES if rule.may_match(lowered)]
        for written in _written_dates(line, value) if rules else ():
            date = r"\s+".join(map(re.escape, written.split()))
            for rule in rules:
                if re.search(rule.pattern.format(date=date), line, re.IGNORECASE):
                    return rule.event, rule.name
    return NOT_STATED, None


def _written_dates(line: str, value: str) -> list[str]:
    """The date expressions of a line, as written, that mean the date `value`."""
    return [m["date"] for m in DATE_EXPRESSION.finditer(line) if parse_partial_date(m["date"]).value == value]


def with_list_events(listed: list[Row], bilateral: list[Row]) -> list[Row]:
    """List rows with the event of the bilateral row about the same partner and date (the
    notes of the list's relation); not_stated where there is none."""
    noted = {(_partner_key(row), row["established"]): row for row in bilateral if row["established"]}
    out = []
    for row in listed:
        found = noted.get((_partner_key(row), row["established"]))
        rule = found["established_event_rule"] if found else None
        out.append(
            row
            | {
                "established_event": found["established_event"] if found else NOT_STATED,
                "established_event_rule": FROM_BILATERAL + rule if rule else None,
            }
        )
    return out


def _partner_key(row: Row) -> str:
    return row["partner_iso3"] or row["partner"]
