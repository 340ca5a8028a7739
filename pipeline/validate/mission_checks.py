"""Checks on the missions read from prose: a mission stated as standing and as ended."""

from __future__ import annotations

import pandas as pd

from pipeline.validate.findings import Finding, finding, row_key

ENDED = ("closed", "seized")


def mission_findings(tables: dict[str, pd.DataFrame]) -> list[Finding]:
    """One `mission_open_and_closed` per mission that one sentence states as standing in the
    present tense and another as closed or seized ("The United Kingdom is accredited to Mali
    through its embassy in Bamako" and "Britain has closed its embassy")."""
    missions, statements = tables["missions"], tables["mission_statements"]
    out = []
    for index in missions.index:
        mine = statements[statements["mission_id"] == missions.at[index, "mission_id"]]
        standing = mine[(mine["tense"] == "present") & mine["change"].isna()]
        ended = mine[mine["change"].isin(ENDED)]
        if standing.empty or ended.empty:
            continue
        message = (
            f"{missions.at[index, 'sending']}'s {missions.at[index, 'kind']} "
            f"({missions.at[index, 'city'] if pd.notna(missions.at[index, 'city']) else 'no city'}): "
            f"{standing.iloc[0]['statement']!r} states it as standing, "
            f"{ended.iloc[0]['statement'][:80]!r} as {ended.iloc[0]['change']}; both are kept"
        )
        where = row_key(missions, index, "missions")
        out.append(finding("mission_open_and_closed", "missions", where, "tense", missions.at[index, "tense"], message))
    return out
