"""A seed document's text: decoded, its format told, its article located in it.

Offsets in this module are character offsets into the decoded document; `ByteMap`
turns them into byte offsets in the seed file, which is what rows carry as provenance.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from pipeline.errors import InputError
from pipeline.family import FAMILY_PREFIX
from pipeline.seed_text import FOOTER, MAX_BYTES, accepted_format, check_size, decode
from pipeline.sources import Source

_FAMILY = re.escape(FAMILY_PREFIX)
_TITLE = re.compile(rf"\[\[Category:({_FAMILY}[^|\]]+)|\{{\{{DEFAULTSORT:({_FAMILY}[^}}|]+)", re.I)


@dataclass(frozen=True)
class Document:
    """A decoded seed document and where its article text (if any) sits in it."""

    source: Source
    data: bytes = field(repr=False)  # the file as read, once
    text: str
    format: str
    title: str | None
    body_start: int  # character offsets of the article (wikitext or prose) in `text`
    body_end: int

    @property
    def bom(self) -> int:
        """Bytes of a UTF-8 byte-order mark before the text (dropped when decoding)."""
        return 3 if self.data.startswith(b"\xef\xbb\xbf") else 0

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def body(self) -> str:
        return self.text[self.body_start : self.body_end]


class ByteMap:
    """Character offset -> byte offset in the UTF-8 file, in O(1) memory per 256 chars:
    the byte offset of every 256th character, and which blocks are ASCII (no encoding needed);
    of the text, only the blocks that are not ASCII (a map outlives its document's text)."""

    STEP = 256

    def __init__(self, text: str, bom: int = 0) -> None:
        self.marks = [bom]
        self.ascii = []
        self.blocks: dict[int, str] = {}  # the blocks that are not ASCII: all of the text it keeps
        for start in range(0, len(text), self.STEP):
            block = text[start : start + self.STEP]
            self.ascii.append(block.isascii())
            if not self.ascii[-1]:
                self.blocks[len(self.ascii) - 1] = block
            self.marks.append(self.marks[-1] + (len(block) if self.ascii[-1] else len(block.encode("utf-8"))))

    def __call__(self, index: int) -> int:
        block, within = divmod(index, self.STEP)
        if block < len(self.ascii) and self.ascii[block]:
            return self.marks[block] + within
        return self.marks[block] + len(self.blocks.get(block, "")[:within].encode("utf-8"))


def read_document(source: Source) -> Document:
    """Decode a seed, tell its format and find its article; bad input raises InputError."""
    data = read_bytes(source)
    text = decode(str(source.path), data)
    fmt = accepted_format(str(source.path), text, source.fact("format"))
    if fmt == "mediawiki-edit-page":
        start, end, title = locate_edit_page_article(source, text)
    else:
        start, end, title = 0, len(text), None
    if fmt == "wikitext":
        match = _TITLE.search(text)
        title = (match.group(1) or match.group(2)).strip() if match else None
    return Document(source, data, text, fmt, source.fact("title") or title, start, end)


def read_bytes(source: Source) -> bytes:
    """The seed's bytes, refusing before reading a file far larger than any article."""
    check_size(str(source.path), source.path.stat().st_size)
    data = source.read(MAX_BYTES)  # a file that grew since: at most one byte past the limit is read
    check_size(str(source.path), len(data))
    return data


def locate_edit_page_article(source: Source, text: str) -> tuple[int, int, str | None]:
    """Span of the article's wikitext between the page chrome and the Summary: footer."""
    footer = text.rfind(f"\n{FOOTER}\n")
    editing = text.find("\nEditing\n")
    if footer < 0 or editing < 0 or editing > footer:
        raise InputError(
            str(source.path),
            "",
            "the edit page has no 'Summary:' footer after its wikitext: the scrape is truncated",
            "scrape the edit page again",
        )
    title_end = text.find("\n", editing + 9)
    title = text[editing + 9 : title_end].strip() or None
    # The wikitext is the block of lines before the footer that starts with markup
    # or follows the edit form's anti-spam field, whichever comes last.
    start = text.rfind("\nfill this in!\n", 0, footer)
    start = start + len("\nfill this in!\n") if start >= 0 else _first_markup_line(text, title_end, footer)
    end = footer
    if start >= end:
        raise InputError(
            str(source.path), f"byte {start}", "the edit page holds no wikitext", "scrape the edit page again"
        )
    return start, end, title


def _first_markup_line(text: str, start: int, end: int) -> int:
    """Offset of the first line in [start, end) that begins with wikitext markup."""
    for match in re.finditer(r"\n(?=\{\{|\[\[|'''|==|\{\|)", text[start:end]):
        return start + match.start() + 1
    return start
