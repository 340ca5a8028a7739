"""What a snapshot yields per title: an article pinned by revision, or a problem with that title."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A Creative Commons license's own address, whole (the deed or legal code in any language may follow).
_CC = re.compile(
    r"https?://(?:www\.)?creativecommons\.org/(?:licenses/(by(?:-nc)?(?:-sa|-nd)?)/(\d\.\d)|publicdomain/zero/1\.0)"
    r"/?(?:(?:deed|legalcode)(?:\.[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?)?)?"
)


@dataclass(frozen=True)
class Article:
    """One article's wikitext at one revision, with where it came from."""

    title: str
    text: str
    revision_id: int
    revision_timestamp: str  # ISO 8601, UTC, as the wiki gives it
    page_id: int | None
    permalink: str  # a URL with oldid=: this revision, forever
    url: str | None = None  # the article's current address
    publisher: str | None = None
    attribution: str | None = None
    license: str | None = None  # SPDX id, when the wiki's rights URL names a known license
    license_url: str | None = None
    api_url: str | None = None
    dump: str | None = None  # the dump file's name, when read from one
    redirected_from: str | None = None
    tool: str = ""


@dataclass(frozen=True)
class Problem:
    """A title that did not land: what is wrong, what to do; `unavailable` when the wiki failed
    (not the title)."""

    title: str
    problem: str
    fix: str
    unavailable: bool = False

    def line(self) -> str:
        """The line a terminal shows: the title's control and invisible characters escaped."""
        return f"{shown(self.title)}: {self.problem}; {self.fix}"


def shown(text: str) -> str:
    """`text` as a terminal may show it: control, invisible and bidi characters escaped ('\\x1b')."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def spdx_license(rights_url: str | None) -> str | None:
    """The SPDX id of a Creative Commons license URL (CC-BY-SA-4.0, CC0-1.0); None for any other,
    and for any text around such an address ("javascript:...creativecommons.org/...")."""
    match = _CC.fullmatch(rights_url or "")
    if match is None:
        return None
    if match.group(1) is None:
        return "CC0-1.0"
    return f"CC-{match.group(1).upper()}-{match.group(2)}"
