"""Extract stage: seed documents -> raw records (verbatim wikitext cells, byte spans).

An article is read whole by mwparserfromhell's tokenizer once, for its tables and section
headings, with its plain templates masked where that leaves the same tables and headings
(`masked_parse.py`); the layout is read from the tokens (`token_tables.py`), the tree built of
them only where the tokens cannot vouch for that reading (`wikitables.py`). The rest
is found by linear scans of the wikitext: `<ref>` tags, whose contents are parsed one by one
only when they are not a plain cite template (`references.py`), and maintenance tags
(`markup.py`). A plain-text document is split into
sentences, and the relations they say were established are read from them (`fact_sheet.py`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.errors import InputError
from pipeline.extract.documents import ByteMap, Document, read_document
from pipeline.extract.fact_sheet import EstablishedClaim, established_claims, fact_sheet_sentences
from pipeline.extract.linebreaks import restore_line_breaks
from pipeline.extract.markup import MaintenanceTag, first_unclosed, maintenance_tags
from pipeline.extract.raw_tables import IncompleteParse, RawTable
from pipeline.extract.references import Reference, RefOccurrence, build_reference_registry
from pipeline.extract.wikitables import tables_and_headings
from pipeline.files import write_file
from pipeline.parse_guard import refused_when_tangled
from pipeline.sources import Source


@dataclass(frozen=True)
class Extracted:
    """What one document yields before cleaning. Spans of an article are character offsets
    into `wikitext` (`byte_offset` turns them into byte offsets in the seed file); spans of a
    plain-text document are character offsets into its text (`byte_map` turns those)."""

    document: Document
    wikitext: str  # the article with its line breaks restored (empty for plain text)
    tables: list[RawTable] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    occurrences: list[RefOccurrence] = field(default_factory=list)
    sections: list[tuple[str, int]] = field(default_factory=list)
    byte_map: ByteMap | None = None
    maintenance: list[MaintenanceTag] = field(default_factory=list)  # an article's maintenance tags
    sentences: list[tuple[int, int]] = field(default_factory=list)  # a plain-text document's sentences
    claims: list[EstablishedClaim] = field(default_factory=list)  # relations its sentences say were established

    @property
    def source_id(self) -> str:
        return self.document.source.source_id

    def byte_offset(self, index: int) -> int:
        """Byte offset in the seed file of character `index` of `wikitext`."""
        assert self.byte_map is not None
        return self.byte_map(self.document.body_start + index)

    def unclosed_markup(self) -> tuple[str, int] | None:
        """(what, byte offset) of the innermost `{{`, `[[`, `<ref>` or table the article leaves
        open, or None: where to look when a table the article should have is not found."""
        unclosed = first_unclosed(self.wikitext)
        return (unclosed[0], self.byte_offset(unclosed[1])) if unclosed else None

    def section_at(self, index: int) -> str:
        """Heading of the section that character `index` of `wikitext` is in."""
        current = ""
        for title, start in self.sections:
            if start > index:
                break
            current = title
        return current


def extract(sources: list[Source]) -> list[Extracted]:
    """Extract every seed document."""
    return [extract_document(source) for source in sources]


def extract_document(source: Source) -> Extracted:
    """Read one document: an article's tables, references and maintenance tags, or a plain-text
    document's sentences and the relations they say were established."""
    document = read_document(source)
    byte_map = ByteMap(document.text, document.bom)
    if document.format == "plain-text":
        sentences = fact_sheet_sentences(document.text)
        claims = established_claims(document.text, sentences)
        return Extracted(document, "", byte_map=byte_map, sentences=sentences, claims=claims)
    body = document.body
    wikitext = restore_line_breaks(body) if document.format == "mediawiki-edit-page" else body
    with refused_when_tangled(document.source.path, lambda offset: byte_map(document.body_start + offset)):
        tables, sections = _tables(document, wikitext, byte_map)
    with refused_when_tangled(document.source.path):  # a reference's content, parsed alone
        references, occurrences = build_reference_registry(wikitext)
    return Extracted(
        document, wikitext, tables, references, occurrences, sections, byte_map, maintenance_tags(wikitext)
    )


def _tables(document: Document, wikitext: str, byte_map: ByteMap) -> tuple[list[RawTable], list[tuple[str, int]]]:
    """The article's tables and section headings, from the one parse of the whole article;
    a parse that stops short of the end, or a table that never closes, raises InputError."""
    path = str(document.source.path)
    try:
        tables, sections = tables_and_headings(wikitext)
    except IncompleteParse as stop:
        raise InputError(
            path,
            f"byte {byte_map(document.body_start + stop.offset)}",
            "the wikitext parser stops reading here, so the rest of the article would be lost",
            "look for a stray control character or broken markup at that place",
        ) from None
    unclosed = [table for table in tables if not table.closed]
    if unclosed:
        raise InputError(
            path,
            f"table in section {unclosed[0].section!r}",
            "the table never closes (no '|}'): the document is truncated",
            "use a complete copy of the article",
        )
    return tables, sections


def save(extracted: list[Extracted], out: Path) -> list[Path]:
    """Write each document's raw records as JSON (byte spans), for people to inspect."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for item in extracted:
        path = out / f"{item.source_id}.json"
        write_file(path, json.dumps(raw_records(item), ensure_ascii=False, indent=1) + "\n")
        written.append(path)
    return written


def raw_records(item: Extracted) -> dict[str, object]:
    """The raw records of a document with spans as byte offsets in the seed file."""

    def span(start: int, end: int) -> dict[str, int]:
        return {"source_start": item.byte_offset(start), "source_end": item.byte_offset(end)}

    return {
        "source_id": item.source_id,
        "format": item.document.format,
        "title": item.document.title,
        "article": {
            "source_start": item.byte_map(item.document.body_start),
            "source_end": item.byte_map(item.document.body_end),
        }
        if item.byte_map
        else None,
        "tables": [
            {
                "section": table.section,
                "header": list(table.header),
                **span(table.start, table.end),
                "rows": [
                    {
                        "index": row.index,
                        "attributes": row.attributes,
                        **span(row.start, row.end),
                        "cells": [{"text": cell.text, **span(cell.start, cell.end)} for cell in row.cells],
                    }
                    for row in table.rows
                ],
            }
            for table in item.tables
        ],
        "references": [{**asdict(ref), **span(ref.start, ref.end)} for ref in item.references],
    }
