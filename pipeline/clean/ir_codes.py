"""The country codes of international-relations data beside ISO 3166-1: Correlates of War
state numbers (`cown`) and Gleditsch & Ward state numbers (`gwn`).

From the table `ir_codes.csv` beside this module: per state (its ISO 3166-1 code, its ISO 3166-3
code for a former state, or for an entity without one its name as country_aliases.csv writes it)
and system, the state number and the years it holds (the code of the state at the
end of each year). Its sources: the COW State System Membership list v2016 (system2016.csv,
correlatesofwar.org) and Gleditsch & Ward's list of independent states (iisystem.dat,
ksgleditsch.com), linked to ISO codes through the countrycode package's code list (Arel-Bundock,
Enevoldsen and Yetman 2018; its repository vincentarelbundock/countrycode at commit 284d6a2f,
April 2026: dictionary/data_cow.csv, data_gw.csv and codelist_without_cldr.csv), checked by
hand where it disagrees with the two lists (each such row says so in its note). A code the lists
do not give is empty, with the reason, never guessed; codes past a list's last year (COW 2016,
G&W 2017) are carried forward when the list leaves the state open.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

IR_CODES = Path(__file__).with_name("ir_codes.csv")
SYSTEMS = ("cown", "gwn")
NO_ISO = "no ISO 3166-1 code (an entity ISO 3166-1 does not list): the state numbers are looked up by it"


@dataclass(frozen=True)
class Period:
    """One state number of a code in one system, and the years it holds (None: open)."""

    code: int | None
    first: int | None
    last: int | None
    note: str


@dataclass(frozen=True)
class Codes:
    cown: int | None
    gwn: int | None
    missing_reason: str | None


@cache
def code_table(path: Path = IR_CODES) -> dict[tuple[str, str], tuple[Period, ...]]:
    """(state key, system) -> its periods, in the table's order."""
    table: dict[tuple[str, str], tuple[Period, ...]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            period = Period(*(_number(row[c]) for c in ("code", "from_year", "to_year")), row["note"])
            table[row["state_key"], row["system"]] = (*table.get((row["state_key"], row["system"]), ()), period)
    return table


def codes(iso3: str | None, year: int | None = None, name: str | None = None) -> Codes:
    """The COW and G&W numbers of the state `iso3` names (or, without a code, the entity
    `name` names): in `year` (the code it had at the end of that year), or its latest code
    when `year` is None; empty with the reason."""
    key = iso3 or name
    if not key or (not iso3 and not any((key, system) in code_table() for system in SYSTEMS)):
        return Codes(None, None, NO_ISO)
    found = [_code(key, system, year) for system in SYSTEMS]
    reasons = [f"{system}: {reason}" for system, (code, reason) in zip(SYSTEMS, found, strict=True) if code is None]
    if len(reasons) == 2 and found[0][1] == found[1][1]:
        reasons = [str(found[0][1])]
    return Codes(found[0][0], found[1][0], "; ".join(reasons) or None)


def _code(iso3: str, system: str, year: int | None) -> tuple[int | None, str | None]:
    periods = code_table().get((iso3, system))
    if not periods:
        return None, f"{iso3} is not in the table of state numbers (pipeline/clean/ir_codes.csv)"
    if year is None:
        last = periods[-1]
        return last.code, None if last.code is not None else last.note
    for period in periods:
        if (period.first is None or period.first <= year) and (period.last is None or year <= period.last):
            return period.code, None if period.code is not None else period.note
    return None, f"no state number for {iso3} in {year} (not a member of the list that year)"


def code_fields(prefix: str, row: dict[str, Any], year: int | None = None) -> dict[str, Any]:
    """The `<prefix>_cown`, `<prefix>_gwn` and `<prefix>_codes_missing_reason` of a row, from
    its `<prefix>_iso3` (else its `<prefix>`, the entity's name)."""
    return dict(_code_fields(prefix, row.get(f"{prefix}_iso3"), row.get(prefix), year))


@lru_cache(maxsize=16384)  # the tables name the same states again and again
def _code_fields(prefix: str, iso3: str | None, name: str | None, year: int | None) -> tuple[tuple[str, Any], ...]:
    """`code_fields` of a row whose `<prefix>_iso3` is `iso3` and `<prefix>` is `name`, as (field, value) pairs."""
    fields = (f"{prefix}_cown", f"{prefix}_gwn", f"{prefix}_codes_missing_reason")
    if not iso3 and not name:  # no state named (established_with: the partner)
        return tuple(dict.fromkeys(fields).items())
    found = codes(iso3, year, name)
    return tuple(zip(fields, (found.cown, found.gwn, found.missing_reason), strict=True))


def coded_prefixes(field_names: list[str]) -> list[str]:
    """The prefixes a table publishes state numbers for (`partner` for `partner_cown`)."""
    return [name.removesuffix("_cown") for name in field_names if name.endswith("_cown")]


def with_codes(rows: list[dict[str, Any]], field_names: list[str]) -> list[dict[str, Any]]:
    """Rows with the state numbers of every `<prefix>_iso3` the table codes (`coded_prefixes`),
    the latest code of each state; a row that already has them keeps them."""
    prefixes = coded_prefixes(field_names)
    if not prefixes:
        return rows
    names = [(prefix, f"{prefix}_iso3", f"{prefix}_cown") for prefix in prefixes]
    out = []
    for row in rows:
        added: dict[str, Any] = {}
        for prefix, iso3, cown in names:
            if cown not in row:
                added.update(_code_fields(prefix, row.get(iso3), row.get(prefix), None))
        out.append(row | added if added else row)
    return out


def _number(text: str) -> int | None:
    return int(text) if text else None
