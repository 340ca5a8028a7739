"""Prose -> sentences, each with its character span, for the facts read from text.

Wikitext is split where a sentence ends at the top level (outside templates, links and
references) and the next one starts: `. ` then a capital, a link or a bullet. The plain
text of each sentence is made afterwards, so every sentence keeps the exact span of the
wikitext it came from. Comments and `<ref>` tags are found by the references' scanner
(one definition of where they are, linear time); nothing inside them counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.extract.references import tag_spans

# Words after which a period does not end a sentence ("U.S.", "Mr.", "Cdn.$22m.", "p. 7").
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "lieut",
    "gen",
    "col",
    "no",
    "p",
    "pp",
    "vol",
    "cdn",
    "u.s",
    "d.c",
    "e.g",
    "i.e",
    "vs",
    "jr",
    "sr",
}
_TOKEN = re.compile(r"\{\{|\}\}|\[\[|\]\]|\n|[.!?]")
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")  # a template without nested ones


@dataclass(frozen=True)
class Sentence:
    """A sentence's span in the text."""

    start: int
    end: int


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Sentences of text[start:end], in order; bullets and lines are always separate."""
    out = []
    begin = start
    for cut in _boundaries(text, start, end):
        out += _trimmed(text, begin, cut)
        begin = cut
    out += _trimmed(text, begin, end)
    return out


def _boundaries(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets where a new sentence starts."""
    tags = tag_spans(text, start, end)
    refs = {a: b for a, b, is_ref in tags if is_ref}
    depth, hidden, upcoming = 0, start, iter(tags)
    tag = next(upcoming, None)
    for match in _TOKEN.finditer(text, start, end):
        while tag is not None and tag[0] < match.start():  # comments and refs before this token
            hidden = tag[1]
            if tag[2] and depth == 0 and _capital_follows(text, tag[1], end):
                yield tag[1]  # "... on 20 August 1960<ref>...</ref> Mali has ...": the ref ends a sentence
            tag = next(upcoming, None)
        if match.start() < hidden:
            continue
        token = match.group(0)
        if token in ("{{", "[["):
            depth += 1
        elif token in ("}}", "]]"):
            depth = max(0, depth - 1)
        elif token == "\n":
            if depth == 0:
                yield match.end()
        elif depth == 0 and _ends_sentence(text, match.start(), end, refs):
            yield _after_annotations(text, match.end(), end, refs)
    for _, tag_end, is_ref in [tag, *upcoming] if tag is not None else []:
        if is_ref and depth == 0 and _capital_follows(text, tag_end, end):
            yield tag_end


def _ends_sentence(text: str, at: int, end: int, refs: dict[int, int]) -> bool:
    """A period at `at` ends a sentence: a space (after any refs), then a capital or a link."""
    nxt = _after_annotations(text, at + 1, end, refs)
    if nxt > at + 1 and nxt < end and text[nxt].isupper():
        return True  # "credentials.<ref>...</ref>In 2024, ...": the article left out the space
    if nxt >= end or text[nxt : nxt + 1] not in (" ", "\n"):
        return False
    following = text[nxt + 1 : nxt + 3]
    if not (following[:1].isupper() or following in ("[[", "''", "{{") or following[:1] in "*#\"'"):
        return False
    word = re.search(r"([\w.]+)$", text[max(0, at - 12) : at])
    return not (word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1))


def _capital_follows(text: str, at: int, end: int) -> bool:
    """A space and then a capital letter (or a link) right after `at`."""
    return at + 2 < end and text[at] == " " and (text[at + 1].isupper() or text.startswith("[[", at + 1))


def _after_annotations(text: str, at: int, end: int, refs: dict[int, int]) -> int:
    """Where a sentence ends: after the `<ref>` tags (`refs`: start -> end) and templates written
    right after its last character (footnotes, maintenance tags such as {{cn}}: any template
    without nested ones), which belong to it."""
    while at < end:
        if at in refs:
            at = refs[at]
            continue
        match = _TEMPLATE.match(text, at)
        if not match:
            return at
        at = match.end()
    return at


def _trimmed(text: str, start: int, end: int) -> list[Sentence]:
    """The span without surrounding whitespace and bullet marks; nothing when empty."""
    while start < end and text[start] in " \n*#:":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    return [Sentence(start, end)] if end > start else []
