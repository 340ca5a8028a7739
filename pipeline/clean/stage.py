"""Clean stage: raw records -> tidy tables (normalised names, codes, dates). This module runs the
steps in order for each document (`document_rows`) and joins the documents' rows into the
package's tables (`table_rows`); the rows are made by the modules it names, the frames by
`frames.py`, the CSV files of `pipeline clean` by `csv_files.py`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from pipeline.clean import ids
from pipeline.clean.citations import citation_rows, reference_rows
from pipeline.clean.countries import CountryMatch
from pipeline.clean.derived import coded, derived_rows, fact_sheet_tables, relation_change_rows
from pipeline.clean.dyads import COLUMNS as DYAD_COLUMNS
from pipeline.clean.dyads import dyads
from pipeline.clean.established_events import with_list_events
from pipeline.clean.facts import events, memberships
from pipeline.clean.frames import CLEANED, Rows, as_frames
from pipeline.clean.mission_statements import missions_and_statements
from pipeline.clean.missions import missions
from pipeline.clean.prose import article_sentences, fact_sheet_sentences
from pipeline.clean.relations import bilateral_relations, diplomatic_relations, relation_tables
from pipeline.clean.source_rows import article_subject, source_row
from pipeline.clean.successors import with_predecessors
from pipeline.clean.unread import unread_rows
from pipeline.errors import InputError
from pipeline.extract.stage import Extracted, extract_document
from pipeline.parse_guard import refused_when_tangled
from pipeline.processes import in_order
from pipeline.sources import Source


def clean(extracted: list[Extracted]) -> dict[str, pd.DataFrame]:
    """Every table of the package (but the quality findings), typed by the schema."""
    return as_frames(table_rows(document_rows(item) for item in extracted))


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
    """(table, rows) in the package's row order, checked against the schema: each document's
    rows as it comes, then the fact sheets' events, which are about the subject of the article
    beside them (when the seeds hold exactly one subject), then the dyads of all the articles.
    `clean` and `csv_files.save` both read this, and each checks the rows against the schema as
    it takes them (`as_frame`, `save`)."""
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
