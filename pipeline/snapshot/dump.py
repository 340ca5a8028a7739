"""Read the family's articles from a MediaWiki XML dump (pages-articles*.xml[.bz2]), streaming.

mwxml parses one <page> at a time and drops it once read, so memory stays flat however large
the dump; a page outside the family is skipped without reading its text.
"""

from __future__ import annotations

import bz2
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import mwxml

from pipeline import __version__
from pipeline.errors import InputError, MissingInputError
from pipeline.snapshot.api import attribution
from pipeline.snapshot.records import Article, Problem
from pipeline.snapshot.titles import is_of_family
from pipeline.web import is_web_url

TOOL = f"pipeline {__version__} (mwxml {mwxml.__version__})"


def read_dump(path: Path, prefix: str, titles: list[str]) -> Iterator[Article | Problem]:
    """Each article of the family in the dump (only `titles` when given), then a Problem for
    each asked title the dump does not hold as an article of the family."""
    if not path.is_file():
        raise MissingInputError(str(path), "", "no such dump file", "pass --dump with a pages-articles .xml.bz2 file")
    wanted, found = set(titles), set()
    opener = bz2.open if path.name.endswith(".bz2") else open
    try:
        with opener(path, "rb") as stream:
            dump = mwxml.Dump.from_file(stream)
            for page in dump:
                if page.namespace != 0 or page.redirect or not is_of_family(page.title, prefix):
                    continue
                if wanted and page.title not in wanted:
                    continue
                found.add(page.title)
                yield _article(dump.site_info, page, path.name)
    except (OSError, EOFError, ValueError, AssertionError, SyntaxError) as error:
        raise InputError(
            str(path), "", f"the dump cannot be read ({type(error).__name__}: {error})", "check the file"
        ) from None
    for title in titles:
        if title not in found:
            yield Problem(title, f"no article of that title in {path.name}", "check the title or use another dump")


def _article(site_info: mwxml.SiteInfo, page: mwxml.Page, dump_name: str) -> Article | Problem:
    """The page's last revision in the dump (pages-articles holds only the current one), or the
    Problem of a page without one, or whose revision lacks its id or <timestamp>."""
    revision = None
    for revision in page:  # noqa: B007 - the last one is kept
        pass
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
