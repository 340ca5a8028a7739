"""Raw table rows -> the tidy `diplomatic_relations` and `bilateral_relations` rows."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.clean.countries import CountryMatch, resolve_code, resolve_country, resolve_ioc_code
from pipeline.clean.dates import UNKNOWN, PartialDate, parse_partial_date
from pipeline.clean.established_events import established_event
from pipeline.clean.relation_changes import (
    VOCABULARY,
    change_of,
    dated_changes,
    split_changes,
    state_after,
    unknown_asides,
)
from pipeline.clean.relation_tables import BILATERAL_ROLES, LIST_ROLES, ReadRow, Unread, joined, relations_tables
from pipeline.clean.wikitext import (
    lines_text,
    links,
    normalise_text,
    plain_text,
    sort_display,
    template_argument,
    without_refs,
)
from pipeline.errors import InputError
from pipeline.extract.markup import without_maintenance_tags
from pipeline.extract.raw_tables import RawCell, RawRow, RawTable
from pipeline.extract.stage import Extracted

# A status word of the vocabulary in brackets beside the partner's name: "(suspended)", "(broken off)".
_STATUS = re.compile(r"\((" + "|".join(VOCABULARY.values()) + r")\)", re.IGNORECASE)
# Notes and other columns' cells are read for status words only when they open with one
# ("Suspended since 2021", "(severed 2017)"): prose tells of past events in any order.
_OPENS_WITH_STATUS = re.compile(r"[\s(\[*'\"]*(?:" + "|".join(VOCABULARY.values()) + r")\b", re.IGNORECASE)
_PARTICIPLE = re.compile(r"[A-Za-z]+(?:ed|en)")
_SEVERED = re.compile(r"\s*\bdiplomatic(?:ally)?\s+severed\s+(?:in|on)\s+", re.IGNORECASE)
# "See [[Canada–Mali relations]]" opening a notes cell: a pointer to the main article, not prose.
_SEE = re.compile(r"\s*See\s+(\[\[[^\]]*\]\])\s*")
_IOC = re.compile(r"[A-Z]{3}")
# A footnote template after a date ({{efn|...}}, {{refn|...}}): not part of the date.
_FOOTNOTE = re.compile(r"\{\{\s*(?:efn|refn|sfn|notetag|efn-[a-z]+)\s*\|[^{}]*\}\}", re.IGNORECASE)
# "c. 1962", "circa 1962": a year the source is not sure of; "before 1975": no date, a bound.
_DIPLOMATIC_TAIL = re.compile(r"\s*\bdiplomatic(?:ally)?$", re.IGNORECASE)  # "1992 Diplomatic Severed in ..."
_QUALIFIED = re.compile(r"(c\.|ca\.|circa|around|before)\s*(\S.*)", re.IGNORECASE)


@dataclass(frozen=True)
class Partner:
    """A partner cell read: the name as written, its code, and any status note."""

    name: str
    match: CountryMatch
    status: str
    word: str | None = None  # the change the status word beside the name states ("restored" for "(re-established)")


def relation_tables(item: Extracted) -> tuple[RawTable, RawTable | None, list[Unread]]:
    """The article's list table and bilateral table (None when it has none), every table of
    each kind with their rows joined in document order, and the rows of its relations tables
    that cannot be read, kept as written (pipeline/clean/relation_tables.py). InputError when
    the article has no relations table at all."""
    found = relations_tables(item.tables)
    if not (found.lists or found.bilaterals or found.unread):
        unclosed = item.unclosed_markup()
        place = f"byte {unclosed[1]}" if unclosed else ""
        problem = 'the article has no "Diplomatic relations" table with a country and a date column'
        if unclosed:
            problem += f": a {unclosed[0]!r} opened here never closes and swallows what follows"
        raise InputError(
            str(item.document.source.path),
            place,
            problem,
            'close it, or check that the seed is a complete "Foreign relations of ..." article',
        )
    numbers = {table.start: number for number, table in enumerate(item.tables, start=1)}
    listing, unread = joined(found.lists, LIST_ROLES, numbers)
    bilateral, more = joined(found.bilaterals, BILATERAL_ROLES, numbers) if found.bilaterals else (None, [])
    return listing, bilateral, sorted([*found.unread, *unread, *more], key=lambda row: row.row.start)


def diplomatic_relations(item: Extracted, subject: CountryMatch, table: RawTable) -> list[dict[str, Any]]:
    """One row per row of the list table, in source order."""
    rows = []
    for row in table.rows:
        number_cell, partner_cell, date_cell = row.cells
        partner, extra = read_partner(partner_cell.text), extra_text(row)
        number = _date_text(number_cell.text).strip()  # no footnote or comment; the raw cell as written
        rows.append(
            {
                **_subject(subject),
                "position": row.index + 1,
                "row_number": int(number) if number.isdecimal() else None,
                "row_number_raw": number_cell.text.strip(),
                **_partner_fields(partner, partner_cell),
                "status": state_after(history(date_cell.text, partner, status_notes(extra))),
                **established_fields(_cell_changes(date_cell.text)[0]),
                "established_raw": date_cell.text,
                "extra": extra,
                **_provenance(item, row),
            }
        )
    return rows


def bilateral_relations(item: Extracted, subject: CountryMatch, table: RawTable) -> list[dict[str, Any]]:
    """One row per partner of the bilateral table, in source order."""
    rows = []
    for row in table.rows:
        partner_cell, date_cell, notes_cell = row.cells
        partner, extra = read_partner(partner_cell.text), extra_text(row)
        began, severed = split_severed(_date_text(date_cell.text))
        began = _DIPLOMATIC_TAIL.sub("", split_changes(began)[0])  # "1906 (severed 1964, ...)": 1906
        main_article, notes = split_main_article(notes_cell.text)
        severed_date = parse_partial_date(severed) if severed else None
        plain_notes = normalise_text(lines_text(notes)) or None
        event, rule = established_event(began, plain_notes)
        rows.append(
            {
                **_subject(subject),
                **_partner_fields(partner, partner_cell),
                "status": state_after(history(date_cell.text, partner, status_notes(extra, notes_cell.text))),
                **established_fields(began),
                "established_event": event,
                "established_event_rule": rule,
                "established_raw": date_cell.text,
                "severed": severed_date.value if severed_date else None,
                "severed_precision": severed_date.precision if severed_date else None,
                "main_article": main_article,
                "notes": plain_notes,
                "notes_raw": notes_cell.text or None,
                "extra": extra,
                **_provenance(item, row),
            }
        )
    return rows


@lru_cache(maxsize=4096)  # a row's cell is read for its row and again for its history
def read_partner(wikitext: str) -> Partner:
    """`{{Flag|Israel}} (suspended)` -> Israel, ISR, suspended; `{{GER}}` -> Germany (IOC code).
    The name in NFC, without zero-width or bidi control characters (the cell keeps them)."""
    text = without_refs(wikitext).strip()
    status_match = _STATUS.search(text)
    word = change_of(status_match.group(1)) if status_match else None
    status = state_after(((word, UNKNOWN, ""),)) if word else "active"
    found = template_argument(text) if text.startswith("{{") else None
    if found and found[0].lower() == "sort":  # {{sort|Congo, Democratic Republic|{{flagu|...}}}}: what it shows
        shown = sort_display(text)
        if shown:
            inner = read_partner(shown)
            return Partner(inner.name, inner.match, status if word else inner.status, word or inner.word)
    if found and not found[1] and _IOC.fullmatch(found[0]):
        match = resolve_ioc_code(found[0])
        return Partner(match.name, match, status, word)
    if found and _IOC.fullmatch(found[1]):  # a code as the flag's argument: {{flag|BRA}}
        match = resolve_code(found[1])
        return Partner(match.name, match, status, word)
    if found and found[1]:
        name = found[1]
    elif text.startswith("[[") and links(text):  # [[People's Republic of China|China]]: the link's target
        name = links(text)[0][0]
    else:
        name = plain_text(_STATUS.sub("", text))
    found = resolve_country(name)  # the name published as countries.country_name writes it
    return Partner(found.name, found, status, word)


def split_severed(text: str) -> tuple[str, str | None]:
    """ "5 November 1992 Diplomatic Severed in 4 August 2024" -> the two dates."""
    parts = _SEVERED.split(text, maxsplit=1)
    return (parts[0].strip(), parts[1].strip()) if len(parts) == 2 else (text.strip(), None)


def split_main_article(wikitext: str) -> tuple[str | None, str]:
    """ "See [[Canada–Mali relations]] Both ..." -> the linked title and the rest."""
    match = _SEE.match(wikitext)
    if not match:
        return None, wikitext
    found = links(match.group(1))
    return (normalise_text(found[0][0]) if found else None), wikitext[match.end() :]


def main_article_pointer_end(wikitext: str) -> int:
    """Where a notes cell's text starts after its "See [[...]]" pointer (0 when it has none)."""
    match = _SEE.match(wikitext)
    return match.end() if match else 0


@lru_cache(maxsize=4096)  # the status and the change rows read the same cells
def history(date_cell: str, partner: Partner, notes: tuple[str, ...] = ()) -> tuple[tuple[str, PartialDate, str], ...]:
    """(change, date, text) of every change a relation's cells state, in order: the
    establishment, the date cell's later changes, those of the short notes and other cells
    (`status_notes`) the date cell does not already state, the status word beside the partner."""
    head, changes = _cell_changes(date_cell)
    head = _DIPLOMATIC_TAIL.sub("", head)
    fields = established_fields(head)
    established = PartialDate(
        *(fields[f"established{suffix}"] for suffix in ("", "_precision", "_earliest", "_latest"))
    )
    parts = [("established", established, head), *dated_changes(changes)]
    for note in notes:
        stated = {(change, date.value) for change, date, _ in parts}
        parts += [part for part in dated_changes(split_changes(note)[1]) if (part[0], part[1].value) not in stated]
    return (*parts, *([(partner.word, UNKNOWN, "")] if partner.word else []))


def row_history(row: dict[str, Any]) -> tuple[tuple[str, PartialDate, str], ...]:
    """The history of a relations row made by `diplomatic_relations` or `bilateral_relations`."""
    notes = status_notes(row.get("extra"), row.get("notes_raw"))
    return history(row["established_raw"], read_partner(row["partner_raw"]), notes)


def extra_text(row: RawRow) -> str | None:
    """The non-empty cells of the columns that have no role, each `header: wikitext as written`, one a line."""
    extra = row.extra if isinstance(row, ReadRow) else ()
    return "\n".join(f"{label}: {cell.text}" for label, cell in extra if cell.text) or None


@lru_cache(maxsize=4096)  # read for the row's status and again for its history (`row_history`)
def status_notes(extra: str | None, notes: str | None = None) -> tuple[str, ...]:
    """The notes and other columns' cells (references left out) a row's status is read from:
    those that open with a status word ("Suspended since 2021"), not a paragraph of history."""
    pieces = [notes or "", *(line.partition(": ")[2] for line in (extra or "").split("\n"))]
    texts = (_date_text(piece) for piece in pieces if piece)
    return tuple(text for text in texts if _OPENS_WITH_STATUS.match(plain_text(text)))


def unknown_status_words(date_cell: str, partner_cell: str) -> list[str]:
    """The asides a row's status may have skipped: in the date cell, a bracketed or `<small>`
    one with words but none of the vocabulary ("(annulled 1990)"); beside the partner's name,
    a bracketed past participle the vocabulary lacks ("(lapsed)", not "(Brazzaville)")."""
    beside = [aside for aside in unknown_asides(without_refs(partner_cell)) if _PARTICIPLE.fullmatch(aside)]
    return [*unknown_asides(_date_text(date_cell)), *beside]


def established_fields(text: str) -> dict[str, Any]:
    """The `established` columns of a date cell's text, with its qualifier: "c. 1962" is 1962
    (circa); "before 1975" is no date, its last possible day 1974-12-31 (before)."""
    return dict(_read_established(text))  # a copy: the cached dict is never handed out


@lru_cache(maxsize=4096)  # a date cell's text is read for its row and again for its history
def _read_established(text: str) -> dict[str, Any]:
    qualified = _QUALIFIED.fullmatch(text.strip())
    date = parse_partial_date(qualified.group(2) if qualified else text)
    if not qualified or date.precision == "unknown":
        unqualified = parse_partial_date(text) if qualified else date
        return date_fields("established", unqualified) | {"established_qualifier": None}
    if qualified.group(1).lower() != "before":
        return date_fields("established", date) | {"established_qualifier": "circa"}
    bound = PartialDate(None, "unknown", None, date.earliest - dt.timedelta(days=1))
    return date_fields("established", bound) | {"established_qualifier": "before"}


def date_fields(prefix: str, date: PartialDate) -> dict[str, Any]:
    """The four typed columns of a partial date."""
    return {
        prefix: date.value,
        f"{prefix}_precision": date.precision,
        f"{prefix}_earliest": date.earliest,
        f"{prefix}_latest": date.latest,
    }


@lru_cache(maxsize=4096)  # a date cell is read for its row and again for its history
def _cell_changes(date_cell: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`split_changes` of a date cell's text (`_date_text`)."""
    head, changes = split_changes(_date_text(date_cell))
    return head, tuple(changes)


@lru_cache(maxsize=4096)  # the same cells recur: row numbers, dates, notes read for a status
def _date_text(wikitext: str) -> str:
    """A date cell's text to parse: no references, maintenance tags or invisible characters."""
    return normalise_text(without_refs(without_maintenance_tags(_FOOTNOTE.sub("", wikitext))))


def _subject(subject: CountryMatch) -> dict[str, Any]:
    return {"subject": subject.name, "subject_iso3": subject.iso3}


def _partner_fields(partner: Partner, cell: RawCell) -> dict[str, Any]:
    return {"partner": partner.name, "partner_iso3": partner.match.iso3, "partner_raw": cell.text}


def _provenance(item: Extracted, row: RawRow) -> dict[str, Any]:
    return {
        "source_id": item.source_id,
        "source_start": item.byte_offset(row.start),
        "source_end": item.byte_offset(row.end),
    }
