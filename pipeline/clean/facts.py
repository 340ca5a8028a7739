"""Facts read from sentences by small named rules: events, diplomatic missions, memberships.

Every row keeps its sentence (plain text) and the sentence's byte span in the seed.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from pipeline.clean.countries import CountryMatch, resolve_country
from pipeline.clean.mentions import countries_in, time_mentions
from pipeline.clean.prose import ProseSentence
from pipeline.clean.relations import read_partner

Row = dict[str, Any]
# Every rule runs in linear time on any text: a name is at most 60 characters (the longest in the
# seeds has 18), the words between two parts of a rule at most 100; a city's hyphens are in its words.
NAME = r"[A-Z][\w ]{0,59}?"
CITY = r"(?:\[\[)?(?P<city>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*(?:, D\.C\.)?)"  # a hyphen is part of a word


def fact_id(*parts: str) -> str:
    """A key that survives edits elsewhere in the document: a hash of what the row says."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def _provenance(sentence: ProseSentence) -> Row:
    return {
        "statement": sentence.text,
        "section": sentence.section or None,
        "source_id": sentence.source_id,
        "source_start": sentence.source_start,
        "source_end": sentence.source_end,
    }


# Events: one row per sentence that places something in time.


def events(sentences: list[ProseSentence], subject: CountryMatch) -> list[Row]:
    """Rule `dated_sentence`: the sentence's first readable date, its qualifier, the countries named."""
    rows = []
    for sentence in sentences:
        mentions = time_mentions(sentence.text)
        if not mentions:
            continue
        first = mentions[0]
        rows.append(
            {
                "event_id": fact_id(sentence.source_id, sentence.partner_row or "", sentence.text),
                "subject": subject.name,
                "subject_iso3": subject.iso3,
                "date": first.date.value,
                "date_precision": first.date.precision,
                "date_qualifier": first.qualifier,
                "date_earliest": first.date.earliest,
                "date_latest": first.date.latest,
                "date_raw": first.text,
                "partners_iso3": " ".join(_partners(sentence, subject)) or None,
                **_provenance(sentence),
            }
        )
    return _unique(rows, "event_id")


def _partners(sentence: ProseSentence, subject: CountryMatch) -> list[str]:
    """Countries the sentence names; a bilateral note is about its row's partner too."""
    named = countries_in(sentence.text, exclude=subject.iso3)
    if sentence.partner_row is not None:
        partner = read_partner(sentence.partner_row).match.iso3
        if partner and partner not in named:
            named.insert(0, partner)
    return named


# Missions: who keeps an embassy where, from the notes of the bilateral table.

_HAS_EMBASSY = re.compile(rf"(?P<who>{NAME}) has an (?:\[\[[^|\[\]]*\|)?embassy in {CITY}")
_ACCREDITED_FROM = re.compile(
    rf"(?P<who>{NAME}) is accredited to (?P<to>{NAME}) (?:from|through) its embassy in {CITY}"
)
_EMBASSY_ACCREDITED = re.compile(rf"The (?P<adjective>[A-Z]\w+) embassy in {CITY} is accredited to (?P<to>[A-Z][\w ]*)")
_HONORARY = re.compile(rf"(?P<who>{NAME}) (?:is accredited [^.]{{0,100}}? and )?has an honorary consulate in {CITY}")
_RESIDENT = re.compile(rf"(?:resident in|with residence in|residing in) {CITY}")
_NON_RESIDENT = re.compile(r"non-resident [Aa]mbassador of (?P<who>[A-Z]\w+) to (?P<to>[A-Z]\w+)")
_NO_EMBASSY = re.compile(rf"(?P<who>{NAME}) does not (?:maintain|have) an embassy in (?P<to>(?:the )?[A-Z][\w ]*)")
_OPENED = re.compile(
    rf"(?P<who>[A-Z]\w{{0,59}}?)(?:'s)? (?:established its |)embassy in (?P<to>{NAME}) (?:has been open since|in) (?P<year>\d{{4}})"
)
_MALIAN = re.compile(r"(?:of Mali|Malian|Mali's|Mali) (?:[Aa]mbassador|to)|[Aa]mbassador of (?:the Republic of )?Mali")


def missions(sentences: list[ProseSentence], subject: CountryMatch) -> list[Row]:
    """Rules `has_embassy`, `accredited_from_embassy`, `embassy_accredited_to`, `honorary_consulate`,
    `resident_ambassador`, `non_resident_ambassador`, `no_embassy`, `embassy_since`, applied to each note sentence."""
    rows = []
    embassies: dict[str | None, set[str]] = {}  # receiving iso3 -> cities where others keep embassies
    for sentence in sentences:
        if sentence.partner_row is None:
            continue
        partner = read_partner(sentence.partner_row).match
        text = sentence.text
        found: list[tuple[CountryMatch, CountryMatch, str, str | None, str | None]] = []
        for match in _HAS_EMBASSY.finditer(text):
            sender = _country(match["who"], partner, subject)
            found.append((sender, _other(sender, partner, subject), "embassy", _city(match["city"]), None))
        for match in _ACCREDITED_FROM.finditer(text):
            found.append(
                (
                    _country(match["who"], partner, subject),
                    _country(match["to"], partner, subject),
                    "non-resident",
                    _city(match["city"]),
                    None,
                )
            )
        for match in _EMBASSY_ACCREDITED.finditer(text):
            sender = (
                partner
                if match["adjective"][:5].lower() == partner.name[:5].lower()
                else resolve_country(match["adjective"])
            )
            found.append((sender, _country(match["to"], partner, subject), "non-resident", _city(match["city"]), None))
        for match in _HONORARY.finditer(text):
            sender = _country(match["who"], partner, subject)
            found.append((sender, _other(sender, partner, subject), "honorary-consulate", _city(match["city"]), None))
        residences = list(_RESIDENT.finditer(text))
        sender = subject if residences and _MALIAN.search(text) else partner
        for match in residences:
            found.append((sender, _other(sender, partner, subject), "non-resident", _city(match["city"]), None))
        for match in _NON_RESIDENT.finditer(text):
            found.append(
                (
                    _country(match["who"], partner, subject),
                    _country(match["to"], partner, subject),
                    "non-resident",
                    None,
                    None,
                )
            )
        for match in _NO_EMBASSY.finditer(text):
            found.append(
                (_country(match["who"], partner, subject), _country(match["to"], partner, subject), "none", None, None)
            )
        for match in _OPENED.finditer(text):
            sender = _country(match["who"], partner, subject)
            found.append((sender, _country(match["to"], partner, subject), "embassy", None, match["year"]))
        for sender, receiver, kind, city, since in found:
            if kind == "non-resident" and city in embassies.get(receiver.iso3, ()):
                kind = "embassy"  # accredited "through its embassy in Bamako": it is resident after all
            if kind == "embassy" and city:
                embassies.setdefault(receiver.iso3, set()).add(city)
            rows.append(
                {
                    "mission_id": fact_id(
                        sender.iso3 or sender.name, receiver.iso3 or receiver.name, kind, city or "", since or ""
                    ),
                    "subject": subject.name,
                    "subject_iso3": subject.iso3,
                    "sending": sender.name,
                    "sending_iso3": sender.iso3,
                    "receiving": receiver.name,
                    "receiving_iso3": receiver.iso3,
                    "kind": kind,
                    "city": city,
                    "since": since,
                    "since_precision": "year" if since else None,
                    "partner": partner.name,
                    **_provenance(sentence),
                }
            )
    return _unique(rows, "mission_id")


def _country(name: str, partner: CountryMatch, subject: CountryMatch) -> CountryMatch:
    """A country named in a note; "Both", "It" and the like fall back to the row's partner."""
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    match = resolve_country(name)
    if match.iso3:
        return match
    if name in ("UK", "Britain", "U.K."):
        return resolve_country("United Kingdom")
    return subject if name.startswith(("Mali", "Malian")) else partner


def _other(sender: CountryMatch, partner: CountryMatch, subject: CountryMatch) -> CountryMatch:
    """The other side of a bilateral note: the partner when the subject sends, else the subject."""
    return partner if sender.iso3 == subject.iso3 else subject


def _city(text: str) -> str:
    return text.rstrip(".").rstrip() + ("." if text.endswith("D.C.") or text.endswith("D.C..") else "")


# Memberships: the organisations the subject belongs to.

# Each run of name words, and each [[, is read once: every later start in the run would end where
# it ends, so a match without the abbreviation (or without the closing ]]) is no fact, but takes
# the search past the run instead of reading it again from each capital (or [).
_ORG_WITH_ABBREVIATION = re.compile(
    r"(?:the )?(?P<name>[A-Z][\w–'-]*+(?: (?:[A-Z][\w–'-]*+|of|for|and|the|in|on|de))*+)(?: \((?P<abbreviation>[A-Z][A-Za-z]{1,7})\))?"
)
_LINK = re.compile(r"\[\[(?P<target>[^|\]]++)(?:\|(?P<label>[^\]]++))?(?P<closed>\]\])?")
_ABBREVIATION_AFTER = re.compile(r"\s*\((?P<abbreviation>[A-Z][A-Za-z]{1,7})\)")
_MEMBER_CUES = ("member of", "belongs to", "participates in", "active in", "associate member", "membership")
_FORMER = re.compile(r"former membership (?:in |of )?(?:the )?(?P<name>[A-Z0-9][\w-]*(?: [A-Z][\w-]*)*)")
_FORMED = re.compile(r"\b(?:formed|founded|created|established) (?:on|in) (?P<date>\d{1,2} [A-Z][a-z]+ \d{4}|\d{4})")
_WITHDRAWAL = re.compile(
    r"\bwithdr[ae]w\w* (?:from [^.]{0,100}? )?(?:on|in) (?P<date>\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{4}|\d{4})"
)


def memberships(sentences: list[ProseSentence], subject: CountryMatch) -> list[Row]:
    """Rules `member_list` (linked or abbreviated names in a membership sentence),
    `associate_member`, `former_member`, and `formed_and_withdrawal_dates` (later sentences
    of the same section dating the last former membership)."""
    rows: list[Row] = []
    last_former: Row | None = None
    for sentence in sentences:
        if sentence.partner_row is not None:
            continue
        lowered = sentence.text.lower()
        if (any(cue in lowered for cue in _MEMBER_CUES) and subject.name.lower() in lowered) or lowered.startswith(
            "it "
        ):
            for name, abbreviation, article, status in _organisations(sentence, subject):
                rows.append(_membership(subject, name, abbreviation, article, status, sentence))
            former = _FORMER.search(sentence.text)
            if former:
                rows.append(_membership(subject, former["name"], None, None, "former-member", sentence))
                last_former = rows[-1]
        if last_former is not None and sentence.section == last_former["section"]:
            formed, withdrawal = _FORMED.search(sentence.text), _WITHDRAWAL.search(sentence.text)
            for match, field in ((formed, "since"), (withdrawal, "until")):
                if match and last_former[field] is None:
                    date = time_mentions(match["date"])[0].date
                    last_former[field], last_former[f"{field}_precision"] = date.value, date.precision
    return _unique(rows, "organization")


def _organisations(sentence: ProseSentence, subject: CountryMatch) -> list[tuple[str, str | None, str | None, str]]:
    """(name, abbreviation, linked article, status) of each organisation a sentence lists."""
    out = []
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
        before = text[max(0, match.start() - 40) : match.start()].lower()
        status = "associate-member" if "associate member of" in before else "member"
        out.append((label, after["abbreviation"] if after else None, target, status))
    linked = {name for name, _, _, _ in out} | {abbreviation for _, abbreviation, _, _ in out if abbreviation}
    for match in (m for m in _ORG_WITH_ABBREVIATION.finditer(plain) if m["abbreviation"]):
        name = re.sub(
            r"^(?:It participates in|It also belongs to|Mali is active in|Mali is a member of) ", "", match["name"]
        )
        name = re.sub(r"^(?:regional organizations such as|organizations such as) (?:the )?", "", name)
        if not linked & {name, match["abbreviation"]} and not resolve_country(name).iso3:
            out.append((name, match["abbreviation"], None, "member"))
    return out


def _membership(
    subject: CountryMatch,
    name: str,
    abbreviation: str | None,
    article: str | None,
    status: str,
    sentence: ProseSentence,
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
        **_provenance(sentence),
    }


def _unique(rows: list[Row], key: str) -> list[Row]:
    """The first row for each key, in order."""
    seen, out = set(), []
    for row in rows:
        if row[key] not in seen:
            seen.add(row[key])
            out.append(row)
    return out
