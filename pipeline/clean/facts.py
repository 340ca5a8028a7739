"""Facts read from sentences by small named rules: events and memberships here, diplomatic
missions in `pipeline/clean/missions.py`.

Every row keeps its sentence (plain text), the sentence's byte span in the seed, and the name
of the rule that made it (`rule`), so a wrong row points at its rule.
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
                **provenance(sentence, "dated_sentence"),
            }
        )
    return unique(rows, "event_id")


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
                rule = "associate_member" if status == "associate-member" else "member_list"
                rows.append(_membership(subject, name, abbreviation, article, status, sentence, rule))
            former = _FORMER.search(sentence.text)
            if former:
                rows.append(
                    _membership(subject, former["name"], None, None, "former-member", sentence, "former_member")
                )
                last_former = rows[-1]
        if last_former is not None and sentence.section == last_former["section"]:
            formed, withdrawal = _FORMED.search(sentence.text), _WITHDRAWAL.search(sentence.text)
            for match, field in ((formed, "since"), (withdrawal, "until")):
                if match and last_former[field] is None:
                    date = time_mentions(match["date"])[0].date
                    last_former[field], last_former[f"{field}_precision"] = date.value, date.precision
    return unique(rows, "organization")


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
