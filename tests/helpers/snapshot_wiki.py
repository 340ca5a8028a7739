"""A fake MediaWiki API for the snapshot tests: answers siteinfo, page queries (normalisation,
redirects, missing and disambiguation pages, revision ids) and category listings like the real
one (formatversion=2), after serving any scripted answers first (429s, maxlag, bad JSON, hangs)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

RIGHTS = {
    "url": "https://creativecommons.org/licenses/by-sa/4.0/",
    "text": "Creative Commons Attribution-Share Alike 4.0",
}


@dataclass
class Revision:
    page_id: int
    revision_id: int
    timestamp: str
    text: str


@dataclass
class FakeWiki:
    """The wiki's pages (title -> current revision), old revisions, redirects, disambiguation pages."""

    pages: dict[str, Revision] = field(default_factory=dict)
    old: dict[int, tuple[str, Revision]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    disambiguation: set[str] = field(default_factory=set)
    categories: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    script: list[tuple[str, Callable[[], Response]]] = field(default_factory=list)  # (asked with, answer)
    requests: list[dict[str, str]] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)

    def __call__(self, request: Request) -> Response:
        args = request.args.to_dict()
        self.requests.append(args)
        self.agents.append(request.headers.get("User-Agent", ""))
        if self.script and self.script[0][0] in args:  # a scripted answer, once, to the first request it fits
            return self.script.pop(0)[1]()
        if args.get("meta", "").startswith("siteinfo"):
            return _json({"batchcomplete": True, "query": {"general": GENERAL, "rightsinfo": RIGHTS}})
        if args.get("list") == "categorymembers":
            members = [{"ns": ns, "title": t} for ns, t in self.categories.get(args["cmtitle"], [])]
            return _json({"batchcomplete": True, "query": {"categorymembers": members}})
        if "revids" in args:
            return _json(
                {
                    "batchcomplete": True,
                    "query": {"pages": [self._page(*self.old[int(r)]) for r in args["revids"].split("|")]},
                }
            )
        return _json(self._titles(args["titles"].split("|")))

    def page_queries(self) -> list[dict[str, str]]:
        return [args for args in self.requests if "titles" in args]

    def _titles(self, asked: list[str]) -> dict[str, Any]:
        normalized = [{"from": t, "to": t[0].upper() + t[1:]} for t in asked if t[0].islower()]
        titles = [t[0].upper() + t[1:] for t in asked]
        redirects = [{"from": t, "to": self.redirects[t]} for t in titles if t in self.redirects]
        targets = list(dict.fromkeys(self.redirects.get(t, t) for t in titles))
        pages = [
            self._page(t, self.pages[t]) if t in self.pages else {"ns": 0, "title": t, "missing": True} for t in targets
        ]
        query: dict[str, Any] = {"pages": pages}
        if normalized:
            query["normalized"] = normalized
        if redirects:
            query["redirects"] = redirects
        return {"batchcomplete": True, "query": query}

    def _page(self, title: str, revision: Revision) -> dict[str, Any]:
        slot = {"contentmodel": "wikitext", "contentformat": "text/x-wiki", "content": revision.text}
        page = {
            "pageid": revision.page_id,
            "ns": 0,
            "title": title,
            "revisions": [
                {"revid": revision.revision_id, "parentid": 1, "timestamp": revision.timestamp, "slots": {"main": slot}}
            ],
        }
        if title in self.disambiguation:
            page["pageprops"] = {"disambiguation": ""}
        return page


GENERAL = {
    "sitename": "Wikipedia",
    "server": "https://en.wikipedia.org",
    "articlepath": "/wiki/$1",
    "script": "/w/index.php",
    "lang": "en",
    "generator": "MediaWiki 1.44.0-wmf.1",
}


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers, content_type="application/json")


def refuse(status: int, retry_after: str | None = None, when: str = "titles") -> tuple[str, Callable[[], Response]]:
    """A scripted answer: HTTP `status` (with Retry-After) to the next request that has `when`."""
    headers = {"Retry-After": retry_after} if retry_after else {}
    return when, lambda: _json({"error": "busy"}, status, headers)


def maxlag(lag: int, retry_after: int) -> tuple[str, Callable[[], Response]]:
    """The answer a Wikimedia wiki gives when replication lags past `maxlag`."""
    body = {"error": {"code": "maxlag", "info": f"Waiting for a database server: {lag} seconds lagged."}}
    headers = {"X-Database-Lag": str(lag), "Retry-After": str(retry_after)}
    return "titles", lambda: _json(body, 200, headers)


def not_json() -> tuple[str, Callable[[], Response]]:
    return "titles", lambda: Response("<html>Service temporarily unavailable</html>", 200)


def hang(seconds: float) -> tuple[str, Callable[[], Response]]:
    """Answer the next page query only after `seconds` (longer than the client's timeout)."""

    def answer() -> Response:
        time.sleep(seconds)
        return _json({"batchcomplete": True, "query": {"pages": []}})

    return "titles", answer


@pytest.fixture(scope="module")
def wiki_server_once():
    """A threaded HTTP server on 127.0.0.1 (a hanging answer must not block the retry), started
    once per module: stopping one takes up to half a second."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def wiki_server(wiki_server_once):
    """The server with no handler left from the test before."""
    wiki_server_once.clear()
    yield wiki_server_once
    wiki_server_once.clear()


def serve(server: HTTPServer, wiki: FakeWiki) -> str:
    """Serve `wiki` at /w/api.php; its URL."""
    server.expect_request("/w/api.php").respond_with_handler(wiki)
    return server.url_for("/w/api.php")


# Hostile answers (tests/unit/snapshot/test_hostile_wiki.py): each a scripted answer for the next request that has `when`.


def answer(
    body: Any, when: str = "titles", headers: dict[str, str] | None = None
) -> tuple[str, Callable[[], Response]]:
    """Any JSON `body` (a wrong shape) as the answer."""
    return when, lambda: _json(body, 200, headers)


def raw(text: str, when: str = "titles") -> tuple[str, Callable[[], Response]]:
    """`text` as the answer, as it is (JSON nested too deep, say)."""
    return when, lambda: Response(text, 200, content_type="application/json")


def drip(body: bytes, every: float, when: str = "titles") -> tuple[str, Callable[[], Response]]:
    """`body` sent one byte every `every` seconds (chunked): each read is quick, the whole is not."""

    def chunks():
        for byte in body:
            time.sleep(every)
            yield bytes([byte])

    return when, lambda: Response(chunks(), 200, content_type="application/json")


def flood(size: int, when: str = "titles", declared: bool = False) -> tuple[str, Callable[[], Response]]:
    """`size` bytes of answer in 64 KiB chunks (chunked; with `declared`, a Content-Length says so first)."""
    chunk = b"[" * 65536

    def chunks():
        for start in range(0, size, len(chunk)):
            yield chunk[: size - start]

    headers = {"Content-Length": str(size)} if declared else None
    return when, lambda: Response(chunks(), 200, headers=headers, content_type="application/json")
