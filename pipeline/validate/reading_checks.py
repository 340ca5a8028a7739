"""Checks on what the reader could not read: relations tables kept unread, and asides
beside a date that the status vocabulary does not know."""

from __future__ import annotations

import pandas as pd

from pipeline.clean.relations import unknown_status_words
from pipeline.columns import values
from pipeline.validate.findings import Finding, finding, row_key

Tables = dict[str, pd.DataFrame]
RELATIONS = ("diplomatic_relations", "bilateral_relations")


def unread_tables(tables: Tables) -> list[Finding]:
    """One error per table (and reason) whose rows are kept unread, on its first such row."""
    out = []
    frame = tables["unread_rows"]
    for _, group in frame.groupby(["source_id", "table_number", "reason"], sort=False):
        first = group.index[0]
        section, columns = frame.at[first, "section"], frame.at[first, "header_labels"]
        where = f"table {frame.at[first, 'table_number']}" + (f" in section {section!r}" if pd.notna(section) else "")
        message = (
            f"{where} (columns: {columns if pd.notna(columns) else 'none'}): {frame.at[first, 'reason']}; "
            f"{len(group)} row(s) kept as written in unread_rows, not read"
        )
        out.append(
            finding("unread_table", "unread_rows", row_key(frame, first, "unread_rows"), "row_raw", None, message)
        )
    return out


def unknown_status_words_found(tables: Tables) -> list[Finding]:
    """A warning per aside a row's status may have skipped (`unknown_status_words`)."""
    out = []
    for name in RELATIONS:
        frame = tables[name]
        for index, date_cell, partner_cell in zip(
            frame.index, values(frame["established_raw"]), values(frame["partner_raw"]), strict=True
        ):
            for aside in unknown_status_words(str(date_cell), str(partner_cell)):
                partner, status = frame.at[index, "partner"], frame.at[index, "status"]
                message = (
                    f"{partner}: {aside!r} beside the date is no word of the status vocabulary; "
                    f"the status stays {status}, as the words read before it leave it"
                )
                out.append(finding("unknown_status_word", name, row_key(frame, index, name), "status", aside, message))
    return out


def reading_findings(tables: Tables) -> list[Finding]:
    return [*unread_tables(tables), *unknown_status_words_found(tables)]
