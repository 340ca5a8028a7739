"""A multistream dump read through its index: only the streams that hold the family's pages.

A `pages-articles-multistream.xml.bz2` is a chain of bz2 streams: the first holds `<mediawiki>`
and `<siteinfo>`, each next one about 100 `<page>` elements. Its index
(`...-multistream-index.txt.bz2`) has one line per page, `offset:page_id:title`, the offset being
the byte where the page's stream starts. The index is read line by line (only the family's lines
are kept); each needed stream is then decompressed alone. An index is never trusted blindly: a page
is taken only from a stream that holds its page id under its title; when the stream it names does
not, the streams just before and after it are read, and failing those the page is a Problem.
"""

from __future__ import annotations

import bz2
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError

MAX_LINE = 4096  # bytes: an index line is an offset, a page id and a title of at most 255 bytes
MAX_STREAM = 256 * 1024 * 1024  # bytes of XML one stream may give (about 100 pages)
CHUNK = 1024 * 1024
_TITLE = re.compile(rb"<title>([^<]*)</title>")
INDEX_FIX = "use the -multistream-index.txt.bz2 published with the dump, or move it away to scan the dump"


@dataclass
class Entry:
    """One page the index places in a stream, with the streams around that one."""

    page_id: int
    title: str
    offset: int
    previous: int | None  # the offset of the stream before, as the index lists it


@dataclass
class Wanted:
    """The family's entries of the index, by the stream they name (in the index's order)."""

    streams: dict[int, list[Entry]] = field(default_factory=dict)


def index_beside(dump: Path) -> Path | None:
    """The index published beside a multistream dump (same name, `-index.txt.bz2`), if there."""
    name = dump.name
    for ending in (".xml.bz2", ".xml"):
        if name.endswith(ending) and "multistream" in name:
            candidate = dump.with_name(name[: -len(ending)] + "-index.txt.bz2")
            return candidate if candidate.is_file() else None
    return None


def wanted_entries(index: Path, keep: Callable[[str], bool]) -> Wanted:
    """Every line of the index whose title `keep` accepts, read streaming; a line that is not
    `offset:page_id:title` (or too long, or not UTF-8) is an InputError naming its number."""
    wanted, previous, current = Wanted(), None, None
    try:
        with bz2.open(index, "rb") as lines:
            for number, raw in enumerate(iter(lambda: lines.readline(MAX_LINE + 1), b""), start=1):
                offset, page_id, title = _entry(index, number, raw)
                if offset != current:
                    previous, current = current, offset
                if keep(title):
                    wanted.streams.setdefault(offset, []).append(Entry(page_id, title, offset, previous))
    except (OSError, EOFError, ValueError) as error:
        raise InputError(
            str(index), "", f"the index cannot be read ({type(error).__name__}: {error})", INDEX_FIX
        ) from None
    return wanted


def _entry(index: Path, number: int, raw: bytes) -> tuple[int, int, str]:
    """One index line's offset, page id and title (a title may hold colons)."""
    where = f"line {number}"
    if len(raw) > MAX_LINE:
        raise InputError(str(index), where, f"is longer than {MAX_LINE} bytes", INDEX_FIX)
    try:
        text = raw.decode("utf-8").rstrip("\n")
    except UnicodeDecodeError:
        raise InputError(str(index), where, "is not UTF-8", INDEX_FIX) from None
    parts = text.split(":", 2)
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() and len(p) <= 19 for p in parts[:2]) or not parts[2]:
        raise InputError(str(index), where, f"is {text[:80]!r}, not offset:page_id:title", INDEX_FIX)
    return int(parts[0]), int(parts[1]), parts[2]


def read_stream(dump: io.BufferedReader, offset: int) -> tuple[bytes, int] | None:
    """The XML of the bz2 stream starting at byte `offset`, and the byte after it; None when no
    whole stream starts there (a stale or hostile offset) or it gives over MAX_STREAM bytes."""
    dump.seek(offset)
    decompressor, parts, size = bz2.BZ2Decompressor(), [], 0
    try:
        while not decompressor.eof:
            chunk = dump.read(CHUNK) if decompressor.needs_input else b""
            if decompressor.needs_input and not chunk:
                return None  # the file ends inside the stream
            part = decompressor.decompress(chunk, max_length=CHUNK)
            size += len(part)
            if size > MAX_STREAM:
                return None
            parts.append(part)
    except (OSError, EOFError, ValueError):
        return None
    return b"".join(parts), dump.tell() - len(decompressor.unused_data)


def family_pages(xml: bytes, keep: Callable[[str], bool]) -> bytes:
    """The `<page>` elements of a stream whose `<title>` `keep` accepts (a page whose title cannot
    be read here is kept: the XML parser decides), so the parser reads a few pages, not 100."""
    pieces = xml.split(b"<page>")
    kept = []
    for piece in pieces[1:]:
        title = _TITLE.search(piece)
        if title is None or keep(html.unescape(title.group(1).decode("utf-8", "replace"))):
            kept.append(b"<page>" + piece)
    return b"".join(kept)


def header(dump: io.BufferedReader) -> bytes:
    """The dump's first stream (`<mediawiki>` and `<siteinfo>`), to wrap each stream's pages in."""
    first = read_stream(dump, 0)
    if first is None or b"<siteinfo" not in first[0]:
        raise InputError(str(dump.name), "byte 0", "is not the start of a multistream dump", INDEX_FIX)
    return first[0]
