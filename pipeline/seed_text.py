"""What the build accepts as a seed document's bytes: its size, encoding, line ends and format.

Pure checks on bytes and text, at the base so that the snapshot refuses exactly what the build
would (`pipeline snapshot` runs them on an article before writing it) and extract reads with them.
`path` is only the name the one-line error gives.
"""

from __future__ import annotations

import json

from pipeline.errors import InputError

MAX_BYTES = 16 * 1024 * 1024  # an article is ~100 KB; past this it is not one article
FOOTER = "Summary:"  # the line after an edit page's wikitext
# Signs of wikitext; a document with enough of them (and no page chrome) is wikitext.
_WIKI_MARKERS = ("{{", "[[", "<ref", "\n==", "{|")


def check_size(path: str, size: int) -> None:
    """Refuse a document far larger than any article."""
    if size > MAX_BYTES:
        raise InputError(
            path,
            "",
            f"the file has {size:,} bytes, more than the {MAX_BYTES:,} an article can have",
            "split it into one file per article",
        )


def accepted_format(path: str, text: str, stated: str | None) -> str:
    """The document's format: the one the manifest states, refused when the text looks like another."""
    detected = detect_format(path, text)
    if stated and stated != detected:
        raise InputError(
            path,
            "",
            f"the manifest says format {stated!r} but the file looks like {detected!r}",
            "correct `format` in seeds/sources.toml or replace the file",
        )
    return stated or detected


def decode(path: str, data: bytes) -> str:
    """The document as text: UTF-8 (a BOM is dropped); empty, binary, NUL, not UTF-8 and
    Windows line ends refused (byte offsets must stay exact)."""
    if not data.strip():
        raise InputError(path, "", "the file is empty", "replace it with the scraped document")
    if b"\x00" in data[:8192]:
        raise InputError(
            path, f"byte {data.index(0)}", "the file is binary, not text", "replace it with a text document"
        )
    if b"\x00" in data:  # the wikitext parser stops reading at a NUL: what follows would be lost
        raise InputError(
            path,
            f"byte {data.index(0)}",
            "a NUL character, at which the wikitext parser would stop reading",
            "remove it (tr -d '\\000' < file > fixed)",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            path,
            f"byte {error.start}",
            "the file is not UTF-8",
            "re-save it as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)",
        ) from None
    if "\r" in text:
        raise InputError(
            path,
            f"byte {data.index(13)}",
            "the file has Windows (CRLF) or old Mac line ends",
            "convert them to \\n (e.g. dos2unix) so byte offsets stay exact",
        )
    return text


def detect_format(path: str, text: str) -> str:
    """mediawiki-edit-page, wikitext or plain-text; HTML and JSON are refused."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        raise InputError(
            path, "byte 0", "the file is an HTML page", "save the page's wikitext or its edit-page text instead"
        )
    if head[:1] in "{[" and _is_json(text):
        raise InputError(path, "byte 0", "the file is JSON", "save the article's wikitext instead")
    lines = set(text.split("\n"))
    chrome = {FOOTER, "Jump to content", "Anti-spam check. Do", "Editing help"}
    if "Editing" in lines and lines & chrome:  # an edit page, maybe cut before its footer
        return "mediawiki-edit-page"
    if sum(text.count(marker) for marker in _WIKI_MARKERS) >= 3:
        return "wikitext"
    return "plain-text"


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True
