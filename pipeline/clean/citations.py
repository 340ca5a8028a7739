"""A document's references and citations: one row per distinct reference, and one per <ref> tag
with the table row and column it supports (the cell it sits in, else the sentence it closes)."""

from __future__ import annotations

import bisect
from dataclasses import fields

from pipeline.clean import ids
from pipeline.clean.dates import written_date_fields
from pipeline.clean.frames import Rows
from pipeline.extract.raw_tables import RawTable
from pipeline.extract.references import Reference
from pipeline.extract.stage import Extracted
from pipeline.schema import BY_NAME

_REFERENCE_FIELDS = tuple(f.name for f in fields(Reference))


def reference_rows(item: Extracted) -> Rows:
    """One row per distinct reference, byte spans in the seed file."""
    rows, source_id, offset = [], item.source_id, item.byte_offset
    for ref in item.references:
        row = {"source_id": source_id, **{name: getattr(ref, name) for name in _REFERENCE_FIELDS}}
        row["source_start"], row["source_end"] = offset(row.pop("start")), offset(row.pop("end"))
        row |= written_date_fields("date", row.pop("date")) | written_date_fields("access_date", row.pop("access_date"))
        rows.append({"reference_id": ids.reference_id(source_id, row["ref_id"]), **row})
    return rows


def citation_rows(item: Extracted, listing: RawTable, bilateral: RawTable | None, facts: dict[str, Rows]) -> Rows:
    """One row per <ref> tag: the reference and the table row and column it supports (a
    table cell; else the event or membership whose sentence the tag closes)."""
    cells = sorted(_cell_owners(listing, bilateral, facts))  # disjoint spans
    cell_starts = [cell[0] for cell in cells]
    sentences = _sentence_owners(facts)
    rows, source_id, offset = [], item.source_id, item.byte_offset
    for occurrence_number, occurrence in enumerate(item.occurrences, start=1):
        at = bisect.bisect_right(cell_starts, occurrence.start) - 1
        owner = cells[at] if at >= 0 and occurrence.start < cells[at][1] else None
        start = offset(occurrence.start)
        if owner is None:
            owner = next((o for o in sentences if o[0] <= start < o[1]), None)
        rows.append(
            {
                "source_id": source_id,
                "occurrence": occurrence_number,
                "ref_id": occurrence.ref_id,
                "reference_id": ids.reference_id(source_id, occurrence.ref_id),
                "is_definition": occurrence.is_definition,
                "resource": owner[2] if owner else None,
                "row_id": owner[3] if owner else None,
                "field": owner[4] if owner else None,
                "section": item.section_at(occurrence.start),
                "source_start": start,
                "source_end": offset(occurrence.end),
            }
        )
    return rows


def _sentence_owners(facts: dict[str, Rows]) -> list[tuple[int, int, str, str, str]]:
    """(byte start, byte end, resource, row id, field) of the sentences events and memberships come from."""
    return [
        (row["source_start"], row["source_end"], name, BY_NAME[name].row_key(row), "statement")
        for name in ("events", "memberships")
        for row in facts[name]
    ]


def _cell_owners(
    listing: RawTable, bilateral: RawTable | None, facts: dict[str, Rows]
) -> list[tuple[int, int, str, str, str]]:
    """(start, end, resource, row id, field) of every cell a citation can sit in (a table's
    rows and its raw rows are in the same order)."""
    owners = []
    tables = [(listing, "diplomatic_relations", ("row_number_raw", "partner_raw", "established_raw"))]
    if bilateral is not None:
        tables.append((bilateral, "bilateral_relations", ("partner_raw", "established_raw", "notes_raw")))
    for table, name, columns in tables:
        for row, made in zip(table.rows, facts[name], strict=True):
            key = BY_NAME[name].row_key(made)
            for cell, column in [
                *zip(row.cells, columns, strict=False),
                *((c, "extra") for _, c in getattr(row, "extra", ())),
            ]:
                owners.append((cell.start, cell.end, name, key, column))
    return owners
