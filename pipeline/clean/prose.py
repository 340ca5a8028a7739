"""Sentences of a document: where prose sits (lead, sections, table notes, fact sheets),
split into sentences, each with its plain text and its byte span in the seed."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from pipeline.clean.relations import main_article_pointer_end
from pipeline.clean.wikitext import plain_text
from pipeline.extract.raw_tables import RawTable
from pipeline.extract.sentences import split_sentences
from pipeline.extract.stage import Extracted


@dataclass(frozen=True)
class ProseSentence:
    """A sentence as plain text, its wikitext, where it is, and the table row it notes (if any)."""

    text: str
    wikitext: str
    section: str
    source_id: str
    source_start: int
    source_end: int
    partner_row: str | None = None  # the partner cell of the bilateral row whose notes hold it


def article_sentences(item: Extracted, bilateral: RawTable | None) -> list[ProseSentence]:
    """Prose outside tables (lead and sections), then the notes of the bilateral table."""
    out = []
    tables = sorted((t.start, t.end) for t in item.tables)
    for start, end in _outside(0, len(item.wikitext), tables):
        out += _sections_split(item, start, end)
    if bilateral is not None:
        for row in bilateral.rows:
            if len(row.cells) < 3:
                continue
            notes = row.cells[2]
            begin = notes.start + main_article_pointer_end(notes.text)  # "See [[...]]" is no prose
            for s in split_sentences(item.wikitext, begin, notes.end):
                out.append(_sentence(item, s.start, s.end, bilateral.section, row.cells[0].text))
    return [s for s in out if s.text]


def fact_sheet_sentences(item: Extracted) -> list[ProseSentence]:
    """The sentences extract found in a plain-text document, its page furniture left out."""
    assert item.byte_map is not None
    text = item.document.text
    return [
        ProseSentence(
            " ".join(text[start:end].split()),
            text[start:end],
            "",
            item.source_id,
            item.byte_map(start),
            item.byte_map(end),
        )
        for start, end in item.sentences
    ]


def _sections_split(item: Extracted, start: int, end: int) -> list[ProseSentence]:
    """Sentences of text[start:end], each tagged with its section; headings left out."""
    out = []
    cuts = [(at, title) for title, at in item.sections if start <= at < end]
    bounds = [start] + [at for at, _ in cuts] + [end]
    for a, b in itertools.pairwise(bounds):
        if a != start:  # skip the heading line itself
            newline = item.wikitext.find("\n", a, b)
            a = b if newline < 0 else newline + 1
        section = item.section_at(a)
        out += [_sentence(item, s.start, s.end, section, None) for s in split_sentences(item.wikitext, a, b)]
    return out


def _sentence(item: Extracted, start: int, end: int, section: str, partner_row: str | None) -> ProseSentence:
    wikitext = item.wikitext[start:end]
    return ProseSentence(
        plain_text(wikitext),
        wikitext,
        section,
        item.source_id,
        item.byte_offset(start),
        item.byte_offset(end),
        partner_row,
    )


def _outside(start: int, end: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, end) minus the holes."""
    spans, position = [], start
    for a, b in holes:
        if a > position:
            spans.append((position, a))
        position = max(position, b)
    if position < end:
        spans.append((position, end))
    return spans
