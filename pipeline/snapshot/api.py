"""Fetch articles from a MediaWiki API with mwclient: up to 50 titles a request, redirects
followed, missing and disambiguation pages and pages outside the family reported per title."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import mwclient
import requests

from pipeline import __version__
from pipeline.errors import PipelineError, UsageError
from pipeline.snapshot import answers
from pipeline.snapshot.polite import Politeness, PoliteSession, WikiAnswerRefused, WikiUnavailable
from pipeline.snapshot.records import Article, Problem, spdx_license
from pipeline.snapshot.titles import invalid_reason
from pipeline.web import is_web_url, web_url_or_none

DEFAULT_WIKI = "https://en.wikipedia.org/w/api.php"
BATCH = 50  # titles per request: the API's limit for clients without the apihighlimits right
MAXLAG = 5  # seconds of replication lag past which the wiki asks bots to wait (API:Etiquette)
TOOL = f"pipeline {__version__} (mwclient {mwclient.__version__})"
TOOL_AGENT = f"mwclient/{mwclient.__version__}"
_WIKI_TROUBLE = (WikiUnavailable, mwclient.errors.MwClientError, requests.RequestException)


class WikiError(PipelineError):
    """The wiki cannot be used at all (unreachable, not a MediaWiki API)."""

    exit_code = 69  # EX_UNAVAILABLE


@dataclass(frozen=True)
class Wiki:
    """A MediaWiki site and the facts every article from it shares."""

    site: mwclient.Site
    api_url: str
    sitename: str
    server: str  # scheme and host, e.g. https://en.wikipedia.org
    articlepath: str  # e.g. /wiki/$1
    script: str  # e.g. /w/index.php
    language: str
    rights_url: str | None  # only an http(s) URL is kept
    rights_text: str | None
    max_continues: int  # `continue` answers followed for one query


def open_wiki(url: str, politeness: Politeness) -> Wiki:
    """Connect to the wiki's API (an api.php URL, or a site whose API is at /w/api.php) and
    read its siteinfo; UsageError for a --wiki that is no http(s) address, WikiError when
    siteinfo fails."""
    scheme, host, path = api_address(url)
    api_url = f"{scheme}://{host}{path}api.php"
    session = PoliteSession(politeness)
    site = mwclient.Site(host, path=path, scheme=scheme, pool=session, max_retries=0, do_init=False)
    try:
        info = _call(site, answers.SITEINFO, meta="siteinfo", siprop="general|rightsinfo")
    except _WIKI_TROUBLE as error:
        fix = "check --wiki (an api.php URL) and the network"
        fix = fix_for(error) if isinstance(error, WikiAnswerRefused) else fix
        raise WikiError(api_url, "siteinfo", trouble(error), fix) from None
    general, rights = info["query"]["general"], info["query"].get("rightsinfo", {})
    server = general["server"]
    server = f"{scheme}:{server}" if server.startswith("//") else server
    return Wiki(
        site, api_url, general["sitename"], server, general["articlepath"], general["script"],
        general.get("lang", ""), web_url_or_none(rights.get("url")), rights.get("text") or None,
        politeness.max_continues,
    )  # fmt: skip


def api_address(url: str) -> tuple[str, str, str]:
    """(scheme, host, folder of api.php) of --wiki: an api.php URL, a site, or a bare host name."""
    given = url.strip()
    address = given if "//" in given else f"https://{given}"
    if not given or not is_web_url(address):
        raise UsageError(
            "snapshot", "--wiki", f"{url!r} is not an http(s) address", "give the wiki's api.php URL or its site's"
        )
    parts = urlsplit(address)
    path = parts.path.rsplit("/", 1)[0] + "/" if parts.path.endswith(".php") else (parts.path.rstrip("/") or "/w") + "/"
    return parts.scheme.lower(), parts.netloc, path


def fetch_articles(wiki: Wiki, titles: list[str], prefix: str, by: str = "titles") -> Iterator[Article | Problem]:
    """Each title's (or revision id's, with by="revids") current article or problem, asking
    for 50 at a time; a batch the wiki fails on is reported title by title."""
    for start in range(0, len(titles), BATCH):
        batch = titles[start : start + BATCH]
        try:
            pages, renamed = _query_pages(wiki, batch, by)
        except _WIKI_TROUBLE as error:
            for title in batch:
                yield Problem(title, trouble(error), fix_for(error), unavailable=True)
            continue
        yield from _outcomes(wiki, batch, pages, renamed, prefix, by)


def category_titles(wiki: Wiki, category: str) -> list[str]:
    """The articles in a category, and the article named like each of its subcategories
    ("Category:Foreign relations of Mali" -> "Foreign relations of Mali")."""
    name = category if category.lower().startswith("category:") else f"Category:{category}"
    titles: list[str] = []
    try:
        for answer in _continued(
            wiki, answers.MEMBERS, list="categorymembers", cmtitle=name, cmnamespace="0|14", cmlimit="max"
        ):
            for member in answer["query"]["categorymembers"]:
                title = member["title"].split(":", 1)[-1].strip() if member["ns"] == 14 else member["title"]
                titles += [title] if invalid_reason(title) is None else []
    except _WIKI_TROUBLE as error:
        fix = fix_for(error) if isinstance(error, WikiAnswerRefused) else "check the category's name and run again"
        raise WikiError(wiki.api_url, repr(name), trouble(error), fix) from None
    return titles


def attribution(sitename: str, title: str, revision_id: int, rights: str | None) -> str:
    """How to credit an article's authors, as the wiki's license asks."""
    under = f", text under {rights}" if rights else ""
    return f'{sitename} contributors, "{title}" (revision {revision_id}){under}'


def trouble(error: Exception) -> str:
    """What went wrong with the wiki, in a few words."""
    if isinstance(error, WikiUnavailable):
        return str(error)
    if isinstance(error, requests.HTTPError) and error.response is not None:
        return f"the wiki answered HTTP {error.response.status_code}"
    return f"the request failed ({type(error).__name__})"


def fix_for(error: Exception) -> str:
    """What to do about it: wait, or look at --wiki when the server is not a MediaWiki API."""
    if isinstance(error, answers.WikiRefusal):
        return "check --wiki and what was asked"
    if isinstance(error, WikiAnswerRefused):
        return "check --wiki: the server does not answer as MediaWiki's API does"
    return "run the snapshot again later"


def _query_pages(wiki: Wiki, batch: list[str], by: str) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, str]]]:
    """(title -> page, {"normalized": asked -> title, "redirects": title -> target}), continued."""
    pages: dict[str, dict[str, Any]] = {}
    renamed: dict[str, dict[str, str]] = {"normalized": {}, "redirects": {}}
    params = {by: "|".join(batch), "prop": "revisions|pageprops|info", "ppprop": "disambiguation"}
    params |= {"rvprop": "ids|timestamp|content", "rvslots": "main", "redirects": 1}
    for answer in _continued(wiki, answers.PAGES, **params):
        query = answer.get("query", {})
        for kind, changes in renamed.items():
            changes.update((change["from"], change["to"]) for change in query.get(kind, []))
        for page in query.get("pages", []):
            known = pages.setdefault(page["title"], page)
            if page.get("revisions") and not known.get("revisions"):
                known["revisions"] = page["revisions"]
    return pages, renamed


def _continued(wiki: Wiki, shape: answers.Shape, **params: Any) -> Iterator[dict[str, Any]]:
    """Every answer to one query, following `continue` until the wiki says it is complete:
    refused when a continuation repeats or there are more than `max_continues`."""
    carry: dict[str, Any] = {}
    seen: set[str] = set()
    for _ in range(wiki.max_continues + 1):
        answer = _call(wiki.site, shape, **params, **carry)
        yield answer
        if "continue" not in answer:
            return
        carry = dict(answer["continue"])
        token = json.dumps(carry, sort_keys=True)
        if token in seen:
            raise WikiAnswerRefused(f"the wiki's answer repeats the continuation {token[:80]}: it would never end")
        seen.add(token)
    raise WikiAnswerRefused(f"the wiki's answer still continues after {wiki.max_continues:,} continuations")


def _call(site: mwclient.Site, shape: answers.Shape, **params: Any) -> dict[str, Any]:
    """One query through mwclient's raw call, its answer checked against `shape`."""
    query = {"action": "query", "format": "json", "formatversion": 2, "maxlag": MAXLAG, "continue": ""}
    return answers.read_answer(site.raw_call("api", query | params, http_method="GET"), shape)


def _outcomes(wiki: Wiki, batch: list[str], pages: dict, renamed: dict, prefix: str, by: str) -> Iterable:
    """One Article or Problem per asked title, in the order asked."""
    by_revision = {str(rev["revid"]): page for page in pages.values() for rev in page.get("revisions", [])}
    for asked in batch:
        title = renamed["normalized"].get(asked, asked)
        target = renamed["redirects"].get(title, title)
        page = by_revision.get(asked) if by == "revids" else pages.get(target)
        yield _outcome(wiki, asked, page, prefix, title if target != title else None)


def _outcome(wiki: Wiki, asked: str, page: dict[str, Any] | None, prefix: str, redirect: str | None) -> Any:
    """The Article in `page`, or the Problem that keeps it out of the family."""
    if page is None or page.get("missing") or page.get("invalid") or not page.get("revisions"):
        reason = page.get("invalidreason") if page and page.get("invalid") else None
        what = f"no revision {asked}" if asked.isdigit() else "no such page"
        problem = f"not a valid title ({reason})" if reason else f"{what} on {wiki.api_url}"
        return Problem(asked, problem, "check the title's spelling")
    if "disambiguation" in page.get("pageprops", {}):
        return Problem(asked, f"{page['title']!r} is a disambiguation page", "give the article's exact title")
    if page.get("ns", 0) != 0 or not page["title"].startswith(prefix) or page["title"] == prefix:
        return Problem(asked, f"{page['title']!r} is not a {prefix}... article", "give a title of the family")
    revision = page["revisions"][0]
    slot = revision.get("slots", {}).get("main", revision)
    if slot.get("contentmodel", "wikitext") != "wikitext" or "content" not in slot:
        return Problem(asked, f"revision {revision['revid']} has no wikitext to read", "pin another --revision")
    return _article(wiki, page, revision, slot["content"], redirect)


def _article(wiki: Wiki, page: dict[str, Any], revision: dict[str, Any], text: str, redirect: str | None) -> Article:
    """The Article with the wiki's facts."""
    title, revid = page["title"], int(revision["revid"])
    name = quote(title.replace(" ", "_"), safe="/:")
    return Article(
        title=title,
        text=text,
        revision_id=revid,
        revision_timestamp=revision["timestamp"],
        page_id=page.get("pageid"),
        permalink=web_url_or_none(f"{wiki.server}{wiki.script}?title={name}&oldid={revid}") or "",
        url=web_url_or_none(wiki.server + wiki.articlepath.replace("$1", name)),
        publisher=f"{wiki.sitename} ({wiki.server})",
        attribution=attribution(wiki.sitename, title, revid, wiki.rights_text),
        license=spdx_license(wiki.rights_url),
        license_url=wiki.rights_url,
        api_url=wiki.api_url,
        redirected_from=redirect,
        tool=TOOL,
    )
