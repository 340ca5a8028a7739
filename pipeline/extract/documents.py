"""A seed document's text: decoded, its format told, its article located in it.

Offsets in this module are character offsets into the decoded document; `ByteMap`
turns them into byte offsets in the seed file, which is what rows carry as provenance.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from pipeline.errors import InputError
from pipeline.sources import Source

# Signs of wikitext; a document with enough of them (and no page chrome) is wikitext.
_WIKI_MARKERS = ("{{", "[[", "<ref", "\n==", "{|")
_FOOTER = "Summary:"
MAX_BYTES = 16 * 1024 * 1024  # an article is ~100 KB; past this it is not one article
_TITLE = re.compile(r"\[\[Category:(Foreign relations of [^|\]]+)|\{\{DEFAULTSORT:(Foreign relations of [^}|]+)", re.I)


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
    the byte offset of every 256th character, and which blocks are ASCII (no encoding needed)."""

    STEP = 256

    def __init__(self, text: str, bom: int = 0) -> None:
        self.text = text
        self.marks = [bom]
        self.ascii = []
        for start in range(0, len(text), self.STEP):
            block = text[start : start + self.STEP]
            self.ascii.append(block.isascii())
            self.marks.append(self.marks[-1] + (len(block) if self.ascii[-1] else len(block.encode("utf-8"))))

    def __call__(self, index: int) -> int:
        block, within = divmod(index, self.STEP)
        if block < len(self.ascii) and self.ascii[block]:
            return self.marks[block] + within
        return self.marks[block] + len(self.text[block * self.STEP : index].encode("utf-8"))


def read_document(source: Source) -> Document:
    """Decode a seed, tell its format and find its article; bad input raises InputError."""
    data = read_bytes(source)
    text = decode(source, data)
    detected = detect_format(source, text)
    stated = source.fact("format")
    fmt = stated or detected
    if stated and stated != detected:
        raise InputError(
            str(source.path),
            "",
            f"the manifest says format {stated!r} but the file looks like {detected!r}",
            "correct `format` in seeds/sources.toml or replace the file",
        )
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
    size = source.path.stat().st_size
    data = source.read(MAX_BYTES) if size <= MAX_BYTES else b""
    if size > MAX_BYTES or len(data) > MAX_BYTES:
        raise InputError(
            str(source.path),
            "",
            f"the file has {max(size, len(data)):,} bytes, more than the {MAX_BYTES:,} an article can have",
            "split it into one file per article",
        )
    return data


def decode(source: Source, data: bytes) -> str:
    """The document as text: UTF-8 (a BOM is dropped), Windows line ends made `\\n`."""
    if not data.strip():
        raise InputError(str(source.path), "", "the file is empty", "replace it with the scraped document")
    if b"\x00" in data[:8192]:
        raise InputError(
            str(source.path), f"byte {data.index(0)}", "the file is binary, not text", "replace it with a text document"
        )
    if b"\x00" in data:  # the wikitext parser stops reading at a NUL: what follows would be lost
        raise InputError(
            str(source.path),
            f"byte {data.index(0)}",
            "a NUL character, at which the wikitext parser would stop reading",
            "remove it (tr -d '\\000' < file > fixed)",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            str(source.path),
            f"byte {error.start}",
            "the file is not UTF-8",
            "re-save it as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)",
        ) from None
    if "\r" in text:
        raise InputError(
            str(source.path),
            f"byte {data.index(13)}",
            "the file has Windows (CRLF) or old Mac line ends",
            "convert them to \\n (e.g. dos2unix) so byte offsets stay exact",
        )
    return text


def detect_format(source: Source, text: str) -> str:
    """mediawiki-edit-page, wikitext or plain-text; HTML and JSON are refused."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        raise InputError(
            str(source.path),
            "byte 0",
            "the file is an HTML page",
            "save the page's wikitext or its edit-page text instead",
        )
    if head[:1] in "{[" and _is_json(text):
        raise InputError(str(source.path), "byte 0", "the file is JSON", "save the article's wikitext instead")
    lines = set(text.split("\n"))
    chrome = {_FOOTER, "Jump to content", "Anti-spam check. Do", "Editing help"}
    if "Editing" in lines and lines & chrome:  # an edit page, maybe cut before its footer
        return "mediawiki-edit-page"
    if sum(text.count(marker) for marker in _WIKI_MARKERS) >= 3:
        return "wikitext"
    return "plain-text"


def locate_edit_page_article(source: Source, text: str) -> tuple[int, int, str | None]:
    """Span of the article's wikitext between the page chrome and the Summary: footer."""
    footer = text.rfind(f"\n{_FOOTER}\n")
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


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True
