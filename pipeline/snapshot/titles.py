"""Titles: which belong to the family, which are valid, and the safe file name each gets."""

from __future__ import annotations

import hashlib
import re

from pipeline.manifest_entries import MAX_ID
from pipeline.text import slug

MAX_TITLE_BYTES = 255  # MediaWiki's limit on a title
# Characters MediaWiki never allows in a title, and the control characters (C0, DEL, C1: a
# terminal reads ESC and CSI as the start of a command).
_ILLEGAL = re.compile(r"[#<>\[\]|{}\x00-\x1f\x7f-\x9f\ufffd]")
FILE_SUFFIX = ".wikitext"


def invalid_reason(title: str) -> str | None:
    """Why `title` cannot be a MediaWiki title, or None when it can."""
    if not title.strip():
        return "the title is empty"
    bad = _ILLEGAL.search(title)
    if bad:
        return f"the title holds {bad.group()!r}, which no MediaWiki title can"
    if len(title.encode("utf-8")) > MAX_TITLE_BYTES:
        return f"the title is longer than MediaWiki's {MAX_TITLE_BYTES} bytes"
    return None


def is_of_family(title: str, prefix: str) -> bool:
    """Whether `title` is "<prefix><something>" (the subject after the prefix is not empty)."""
    return title.startswith(prefix) and bool(title[len(prefix) :].strip())


def source_id_for(title: str, taken: dict[str, str]) -> str:
    """A source id from the title (ASCII, lower case, '-' between words); when another title
    already has that id (`taken`: source id -> title), a short hash of the title is added."""
    source_id = slug(title)[: MAX_ID - 9].strip("-") or "article"
    if taken.get(source_id, title) == title:
        return source_id
    return f"{source_id}-{hashlib.sha256(title.encode('utf-8')).hexdigest()[:8]}"


def file_name_for(source_id: str) -> str:
    """The seed file of a snapshot: the source id (letters, digits, '-') and `.wikitext`,
    so no title can name a path outside the seed folder or a hidden file."""
    return source_id + FILE_SUFFIX
