"""Markdown that seed text cannot break out of, for every Markdown file the project writes
(datapackage/README.md, CHANGELOG.md, reports/quality.md).

A value from a seed or a manifest goes in through one of three doors: `text` (escaped
inline text), `code` (a code span) or `link` (an autolink, http(s) only). Each keeps the
value on one line, drops invisible characters and caps its length, so no value can start
a heading, break a table, carry HTML or make a file megabytes long.
"""

from __future__ import annotations

import re

from pipeline.text import one_line

CAP = 200  # characters of a value shown before "…"
URL_CAP = 2000
# What CommonMark, GFM tables and HTML read as markup anywhere in a line. Other ASCII
# punctuation (. - ( ) " ' : / = +) only matters after these or at a line's start.
ANYWHERE = frozenset("\\`*[]<>|#&~")
LINE_START = re.compile(r"[-+=]|\d{1,9}[.)]")  # list items, setext underlines, ordered lists
URL = re.compile(r"https?://[^<>\s]+", re.IGNORECASE)
_MAY_ESCAPE = re.compile("[" + re.escape("".join(sorted(ANYWHERE)) + "_") + "]")  # a text without these has none
# A character of ANYWHERE, or "_" not between two letters or digits (intraword "_" is not emphasis)
_MARKUP = re.compile("[" + re.escape("".join(sorted(ANYWHERE))) + r"]|(?<![^\W_])_|_(?![^\W_])")


def text(value: object, limit: int = CAP) -> str:
    """Inline text: one line, invisible characters dropped, capped, markup backslash-escaped."""
    shown, length = one_line(value, limit)
    return _escape(shown) + _cut_note(length)


def code(value: object, limit: int = CAP, in_table: bool = False) -> str:
    """A code span showing the value literally (one line, capped); "" for an empty value."""
    shown, length = one_line(value, limit)
    if not shown:
        return _cut_note(length)
    inner = shown.replace("|", "\\|") if in_table else shown  # GFM splits cells before code spans
    fence = "`" * (max((len(run) for run in re.findall("`+", inner)), default=0) + 1)
    pad = " " if inner.startswith("`") or inner.endswith("`") else ""
    return f"{fence}{pad}{inner}{pad}{fence}" + _cut_note(length)


def link(url: object) -> str:
    """An autolink <url> for an http(s) URL; anything else as escaped text, never a link."""
    value = str(url)
    if len(value) <= URL_CAP and URL.fullmatch(value) and value.isprintable():
        return f"<{value}>"
    return text(value)


def _cut_note(length: int | None) -> str:
    """ "… (N characters)" after a value that was cut, else nothing."""
    return "" if length is None else f"… ({length:,} characters)"


def _escape(shown: str) -> str:
    """Backslash before each character that could start markup (CommonMark escapes any ASCII
    punctuation); "_" only where it could open or close emphasis (not between two letters or
    digits: `str.isalnum`, which is what `[^\\W_]` matches)."""
    if not _MAY_ESCAPE.search(shown):
        return _escaped_line_start(shown)
    return _escaped_line_start(_MARKUP.sub(r"\\\g<0>", shown))


def _escaped_line_start(escaped: str) -> str:
    """A backslash before the last character of a list item's or setext underline's start."""
    start = LINE_START.match(escaped)
    if start:
        end = start.end()
        escaped = escaped[: end - 1] + "\\" + escaped[end - 1 :]
    return escaped
