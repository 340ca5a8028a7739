"""The one door to the wikitext parser, with a bound on its work.

mwparserfromhell tries every opener (`{{`, `[[`, `{|`, `<!--`, `<tag`) as the start of a
construct; one that never closes is read to the end of the text before the parser gives up
and reads it as plain text. A text of n unclosed openers therefore costs n times its length
(quadratic: 8,000 `{{a|` in 32 KB took 50 s, 16,000 `<b ` over 90 s). Counting them takes one
linear scan; a text with more than MAX_UNCLOSED of them is refused, never parsed, so every
parse costs at most MAX_UNCLOSED + 1 readings of its text: linear time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import chain

import mwparserfromhell
from mwparserfromhell.definitions import is_single
from mwparserfromhell.parser import CTokenizer, use_c
from mwparserfromhell.parser.tokens import Token
from mwparserfromhell.wikicode import Wikicode

from pipeline.errors import InputError

# Openers the parser reads to the end of the text when they never close. A page written by
# people has none or a handful (a stray `{{`); the seeds have none.
MAX_UNCLOSED = 10
# Openers and closers; a table's `{|` and `|}` only at a line's start. Scanned in "\n" + the text (a
# start of line like any other): an alternative starting with `^` would keep the regular
# expression engine from skipping to the characters that may start a token, four times slower.
_TOKENS = re.compile(r"<!--|\{\{|\}\}|\[\[|\]\]|\n\{\||\n\|\}|</?[A-Za-z][\w:-]*")
_BRACKET = re.compile(r"[<>]")
_CLOSERS = {"}}": "{{", "]]": "[[", "|}": "{|"}


class TangledMarkup(ValueError):
    """A text with more unclosed openers than the parser can read in linear time."""

    def __init__(self, opener: str, offset: int, count: int, text: str) -> None:
        super().__init__(f"{count} openers never close, the first {opener!r} at character {offset}")
        self.opener, self.offset, self.count = opener, offset, count
        self.excerpt = text[offset : offset + 40]  # where it starts, to find it in the seed

    def problem(self) -> str:
        """What is wrong, for an InputError."""
        return (
            f"{self.count} markup openers never close (more than {MAX_UNCLOSED}; the first {self.opener!r}"
            f" starting {self.excerpt!r}): the wikitext parser would take time growing with the square"
            " of the text's length, so the document is not read"
        )


def parse_wikitext(text: str) -> Wikicode:
    """mwparserfromhell's parse of `text`; TangledMarkup when that would take more than linear time."""
    check_unclosed(text)
    return parse_checked(text)


def parse_checked(text: str) -> Wikicode:
    """mwparserfromhell's parse of a text already checked: one `check_unclosed` accepted, with
    markup that opens and closes within a stretch replaced by plain characters (which leaves
    fewer openers, none newly unclosed)."""
    return mwparserfromhell.parse(text)


def checked_tokens(text: str) -> list[Token]:
    """The tokens of a text already checked (as for `parse_checked`): the first of
    `mwparserfromhell.parse`'s two steps, the C tokenizer; `Builder().build` makes the tree of them."""
    if use_c and CTokenizer:
        return CTokenizer().tokenize(text, 0, False)
    from mwparserfromhell.parser.tokenizer import Tokenizer  # the parser's own fallback (not imported otherwise: 9 ms)

    return Tokenizer().tokenize(text, 0, False)


@contextmanager
def refused_when_tangled(path: object, byte_of: Callable[[int], int] | None = None) -> Iterator[None]:
    """TangledMarkup met within as the one-line InputError of the document at `path`; `byte_of`
    turns the offset into the document's byte offset (without it: a part parsed alone, which the message quotes)."""
    try:
        yield
    except TangledMarkup as tangle:
        place = f"byte {byte_of(tangle.offset)}" if byte_of else "a cell, sentence or reference parsed alone"
        raise InputError(str(path), place, tangle.problem(), "close or remove the markup left open there") from None


def check_unclosed(text: str) -> None:
    """TangledMarkup when `text` has more than MAX_UNCLOSED unclosed openers, as a whole or
    within one of its lines (the clean stage parses lines and cells alone)."""
    padded = "\n" + text
    parts = chain([(0, padded)], _busy_lines(padded) if "\n" in text else [])
    for at, part in parts:
        unclosed = _unclosed(part)
        if len(unclosed) > MAX_UNCLOSED:
            opener, offset = unclosed[0]
            raise TangledMarkup(opener, at + offset, len(unclosed), text)


def _busy_lines(padded: str) -> Iterator[tuple[int, str]]:
    """(offset in the text, "\n" + line) of each line of the text after `padded`'s first
    character, a newline, with more openers and closers than the limit; counted in one scan of
    the whole text: a token is on the line of its last character (only its first may be a newline)."""
    line_start, line_end, count = 0, 0, 0
    for match in _TOKENS.finditer(padded):
        if match.end() > line_end:
            if count > MAX_UNCLOSED:
                yield line_start, padded[line_start:line_end]
            line_start, line_end, count = padded.rfind("\n", 0, match.end() - 1), padded.find("\n", match.end()), 0
            line_end = len(padded) if line_end < 0 else line_end
        count += 1
    if count > MAX_UNCLOSED:
        yield line_start, padded[line_start:line_end]


def unclosed_openers(text: str) -> list[tuple[str, int]]:
    """(opener, character offset) of every opener the parser would read to the end of the text,
    in order: templates, links, tables and tags left open (or closed only by an enclosing
    closer), tags whose `<name` has no `>` before the next `<`, comments with no `-->`."""
    return _unclosed("\n" + text)


def _unclosed(padded: str) -> list[tuple[str, int]]:
    """`unclosed_openers` of the text after `padded`'s first character, a newline (so that a
    table opening or closing at its start is at a line's start, as after any other newline).
    Linear: one regular-expression scan, a comment skipped by a test of each token's start,
    and a closer looks down the stack only when its opener is on it."""
    stack = _Stack()
    last_comment_end = padded.rfind("-->")
    hidden = 0  # where the last comment ends: a token starting before it is inside it
    for match in _TOKENS.finditer(padded):
        start, token = match.start(), match.group(0)
        if start < hidden:
            continue
        if token[0] == "\n":
            token, start = token[1:], start + 1
        if token == "<!--" and last_comment_end >= match.end():
            hidden = padded.find("-->", match.end()) + 3  # a comment hides what is inside it
        elif token == "<!--":
            stack.unclosed.append((token, start))
        elif token[0] == "<":
            _tag(padded, token, start, stack)
        elif token in _CLOSERS:
            stack.close(_CLOSERS[token])
        else:
            stack.push(token, start)
    return [(opener, offset - 1) for opener, offset in sorted(stack.unclosed + stack.items, key=lambda item: item[1])]


def _tag(text: str, token: str, start: int, stack: _Stack) -> None:
    """An opening or closing tag: `<name` must end with `>` before the next `<`."""
    bracket = _BRACKET.search(text, start + len(token))
    if bracket is None or bracket.group(0) == "<":
        stack.unclosed.append((token, start))
        return
    name = token.lstrip("</").lower()
    if token.startswith("</"):
        stack.close(f"<{name}")
    elif text[bracket.start() - 1] != "/" and not is_single(name):
        stack.push(f"<{name}", start)


class _Stack:
    """Openers still open, innermost last, with how many of each kind; and those that never closed."""

    def __init__(self) -> None:
        self.items: list[tuple[str, int]] = []
        self.counts: Counter[str] = Counter()
        self.unclosed: list[tuple[str, int]] = []

    def push(self, opener: str, start: int) -> None:
        self.items.append((opener, start))
        self.counts[opener] += 1

    def close(self, opener: str) -> None:
        """Pop the innermost `opener`: what was left open inside it never closed. A stray closer is ignored."""
        if not self.counts[opener]:
            return
        while True:
            item = self.items.pop()
            self.counts[item[0]] -= 1
            if item[0] == opener:
                return
            self.unclosed.append(item)
