"""Checks across articles: two articles that contradict each other about their relations."""

from __future__ import annotations

import pandas as pd

from pipeline.validate.findings import Cells, Finding, finding, positions


def dyad_findings(tables: dict[str, pd.DataFrame]) -> list[Finding]:
    """One `dyad_disagreement` per `dyads` row whose articles contradict each other (the cells
    its message names read from columns read once: no pandas row or column per finding)."""
    out = []
    frame = tables["dyads"]
    cells = Cells(frame, "dyads")
    for position in positions(frame["agreement"].str.startswith("disagree", na=False).astype(bool)):
        first, second = cells(position, "first_iso3"), cells(position, "second_iso3")
        message = (
            f"{first}'s article says relations with {second} {_says(cells, position, 'first')}; "
            f"{second}'s article says relations with {first} {_says(cells, position, 'second')}"
        )
        agreement = cells(position, "agreement")
        out.append(finding("dyad_disagreement", "dyads", cells.key(position), "agreement", agreement, message))
    return out


def _says(cells: Cells, position: int, side: str) -> str:
    """ "began 1961-12-14 (#NER/12, active)" or "have no readable date (#..., severed)"."""
    date = cells(position, f"{side}_established")
    began = f"began {date}" if pd.notna(date) else "have no readable date"
    return f"{began} ({cells(position, f'{side}_relation_id')}, {cells(position, f'{side}_status')})"
