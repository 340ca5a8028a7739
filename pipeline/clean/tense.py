"""Whether a statement speaks of the present or of the past, and the date it places it at.

"Algeria has an embassy in Bamako" is present: it holds at the article's revision. "In 1963
the first Ambassador of Belgium, resident in Abidjan, presented his credentials" is past: it
held on the date the sentence gives. The tense is read from the first tense word of the words
that state the fact (a rule's match), else of the whole sentence (its main verb comes first:
"Both countries established relations on 2 October 1987 when has been accredited ... (resident
in Cairo)" is past). Both word lists are plain alternations: linear on any text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.clean.dates import PartialDate, parse_partial_date
from pipeline.clean.mentions import DATE_EXPRESSION, time_mentions

_PAST_WORDS = "established|presented|opened|closed|appointed|was|were|had|became|signed"
_PAST_WORDS += "|ordered|expelled|recalled|seized"
_PRESENT_WORDS = "has|have|is|are|does|do|maintains|maintain|keeps|keep"
_TENSE_WORD = re.compile(rf"\b(?:(?P<past>{_PAST_WORDS})|(?P<present>{_PRESENT_WORDS}))\b", re.IGNORECASE)
_AS_OF = re.compile(r"\bas of\s", re.IGNORECASE)


@dataclass(frozen=True)
class StatementTime:
    """A statement's tense (present or past) and the date it holds at (None: the revision's)."""

    tense: str
    as_of: PartialDate | None


def statement_time(sentence: str, start: int = 0, end: int | None = None) -> StatementTime:
    """The tense and date of the fact stated by `sentence[start:end]` (a rule's match)."""
    words = sentence[start:end]
    whole = _sentence_time(sentence)
    tense = _tense(words) or whole.tense
    if tense == "past":
        dates = time_mentions(words)
        return StatementTime("past", dates[0].date if dates else whole.first_date)
    return StatementTime("present", whole.as_of)


@dataclass(frozen=True)
class _SentenceTime:
    tense: str
    first_date: PartialDate | None
    as_of: PartialDate | None


@lru_cache(maxsize=16)
def _sentence_time(sentence: str) -> _SentenceTime:
    """What the whole sentence says of time, read once however many facts it states."""
    dates = time_mentions(sentence)
    return _SentenceTime(_tense(sentence) or "present", dates[0].date if dates else None, _as_of(sentence))


def _tense(text: str) -> str | None:
    """ "past" or "present" from the first tense word of the text; None when it has none."""
    match = _TENSE_WORD.search(text)
    if match is None:
        return None
    return "past" if match["past"] else "present"


def _as_of(sentence: str) -> PartialDate | None:
    """The date right after "as of" ("As of 2020, Mali has ..."), when the sentence gives one."""
    match = _AS_OF.search(sentence)
    if match is None:
        return None
    date = DATE_EXPRESSION.match(sentence, match.end())
    return parse_partial_date(date["date"]) if date and not date["qualifier"] else None


def time_fields(time: StatementTime) -> dict[str, str | None]:
    """The row fields `tense`, `as_of` and `as_of_precision` of a statement's time."""
    known = time.as_of is not None and time.as_of.value is not None
    return {
        "tense": time.tense,
        "as_of": time.as_of.value if known else None,
        "as_of_precision": time.as_of.precision if known else None,
    }
