"""Text helpers every stage shares, each defined once: which characters are invisible, a value
collapsed to one capped line (for Markdown, SVG, HTML and the one-line errors) and a slug (for
row ids, source ids and the package's name)."""

from __future__ import annotations

import re
import unicodedata

# Characters a reader of a generated page cannot see: control, format (zero-width, bidi),
# lone surrogates, private use and unassigned (XML refuses some of the last, e.g. U+FFFE).
INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
# The invisible characters a source *value* loses in `clean` (and that a finding reports):
# zero-width characters and bidi controls, which break name lookups and searches. Narrower than
# INVISIBLE on purpose: a value keeps every other character as written.
INVISIBLE_IN_VALUES = re.compile("[\u200b-\u200d\u2060\ufeff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ELLIPSIS = "…"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def is_invisible(char: str) -> bool:
    """Whether `char` shows nothing on a page (whitespace is not invisible: it becomes one space)."""
    return not char.isspace() and unicodedata.category(char) in INVISIBLE


class _Visible(dict[int, int | None]):
    """A `str.translate` table that drops the invisible characters: each code point is looked
    up with `is_invisible` once, the first time a text holds it (a report reads millions of
    characters, but few distinct ones)."""

    def __missing__(self, point: int) -> int | None:
        self[point] = None if is_invisible(chr(point)) else point
        return self[point]


_VISIBLE = _Visible()


def one_line(value: object, limit: int) -> tuple[str, int | None]:
    """The value on one line (whitespace runs become one space) without invisible characters,
    cut to `limit`; its full length when it was cut, else None. Reads no more of a long value
    than `limit` needs, unless that part is mostly blanks."""
    whole = str(value)
    head = whole[: 4 * limit + 64]
    if head.isascii() and head.isprintable() and "  " not in head and head[:1] != " " and head[-1:] != " ":
        shown = head  # nothing invisible, no blank but single spaces between words: as it is
    else:
        shown = " ".join(head.translate(_VISIBLE).split())
    if len(shown) > limit or len(head) < len(whole):
        return shown[:limit].rstrip(), len(whole)
    return shown, None


def capped(value: object, limit: int) -> str:
    """The value on one line, at most `limit` characters, the last one "…" when it was cut."""
    shown, length = one_line(value, limit)
    return shown if length is None else shown[: limit - 1].rstrip() + ELLIPSIS


def slug(text: str) -> str:
    """ASCII lower-case words joined by "-" ("Côte d'Ivoire" -> "cote-d-ivoire"); "" when the
    text has no ASCII letter or digit (each caller says what stands in then)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
