"""Raw table rows -> the tidy `diplomatic_relations` and `bilateral_relations` rows."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.clean.countries import CountryMatch, resolve_code, resolve_country, resolve_ioc_code
from pipeline.clean.dates import UNKNOWN, PartialDate, parse_partial_date
from pipeline.clean.relation_changes import dated_changes, split_changes, state_after
from pipeline.clean.relation_tables import BILATERAL_ROLES, LIST_ROLES, bilateral_tables, joined, list_tables, under
from pipeline.clean.wikitext import links, normalise_text, plain_text, template_argument
from pipeline.errors import InputError
from pipeline.extract.markup import without_maintenance_tags
from pipeline.extract.references import strip_refs
from pipeline.extract.stage import Extracted
from pipeline.extract.wikitables import RawCell, RawRow, RawTable
from pipeline.parse_guard import parse_wikitext

_STATUS = re.compile(r"\((suspended|severed|frozen|restored|resumed)\)", re.IGNORECASE)
# The state a status word next to the partner's name leaves the relations in.
STATE_AFTER = {
    "suspended": "suspended",
    "severed": "severed",
    "frozen": "frozen",
    "restored": "active",
    "resumed": "active",
}
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
    word: str | None = None  # the status word as the cell writes it ("restored"), lower-case


def relation_tables(item: Extracted) -> tuple[RawTable, RawTable | None]:
    """The article's list table (required) and bilateral table (optional): every table of
    each kind, their rows joined in document order (pipeline/clean/relation_tables.py)."""
    lists, bilaterals = list_tables(item.tables), bilateral_tables(item.tables)
    _refuse_unread(item, [*lists, *bilaterals])
    if not lists:
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

    def refuse(table: RawTable, row: RawRow) -> None:
        raise InputError(
            str(item.document.source.path),
            f"table {table.section!r}, row {row.index + 1} (byte {item.byte_offset(row.start)})",
            f"the row has {len(row.cells)} cells, expected {len(table.header)}",
            "fix the row's cells in the seed",
        )

    bilateral = joined(bilaterals, BILATERAL_ROLES, refuse) if bilaterals else None
    return joined(lists, LIST_ROLES, refuse), bilateral


def _refuse_unread(item: Extracted, used: list[RawTable]) -> None:
    """A table under a relations heading that is not read as one: its rows would be lost."""
    for table in item.tables:
        heading = next((h for h in ("Diplomatic relations", "Bilateral relations") if under(table, h)), None)
        if heading and table not in used:
            found = ", ".join(label if len(label) <= 40 else label[:39] + "…" for label in table.header) or "none"
            raise InputError(
                str(item.document.source.path),
                f"table in section {table.section!r}",
                f"its columns are ({found}): no country and date column to read it by",
                "name the columns (e.g. #, Country, Date of establishment, Notes), or report the layout",
            )


def diplomatic_relations(item: Extracted, subject: CountryMatch, table: RawTable) -> list[dict[str, Any]]:
    """One row per row of the list table, in source order."""
    rows = []
    for row in table.rows:
        number_cell, partner_cell, date_cell = row.cells
        partner = read_partner(partner_cell.text)
        number = normalise_text(number_cell.text).strip()  # the published number; the raw cell as written
        rows.append(
            {
                **_subject(subject),
                "position": row.index + 1,
                "row_number": int(number) if number.isdecimal() else None,
                "row_number_raw": number_cell.text.strip(),
                **_partner_fields(partner, partner_cell),
                "status": state_after(history(date_cell.text, partner)),
                **established_fields(split_changes(_date_text(date_cell.text))[0]),
                "established_raw": date_cell.text,
                **_provenance(item, row),
            }
        )
    return rows


def bilateral_relations(item: Extracted, subject: CountryMatch, table: RawTable) -> list[dict[str, Any]]:
    """One row per partner of the bilateral table, in source order."""
    rows = []
    for row in table.rows:
        partner_cell, date_cell, notes_cell = row.cells
        partner = read_partner(partner_cell.text)
        began, severed = split_severed(_date_text(date_cell.text))
        began = _DIPLOMATIC_TAIL.sub("", split_changes(began)[0])  # "1906 (severed 1964, ...)": 1906
        main_article, notes = split_main_article(notes_cell.text)
        severed_date = parse_partial_date(severed) if severed else None
        rows.append(
            {
                **_subject(subject),
                **_partner_fields(partner, partner_cell),
                "status": state_after(history(date_cell.text, partner)),
                **established_fields(began),
                "established_raw": date_cell.text,
                "severed": severed_date.value if severed_date else None,
                "severed_precision": severed_date.precision if severed_date else None,
                "main_article": main_article,
                "notes": normalise_text(plain_text(notes)) or None,
                "notes_raw": notes_cell.text or None,
                **_provenance(item, row),
            }
        )
    return rows


@lru_cache(maxsize=4096)  # a row's cell is read for its row and again for its history
def read_partner(wikitext: str) -> Partner:
    """`{{Flag|Israel}} (suspended)` -> Israel, ISR, suspended; `{{GER}}` -> Germany (IOC code).
    The name in NFC, without zero-width or bidi control characters (the cell keeps them)."""
    text = strip_refs(wikitext).strip()
    status_match = _STATUS.search(text)
    word = status_match.group(1).lower() if status_match else None
    status = STATE_AFTER[word] if word else "active"
    found = template_argument(text) if text.startswith("{{") else None
    if found and found[0].lower() == "sort":  # {{sort|Congo, Democratic Republic|{{flagu|...}}}}: what it shows
        shown = _sort_display(text)
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
    elif text.startswith("[["):  # [[People's Republic of China|China]]: the link's target is the partner
        name = links(text)[0][0]
    else:
        name = plain_text(_STATUS.sub("", text))
    found = resolve_country(name)  # the name published as countries.country_name writes it
    return Partner(found.name, found, status, word)


def _sort_display(text: str) -> str | None:
    """The second argument of a leading {{sort|key|display}} template: what the cell shows."""
    templates = parse_wikitext(text).filter_templates(recursive=False)
    params = [p for p in templates[0].params if not p.showkey] if templates else []
    return str(params[1].value).strip() if len(params) >= 2 else None


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
def history(date_cell: str, partner: Partner) -> tuple[tuple[str, PartialDate, str], ...]:
    """(change, date, text) of every change a relation's cells state, in order: the
    establishment, the date cell's later changes, the status word beside the partner."""
    head, changes = split_changes(_date_text(date_cell))
    head = _DIPLOMATIC_TAIL.sub("", head)
    fields = established_fields(head)
    established = PartialDate(
        *(fields[f"established{suffix}"] for suffix in ("", "_precision", "_earliest", "_latest"))
    )
    parts = [("established", established, head), *dated_changes(changes)]
    return (*parts, *([(partner.word, UNKNOWN, "")] if partner.word else []))


def established_fields(text: str) -> dict[str, Any]:
    """The `established` columns of a date cell's text, with its qualifier: "c. 1962" is 1962
    (circa); "before 1975" is no date, its last possible day 1974-12-31 (before)."""
    qualified = _QUALIFIED.fullmatch(text.strip())
    date = parse_partial_date(qualified.group(2) if qualified else text)
    if not qualified or date.precision == "unknown":
        return date_fields("established", parse_partial_date(text)) | {"established_qualifier": None}
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


def _date_text(wikitext: str) -> str:
    """A date cell's text to parse: no references, maintenance tags or invisible characters."""
    return normalise_text(strip_refs(without_maintenance_tags(_FOOTNOTE.sub("", wikitext))))


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
