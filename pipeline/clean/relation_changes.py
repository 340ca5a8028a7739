"""The history a relations cell states: its establishment, then each dated change after it
("14 December 1961<br />(severed 24 May 2018)", "(severed 1973, restored 1993)"), then a
status word next to the partner's name ("(suspended)", undated). One `relation_changes` row
per change; the relation's `status` is the state after the last one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pipeline.clean.dates import MONTHS, PartialDate, parse_partial_date

Row = dict[str, Any]
# The status vocabulary: each change and the words (with their inflections) that state it, in
# the date cell, the notes or another column's short cell, or beside the partner's name.
# Documented in the README ("Status") and the `change` field's description.
VOCABULARY = {
    "restored": r"restor(?:ed|es?|ing|ation)|re-?establish(?:ed|es|ing|ment)?|renewed|normali[sz](?:ed|ation)",
    "severed": r"sever(?:ed|s|ing|ance)?|brok(?:en|e)\s+off|break(?:s|ing)?\s+off|cut(?:\s+off)?|ruptured?",
    "suspended": r"suspend(?:ed|s|ing)?|suspension",
    "frozen": r"frozen|froze|freez(?:es?|ing)",
    "downgraded": r"downgrad(?:ed|es?|ing)",
    "resumed": r"resum(?:ed|es?|ing|ption)",
}
_WORD = re.compile(r"\b(" + "|".join(VOCABULARY.values()) + r")\b", re.IGNORECASE)
_KINDS = [(change, re.compile(words, re.IGNORECASE)) for change, words in VOCABULARY.items()]
# A change word and the date after it, up to the next comma, semicolon or bracket.
_CHANGE = re.compile(_WORD.pattern + r"[\s:]*(?:(?:in|on|since)\s+)?([^,;()<>]*)", re.IGNORECASE)
_MARKUP = re.compile(r"<[^<>]{0,200}>")
# A bracketed or <small> aside beside a date: "(severed 1973)", "<small>(resumed 2008)</small>".
_ASIDE = re.compile(r"<small>(.{0,300}?)</small>|\(([^()]{1,300})\)", re.IGNORECASE | re.DOTALL)
STATE_AFTER = {
    "established": "active",
    "suspended": "suspended",
    "severed": "severed",
    "frozen": "frozen",
    "downgraded": "downgraded",
    "restored": "active",
    "resumed": "active",
}


def change_of(word: str) -> str:
    """The change a vocabulary word states: "broke off" -> severed, "re-established" -> restored."""
    return next(change for change, words in _KINDS if words.fullmatch(word.strip()))


def split_changes(text: str) -> tuple[str, list[tuple[str, str]]]:
    """A date cell's text -> (the establishment's text, [(change, date text), ...]):
    "7 November 1960 (severed 1973, restored 1996)" -> ("7 November 1960", [("severed", "1973"), ...])."""
    plain = " ".join(_MARKUP.sub(" ", text).split())
    first = _CHANGE.search(plain)
    if first is None:  # an aside with no change word ("(annulled 1980)") is not part of the date
        return (
            (text, []) if not _ASIDE.search(text) else (" ".join(_MARKUP.sub(" ", _ASIDE.sub(" ", text)).split()), [])
        )
    head = plain[: first.start()]
    if head.rfind("(") > head.rfind(")"):  # "1957 (Relations downgraded in 1975)": the aside opens before the word
        head = head[: head.rfind("(")]
    head = " ".join(_ASIDE.sub(" ", head.rstrip(" (")).split())
    changes = [(change_of(m.group(1)), m.group(2).strip().rstrip(".")) for m in _CHANGE.finditer(plain, first.start())]
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


def dated_changes(changes: Iterable[tuple[str, str]]) -> list[tuple[str, PartialDate, str]]:
    """Each change with its date parsed (unknown when none is written or it cannot be read)."""
    return [(change, parse_partial_date(written), written) for change, written in changes]


def state_after(parts: tuple[tuple[str, PartialDate, str], ...]) -> str:
    return STATE_AFTER[parts[-1][0]] if parts else "active"


_LETTERS = re.compile(r"[^\W\d_]{2,}")
# Words an aside beside a date may hold besides a change: months, and the words around dates.
_FILLER = {"in", "on", "since", "until", "and", "the", "of", "from", "to", "by", "circa", "ca", "before", "after"}


def unknown_asides(date_text: str) -> list[str]:
    """The parenthesised or `<small>` asides of a date cell's text (references left out) that
    hold words but no word of the vocabulary: a change the rules do not know ("(annulled 1990)"),
    which the status then does not follow."""
    out = []
    for match in _ASIDE.finditer(date_text):
        inner = match.group(1) or match.group(2) or ""
        if _WORD.search(inner):
            continue
        words = [
            w for w in _LETTERS.findall(_MARKUP.sub(" ", inner)) if w.lower() not in _FILLER and w.lower() not in MONTHS
        ]
        if words:
            out.append(" ".join(_MARKUP.sub(" ", inner).split()).strip("()"))
    return out
