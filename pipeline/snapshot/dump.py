"""Read the family's articles from a MediaWiki XML dump (pages-articles*.xml[.bz2]), streaming.

mwxml parses one <page> at a time and drops it once read, so memory stays flat however large
the dump; a page outside the family is skipped without reading its text.
"""

from __future__ import annotations

import bz2
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import mwxml

from pipeline import __version__
from pipeline.errors import InputError, MissingInputError
from pipeline.snapshot.api import attribution
from pipeline.snapshot.multistream import (
    INDEX_FIX,
    Entry,
    family_pages,
    header,
    index_beside,
    read_stream,
    wanted_entries,
)
from pipeline.snapshot.records import Article, Problem, shown
from pipeline.snapshot.titles import is_of_family
from pipeline.web import is_web_url

TOOL = f"pipeline {__version__} (mwxml {mwxml.__version__})"


def read_dump(path: Path, prefix: str, titles: list[str], index: Path | None = None) -> Iterator[Article | Problem]:
    """Each article of the family in the dump (only `titles` when given), then a Problem for
    each asked title the dump does not hold as an article of the family. Through the multistream
    index when given or beside the dump (only the family's streams are read); else by a scan of
    the whole dump, said in one line on stderr."""
    if not path.is_file():
        raise MissingInputError(str(path), "", "no such dump file", "pass --dump with a pages-articles .xml.bz2 file")
    if index is not None and not index.is_file():
        raise MissingInputError(str(index), "", "no such index file", "pass --dump-index with the dump's index")
    index = index or index_beside(path)
    found: set[str] = set()
    if index is None:
        print(f"note: {shown(path.name)} has no multistream index beside it: scanning the whole dump", file=sys.stderr)
        pages = _scanned(path, prefix, set(titles), found)
    else:
        pages = _indexed(path, index, prefix, titles, found)
    yield from pages
    for title in titles:
        if title not in found:
            yield Problem(title, f"no article of that title in {path.name}", "check the title or use another dump")


def _scanned(path: Path, prefix: str, wanted: set[str], found: set[str]) -> Iterator[Article | Problem]:
    """Every page of the dump read in turn; those of the family (and asked) made Articles."""
    opener = bz2.open if path.name.endswith(".bz2") else open
    try:
        with opener(path, "rb") as stream:
            dump = mwxml.Dump.from_file(stream)
            for page in dump:
                if not _taken(page, prefix, wanted):
                    continue
                found.add(page.title)
                yield _article(dump.site_info, page, _last_revision(page), path.name)
    except (OSError, EOFError, ValueError, AssertionError, SyntaxError) as error:
        raise _unreadable(path, error) from None


def _taken(page: mwxml.Page, prefix: str, wanted: set[str]) -> bool:
    """Whether a page is an article of the family (and asked, when titles are asked)."""
    if page.namespace != 0 or page.redirect or not is_of_family(page.title, prefix):
        return False
    return not wanted or page.title in wanted


def _unreadable(path: Path, error: Exception) -> InputError:
    return InputError(str(path), "", f"the dump cannot be read ({type(error).__name__}: {error})", "check the file")


def _indexed(path: Path, index: Path, prefix: str, titles: list[str], found: set[str]) -> Iterator[Article | Problem]:
    """The family's pages read from the streams the index names, each checked against the page
    id and title the index gives; a page its stream does not hold is looked for in the streams
    around it, else a Problem."""
    wanted = set(titles)
    entries = wanted_entries(index, lambda title: is_of_family(title, prefix) and (not wanted or title in wanted))
    with path.open("rb") as dump:
        reader = _StreamReader(path, dump, prefix)
        for offset in sorted(entries.streams):  # in the dump's order, each stream read once
            missing = [e for e in entries.streams[offset] if e.title not in found]
            yield from reader.pages(missing, found)


class _StreamReader:
    """The dump's streams read on demand, each parsed with the dump's own header (siteinfo)."""

    def __init__(self, path: Path, dump: io.BufferedReader, prefix: str) -> None:
        self.path, self.dump, self.prefix = path, dump, prefix
        self.head = header(dump)
        self.cache: dict[int, tuple[list[tuple[mwxml.Page, Any]], mwxml.SiteInfo, int] | None] = {}

    def pages(self, entries: list[Entry], found: set[str]) -> Iterator[Article | Problem]:
        """The entries' articles: from the stream each names, else from its neighbours."""
        for entry in entries:
            page, revision, site_info = self._find(entry)
            if page is None or site_info is None:
                yield Problem(
                    entry.title,
                    f"the index places page {entry.page_id} in the stream at byte {entry.offset} of {self.path.name}, "
                    "and neither it nor the streams around it hold that page",
                    INDEX_FIX,
                )
                found.add(entry.title)
            elif _taken(page, self.prefix, set()):
                found.add(page.title)
                yield _article(site_info, page, revision, self.path.name)

    def _find(self, entry: Entry) -> tuple[mwxml.Page | None, Any, mwxml.SiteInfo | None]:
        """The page of the entry's id and title, in its stream or the one before or after."""
        stream = self._stream(entry.offset)
        around = [entry.offset, entry.previous, stream[2] if stream else None]
        for offset in around:
            read = self._stream(offset) if offset is not None else None
            for page, revision in read[0] if read else []:
                if page.id == entry.page_id and page.title == entry.title:
                    return page, revision, read[1]
        return None, None, None

    def _stream(self, offset: int) -> tuple[list[tuple[mwxml.Page, Any]], mwxml.SiteInfo, int] | None:
        """The pages of the stream at `offset`, its siteinfo and the byte after it (cached: a
        stream holds about 100 pages, several of which may be asked)."""
        if offset not in self.cache:
            if len(self.cache) > 8:
                self.cache.pop(next(iter(self.cache)))
            read = read_stream(self.dump, offset) if offset > 0 else None
            self.cache[offset] = None if read is None else self._parsed(read[0], read[1])
        return self.cache[offset]

    def _parsed(self, xml: bytes, end: int) -> tuple[list[tuple[mwxml.Page, Any]], mwxml.SiteInfo, int] | None:
        try:
            # only a page of the family can be asked: the others are not parsed
            family = family_pages(xml, lambda title: is_of_family(title, self.prefix))
            dump = mwxml.Dump.from_file(io.BytesIO(self.head + family + b"</mediawiki>\n"))
            return [(page, _last_revision(page)) for page in dump], dump.site_info, end
        except (ValueError, AssertionError, SyntaxError, KeyError):
            return None  # not pages: a stale or hostile offset


def _last_revision(page: mwxml.Page) -> Any:
    """The page's last revision in the dump (pages-articles holds only the current one), read
    now: mwxml drops a page's XML once the next page is read."""
    revision = None
    for revision in page:  # noqa: B007 - the last one is kept
        pass
    return revision


def _article(site_info: mwxml.SiteInfo, page: mwxml.Page, revision: Any, dump_name: str) -> Article | Problem:
    """The Article of the page at `revision`, or the Problem of a page without one, or whose
    revision lacks its id or <timestamp>."""
    lacks = "<revision>" if revision is None else "<id>" if revision.id is None else "<timestamp>"
    if revision is None or revision.id is None or revision.timestamp is None:
        return Problem(page.title, f"its page in {dump_name} has no {lacks}", "use a complete pages-articles dump")
    base = urlsplit(site_info.base if is_web_url(site_info.base) else "")  # only an http(s) base makes links
    articles = f"{base.scheme}://{base.netloc}{base.path.rsplit('/', 1)[0]}/" if base.netloc else ""
    name = quote(page.title.replace(" ", "_"), safe="/:")
    sitename = site_info.name or site_info.dbname or "the wiki"
    return Article(
        title=page.title,
        text=revision.text or "",
        revision_id=revision.id,
        revision_timestamp=revision.timestamp.long_format(),
        page_id=page.id,
        permalink=f"{articles}{name}?oldid={revision.id}" if articles else "",
        url=f"{articles}{name}" if articles else None,
        publisher=f"{sitename} ({base.scheme}://{base.netloc})" if articles else sitename,
        attribution=attribution(sitename, page.title, revision.id, None),
        dump=dump_name,
        tool=TOOL,
    )
