"""A plain-text fact sheet: its sentences (page furniture left out) and the diplomatic
relations it says were established ("The United States established diplomatic relations
with Mali in 1960, ..."), with the words as written and their character spans.

The statement is found from its fixed phrase outward, never by a pattern that starts at
every capital letter: each character is looked at a bounded number of times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.sentences import split_sentences

PHRASE = " established diplomatic relations with "
_NOT_WHO = re.compile(r"[^\w.\- ]")  # who: letters, digits, '.', '-' and spaces ("The U.S.")
_CAPITAL = re.compile(r"[A-Z]")
_SUBJECT = re.compile(r"[\w\- ]*")  # the subject, " in " and the date: one run of these
_IN = " in "


@dataclass(frozen=True)
class EstablishedClaim:
    """ "<who> established diplomatic relations with <subject> in <date>", the three as
    written, and the span from <who> to the comma or period after <date>."""

    who: str
    subject: str
    date: str
    start: int
    end: int


def fact_sheet_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of a plain-text document's sentences, paragraph by paragraph."""
    return [(s.start, s.end) for start, end in fact_sheet_paragraphs(text) for s in split_sentences(text, start, end)]


def fact_sheet_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of a plain-text document's paragraphs, leading page furniture left out:
    short lines before the first line that reads as prose (ends with a period)."""
    spans, offset, started = [], 0, False
    for line in text.split("\n"):
        stripped = line.strip()
        if not started and stripped and stripped.endswith((".", "!", "?")) and len(stripped) > 40:
            started = True
        if started and stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((offset + lead, offset + lead + len(stripped)))
        offset += len(line) + 1
    return spans


def established_claims(text: str, sentences: list[tuple[int, int]]) -> list[EstablishedClaim]:
    """Every "X established diplomatic relations with Y in D" the sentences state, in order."""
    claims = []
    for start, end in sentences:
        position = start
        while (at := text.find(PHRASE, position, end)) >= 0:
            claim, position = _claim(text, position, at, end)
            if claim is not None:
                claims.append(claim)
    return claims


def _claim(text: str, limit: int, at: int, end: int) -> tuple[EstablishedClaim | None, int]:
    """The statement around the phrase at `at`, and where to look for the next phrase: <who> is
    the run of name characters before it (after `limit`) from its first capital; <subject> starts
    with a capital and runs to the first " in " after which the date runs, without a hyphen, to a
    comma or period. Every phrase in a run that fails for this one fails alike: the search goes on
    after the run."""
    run = limit
    for other in _NOT_WHO.finditer(text, limit, at):
        run = other.end()
    capital = _CAPITAL.search(text, run, at - 1)
    after = at + len(PHRASE)
    if capital is None or after >= end or not _CAPITAL.match(text, after):
        return None, after
    run_end = _SUBJECT.match(text, after, end).end()
    if run_end >= end or text[run_end] not in ",.":
        return None, run_end
    hyphen = text.rfind("-", after, run_end)
    split = text.find(_IN, max(after + 2, hyphen - len(_IN) + 1), run_end)
    if split < 0 or split + len(_IN) >= run_end:
        return None, run_end
    who, subject, date = text[capital.start() : at], text[after:split], text[split + len(_IN) : run_end]
    return EstablishedClaim(who, subject, date, capital.start(), run_end + 1), run_end + 1
