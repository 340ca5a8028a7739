"""Clean stage: raw records -> tidy tables (normalised names, codes, dates). This module runs the
steps in order for each document (`document_rows`) and joins the documents' rows into the
package's tables (`table_rows`); the rows are made by the modules it names, the frames by
`frames.py`, the CSV files of `pipeline clean` by `csv_files.py`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pandas as pd

from pipeline.clean import ids
from pipeline.clean.citations import citation_rows, reference_rows
from pipeline.clean.derived import derived_rows, relation_change_rows
from pipeline.clean.established_events import with_list_events
from pipeline.clean.facts import events, memberships
from pipeline.clean.frames import CLEANED, Part, Rows, as_frames, part
from pipeline.clean.mission_statements import missions_and_statements
from pipeline.clean.missions import missions
from pipeline.clean.prose import article_sentences, fact_sheet_sentences
from pipeline.clean.relations import bilateral_relations, diplomatic_relations, relation_tables
from pipeline.clean.source_rows import article_subject, source_row
from pipeline.clean.successors import with_predecessors
from pipeline.clean.tables_joined import DocumentTables, document_tables, joined
from pipeline.clean.unread import unread_rows
from pipeline.extract.stage import Extracted, extract_document
from pipeline.parse_guard import refused_when_tangled
from pipeline.processes import in_order
from pipeline.sources import Source


def clean(extracted: list[Extracted]) -> dict[str, pd.DataFrame]:
    """Every table of the package (but the quality findings), typed by the schema."""
    return as_frames(table_parts(document_tables(document_rows(item), part) for item in extracted))


def cleaned_documents(sources: list[Source], jobs: int = 1) -> Iterator[dict[str, Rows]]:
    """Each document's rows, in document order, extracted and cleaned one at a time (in
    `jobs` processes): a document's text and parse tree are dropped once its rows are made."""
    return in_order(_extract_and_clean, sources, jobs, lambda source: str(source.path))


def _extract_and_clean(source: Source) -> dict[str, Rows]:
    return document_rows(extract_document(source))


def document_rows(item: Extracted) -> dict[str, Rows]:
    """The rows one document gives each table; markup too tangled to parse stops the build (exit 65)."""
    with refused_when_tangled(item.document.source.path):
        return _document_rows(item)


def _document_rows(item: Extracted) -> dict[str, Rows]:
    rows: dict[str, Rows] = {name: [] for name in CLEANED}
    rows["sources"].append(source_row(item))
    if item.document.format == "plain-text":
        rows["fact_sheet_sentences"] = fact_sheet_sentences(item)
        return rows
    subject = article_subject(item)
    key = ids.article_key(subject.iso3 or "", item.document.source.fact("edition"))
    listing, bilateral, unread = relation_tables(item)
    rows["unread_rows"] = unread_rows(item, unread, key)
    listed = with_predecessors(diplomatic_relations(item, subject, listing))
    rows["diplomatic_relations"] = ids.with_relation_ids(listed, "relation", "relation_id", key)
    if bilateral is not None:
        noted = with_predecessors(bilateral_relations(item, subject, bilateral))
        rows["bilateral_relations"] = ids.with_relation_ids(noted, "bilateral", "bilateral_id", key)
    rows["diplomatic_relations"] = with_list_events(rows["diplomatic_relations"], rows["bilateral_relations"])
    rows["relation_changes"] = relation_change_rows(rows)
    rows["article_references"] = reference_rows(item)
    sentences = article_sentences(item, bilateral)
    rows["memberships"] = ids.with_membership_ids(memberships(sentences, subject), key)
    rows["missions"], rows["mission_statements"] = missions_and_statements(missions(sentences, subject), key)
    rows["events"] = events(sentences, subject, key)
    rows["citations"] = ids.with_citation_ids(citation_rows(item, listing, bilateral, rows))
    return rows | derived_rows(rows)


def table_rows(documents: Iterable[dict[str, Rows]]) -> Iterator[tuple[str, Rows]]:
    """(table, rows) in the package's row order (`tables_joined.joined`), with their state
    numbers: what `csv_files.save` writes, checking the rows against the schema as it takes them."""
    return joined((document_tables(rows, _kept) for rows in documents), _kept)


def table_parts(documents: Iterable[DocumentTables]) -> Iterator[tuple[str, Part]]:
    """(table, part) in the package's row order, from each document's tables as columns
    (`document_tables(rows, frames.part)`, made where it was cleaned): what `frames.as_frames` reads."""
    return joined(documents, part)


def _kept(name: str, rows: Rows) -> Rows:
    return rows
