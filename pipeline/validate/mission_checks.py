"""Checks on the missions read from prose: a mission stated as standing and as ended."""

from __future__ import annotations

import pandas as pd

from pipeline.columns import values
from pipeline.validate.findings import Cells, Finding, finding

ENDED = ("closed", "seized")


def mission_findings(tables: dict[str, pd.DataFrame]) -> list[Finding]:
    """One `mission_open_and_closed` per mission that one sentence states as standing in the
    present tense and another as closed or seized ("The United Kingdom is accredited to Mali
    through its embassy in Bamako" and "Britain has closed its embassy"). One pass over the
    statements finds each mission's first of each kind; one over the missions looks them up."""
    missions = tables["missions"]
    standing, ended = first_statements(tables["mission_statements"])
    cells = Cells(missions, "missions")
    out = []
    for position, mission_id in enumerate(cells.column("mission_id")):
        if mission_id not in standing or mission_id not in ended:
            continue
        city = cells(position, "city")
        statement, change = ended[mission_id]
        message = (
            f"{cells(position, 'sending')}'s {cells(position, 'kind')} ({city if pd.notna(city) else 'no city'}): "
            f"{standing[mission_id]!r} states it as standing, {statement[:80]!r} as {change}; both are kept"
        )
        tense = cells(position, "tense")
        out.append(finding("mission_open_and_closed", "missions", cells.key(position), "tense", tense, message))
    return out


def first_statements(statements: pd.DataFrame) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """By mission id, in the table's order: the first statement that states the mission as
    standing (present tense, no change), and the first that states it closed or seized (with
    that change)."""
    standing: dict[str, str] = {}
    ended: dict[str, tuple[str, str]] = {}
    columns = (values(statements[c]) for c in ("mission_id", "tense", "change", "statement"))
    for mission_id, tense, change, statement in zip(*columns, strict=True):
        if not isinstance(mission_id, str):
            continue
        if isinstance(tense, str) and tense == "present" and pd.isna(change):
            standing.setdefault(mission_id, statement)
        elif isinstance(change, str) and change in ENDED:
            ended.setdefault(mission_id, (statement, change))
    return standing, ended
