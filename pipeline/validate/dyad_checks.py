"""Checks across articles: two articles that contradict each other about their relations."""

from __future__ import annotations

import pandas as pd

from pipeline.validate.findings import Finding, finding, row_key


def dyad_findings(tables: dict[str, pd.DataFrame]) -> list[Finding]:
    """One `dyad_disagreement` per `dyads` row whose articles contradict each other."""
    out = []
    frame = tables["dyads"]
    for index in frame.index[frame["agreement"].str.startswith("disagree", na=False).astype(bool).to_numpy()]:
        row = frame.loc[index]
        first, second = row["first_iso3"], row["second_iso3"]
        message = (
            f"{first}'s article says relations with {second} {_says(row, 'first')}; "
            f"{second}'s article says relations with {first} {_says(row, 'second')}"
        )
        out.append(
            finding(
                "dyad_disagreement", "dyads", row_key(frame, index, "dyads"), "agreement", row["agreement"], message
            )
        )
    return out


def _says(row: pd.Series, side: str) -> str:
    """ "began 1961-12-14 (#NER/12, active)" or "have no readable date (#..., severed)"."""
    date = row[f"{side}_established"]
    began = f"began {date}" if pd.notna(date) else "have no readable date"
    return f"{began} ({row[f'{side}_relation_id']}, {row[f'{side}_status']})"
