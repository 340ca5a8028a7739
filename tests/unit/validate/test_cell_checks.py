"""The checks of every text cell (`table_checks.formula_like_cells`, `invisible_cells`) on a
table made by hand: which cells they flag, whatever the cell's neighbours or its row."""

from __future__ import annotations

import pandas as pd

from pipeline.schema import BY_NAME
from pipeline.validate.findings import CHECKS
from pipeline.validate.table_checks import formula_like_cells, numbering

ORGANIZATIONS = ["=SUM(A1)", "+1", "-x", "@a", "a=b", "", None, " =x", "＝x"]


def memberships(organizations: list[str | None]) -> pd.DataFrame:
    table = BY_NAME["memberships"]
    rows = [
        {"membership_id": f"XXX/membership/{number}", "organization": organization, "subject": "X"}
        for number, organization in enumerate(organizations, start=1)
    ]
    return pd.DataFrame(rows, columns=table.field_names).astype(table.pandas_dtypes())


def test_cells_starting_as_a_formula_are_flagged_and_no_other():
    found = formula_like_cells({"memberships": memberships(ORGANIZATIONS)})
    words = CHECKS["formula_like_cell"][1]
    assert sorted((f.row_key, f.field, f.value, f.message) for f in found) == [
        (f"XXX/membership/{n}", "organization", value, f"XXX/membership/{n}: {words}")
        for n, value in ((1, "=SUM(A1)"), (2, "+1"), (3, "-x"), (4, "@a"))
    ]


def relations(rows: list[tuple[str, str, int | None]]) -> pd.DataFrame:
    table = BY_NAME["diplomatic_relations"]
    records = [
        {"relation_id": relation_id, "source_id": source_id, "row_number": number, "partner": f"P{position}"}
        for position, (source_id, relation_id, number) in enumerate(rows)
    ]
    return pd.DataFrame(records, columns=table.field_names).astype(table.pandas_dtypes())


def test_numbering_finds_each_articles_repeated_and_missing_numbers_apart():
    frame = relations(
        [
            ("a", "AAA/relation/X", 1),
            ("b", "BBB/relation/X", 2),
            ("a", "AAA/relation/Y", 1),
            ("a", "AAA/relation/Z", 4),
            ("b", "BBB/relation/Y", None),
            ("c", "CCC/relation/X", None),
        ]
    )
    found = sorted((f.check, f.row_key, f.value, f.message) for f in numbering({"diplomatic_relations": frame}))
    repeated = CHECKS["duplicate_row_number"][1]
    assert found == [
        ("duplicate_row_number", "AAA/relation/X", "1", f"P0: {repeated}"),
        ("duplicate_row_number", "AAA/relation/Y", "1", f"P2: {repeated}"),
        ("row_number_gap", "AAA", "2", "AAA: row number 2 never appears (numbers run 1 to 4)"),
        ("row_number_gap", "AAA", "3", "AAA: row number 3 never appears (numbers run 1 to 4)"),
        ("row_number_gap", "BBB", "1", "BBB: row number 1 never appears (numbers run 1 to 2)"),
    ]
