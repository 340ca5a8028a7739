"""Clean stage: raw records -> tidy tables (normalised names, codes, dates)."""

from __future__ import annotations

import bisect
import csv
import multiprocessing
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import fields
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.clean import ids
from pipeline.clean.countries import CountryMatch, subject_from_title
from pipeline.clean.dates import written_date_fields
from pipeline.clean.derived import coded, derived_rows, fact_sheet_tables, relation_change_rows
from pipeline.clean.dyads import COLUMNS as DYAD_COLUMNS
from pipeline.clean.dyads import dyads
from pipeline.clean.established_events import with_list_events
from pipeline.clean.facts import events, memberships
from pipeline.clean.frames import CLEANED as CLEANED
from pipeline.clean.frames import as_frame as as_frame
from pipeline.clean.frames import as_frames
from pipeline.clean.mission_statements import missions_and_statements
from pipeline.clean.missions import missions
from pipeline.clean.prose import article_sentences, fact_sheet_sentences
from pipeline.clean.relations import bilateral_relations, diplomatic_relations, relation_tables
from pipeline.clean.successors import with_predecessors
from pipeline.clean.unread import unread_rows
from pipeline.errors import InputError
from pipeline.extract.references import Reference
from pipeline.extract.stage import Extracted, extract_document
from pipeline.extract.wikitables import RawTable
from pipeline.files import file_writer
from pipeline.parse_guard import refused_when_tangled
from pipeline.schema import BY_NAME
from pipeline.sources import Source

Rows = list[dict[str, Any]]
_REFERENCE_FIELDS = tuple(f.name for f in fields(Reference))


def clean(extracted: list[Extracted]) -> dict[str, pd.DataFrame]:
    """Every table of the package (but the quality findings), typed by the schema."""
    return as_frames(table_rows(document_rows(item) for item in extracted))


def cleaned_documents(sources: list[Source], jobs: int = 1) -> Iterator[dict[str, Rows]]:
    """Each document's rows, in document order, extracted and cleaned one at a time (in
    `jobs` processes): a document's text and parse tree are dropped once its rows are made."""
    if jobs <= 1:
        yield from map(_extract_and_clean, sources)
        return
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(_extract_and_clean, sources, chunksize=1)


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
    """(table, rows) in the package's row order, checked against the schema: each document's
    rows as it comes, then the fact sheets' events, which are about the subject of the article
    beside them (when the seeds hold exactly one subject), then the dyads of all the articles.
    `clean` and `save` both read this, and each checks the rows against the schema as it takes
    them (`as_frame`, `save`)."""
    subjects: dict[str, str] = {}
    fact_sheets: list[Rows] = []
    stated: list[tuple[Any, ...]] = []  # what each article says of its partners: the dyads' input
    articles: dict[str, str] = {}  # article key -> its file: one article per key (`ids.article_key`)
    for rows in documents:
        key = _one_article_per_key(rows, articles)
        for name in CLEANED:
            yield name, coded(name, rows.get(name, []))
        subjects |= {row["subject_iso3"]: row["subject"] for row in rows["diplomatic_relations"]}
        if key is not None and not ids.is_edition(key):  # the dyads compare each subject's article only
            stated += [tuple(row[column] for column in DYAD_COLUMNS) for row in rows["diplomatic_relations"]]
        fact_sheets.append(rows.get("fact_sheet_sentences", []))
    yield "dyads", coded("dyads", dyads(pd.DataFrame(stated, columns=DYAD_COLUMNS)))
    if len(subjects) == 1:
        ((iso3, name),) = subjects.items()
        for sentences in fact_sheets:
            yield from fact_sheet_tables(events(sentences, CountryMatch(name, iso3, "article")))


_KEYED = {"diplomatic_relations": "relation_id", "bilateral_relations": "bilateral_id"}
_KEYED |= {"memberships": "membership_id", "missions": "mission_id", "events": "event_id"}


def _one_article_per_key(rows: dict[str, Rows], articles: dict[str, str]) -> str | None:
    """The document's article key, the first part of its rows' ids (None for a document with
    no such rows); InputError for a second article with the key of another: its rows would
    take the other's ids."""
    keyed = next(([row, column] for name, column in _KEYED.items() for row in rows.get(name, [])[:1]), None)
    if keyed is None:
        return None
    (row, column), source = keyed, next(iter(rows.get("sources", [])), {})
    key, path = ids.article_of(row[column]), source.get("path", row["source_id"])
    if key in articles:
        edition = source.get("edition")
        raise InputError(
            path,
            "title",
            f"a second article about {row['subject']}"
            + (f" in edition {edition!r}" if edition else "")
            + f" (the first is {articles[key]}): its rows would take the same ids",
            "name each further edition of the article in seeds/sources.toml "
            '(edition = "fr", a language or revision), or build each in a package of its own',
        )
    articles[key] = path
    return key


def save(documents: Iterable[dict[str, Rows]], out: Path) -> list[Path]:
    """Write each table as CSV (the package's conventions), a document's rows at a time, so
    that memory does not grow with the number of documents. Same bytes as the package's CSVs."""
    from pipeline.csv_text import csv_record

    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / f"{name}.csv" for name in CLEANED}
    with ExitStack() as stack:
        writers = {}
        for name in CLEANED:
            writers[name] = csv.writer(stack.enter_context(file_writer(paths[name])), lineterminator="\n")
            writers[name].writerow(BY_NAME[name].field_names)
        for name, rows in table_rows(documents):
            fields = BY_NAME[name].fields
            checked = BY_NAME[name].checked_rows(rows)
            writers[name].writerows(csv_record([row.get(field.name) for field in fields], fields) for row in checked)
    return list(paths.values())


def article_subject(item: Extracted) -> CountryMatch:
    """The article's country, from its title ("Foreign relations of Mali" -> Mali, MLI)."""
    title = item.document.title
    try:
        subject = subject_from_title(title or "")
    except ValueError:
        subject = None
    if subject is None or subject.iso3 is None:
        raise InputError(
            str(item.document.source.path),
            "title",
            f"cannot tell the article's country from its title {title!r}",
            'give the document a title like "Foreign relations of <country>" in seeds/sources.toml',
        )
    return subject


def source_row(item: Extracted) -> dict[str, Any]:
    """The `sources` row of a document: manifest facts, file facts, detected format."""
    source = item.document.source
    return {
        "source_id": source.source_id,
        "title": item.document.title,
        "url": source.fact("url"),
        "publisher": source.fact("publisher"),
        "license": source.fact("license"),
        "attribution": source.fact("attribution"),
        "format": item.document.format,
        "path": source.path.name,
        "bytes": len(item.document.data),
        "sha256": item.document.sha256,
        "retrieved": source.fact("retrieved"),
        "revision_not_before": source.fact("revision_not_before"),
        "source_kind": source.kind(),
        "content_date": source.fact("content_date"),
        "content_date_qualifier": source.fact("content_date_qualifier"),
        "edition": source.fact("edition"),
        **source.snapshot_facts(),
        "in_manifest": source.in_manifest,
    }


def reference_rows(item: Extracted) -> Rows:
    """One row per distinct reference, byte spans in the seed file."""
    rows = []
    for ref in item.references:
        row = {"source_id": item.source_id, **{name: getattr(ref, name) for name in _REFERENCE_FIELDS}}
        row["source_start"], row["source_end"] = item.byte_offset(row.pop("start")), item.byte_offset(row.pop("end"))
        row |= written_date_fields("date", row.pop("date")) | written_date_fields("access_date", row.pop("access_date"))
        rows.append({"reference_id": ids.reference_id(item.source_id, row["ref_id"]), **row})
    return rows


def citation_rows(item: Extracted, listing: RawTable, bilateral: RawTable | None, facts: dict[str, Rows]) -> Rows:
    """One row per <ref> tag: the reference and the table row and column it supports (a
    table cell; else the event or membership whose sentence the tag closes)."""
    cells = sorted(_cell_owners(listing, bilateral, facts))  # disjoint spans
    cell_starts = [cell[0] for cell in cells]
    sentences = _sentence_owners(facts)
    rows = []
    for occurrence_number, occurrence in enumerate(item.occurrences, start=1):
        at = bisect.bisect_right(cell_starts, occurrence.start) - 1
        owner = cells[at] if at >= 0 and occurrence.start < cells[at][1] else None
        if owner is None:
            at = item.byte_offset(occurrence.start)
            owner = next((o for o in sentences if o[0] <= at < o[1]), None)
        rows.append(
            {
                "source_id": item.source_id,
                "occurrence": occurrence_number,
                "ref_id": occurrence.ref_id,
                "reference_id": ids.reference_id(item.source_id, occurrence.ref_id),
                "is_definition": occurrence.is_definition,
                "resource": owner[2] if owner else None,
                "row_id": owner[3] if owner else None,
                "field": owner[4] if owner else None,
                "section": item.section_at(occurrence.start),
                "source_start": item.byte_offset(occurrence.start),
                "source_end": item.byte_offset(occurrence.end),
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
