"""Dyads: when the seeds hold both A's and B's articles, what each says about the other.

Read from the cleaned `diplomatic_relations` rows: A's row whose partner is B against B's row
whose partner is A (the first such row when an article lists a partner twice). Nothing is
decided here about which side is right; a disagreement becomes a quality finding.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.clean.ids import dyad_id

Row = dict[str, Any]
COLUMNS = ["relation_id", "subject_iso3", "partner_iso3", "position", "established", "established_precision", "status"]


def dyads(relations: pd.DataFrame) -> list[Row]:
    """One `dyads` row per pair of subjects at least one of whose articles lists the other, sorted."""
    said = statements(relations)
    subjects = set(relations["subject_iso3"].dropna())
    pairs = sorted({tuple(sorted(pair)) for pair in said if pair[1] in subjects and pair[0] != pair[1]})
    return [dyad(first, second, said.get((first, second)), said.get((second, first))) for first, second in pairs]


def statements(relations: pd.DataFrame) -> dict[tuple[str, str], Row]:
    """(subject, partner) -> the subject's first list-table row about the partner."""
    rows = relations[COLUMNS].astype(object).where(relations[COLUMNS].notna(), None).to_dict("records")
    said: dict[tuple[str, str], Row] = {}
    for row in sorted((r for r in rows if r["partner_iso3"]), key=lambda r: (r["subject_iso3"], int(r["position"]))):
        said.setdefault((row["subject_iso3"], row["partner_iso3"]), row)
    return said


def dyad(first: str, second: str, first_says: Row | None, second_says: Row | None) -> Row:
    """The `dyads` row of a pair: each side's statement and whether they agree."""
    return {
        "dyad_id": dyad_id(first, second),
        "first_iso3": first,
        "second_iso3": second,
        **_side("first", first_says),
        **_side("second", second_says),
        "agreement": agreement(first_says, second_says),
    }


def agreement(a: Row | None, b: Row | None) -> str:
    """agree, agree_precision_differs, disagree_date, disagree_status, disagree_date_and_status, one_sided."""
    if a is None or b is None:
        return "one_sided"
    dates = _dates(a, b)
    status_differs = a["status"] != b["status"]
    if dates == "differ":
        return "disagree_date_and_status" if status_differs else "disagree_date"
    if status_differs:
        return "disagree_status"
    return "agree_precision_differs" if dates == "precision" else "agree"


def _dates(a: Row, b: Row) -> str:
    """same, precision (consistent at different precisions: one contains the other) or differ;
    same when either side has no readable date (nothing to compare)."""
    x, y = a["established"], b["established"]
    if not x or not y or x == y:
        return "same"
    return "precision" if x.startswith(y) or y.startswith(x) else "differ"


def _side(side: str, says: Row | None) -> Row:
    if says is None:
        return {f"{side}_{name}": None for name in ("established", "established_precision", "status", "relation_id")}
    return {
        f"{side}_established": says["established"],
        f"{side}_established_precision": says["established_precision"],
        f"{side}_status": says["status"],
        f"{side}_relation_id": says["relation_id"],
    }
