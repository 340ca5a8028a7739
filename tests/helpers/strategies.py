"""Hypothesis strategies the property tests share: sequences of pieces (characters, words, bits
of markup, values) drawn as one choice.

Hypothesis spends its time in its draws: a list of `sampled_from` draws, for each element, a
span, a boolean (one more element?) and an index, and the property tests' inputs are mostly
such lists, so drawing them cost more than the code under test. `sequences` draws the same
lists as one string of code points, one per element, each standing for the piece at its
index: the same inputs (any piece at any place, any length up to `max_size`), the lengths
alike (`st.text` and `st.lists` aim at the same average size) and the pieces equally likely,
for a fraction of the CPU."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from hypothesis import strategies as st

T = TypeVar("T")

_FIRST = 0xE000  # the Private Use Area: the code point _FIRST + i stands for the piece at index i
_LAST = 0xF8FF


def sequences(choices: Sequence[T], *, min_size: int = 0, max_size: int | None = None) -> st.SearchStrategy[list[T]]:
    """`st.lists(st.sampled_from(choices), min_size=min_size, max_size=max_size)`, in one draw.
    A piece listed twice is twice as likely, as with `sampled_from`. Shrinks to shorter lists
    of pieces nearer the start of `choices`."""
    items = tuple(choices)
    return _indices(len(items), min_size, max_size).map(lambda drawn: [items[ord(p) - _FIRST] for p in drawn])


def joined(choices: Sequence[str], *, min_size: int = 0, max_size: int | None = None) -> st.SearchStrategy[str]:
    """`sequences` of pieces of text, joined: `st.lists(st.sampled_from(choices), ...).map("".join)`."""
    return sequences(choices, min_size=min_size, max_size=max_size).map("".join)


def _indices(count: int, min_size: int, max_size: int | None) -> st.SearchStrategy[str]:
    """Strings of the code points _FIRST to _FIRST + count - 1, drawn as one choice of any length."""
    assert 0 < count <= _LAST - _FIRST + 1, count
    return st.text("".join(map(chr, range(_FIRST, _FIRST + count))), min_size=min_size, max_size=max_size)
