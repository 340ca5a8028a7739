"""Facts read from sentences by small named rules: events and memberships here, diplomatic
missions in `pipeline/clean/missions.py`.

A rule is data: a name, the pattern it looks for, and what one match of it states (`Rule`).
Every row keeps its sentence (plain text), the sentence's byte span in the seed, and the name
of the rule that made it (`rule`), so a wrong row points at its rule. The subject's names and
demonym are data too (`pipeline/clean/demonyms.py`): no rule names a country.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.clean import ids
from pipeline.clean.countries import CountryMatch, resolve_country
from pipeline.clean.demonyms import SubjectWords, subject_words
from pipeline.clean.mentions import DATE_EXPRESSION, RANGE_EXPRESSION, TimeMention, countries_in, time_mentions
from pipeline.clean.prose import ProseSentence
from pipeline.clean.relations import read_partner

Row = dict[str, Any]


@dataclass(frozen=True)
class Rule:
    """A named rule: the pattern it looks for, and what one match of it states (`state`);
    `cues`, words of which the pattern needs one to match, when it has such words: a text
    without any is not searched (a pattern that opens with a name is tried at every capital)."""

    name: str
    pattern: re.Pattern[str]
    state: Callable[..., Any]
    cues: tuple[str, ...] = ()
    _cued: re.Pattern[str] | None = dataclasses.field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:  # the cues as one search for any of them, made once
        cued = re.compile("|".join(map(re.escape, self.cues))) if self.cues else None
        object.__setattr__(self, "_cued", cued)

    def may_match(self, text: str) -> bool:
        """False when the text holds none of the rule's cues (it cannot match), else True."""
        return self._cued is None or self._cued.search(text) is not None


def fact_id(*parts: str) -> str:
    """A key that survives edits elsewhere in the document: a hash of what the row says."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def provenance(sentence: ProseSentence, rule: str) -> Row:
    """The fields every fact row shares: the rule that made it, its sentence and where that is."""
    return {
        "rule": rule,
        "statement": sentence.text,
        "section": sentence.section or None,
        "source_id": sentence.source_id,
        "source_start": sentence.source_start,
        "source_end": sentence.source_end,
    }


# Events: one row per dated clause of a sentence.


def _dated_event(
    mention: TimeMention, sentence: ProseSentence, subject: CountryMatch, later: bool, partners: str | None
) -> Row:
    """A clause's date, its qualifier, the countries the sentence names (`partners`, read once
    per sentence: `_partners`); the rule that read it (`dated_range` when the date is a range,
    else `dated_sentence` for the sentence's first dated clause and `dated_clause` for a later one)."""
    rule = DATED_RANGE if mention.qualifier == "range" else DATED_CLAUSE if later else DATED_SENTENCE
    clause = mention.text if later else None
    return {
        "event_id": ids.event_id(subject.iso3 or "", sentence.source_id, sentence.partner_row, sentence.text, clause),
        "subject": subject.name,
        "subject_iso3": subject.iso3,
        "date": mention.date.value,
        "date_precision": mention.date.precision,
        "date_qualifier": mention.qualifier,
        "date_earliest": mention.date.earliest,
        "date_latest": mention.date.latest,
        "date_raw": mention.text,
        "partners_iso3": partners,
        **provenance(sentence, rule.name),
    }


# Words between two dates that start a new clause: "In 2022, Mali restricted ... and, in June
# 2023, asked ..." is two events; "following the 2021 coup" in the clause of 2022 is not (the
# comma closing an opening phrase, "In 2022,", opens the clause rather than ending one).
_CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|\b(?:but|while|whereas)\b")
_OPENING_PHRASE = re.compile(r"(?:In|From|By|Since|Until|During|After|Before|On|As of|Between)\b[^,;:]{0,40},")
DATED_SENTENCE = Rule("dated_sentence", DATE_EXPRESSION, _dated_event)  # read by `time_mentions`
DATED_CLAUSE = Rule("dated_clause", _CLAUSE_BREAK, _dated_event)
DATED_RANGE = Rule("dated_range", RANGE_EXPRESSION, _dated_event)  # read by `time_mentions`


def events(sentences: list[ProseSentence], subject: CountryMatch, key: str | None = None) -> list[Row]:
    """Rules `dated_sentence`, `dated_clause` and `dated_range` on each sentence with a readable date: one row
    per dated clause (its first date); ids start with `key`, the article's (`ids.article_key`),
    when it is not the subject's code."""
    rows = []
    for sentence in sentences:
        clauses = dated_clauses(sentence.text)
        partners = (" ".join(_partners(sentence, subject)) or None) if clauses else None
        for index, mention in enumerate(clauses):
            rows.append(_dated_event(mention, sentence, subject, index > 0, partners))
    if key is not None and key != subject.iso3:
        rows = [{**row, "event_id": ids.rekeyed(row["event_id"], key)} for row in rows]
    return unique(rows, "event_id")


def dated_clauses(text: str) -> list[TimeMention]:
    """The first date (or range) of each clause: a later date counts when a clause break
    (`_CLAUSE_BREAK`) stands between it and the date before it, the comma that closes the
    sentence's opening phrase ("In 2022, ...") left out."""
    out: list[TimeMention] = []
    previous: TimeMention | None = None
    opening = _OPENING_PHRASE.match(text)
    for mention in time_mentions(text):
        start = max(previous.end, opening.end() if opening else 0) if previous else 0
        if previous is None or DATED_CLAUSE.pattern.search(text, start, mention.start):
            out.append(mention)
        previous = mention
    return out


def _partners(sentence: ProseSentence, subject: CountryMatch) -> list[str]:
    """Countries the sentence names; a bilateral note is about its row's partner too."""
    named = countries_in(sentence.text, exclude=subject.iso3)
    if sentence.partner_row is not None:
        partner = read_partner(sentence.partner_row).match.iso3
        if partner and partner not in named:
            named.insert(0, partner)
    return named


# Memberships: the organisations the subject belongs to.

# Each run of name words, and each [[, is read once: every later start in the run would end where
# it ends, so a match without the abbreviation (or without the closing ]]) is no fact, but takes
# the search past the run instead of reading it again from each capital (or [).
_ORG_WITH_ABBREVIATION = re.compile(
    r"(?:the )?(?P<name>[A-Z][\w–'-]*+(?: (?:[A-Z][\w–'-]*+|of|for|and|the|in|on|de))*+)(?: \((?P<abbreviation>[A-Z][A-Za-z]{1,7})\))?"
)
_LINK = re.compile(r"\[\[(?P<target>[^|\]]++)(?:\|(?P<label>[^\]]++))?(?P<closed>\]\])?")
_ABBREVIATION_AFTER = re.compile(r"\s*\((?P<abbreviation>[A-Z][A-Za-z]{1,7})\)")
_MEMBER_CUE = re.compile(r"member of|belongs to|participates in|active in|associate member|membership", re.IGNORECASE)
_ASSOCIATE_CUE = re.compile(r"associate member of", re.IGNORECASE)  # in the 40 characters before a link
_FORMER = re.compile(r"former membership (?:in |of )?(?:the )?(?P<name>[A-Z0-9][\w-]*(?: [A-Z][\w-]*)*)")
_FORMED = re.compile(r"\b(?:formed|founded|created|established) (?:on|in) (?P<date>\d{1,2} [A-Z][a-z]+ \d{4}|\d{4})")
_WITHDRAWAL = re.compile(
    r"\bwithdr[ae]w\w* (?:from [^.]{0,100}? )?(?:on|in) (?P<date>\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{4}|\d{4})"
)
Organisation = tuple[str, str | None, str | None]  # name, abbreviation, linked article


def _member(organisation: Organisation, sentence: ProseSentence, subject: CountryMatch) -> Row:
    return _membership(subject, *organisation, "member", sentence, MEMBER_LIST.name)


def _associate(organisation: Organisation, sentence: ProseSentence, subject: CountryMatch) -> Row:
    return _membership(subject, *organisation, "associate-member", sentence, ASSOCIATE_MEMBER.name)


def _former(match: re.Match[str], sentence: ProseSentence, subject: CountryMatch) -> Row:
    return _membership(subject, match["name"], None, None, "former-member", sentence, FORMER_MEMBER.name)


# A sentence with a cue and the subject's name (or starting "It ") lists organisations: each
# linked or abbreviated name is a membership, an associate one when the cue of
# `associate_member` stands in the 40 characters before its link.
MEMBER_LIST = Rule("member_list", _MEMBER_CUE, _member)
ASSOCIATE_MEMBER = Rule("associate_member", _ASSOCIATE_CUE, _associate)
FORMER_MEMBER = Rule("former_member", _FORMER, _former)
RULES = [DATED_SENTENCE, DATED_CLAUSE, DATED_RANGE, MEMBER_LIST, ASSOCIATE_MEMBER, FORMER_MEMBER]


def memberships(sentences: list[ProseSentence], subject: CountryMatch) -> list[Row]:
    """Rules `member_list`, `associate_member` and `former_member`, in the order the sentence
    names the organisations; later sentences of the same section date the last former
    membership (`_date_former`)."""
    words = subject_words(subject)
    rows: list[Row] = []
    last_former: Row | None = None
    for sentence in sentences:
        if sentence.partner_row is not None:
            continue
        if _lists_memberships(sentence.text, words):
            for organisation, rule in _organisations(sentence, words):
                rows.append(rule.state(organisation, sentence, subject))
            former = FORMER_MEMBER.pattern.search(sentence.text)
            if former:
                rows.append(FORMER_MEMBER.state(former, sentence, subject))
                last_former = rows[-1]
        if last_former is not None and sentence.section == last_former["section"]:
            _date_former(last_former, sentence)
    return unique(rows, "organization")


def _lists_memberships(text: str, words: SubjectWords) -> bool:
    """A membership cue and one of the subject's names, or a sentence going on from one ("It ...")."""
    lowered = text.lower()
    named = any(name.lower() in lowered for name in words.names)
    return (named and MEMBER_LIST.pattern.search(text) is not None) or lowered.startswith("it ")


def _date_former(former: Row, sentence: ProseSentence) -> None:
    """Fill the former membership's `since` and `until` from "formed in ..." and "withdrew ... in ..."."""
    formed, withdrawal = _FORMED.search(sentence.text), _WITHDRAWAL.search(sentence.text)
    for match, field in ((formed, "since"), (withdrawal, "until")):
        if match and former[field] is None:
            date = time_mentions(match["date"])[0].date
            former[field], former[f"{field}_precision"] = date.value, date.precision


def _organisations(sentence: ProseSentence, words: SubjectWords) -> list[tuple[Organisation, Rule]]:
    """Each organisation a sentence lists (links first, then abbreviated names), with its rule."""
    out: list[tuple[Organisation, Rule]] = []
    text, plain = sentence.wikitext, sentence.text
    for match in (m for m in _LINK.finditer(text) if m["closed"]):
        target, label = match["target"].strip(), (match["label"] or match["target"]).strip()
        if (
            resolve_country(target).iso3
            or resolve_country(label).iso3
            or target.lower().startswith(("file:", "category:"))
        ):
            continue
        after = _ABBREVIATION_AFTER.match(text, match.end())
        before = text[max(0, match.start() - 40) : match.start()]
        rule = ASSOCIATE_MEMBER if ASSOCIATE_MEMBER.pattern.search(before) else MEMBER_LIST
        out.append(((label, after["abbreviation"] if after else None, target), rule))
    linked = {o[0] for o, _ in out} | {o[1] for o, _ in out if o[1]}
    for match in (m for m in _ORG_WITH_ABBREVIATION.finditer(plain) if m["abbreviation"]):
        name = _opening(words).sub("", match["name"])
        name = re.sub(r"^(?:regional organizations such as|organizations such as) (?:the )?", "", name)
        if not linked & {name, match["abbreviation"]} and not resolve_country(name).iso3:
            out.append(((name, match["abbreviation"], None), MEMBER_LIST))
    return out


@cache
def _opening(words: SubjectWords) -> re.Pattern[str]:
    """The words that open a membership sentence ("It also belongs to", "<subject> is active in")."""
    names = "|".join(re.escape(name) for name in words.names)
    return re.compile(
        rf"^(?:It participates in|It also belongs to|(?:{names}) is active in|(?:{names}) is a member of) "
    )


def _membership(
    subject: CountryMatch,
    name: str,
    abbreviation: str | None,
    article: str | None,
    status: str,
    sentence: ProseSentence,
    rule: str,
) -> Row:
    return {
        "subject": subject.name,
        "subject_iso3": subject.iso3,
        "organization": name,
        "abbreviation": abbreviation,
        "article": article,
        "status": status,
        "since": None,
        "since_precision": None,
        "until": None,
        "until_precision": None,
        **provenance(sentence, rule),
    }


def unique(rows: list[Row], key: str) -> list[Row]:
    """The first row for each key, in order."""
    seen, out = set(), []
    for row in rows:
        if row[key] not in seen:
            seen.add(row[key])
            out.append(row)
    return out
