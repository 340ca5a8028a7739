"""The rows of relations tables the reader cannot read, kept as written (`unread_rows`).

A table under a relations heading with no column of partners or of dates, or a row whose
cells do not fill its table's columns, is not guessed at: each of its rows is kept with its
wikitext, its place and why it was not read, and the checks report it (`unread_table`).
"""

from __future__ import annotations

from typing import Any

from pipeline.clean.relation_tables import Unread
from pipeline.extract.stage import Extracted


def unread_rows(item: Extracted, unread: list[Unread], key: str) -> list[dict[str, Any]]:
    """One row per row not read, in document order; its id is the article's key, the table's
    number among the article's tables and the row's position in its table."""
    return [
        {
            "unread_id": f"{key}/unread/{found.table_number}/{found.row.index + 1}",
            "source_id": item.source_id,
            "section": found.table.section or None,
            "table_number": found.table_number,
            "position": found.row.index + 1,
            "header_labels": " | ".join(found.table.header) or None,
            "reason": found.reason,
            "row_raw": item.wikitext[found.row.start : found.row.end],
            "source_start": item.byte_offset(found.row.start),
            "source_end": item.byte_offset(found.row.end),
        }
        for found in unread
    ]
