"""The history a relations cell states: its establishment, then each dated change after it
("14 December 1961<br />(severed 24 May 2018)", "(severed 1973, restored 1993)"), then a
status word next to the partner's name ("(suspended)", undated). One `relation_changes` row
per change; the relation's `status` is the state after the last one."""

from __future__ import annotations

import re
from typing import Any

from pipeline.clean.dates import PartialDate, parse_partial_date

Row = dict[str, Any]
# A change word and the date after it, up to the next comma, semicolon or bracket.
_CHANGE = re.compile(
    r"\b(severed|suspended|restored|resumed|frozen)\b[\s:]*(?:(?:in|on)\s+)?([^,;()<>]*)", re.IGNORECASE
)
_MARKUP = re.compile(r"<[^<>]{0,200}>")
STATE_AFTER = {
    "established": "active",
    "suspended": "suspended",
    "severed": "severed",
    "frozen": "frozen",
    "restored": "active",
    "resumed": "active",
}


def split_changes(text: str) -> tuple[str, list[tuple[str, str]]]:
    """A date cell's text -> (the establishment's text, [(change, date text), ...]):
    "7 November 1960 (severed 1973, restored 1996)" -> ("7 November 1960", [("severed", "1973"), ...])."""
    plain = " ".join(_MARKUP.sub(" ", text).split())
    first = _CHANGE.search(plain)
    if first is None:
        return text, []
    head = plain[: first.start()].rstrip(" (").rstrip()
    changes = [(m.group(1).lower(), m.group(2).strip().rstrip(".")) for m in _CHANGE.finditer(plain, first.start())]
    return head, changes


def changes_of(relation: Row, resource: str, key: str, parts: tuple[tuple[str, PartialDate, str], ...]) -> list[Row]:
    """The `relation_changes` rows of one relation row: (change, date, text) in cell order."""
    rows = []
    for sequence, (change, date, written) in enumerate(parts, start=1):
        rows.append(
            {
                "change_id": f"{relation[key]}/change/{sequence}",
                "resource": resource,
                "row_id": relation[key],
                "subject": relation["subject"],
                "subject_iso3": relation["subject_iso3"],
                "partner": relation["partner"],
                "partner_iso3": relation["partner_iso3"],
                "sequence": sequence,
                "change": change,
                "date": date.value,
                "date_precision": date.precision,
                "date_qualifier": relation["established_qualifier"] if change == "established" else None,
                "date_earliest": date.earliest,
                "date_latest": date.latest,
                "date_raw": written or None,
                "source_id": relation["source_id"],
                "source_start": relation["source_start"],
                "source_end": relation["source_end"],
            }
        )
    return rows


def dated_changes(changes: list[tuple[str, str]]) -> list[tuple[str, PartialDate, str]]:
    """Each change with its date parsed (unknown when none is written or it cannot be read)."""
    return [(change, parse_partial_date(written), written) for change, written in changes]


def state_after(parts: tuple[tuple[str, PartialDate, str], ...]) -> str:
    return STATE_AFTER[parts[-1][0]] if parts else "active"
