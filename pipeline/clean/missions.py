"""Diplomatic missions from the notes of the bilateral table: who keeps an embassy, an
honorary consulate or a non-resident accreditation where.

Each rule is data: a name, a pattern, and what one match of it states (sender, receiver,
kind, city, since). The rules run in the order of `RULES` over each note sentence, and every
row records the rule that made it. Every pattern runs in linear time on any text: a name is
at most 60 characters (the longest in the seeds has 18), the words between two parts of a
rule at most 100; a city's hyphens are in its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from pipeline.clean.countries import CountryMatch, resolve_country, without_article
from pipeline.clean.demonyms import SubjectWords, demonym_table, prose_country, subject_words
from pipeline.clean.facts import Row, Rule, fact_id, provenance
from pipeline.clean.mentions import demonym_codes
from pipeline.clean.prose import ProseSentence
from pipeline.clean.relations import read_partner
from pipeline.clean.tense import statement_time, time_fields

NAME = r"[A-Z][\w ]{0,59}?"
CITY = r"(?:\[\[)?(?P<city>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*(?:, D\.C\.)?)"  # a hyphen is part of a word

_HAS_EMBASSY = re.compile(rf"(?P<who>{NAME}) has an (?:\[\[[^|\[\]]*\|)?embassy in {CITY}")
_ACCREDITED_FROM = re.compile(
    rf"(?P<who>{NAME}) is accredited to (?P<to>{NAME}) (?:from|through) its embassy in {CITY}"
)
_EMBASSY_ACCREDITED = re.compile(rf"The (?P<adjective>[A-Z]\w+) embassy in {CITY} is accredited to (?P<to>[A-Z][\w ]*)")
_HONORARY = re.compile(rf"(?P<who>{NAME}) (?:is accredited [^.]{{0,100}}? and )?has an honorary consulate in {CITY}")
_RESIDENT = re.compile(rf"(?:resident in|with residence in|residing in) {CITY}")
_NON_RESIDENT = re.compile(r"non-resident [Aa]mbassador of (?P<who>[A-Z]\w+) to (?P<to>[A-Z]\w+)")
_NO_EMBASSY = re.compile(rf"(?P<who>{NAME}) does not (?:maintain|have) an embassy in (?P<to>(?:the )?[A-Z][\w ]*)")
# A mission's history: closed, seized, its ambassador expelled or recalled. These rules read the
# section prose as well as the notes ("Britain has closed its embassy" is in the lead).
_CLOSED = re.compile(rf"(?P<who>{NAME}) (?:has |had )?closed its (?P<kind>embassy|consulate)(?: in {CITY})?")
_SEIZED = re.compile(
    rf"\b[Tt]he (?P<adjective>[A-Z]\w+) (?P<kind>embassy|consulate)(?: in {CITY})? (?:was|were|has been|had been) "
    r"(?:seized|stormed|occupied)"
)
_SENT_AWAY = re.compile(
    rf"(?:expulsion of|expelled) the (?P<adjective>[A-Z]\w+) [Aa]mbassador(?: (?:in|to) {CITY})?"
    rf"|(?P<recalling>{NAME}) recalled its [Aa]mbassador"
)
_OPENED = re.compile(
    rf"(?P<who>[A-Z]\w{{0,59}}?)(?:'s)? (?:established its |)embassy in (?P<to>{NAME}) (?:has been open since|in) (?P<year>\d{{4}})"
)


@cache
def _own_ambassador(words: SubjectWords) -> re.Pattern[str]:
    """The subject's own ambassador ("of Mali ambassador", "Malian ambassador", "Ambassador of Mali")."""
    names = "|".join(re.escape(name) for name in words.names)
    demonym = [re.escape(words.demonym)] if words.demonym else []
    before = "|".join([f"of (?:{names})", *demonym, f"(?:{names})'s", f"(?:{names})"])
    return re.compile(rf"(?:{before}) (?:[Aa]mbassador|to)|[Aa]mbassador of (?:the Republic of )?(?:{names})")


Statement = tuple[CountryMatch, CountryMatch, str, str | None, str | None]  # sender, receiver, kind, city, since


@dataclass
class Note:
    """One sentence of a bilateral note, with the row's partner and the article's subject."""

    text: str
    partner: CountryMatch
    subject: CountryMatch

    def country(self, name: str) -> CountryMatch:
        """A country named in the note; "Both", "It" and the like fall back to the row's partner."""
        name = without_article(name.strip())
        match = resolve_country(name)
        if match.iso3:
            return match
        short = prose_country(name)
        if short is not None:
            return short
        by_demonym = demonym_codes().get(name)  # "the Algerian consulate"
        if by_demonym is not None:
            return resolve_country(demonym_table()[by_demonym]["name"])
        return self.subject if name.startswith(subject_words(self.subject).all) else self.partner

    def other(self, sender: CountryMatch) -> CountryMatch:
        """The other side of the note: the partner when the subject sends, else the subject."""
        return self.partner if sender.iso3 == self.subject.iso3 else self.subject

    @cached_property
    def subject_sends(self) -> bool:
        """The note speaks of the subject's own ambassador (read once per sentence)."""
        return _own_ambassador(subject_words(self.subject)).search(self.text) is not None


def _embassy(match: re.Match[str], note: Note) -> Statement:
    sender = note.country(match["who"])
    return sender, note.other(sender), "embassy", _city(match["city"]), None


def _accredited_from(match: re.Match[str], note: Note) -> Statement:
    return note.country(match["who"]), note.country(match["to"]), "non-resident", _city(match["city"]), None


def _embassy_accredited(match: re.Match[str], note: Note) -> Statement:
    same = match["adjective"][:5].lower() == note.partner.name[:5].lower()
    sender = note.partner if same else resolve_country(match["adjective"])
    return sender, note.country(match["to"]), "non-resident", _city(match["city"]), None


def _honorary(match: re.Match[str], note: Note) -> Statement:
    sender = note.country(match["who"])
    return sender, note.other(sender), "honorary-consulate", _city(match["city"]), None


def _resident(match: re.Match[str], note: Note) -> Statement:
    sender = note.subject if note.subject_sends else note.partner
    return sender, note.other(sender), "non-resident", _city(match["city"]), None


def _non_resident(match: re.Match[str], note: Note) -> Statement:
    return note.country(match["who"]), note.country(match["to"]), "non-resident", None, None


def _no_embassy(match: re.Match[str], note: Note) -> Statement:
    return note.country(match["who"]), note.country(match["to"]), "none", None, None


def _opened(match: re.Match[str], note: Note) -> Statement:
    return note.country(match["who"]), note.country(match["to"]), "embassy", None, match["year"]


def _closed(match: re.Match[str], note: Note) -> Statement:
    sender = note.country(match["who"])
    return sender, note.other(sender), match["kind"], _city(match["city"]) if match["city"] else None, None


def _seized(match: re.Match[str], note: Note) -> Statement:
    sender = note.country(match["adjective"])
    return sender, note.other(sender), match["kind"], _city(match["city"]) if match["city"] else None, None


def _sent_away(match: re.Match[str], note: Note) -> Statement:
    """The ambassador's country keeps an embassy where the ambassador is (or, recalled, somewhere)."""
    sender = note.country(match["recalling"] or match["adjective"])
    return sender, note.other(sender), "embassy", _city(match["city"]) if match["city"] else None, None


# Each rule's cues are words its pattern writes out (case and all), one of which it needs.
RULES = [
    Rule("has_embassy", _HAS_EMBASSY, _embassy, (" has an ",)),
    Rule("accredited_from_embassy", _ACCREDITED_FROM, _accredited_from, (" is accredited to ",)),
    Rule("embassy_accredited_to", _EMBASSY_ACCREDITED, _embassy_accredited, (" is accredited to ",)),
    Rule("honorary_consulate", _HONORARY, _honorary, ("has an honorary consulate in ",)),
    Rule("resident_ambassador", _RESIDENT, _resident, ("resid",)),
    Rule("non_resident_ambassador", _NON_RESIDENT, _non_resident, ("non-resident ",)),
    Rule("no_embassy", _NO_EMBASSY, _no_embassy, (" does not ",)),
    Rule("embassy_since", _OPENED, _opened, ("embassy in ",)),
]
CHANGE_RULES = [
    Rule("mission_closed", _CLOSED, _closed, ("closed its ",)),
    Rule("mission_seized", _SEIZED, _seized, ("seized", "stormed", "occupied")),
    Rule("ambassador_sent_away", _SENT_AWAY, _sent_away, ("expulsion of", "expelled", " recalled its ")),
]
RULES += CHANGE_RULES
_CHANGES = {"embassy_since": "opened", "mission_closed": "closed", "mission_seized": "seized"}


def change_of(rule: str, match: re.Match[str]) -> str | None:
    """The change a rule's match states of its mission (None: the mission as it stands)."""
    if rule == "ambassador_sent_away":
        return "ambassador-recalled" if match["recalling"] else "ambassador-expelled"
    return _CHANGES.get(rule)


def missions(sentences: list[ProseSentence], subject: CountryMatch) -> list[Row]:
    """Every rule of `RULES` on each sentence of a bilateral note, and the rules of `CHANGE_RULES`
    on the other prose too, in order; one row per statement."""
    rows = []
    embassies: dict[str | None, set[str]] = {}  # receiving iso3 -> cities where others keep embassies
    partners = _partners(sentences)
    for sentence in sentences:
        in_note = sentence.partner_row is not None
        partner = read_partner(sentence.partner_row).match if in_note else subject
        note = Note(sentence.text, partner, subject)
        for rule in RULES if in_note else CHANGE_RULES:
            for match in rule.pattern.finditer(note.text) if rule.may_match(note.text) else ():
                sender, receiver, kind, city, since = rule.state(match, note)
                if kind == "non-resident" and city in embassies.get(receiver.iso3, ()):
                    kind = "embassy"  # accredited "through its embassy in Bamako": it is resident after all
                if kind == "embassy" and city:
                    embassies.setdefault(receiver.iso3, set()).add(city)
                said = note if in_note else _noted(note, sender, receiver, partners)
                if said is None:
                    continue  # prose about a country with no bilateral row: no row to join it to
                rows.append(_row(rule.name, (sender, receiver, kind, city, since), said, sentence))
                rows[-1]["change"] = change_of(rule.name, match)
                rows[-1] |= time_fields(statement_time(note.text, match.start(), match.end()))
    return rows  # one row per statement: pipeline/clean/mission_statements.py makes one per mission


def _partners(sentences: list[ProseSentence]) -> dict[str | None, CountryMatch]:
    """ISO3 -> the partner of each bilateral row with notes."""
    rows = {s.partner_row for s in sentences if s.partner_row is not None}
    return {match.iso3: match for match in (read_partner(row).match for row in sorted(rows)) if match.iso3}


def _noted(
    note: Note, sender: CountryMatch, receiver: CountryMatch, partners: dict[str | None, CountryMatch]
) -> Note | None:
    """A prose sentence read as a note of the bilateral row of its other country, if it has one."""
    other = receiver if sender.iso3 == note.subject.iso3 else sender
    partner = partners.get(other.iso3)
    return Note(note.text, partner, note.subject) if partner else None


def _row(rule: str, statement: Statement, note: Note, sentence: ProseSentence) -> dict[str, Any]:
    sender, receiver, kind, city, since = statement
    return {
        "mission_id": fact_id(
            sender.iso3 or sender.name, receiver.iso3 or receiver.name, kind, city or "", since or ""
        ),
        "subject": note.subject.name,
        "subject_iso3": note.subject.iso3,
        "sending": sender.name,
        "sending_iso3": sender.iso3,
        "receiving": receiver.name,
        "receiving_iso3": receiver.iso3,
        "kind": kind,
        "city": city,
        "since": since,
        "since_precision": "year" if since else None,
        "partner": note.partner.name,
        **provenance(sentence, rule),
    }


def _city(text: str) -> str:
    """A city as written, without the sentence's full stop (but with the one of "D.C.")."""
    return text.rstrip(".").rstrip() + ("." if text.endswith("D.C.") or text.endswith("D.C..") else "")
