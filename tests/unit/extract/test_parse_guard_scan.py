"""The parse guard's one-scan count of unclosed openers (pipeline/parse_guard.py) finds exactly what
the plain way finds: a search from each token's end over the text, and over each line of more
than MAX_UNCLOSED tokens alone (the model below, the guard as it was written first); on generated
and hostile texts, the offsets and the refusal alike. Linear time: tests/unit/base/test_parse_guard.py
and `make bench-linear`."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import example, given
from hypothesis import strategies as st
from mwparserfromhell.definitions import is_single

from pipeline.parse_guard import MAX_UNCLOSED, TangledMarkup, check_unclosed, unclosed_openers
from tests.helpers import at_least
from tests.helpers.strategies import joined

_TOKENS = re.compile(r"<!--|\{\{|\}\}|\[\[|\]\]|(?:^|\n)\{\||(?:^|\n)\|\}|</?[A-Za-z][\w:-]*")
_CLOSERS = {"}}": "{{", "]]": "[[", "|}": "{|"}


def model_unclosed(text: str) -> list[tuple[str, int]]:
    """The openers left open, found by one search from the end of each token (a comment jumped over)."""
    items: list[tuple[str, int]] = []
    unclosed: list[tuple[str, int]] = []
    counts: Counter[str] = Counter()

    def close(opener: str) -> None:
        if counts[opener]:
            while (item := items.pop())[0] != opener:
                counts[item[0]] -= 1
                unclosed.append(item)
            counts[opener] -= 1

    last_comment_end, position = text.rfind("-->"), 0
    while match := _TOKENS.search(text, position):
        token = match.group(0).lstrip("\n")
        start, position = match.end() - len(token), match.end()
        if token == "<!--" and last_comment_end >= position:
            position = text.find("-->", position) + 3
        elif token == "<!--":
            unclosed.append((token, start))
        elif token.startswith("<"):
            bracket = re.compile(r"[<>]").search(text, start + len(token))
            name = token.lstrip("</").lower()
            if bracket is None or bracket.group(0) == "<":
                unclosed.append((token, start))
            elif token.startswith("</"):
                close(f"<{name}")
            elif text[bracket.start() - 1] != "/" and not is_single(name):
                items.append((f"<{name}", start))
                counts[f"<{name}"] += 1
        elif token in _CLOSERS:
            close(_CLOSERS[token])
        else:
            items.append((token, start))
            counts[token] += 1
    return sorted(unclosed + items, key=lambda item: item[1])


def model_check(text: str) -> tuple[str, int, int] | None:
    """(opener, offset, count) of the refusal: the text as a whole, then each busy line alone."""
    parts, at = [(0, text)], 0
    for line in text.split("\n") if "\n" in text else []:
        if len(_TOKENS.findall(line)) > MAX_UNCLOSED:
            parts.append((at, line))
        at += len(line) + 1
    for offset, part in parts:
        unclosed = model_unclosed(part)
        if len(unclosed) > MAX_UNCLOSED:
            return unclosed[0][0], offset + unclosed[0][1], len(unclosed)
    return None


def refusal(text: str) -> tuple[str, int, int] | None:
    try:
        check_unclosed(text)
    except TangledMarkup as tangle:
        return tangle.opener, tangle.offset, tangle.count
    return None


_PIECES = [
    *["{{", "}}", "[[", "]]", "{|", "|}", "\n", "\n{|", "\n|}", "<!--", "-->", "<!-- x -->", "{{{", "}}}"],
    *["<b", "</b", "<b>", "</b>", "<ref", "<ref name=a>", "</ref>", "<ref/>", "<br", "<hr>", "<SPAN ", "<a-b:c"],
    *["<", ">", "/>", "/", "a", " ", "|", "-", "=", "é", "\n\n", "{{a|", "<!-", "--", "{", "}", "[", "]"],
]
_TEXT = joined(_PIECES, max_size=80)
_HOSTILE = st.builds(
    lambda opener, count, before, after: before + opener * count + after,
    st.sampled_from(["{{a|", "<ref name=a ", "<b ", "[[a|", "<!--", "<b>", "\n{|", "{{a|}}\n", "<!-- -->{{"]),
    st.integers(MAX_UNCLOSED - 2, MAX_UNCLOSED + 3),
    _TEXT,
    _TEXT,
)


@at_least(800)
@given(st.one_of(_TEXT, _HOSTILE))
@example("{|\n|a\n|}\n{|\n|b")
@example("{|x\n|}<!-- {{ -->\n{|")
@example("<!-- <a-->{{b}} <c")
@example("x\n" + "{{a|" * 11 + "\n" + "}}" * 11)  # closed on the next line: that line alone is refused
@example("{{a|}}\n" * 12)
@example("<!--" + "\n{{" * 12 + "-->")
@example("<!--\n" + "{{" * 12 + "-->")  # the last line alone is refused, the text as a whole is not
def test_the_one_scan_guard_finds_what_the_plain_search_finds(text: str) -> None:
    assert unclosed_openers(text) == model_unclosed(text)
    assert refusal(text) == model_check(text)
