"""Prose -> sentences, each with its character span, for the facts read from text.

Wikitext is split where a sentence ends at the top level (outside templates, links and
references) and the next one starts: `. ` then a capital, a link or a bullet. The plain
text of each sentence is made afterwards, so every sentence keeps the exact span of the
wikitext it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

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
_TOKEN = re.compile(r"<!--|<ref\b|\{\{|\}\}|\[\[|\]\]|\n|[.!?]", re.I)
_REF = re.compile(r"<ref\b", re.I)
_GREATER, _COMMENT_END, _CLOSE = re.compile(">"), re.compile("-->"), re.compile(r"</ref\s*>", re.I)
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")  # a maintenance template, like {{citation needed}}


@dataclass(frozen=True)
class Sentence:
    """A sentence's wikitext span and the section it is in."""

    start: int
    end: int
    section: str


def split_sentences(text: str, start: int, end: int, section: str = "") -> list[Sentence]:
    """Sentences of text[start:end], in order; bullets and lines are always separate."""
    out = []
    begin = start
    for cut in _boundaries(text, start, end):
        out += _trimmed(text, begin, cut, section)
        begin = cut
    out += _trimmed(text, begin, end, section)
    return out


def fact_sheet_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of a plain-text document's paragraphs, leading page furniture left out:
    short lines before the first line that reads as prose (ends with a period)."""
    spans, offset, started = [], 0, False
    for line in text.split("\n"):
        stripped = line.strip()
        if not started and stripped and stripped.endswith((".", "!", "?")) and len(stripped) > 40:
            started = True
        if started and stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((offset + lead, offset + lead + len(stripped)))
        offset += len(line) + 1
    return spans


class _Tags:
    """Where the comments and `<ref>` tags of text[:limit] end. No search is made twice (one
    that found nothing answers every later question), so a text with thousands of tags left
    open is still read in linear time."""

    def __init__(self, text: str, limit: int) -> None:
        self.text, self.limit = text, limit
        self._found: dict[re.Pattern[str], tuple[int, re.Match[str] | None]] = {}  # searched from, found

    def comment_end(self, at: int) -> int | None:
        """The end of the comment `<!--...-->` at `at`, None when it is never closed."""
        close = self._first(_COMMENT_END, at + 4)
        return close.end() if close else None

    def ref_end(self, at: int) -> int | None:
        """The end of the ref tag at `at` (`<ref .../>`, or `<ref ...>` to its `</ref>`), None when it has none."""
        greater = self._first(_GREATER, at + 4)
        if greater is None:
            return None
        if greater.start() > at + 4 and self.text[greater.start() - 1] == "/":
            return greater.end()
        close = self._first(_CLOSE, greater.end())
        return close.end() if close else None

    def _first(self, pattern: re.Pattern[str], at: int) -> re.Match[str] | None:
        """The first match of `pattern` that starts at or after `at`."""
        since, found = self._found.get(pattern, (-1, None))
        if not (0 <= since <= at and (found is None or at <= found.start())):
            found = pattern.search(self.text, at, self.limit)
            self._found[pattern] = (at, found)
        return found


def _boundaries(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets where a new sentence starts."""
    depth, position, tags, refs_after = 0, start, _Tags(text, end), _Tags(text, len(text))
    while match := _TOKEN.search(text, position, end):
        token, position = match.group(0).lower(), match.end()
        if token == "<!--":
            close = tags.comment_end(match.start())
            position = match.start() + 1 if close is None else close  # never closed: not a comment
        elif token == "<ref":
            close = tags.ref_end(match.start())
            if close is not None:
                position = close
                if depth == 0 and _capital_follows(text, close, end):
                    yield close  # "... on 20 August 1960<ref>...</ref> Mali has ...": the ref ends a sentence
        elif token in ("{{", "[["):
            depth += 1
        elif token in ("}}", "]]"):
            depth = max(0, depth - 1)
        elif token == "\n":
            if depth == 0:
                yield match.end()
        elif depth == 0 and _ends_sentence(text, match.start(), end, refs_after):
            yield _after_refs(text, match.end(), end, refs_after)


def _ends_sentence(text: str, at: int, end: int, refs: _Tags) -> bool:
    """A period at `at` ends a sentence: a space (after any refs), then a capital or a link."""
    nxt = _after_refs(text, at + 1, end, refs)
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


def _after_refs(text: str, at: int, end: int, refs: _Tags) -> int:
    """Skip `<ref>` tags and maintenance templates right after a sentence's end (they may
    run past `end`: `refs` reads the whole text)."""
    while at < end:
        if template := _TEMPLATE.match(text, at):
            at = template.end()
        elif _REF.match(text, at) and (close := refs.ref_end(at)) is not None:
            at = close
        else:
            return at
    return at


def _trimmed(text: str, start: int, end: int, section: str) -> list[Sentence]:
    """The span without surrounding whitespace and bullet marks; nothing when empty."""
    while start < end and text[start] in " \n*#:":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    return [Sentence(start, end, section)] if end > start else []
