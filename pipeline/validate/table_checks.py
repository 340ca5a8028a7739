"""Checks within and across the relations tables: numbering, partners, agreement, cell text
(the dates are checked in `pipeline/validate/date_checks.py`).

Each function takes the clean tables and returns findings; none changes a value.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from pipeline.clean.ids import article_of
from pipeline.clean.successors import successor_rows
from pipeline.clean.wikitext import invisible_characters
from pipeline.columns import SEPARATOR, cell_starts, joined_text, values
from pipeline.schema import BY_NAME
from pipeline.text import INVISIBLE_IN_VALUES
from pipeline.validate.date_checks import date_findings
from pipeline.validate.dyad_checks import dyad_findings
from pipeline.validate.findings import CHECKS, Cells, Finding, finding, positions, row_key
from pipeline.validate.history_checks import history_findings
from pipeline.validate.mission_checks import mission_findings
from pipeline.validate.reading_checks import reading_findings

FORMULA = frozenset("=+-@")  # what a spreadsheet takes as the first character of a formula
Tables = dict[str, pd.DataFrame]
RELATIONS = ("diplomatic_relations", "bilateral_relations")


def numbering(tables: Tables) -> list[Finding]:
    """Row numbers printed on more than one row, and numbers missing from 1..N, within each
    article's table (every article numbers its own rows from 1); a gap is on the article's key.
    Whole columns at once, not a pandas group per article (the findings are sorted later)."""
    relations = tables["diplomatic_relations"]
    placed = relations[relations["source_id"].notna()]
    numbered = placed[placed["row_number"].notna()]
    out = [
        finding(
            "duplicate_row_number",
            "diplomatic_relations",
            row_key(relations, index, "diplomatic_relations"),
            "row_number",
            relations.at[index, "row_number"],
            f"{relations.at[index, 'partner']}: {CHECKS['duplicate_row_number'][1]}",
        )
        for index in numbered.index[numbered.duplicated(["source_id", "row_number"], keep=False).to_numpy()]
    ]
    first: dict[str, str] = {}
    for source_id, relation_id in zip(values(placed["source_id"]), values(placed["relation_id"]), strict=True):
        first.setdefault(source_id, relation_id)
    numbers: dict[str, set[int]] = {}
    for source_id, number in zip(values(numbered["source_id"]), values(numbered["row_number"]), strict=True):
        numbers.setdefault(source_id, set()).add(int(number))
    for source_id, present in numbers.items():
        out += _gaps(article_of(first[source_id]), present)
    return out


def _gaps(article: str, numbers: set[int]) -> list[Finding]:
    """A `row_number_gap` for each number of 1..N (N the largest of `numbers`) not among them."""
    top = max(numbers, default=0)
    return [
        finding(
            "row_number_gap",
            "diplomatic_relations",
            article,
            "row_number",
            missing,
            f"{article}: row number {missing} never appears (numbers run 1 to {top})",
        )
        for missing in sorted(set(range(1, top + 1)) - numbers)
    ]


def partners(tables: Tables, internal: Tables) -> list[Finding]:
    """Partners with no ISO code, those the alias table lists as having none told apart by how
    clean resolved each name (the internal table `partner_matches`); partners on two rows of one table."""
    out = []
    matches = internal["partner_matches"]
    places = zip(values(matches["resource"]), values(matches["row_id"]), strict=True)
    matched = dict(zip(places, values(matches["partner_match"]), strict=True))
    for name in RELATIONS:
        frame = tables[name]
        for index in frame.index[frame["partner_iso3"].isna()]:
            partner, key = frame.at[index, "partner"], row_key(frame, index, name)
            listed = matched[name, key] == "no-iso-code"
            check = "partner_without_iso_code_listed" if listed else "partner_without_iso_code"
            words = (
                "has no ISO 3166-1 code (listed in the alias table)"
                if listed
                else "has no ISO 3166-1 code: add it to pipeline/clean/country_aliases.csv"
            )
            out.append(finding(check, name, key, "partner_iso3", partner, f"{partner} {words}"))
        identity = frame["partner_iso3"].fillna(frame["partner"])
        pairs = list(zip(values(frame["source_id"]), values(identity), strict=True))
        for index in frame.index[pd.Series(pairs, index=frame.index).duplicated(keep=False)]:
            out.append(
                finding(
                    "duplicate_partner",
                    name,
                    row_key(frame, index, name),
                    "partner",
                    frame.at[index, "partner"],
                    f"{frame.at[index, 'partner']} appears on more than one row",
                )
            )
    return out


def tables_agree(tables: Tables) -> list[Finding]:
    """The bilateral table against the list table of the same article: same partner (its
    first row in the list), same date and status. One pass over each table, by a lookup."""
    out = []
    listing = Cells(tables["diplomatic_relations"], "diplomatic_relations")
    bilateral = Cells(tables["bilateral_relations"], "bilateral_relations")
    first: dict[tuple[str, str], int] = {}
    for position, pair in enumerate(zip(listing.column("source_id"), listing.column("partner_iso3"), strict=True)):
        if pd.notna(pair[1]):
            first.setdefault(pair, position)
    for position, pair in enumerate(zip(bilateral.column("source_id"), bilateral.column("partner_iso3"), strict=True)):
        if pd.notna(pair[1]) and pair in first:
            out += _disagreements(bilateral, position, listing, first[pair])
    return out


def _disagreements(bilateral: Cells, position: int, listing: Cells, listed: int) -> list[Finding]:
    """A bilateral row against its partner's row of the list table: the date, and severance."""
    out = []
    key, partner = bilateral.key(position), bilateral(position, "partner")
    ours, theirs = bilateral(position, "established"), listing(listed, "established")
    if pd.notna(ours) and pd.notna(theirs) and not compatible(ours, theirs):
        message = (
            f"{partner}: the bilateral table says {ours}, the list table "
            f"(#{listing(listed, 'row_number_raw')}) says {theirs}"
        )
        out.append(finding("tables_disagree", "bilateral_relations", key, "established", ours, message))
    severance, status = bilateral(position, "severed"), listing(listed, "status")
    severed = pd.notna(severance)
    if severed != (status == "severed"):
        message = (
            f"{partner}: the bilateral table {'gives a severance date' if severed else 'gives no severance'}, "
            f"the list table says {status}"
        )
        out.append(finding("tables_disagree", "bilateral_relations", key, "severed", severance, message))
    return out


def successor_states(tables: Tables) -> list[Finding]:
    """Partners whose current state was formed after relations began: the rows whose
    `established_with` names the predecessor (from pipeline/clean/successor_states.csv)."""
    formed = successor_rows()
    out = []
    for name in RELATIONS:
        cells = Cells(tables[name], name)
        for position in positions(cells.frame["established_with"].notna()):
            state, established = formed[cells(position, "partner_iso3")], cells(position, "established")
            out.append(
                finding(
                    "successor_state",
                    name,
                    cells.key(position),
                    "established",
                    established,
                    f"{cells(position, 'partner')} as a state dates from {state['formed']}; relations from "
                    f"{established} were established with its predecessor state, "
                    f"{cells(position, 'established_with')} ({state['source']})",
                )
            )
    return out


def table_findings(tables: Tables, internal: Tables) -> list[Finding]:
    """Every check of this module (`internal`: the internal tables, `pipeline/schema/internal.py`)."""
    return [
        *date_findings(tables),
        *numbering(tables),
        *partners(tables, internal),
        *tables_agree(tables),
        *successor_states(tables),
        *formula_like_cells(tables),
        *invisible_cells(tables),
        *dyad_findings(tables),
        *mission_findings(tables),
        *history_findings(tables),
        *reading_findings(tables),
    ]


def formula_like_cells(tables: Tables) -> list[Finding]:
    """Text cells a spreadsheet would run as a formula (first character =, +, -, @): flagged, never
    altered. Every text column of every table, so it runs vectorised here rather than as one
    Great Expectations expectation per column (a hundred of them, seconds of bookkeeping)."""
    out = []
    for name, frame in tables.items():
        table = BY_NAME.get(name)
        if table is None or name == "quality_findings":
            continue
        for field in (f for f in table.fields if f.type == "string"):
            for index in frame.index[_formula_like(frame[field.name])]:
                key = row_key(frame, index, table.name)
                label = frame.at[index, "partner"] if "partner" in frame.columns else key
                words = CHECKS["formula_like_cell"][1]
                out.append(
                    finding(
                        "formula_like_cell",
                        name,
                        key,
                        field.name,
                        str(frame.at[index, field.name]),
                        f"{label}: {words}",
                    )
                )
    return out


def _formula_like(column: pd.Series) -> np.ndarray:
    """Whether each cell is text starting with a character of FORMULA (a missing value: no): one
    search of the whole column's text (`joined_text`) for a separator followed by such a
    character, where a test per cell was a third of the checks; by `_formula_like_cells`
    for a column with a cell that is not text."""
    text = joined_text(column)
    if text is None:
        return _formula_like_cells(column)
    found = [match.end() - 1 for match in _FORMULA_START.finditer(text)]
    return np.isin(cell_starts(column), found) if found else np.zeros(len(column), dtype=bool)


_FORMULA_START = re.compile(re.escape(SEPARATOR) + "[" + re.escape("".join(sorted(FORMULA))) + "]")


def _formula_like_cells(column: pd.Series) -> np.ndarray:
    """`_formula_like`, a test of each cell's first character."""
    first = (isinstance(value, str) and value[:1] in FORMULA for value in column.to_numpy(dtype=object))
    return np.fromiter(first, dtype=bool, count=len(column))


def invisible_cells(tables: Tables) -> list[Finding]:
    """Cells kept as written (`x_raw`) that hold zero-width or bidi control characters, which
    the normalised column beside them (`x`) leaves out: one finding per cell, naming them."""
    out = []
    for name, frame in tables.items():
        table = BY_NAME.get(name)
        if table is None or name == "quality_findings":
            continue
        for raw in (f for f in table.field_names if f.endswith("_raw") and f[: -len("_raw")] in table.field_names):
            for index in frame.index[_invisible(frame[raw])]:
                text = str(frame.at[index, raw])
                key = row_key(frame, index, table.name)
                label = frame.at[index, "partner"] if "partner" in frame.columns else key
                found = ", ".join(f"{c} {unicodedata.name(chr(int(c[2:], 16)))}" for c in invisible_characters(text))
                message = f"{label}: {found} in {raw}, left out of {raw[: -len('_raw')]}"
                out.append(finding("invisible_characters", name, key, raw, text, message))
    return out


def _invisible(column: pd.Series) -> np.ndarray:
    """Whether each cell is text holding a character of INVISIBLE_IN_VALUES: one search of the
    whole column's text (`joined_text`; the separator is none of them), each match mapped to the
    cell it falls in; by `_invisible_cells` for a column with a cell that is not text."""
    text = joined_text(column)
    if text is None:
        return _invisible_cells(column)
    flagged = np.zeros(len(column), dtype=bool)
    found = [match.start() for match in INVISIBLE_IN_VALUES.finditer(text)]
    if found:
        flagged[np.searchsorted(cell_starts(column), found, side="right") - 1] = True
    return flagged


def _invisible_cells(column: pd.Series) -> np.ndarray:
    """`_invisible`, a search of each cell."""
    values = column.to_numpy(dtype=object)
    flagged = (isinstance(value, str) and INVISIBLE_IN_VALUES.search(value) is not None for value in values)
    return np.fromiter(flagged, dtype=bool, count=len(values))


def compatible(a: str, b: str) -> bool:
    """Two partial dates agree when one is a prefix of the other ("1960" and "1960-09-24")."""
    return a.startswith(b) or b.startswith(a)
