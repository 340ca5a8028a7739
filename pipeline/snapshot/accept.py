"""What the snapshot writes, the build must read: an article is checked, before it is written,
with the build's own checks of a seed document (pipeline/seed_text.py) and of a manifest entry
(pipeline/sources.py). An article they would refuse is a Problem (one `failed:` line, exit 65)
and nothing of it is written."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pipeline.errors import InputError
from pipeline.manifest_entries import MANIFEST, check_entry
from pipeline.schema import BY_NAME
from pipeline.seed_text import accepted_format, check_size, decode
from pipeline.snapshot.manifest import entry_for
from pipeline.snapshot.records import Article, Problem
from pipeline.snapshot.titles import FILE_SUFFIX, invalid_reason

FORMAT = "wikitext"  # what every article the snapshot writes is
_TIMESTAMP = re.compile(BY_NAME["sources"].field("revision_timestamp").pattern or "")
FIX = "fix the article on the wiki, or pin another --revision"


def refusal(article: Article, retrieved: str) -> Problem | None:
    """The Problem that keeps `article` out of the seed folder, or None when the build accepts it."""
    reason = invalid_reason(article.title)
    if reason:
        return Problem(article.title, f"the title {article.title!r} cannot be written: {reason}", FIX)
    if not _TIMESTAMP.fullmatch(article.revision_timestamp or ""):
        stamp = article.revision_timestamp
        return Problem(article.title, f"revision {article.revision_id} has the timestamp {stamp!r}, not ISO 8601", FIX)
    data = article.text.encode("utf-8", "surrogatepass")  # a lone surrogate is then not UTF-8, as the build finds
    label = f"revision {article.revision_id}"
    try:
        check_size(label, len(data))
        accepted_format(label, decode(label, data), FORMAT)
        entry = entry_for(article, "article", "article" + FILE_SUFFIX, retrieved, hashlib.sha256(data).hexdigest())
        check_entry(Path(MANIFEST), "its [[source]] entry", entry)
    except InputError as error:
        where = f" ({error.place})" if error.place else ""
        problem = f"the build would refuse revision {article.revision_id}{where}: {error.problem}"
        return Problem(article.title, problem, FIX)
    return None
