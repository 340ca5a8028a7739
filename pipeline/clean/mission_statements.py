"""One row per diplomatic mission, and one per sentence stating it.

The rules of `pipeline/clean/missions.py` give one row per statement: "Mali established its
embassy in Canada in 1978" and "Mali has an embassy in Ottawa" are two statements of one
mission. The same mission is the same sending country, receiving country and kind in the same
city; a statement without a city belongs to the mission of its sender, receiver and kind when
the statements give that mission exactly one city (with several cities it cannot tell which,
and stays a mission of its own, without a city).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pipeline.clean import ids
from pipeline.clean.facts import Row

Identity = tuple[str, str, str]  # sending, receiving (ISO code, else the name as written), kind
_STATEMENT_FIELDS = ("partner", "rule", "statement", "section", "city", "since", "since_precision", "change")
_STATEMENT_FIELDS += ("tense", "as_of", "as_of_precision", "source_id", "source_start", "source_end")
_ENDS = ("closed", "seized")  # "Britain has closed its embassy" is present, but no mission that stands
_FIRST_STATEMENT = ("rule", "statement", "section", "source_id", "source_start", "source_end", "partner")


def missions_and_statements(statements: list[Row], key: str) -> tuple[list[Row], list[Row]]:
    """(`missions` rows, `mission_statements` rows) from the rules' rows, one per statement;
    `key`: the article's (`ids.article_key`)."""
    cities: dict[Identity, list[str]] = {}
    for row in statements:
        if row["city"] and row["city"] not in cities.setdefault(_identity(row), []):
            cities[_identity(row)].append(row["city"])
    grouped: dict[str, list[Row]] = {}
    for row in statements:
        known = cities.get(_identity(row), [])
        city = row["city"] or (known[0] if len(known) == 1 else None)
        grouped.setdefault(ids.mission_id(key, *_identity(row), city), []).append(row)
    linked = _unique_statements([_statement(mission, row) for mission, rows in grouped.items() for row in rows], key)
    counts = Counter(row["mission_id"] for row in linked)
    return [_mission(mission, rows, counts[mission]) for mission, rows in grouped.items()], linked


def _identity(row: Row) -> Identity:
    return row["sending_iso3"] or row["sending"], row["receiving_iso3"] or row["receiving"], row["kind"]


def _mission(key: str, rows: list[Row], statements: int) -> Row:
    """A mission's row: what its statements say together, and where the first one is."""
    first = rows[0]
    dated = next((row for row in rows if row["since"]), {})
    present = any(row["tense"] == "present" and row["change"] not in _ENDS for row in rows)
    latest = max((row for row in rows if row["as_of"]), key=lambda row: row["as_of"], default={})
    return {
        "mission_id": key,
        **{name: first[name] for name in ("subject", "subject_iso3", "sending", "sending_iso3")},
        **{name: first[name] for name in ("receiving", "receiving_iso3", "kind")},
        "city": next((row["city"] for row in rows if row["city"]), None),
        "since": dated.get("since"),
        "since_precision": dated.get("since_precision"),
        "tense": "present" if present else "past",
        "as_of": None if present else latest.get("as_of"),
        "as_of_precision": None if present else latest.get("as_of_precision"),
        "statements": statements,
        **{name: first[name] for name in _FIRST_STATEMENT},
    }


def _statement(mission: str, row: Row) -> Row:
    return {
        "subject_iso3": row["subject_iso3"],
        "mission_id": mission,
        **{name: row[name] for name in _STATEMENT_FIELDS},
    }


def _unique_statements(rows: list[Row], key: str) -> list[Row]:
    """The first row for each (mission, sentence, rule): a rule matching twice in a sentence states one thing."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for row in rows:
        says = (row["mission_id"], row["source_id"], row["source_start"], row["rule"])
        if says not in seen:
            seen.add(says)
            out.append(row)
    return _with_statement_ids(out, key)


def _with_statement_ids(rows: list[Row], key: str) -> list[Row]:
    """Each row with its `statement_id` first: a hash of what it says, never of where it is."""
    repeats: Counter[tuple[str, ...]] = Counter()
    out = []
    for row in rows:
        says = (row["mission_id"], row["rule"], row["statement"])
        repeats[says] += 1
        out.append({"statement_id": ids.statement_id(key, *says, repeats[says]), **row})
    return out
