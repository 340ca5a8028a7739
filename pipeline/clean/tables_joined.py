"""Each document's tables as they leave the process that cleaned it (`document_tables`), and the
documents' tables joined in the package's row order (`joined`), with what comes of them all: the
dyads and the fact sheets' events. `stage.table_rows` joins rows (`pipeline clean`'s CSV files),
`stage.table_parts` columns (`frames.Part`: the frames of `build`, from `--jobs` workers)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

import pandas as pd

from pipeline.clean import ids
from pipeline.clean.countries import CountryMatch
from pipeline.clean.derived import coded, fact_sheet_tables
from pipeline.clean.dyads import COLUMNS as DYAD_COLUMNS
from pipeline.clean.dyads import dyads
from pipeline.clean.facts import events
from pipeline.clean.frames import CLEANED, Rows
from pipeline.errors import InputError

Made = Callable[[str, Rows], Any]  # a table's rows as they travel: kept as rows, or `frames.part`


class Article(NamedTuple):
    """A document's article: its key (the first part of its rows' ids, `ids.article_key`), and
    for the error about a second article with that key, its file, subject and edition."""

    key: str
    path: str
    subject: str
    edition: str | None


class DocumentTables(NamedTuple):
    """What one document gives the package: each CLEANED table's rows, with their state numbers
    (`coded`), as `Made` makes them; its article; its subjects (code -> name); what it says of
    its partners (the dyads' input, from a subject's own article only); its fact sheet sentences."""

    tables: dict[str, Any]
    article: Article | None
    subjects: dict[str, str]
    stated: list[tuple[Any, ...]]
    fact_sheet: Rows


def document_tables(rows: dict[str, Rows], made: Made) -> DocumentTables:
    """A document's rows (`stage.document_rows`) as `DocumentTables`."""
    tables = {name: made(name, coded(name, rows.get(name, []))) for name in CLEANED}
    article, relations = _article(rows), rows["diplomatic_relations"]
    subjects = {row["subject_iso3"]: row["subject"] for row in relations}
    own = article is not None and not ids.is_edition(article.key)  # the dyads compare each subject's article only
    stated = [tuple(row[column] for column in DYAD_COLUMNS) for row in relations] if own else []
    return DocumentTables(tables, article, subjects, stated, rows.get("fact_sheet_sentences", []))


def joined(documents: Iterable[DocumentTables], made: Made) -> Iterator[tuple[str, Any]]:
    """(table, its rows as `made` makes them) in the package's row order: each document's as it
    comes, then the dyads of all the articles, then the fact sheets' events, which are about the
    subject of the article beside them (when the seeds hold exactly one subject)."""
    subjects: dict[str, str] = {}
    fact_sheets: list[Rows] = []
    stated: list[tuple[Any, ...]] = []
    articles: dict[str, str] = {}  # article key -> its file: one article per key
    for document in documents:
        _one_article_per_key(document.article, articles)
        yield from document.tables.items()
        subjects |= document.subjects
        stated += document.stated
        fact_sheets.append(document.fact_sheet)
    yield "dyads", made("dyads", coded("dyads", dyads(pd.DataFrame(stated, columns=DYAD_COLUMNS))))
    if len(subjects) == 1:
        ((iso3, name),) = subjects.items()
        for sentences in fact_sheets:
            for table, rows in fact_sheet_tables(events(sentences, CountryMatch(name, iso3, "article"))):
                yield table, made(table, rows)


_KEYED = {"diplomatic_relations": "relation_id", "bilateral_relations": "bilateral_id"}
_KEYED |= {"memberships": "membership_id", "missions": "mission_id", "events": "event_id"}


def _article(rows: dict[str, Rows]) -> Article | None:
    """The document's `Article`, from its first row with an id (None for a document with none)."""
    keyed = next(([row, column] for name, column in _KEYED.items() for row in rows.get(name, [])[:1]), None)
    if keyed is None:
        return None
    (row, column), source = keyed, next(iter(rows.get("sources", [])), {})
    path = source.get("path", row["source_id"])
    return Article(ids.article_of(row[column]), path, row["subject"], source.get("edition"))


def _one_article_per_key(article: Article | None, articles: dict[str, str]) -> None:
    """InputError for a second article with the key of another: its rows would take the other's ids."""
    if article is None:
        return
    if article.key in articles:
        raise InputError(
            article.path,
            "title",
            f"a second article about {article.subject}"
            + (f" in edition {article.edition!r}" if article.edition else "")
            + f" (the first is {articles[article.key]}): its rows would take the same ids",
            "name each further edition of the article in seeds/sources.toml "
            '(edition = "fr", a language or revision), or build each in a package of its own',
        )
    articles[article.key] = article.path
