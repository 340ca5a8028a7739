"""`pipeline snapshot` against a hostile MediaWiki server on 127.0.0.1: answers that drip, never
end, continue forever, have the wrong shape, carry javascript: URLs or titles with terminal
escapes, or hold revisions the build would refuse. Each ends in one line and a documented exit
status, within the limits; nothing is written that the build would not read."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path

import pytest

import pipeline.seed_text
from pipeline.snapshot.api import WikiError
from pipeline.snapshot.polite import Politeness
from pipeline.snapshot.records import spdx_license
from pipeline.snapshot.stage import Request, snapshot
from tests.helpers import pipeline_cli
from tests.helpers.snapshot_wiki import (  # noqa: F401
    GENERAL,
    RIGHTS,
    FakeWiki,
    Revision,
    answer,
    drip,
    flood,
    raw,
    serve,
    wiki_server,
    wiki_server_once,
)

NIGER = "Foreign relations of Niger"
NIGER_TEXT = "'''Niger''' has relations with [[Mali]].\n== Relations ==\n{{Main|x}}\n"
NOT_MEDIAWIKI = "check --wiki: the server does not answer as MediaWiki's API does"
EMPTY = {"batchcomplete": True, "query": {"pages": []}}


@pytest.fixture
def wiki() -> FakeWiki:
    return FakeWiki(pages={NIGER: Revision(101, 1001, "2026-01-01T10:00:00Z", NIGER_TEXT)})


class Run:
    """One snapshot with small limits and no waiting: the exit status, its lines, the waits asked."""

    def __init__(self, **limits) -> None:
        self.lines: list[str] = []
        self.sleeps: list[float] = []
        self.limits = {"timeout": 5.0, "retries": 0} | limits

    def __call__(self, url: str, seeds: Path, titles: list[str], **options) -> int:
        politeness = Politeness(
            "test (mailto:t@example.org)", rate=float("inf"), sleep=self.sleeps.append, **self.limits
        )
        return snapshot(Request(seeds, "2026-01-02", titles, wiki=url, **options), politeness, self.lines.append)


def written(seeds: Path) -> list[str]:
    return sorted(p.name for p in seeds.iterdir()) if seeds.exists() else []


# --timeout bounds the whole call -------------------------------------------------------------


def test_an_answer_dripping_a_byte_at_a_time_times_out_as_a_whole_then_is_retried(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [drip(json.dumps(EMPTY).encode(), every=0.12)]  # each read is quick; the whole takes 5 s
    run = Run(timeout=1.0, retries=1)  # a limit on each read (0.12 s apart) would never cut it; the retry has 1 s to answer

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 0

    assert run.sleeps == [2.0]  # one backoff: the first attempt was cut, the second answered
    assert run.lines == [f"written: {NIGER}: revision 1001 as {tmp_path / 'foreign-relations-of-niger.wikitext'}"]


def test_an_answer_dripping_on_every_attempt_fails_the_title_exit_69(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [drip(json.dumps(EMPTY).encode(), every=0.12) for _ in range(2)]  # each whole: 5 s
    run = Run(timeout=0.3, retries=1)  # each attempt is cut at 0.3 s: no answer is awaited to its end

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 69

    assert run.lines == [
        f"failed: {NIGER}: the wiki did not answer within 0.3 s (2 attempts); run the snapshot again later"
    ]
    assert written(tmp_path) == []


@pytest.fixture
def header_drip():
    """A server on 127.0.0.1 that starts an answer, then sends its headers a byte every 0.05 s."""
    listener = socket.create_server(("127.0.0.1", 0))
    body = json.dumps({"batchcomplete": True, "query": {"general": GENERAL, "rightsinfo": RIGHTS}}).encode()

    def serve_forever():
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                try:
                    connection.sendall(b"HTTP/1.1 200 OK\r\n")
                    for byte in b"X-Slow: " + b"z" * 60 + b"\r\n":
                        threading.Event().wait(0.05)
                        connection.sendall(bytes([byte]))
                    connection.sendall(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
                except OSError:
                    pass

    threading.Thread(target=serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/w/api.php"
    listener.close()


def test_headers_dripping_a_byte_at_a_time_time_out_too(header_drip, tmp_path):
    with pytest.raises(WikiError) as raised:
        Run(timeout=0.3)(header_drip, tmp_path, [NIGER])

    assert str(raised.value) == (
        f"{header_drip}: siteinfo: the wiki did not answer within 0.3 s (1 attempt); "
        "check --wiki (an api.php URL) and the network"
    )
    assert raised.value.exit_code == 69


# an answer's size is capped --------------------------------------------------------------------


@pytest.mark.parametrize("declared", [False, True], ids=["endless-chunks", "content-length"])
def test_an_answer_larger_than_the_cap_is_refused_at_once(wiki_server, wiki, tmp_path, declared):  # noqa: F811
    wiki.script = [flood(3 * 1024 * 1024, declared=declared)]
    run = Run(max_bytes=1024 * 1024, retries=2)

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 69

    assert run.lines == [
        f"failed: {NIGER}: the wiki's answer is larger than the 1,048,576 bytes allowed; {NOT_MEDIAWIKI}"
    ]
    assert len(wiki.page_queries()) == 1  # not asked again: the same answer would come back
    assert written(tmp_path) == []


def test_a_compressed_answer_is_capped_as_it_is_unpacked(wiki_server, wiki, tmp_path):  # noqa: F811
    import gzip

    from werkzeug import Response

    bomb = gzip.compress(b" " * (20 * 1024 * 1024))  # 20 KiB that unpack to 20 MiB
    wiki.script = [("titles", lambda: Response(bomb, 200, headers={"Content-Encoding": "gzip"}))]
    run = Run(max_bytes=1024 * 1024)

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 69

    assert run.lines == [
        f"failed: {NIGER}: the wiki's answer is larger than the 1,048,576 bytes allowed; {NOT_MEDIAWIKI}"
    ]


def test_the_cap_leaves_room_for_the_largest_article_the_build_accepts():
    from pipeline.snapshot.polite import MAX_ANSWER_BYTES

    # every line break of a 16 MiB article escaped as \n (two bytes), and a MiB for the rest
    assert MAX_ANSWER_BYTES == 2 * 16 * 1024 * 1024 + 1024 * 1024


# continuation ------------------------------------------------------------------------------------


def continuing(token: str) -> dict:
    return {"continue": {"rvcontinue": token, "continue": "||"}, "query": {"pages": []}}


def test_a_query_continued_past_the_cap_is_refused(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [answer(continuing(str(n))) for n in range(20)]
    run = Run(max_continues=5)

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 69

    assert run.lines == [f"failed: {NIGER}: the wiki's answer still continues after 5 continuations; {NOT_MEDIAWIKI}"]
    assert len(wiki.page_queries()) == 6  # the first answer and five continuations
    assert [q.get("rvcontinue") for q in wiki.page_queries()] == [None, "0", "1", "2", "3", "4"]


def test_a_repeated_continuation_is_refused_on_its_first_repeat(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [answer(continuing("7")) for _ in range(20)]
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 69

    repeat = '{"continue": "||", "rvcontinue": "7"}'
    assert run.lines == [
        f"failed: {NIGER}: the wiki's answer repeats the continuation {repeat}: it would never end; {NOT_MEDIAWIKI}"
    ]
    assert len(wiki.page_queries()) == 2


def test_an_endless_category_is_one_error_exit_69(wiki_server, wiki, tmp_path):  # noqa: F811
    members = {"query": {"categorymembers": [{"ns": 0, "title": NIGER}]}}
    wiki.script = [
        answer(members | {"continue": {"cmcontinue": f"page|{n}", "continue": "-||"}}, when="list") for n in range(9)
    ]
    url = serve(wiki_server, wiki)

    with pytest.raises(WikiError) as raised:
        Run(max_continues=3)(url, tmp_path, [], category="Endless")

    assert (
        str(raised.value)
        == f"{url}: 'Category:Endless': the wiki's answer still continues after 3 continuations; {NOT_MEDIAWIKI}"
    )


def test_a_continuation_cannot_carry_another_parameter(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [answer({"continue": {"titles": "Foreign relations of Elsewhere"}, "query": {"pages": []}})]
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 69

    assert run.lines == [
        f'failed: {NIGER}: the wiki\'s answer has continue = an object, not an object of "...continue" keys '
        f"with strings or numbers; {NOT_MEDIAWIKI}"
    ]
    assert len(wiki.page_queries()) == 1


# the shape of an answer ----------------------------------------------------------------------------


def page(**revision) -> dict:
    base = {"revid": 1001, "timestamp": "2026-01-01T10:00:00Z", "slots": {"main": {"content": NIGER_TEXT}}}
    return {"pageid": 101, "ns": 0, "title": NIGER, "revisions": [base | revision]}


def pages(*listed: dict) -> dict:
    return {"batchcomplete": True, "query": {"pages": list(listed)}}


WRONG_PAGES = {
    "pages-an-object": ({"query": {"pages": {"101": page()}}}, "has query.pages = an object, not a list"),
    "revid-text": (
        pages(page(revid="abc")),
        'has query.pages[0].revisions[0].revid = "abc", not a positive whole number',
    ),
    "revid-null": (
        pages(page(revid=None)),
        "has query.pages[0].revisions[0].revid = null, not a positive whole number",
    ),
    "revid-negative": (
        pages(page(revid=-5)),
        "has query.pages[0].revisions[0].revid = -5, not a positive whole number",
    ),
    "revid-missing": (
        pages({"title": NIGER, "revisions": [{"timestamp": "2026-01-01T10:00:00Z"}]}),
        "lacks query.pages[0].revisions[0].revid",
    ),
    "revid-true": (
        pages(page(revid=True)),
        "has query.pages[0].revisions[0].revid = true, not a positive whole number",
    ),
    "content-a-number": (
        pages(page(slots={"main": {"content": 5}})),
        "has query.pages[0].revisions[0].slots.main.content = 5, not a string",
    ),
    "timestamp-words": (
        pages(page(timestamp="yesterday")),
        'has query.pages[0].revisions[0].timestamp = "yesterday", not a time as YYYY-MM-DDThh:mm:ssZ',
    ),
    "answer-a-list": ([pages(page())], "is a list, not a JSON object"),
    "answer-a-string": ("pages", 'is "pages", not a JSON object'),
    "query-null": ({"query": None}, "has query = null, not an object"),
    "title-missing": ({"query": {"pages": [{"ns": 0}]}}, "lacks query.pages[0].title"),
    "title-escape": (
        pages(page() | {"title": "Foreign relations of \x1b[31mNiger"}),
        'has query.pages[0].title = "Foreign relations of \\u001b[31mNiger", not a valid title',
    ),
    "normalised-nul": (
        {"query": {"normalized": [{"from": NIGER, "to": "Foreign relations of\x00Niger"}], "pages": []}},
        'has query.normalized[0].to = "Foreign relations of\\u0000Niger", not a valid title',
    ),
    "redirect-csi": (
        {"query": {"redirects": [{"from": NIGER, "to": "Foreign relations of \x9b2JNiger"}], "pages": []}},
        'has query.redirects[0].to = "Foreign relations of \\u009b2JNiger", not a valid title',
    ),
    "invalidreason-escape": (
        pages({"title": NIGER, "invalid": True, "invalidreason": "bad\x1b]0;title\x07"}),
        'has query.pages[0].invalidreason = "bad\\u001b]0;title\\u0007", not text',
    ),
    "error-info-escape": ({"error": {"code": "x", "info": "\x1b[2J"}}, 'has error.info = "\\u001b[2J", not text'),
}


@pytest.mark.parametrize("body,problem", WRONG_PAGES.values(), ids=WRONG_PAGES.keys())
def test_a_page_answer_of_the_wrong_shape_fails_its_titles_exit_69(wiki_server, wiki, tmp_path, body, problem):  # noqa: F811
    wiki.script = [answer(body)]
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 69

    assert run.lines == [f"failed: {NIGER}: the wiki's answer {problem}; {NOT_MEDIAWIKI}"]
    assert written(tmp_path) == []


def test_json_nested_200000_deep_is_refused_without_a_recursion_error(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [raw("[" * 200_000 + "]" * 200_000)]
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 69

    assert run.lines == [
        f"failed: {NIGER}: the wiki's answer is JSON nested deeper than the parser follows; {NOT_MEDIAWIKI}"
    ]


def test_an_answer_that_is_not_utf8_is_refused_not_read_as_replacement_characters(wiki_server, wiki, tmp_path):  # noqa: F811
    body = (
        json.dumps(pages(page(slots={"main": {"content": "[[a]] [[b]] [[c]] CAFE"}})))
        .encode()
        .replace(b"CAFE", b"caf\xe9")
    )
    wiki.script = [raw(body)]
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 69

    at = body.index(b"\xe9")
    assert run.lines == [f"failed: {NIGER}: the wiki's answer is not UTF-8 (byte {at}); {NOT_MEDIAWIKI}"]
    assert written(tmp_path) == []


def test_brackets_inside_strings_are_not_nesting(wiki_server, tmp_path):  # noqa: F811
    text = "[[a]] [[b]] " + "[" * 500 + ' "quoted \\" [[" ' + "{" * 500
    wiki = FakeWiki(pages={NIGER: Revision(101, 1001, "2026-01-01T10:00:00Z", text)})
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 0

    assert (tmp_path / "foreign-relations-of-niger.wikitext").read_text(encoding="utf-8") == text


def test_an_api_error_is_one_line_per_title(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [answer({"error": {"code": "badvalue", "info": "Unrecognized value for parameter rvslots."}})]
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 69

    assert run.lines == [
        f"failed: {NIGER}: the wiki refused the request (badvalue: Unrecognized value for parameter rvslots.); "
        "check --wiki and what was asked"
    ]


WRONG_SITEINFO = {
    "server-a-number": (
        {"general": GENERAL | {"server": 5}},
        "has query.general.server = 5, not an http(s) address of a host",
    ),
    "server-javascript": (
        {"general": GENERAL | {"server": "javascript:alert(1)"}},
        'has query.general.server = "javascript:alert(1)", not an http(s) address of a host',
    ),
    "server-with-a-path": (
        {"general": GENERAL | {"server": "https://en.wikipedia.org/evil?x="}},
        'has query.general.server = "https://en.wikipedia.org/evil?x=", not an http(s) address of a host',
    ),
    "sitename-escape": (
        {"general": GENERAL | {"sitename": "Wiki\x1b]0;pwned\x07"}},
        'has query.general.sitename = "Wiki\\u001b]0;pwned\\u0007", not text',
    ),
    "articlepath-a-list": (
        {"general": GENERAL | {"articlepath": []}},
        'has query.general.articlepath = a list, not a path starting with "/"',
    ),
    "articlepath-markup": (
        {"general": GENERAL | {"articlepath": '/wiki/$1"><script>'}},
        'has query.general.articlepath = "/wiki/$1\\"><script>", not a path starting with "/"',
    ),
    "general-missing": ({"rightsinfo": RIGHTS}, "lacks query.general"),
    "rights-a-number": ({"general": GENERAL, "rightsinfo": {"url": 7}}, "has query.rightsinfo.url = 7, not text"),
}


@pytest.mark.parametrize("query,problem", WRONG_SITEINFO.values(), ids=WRONG_SITEINFO.keys())
def test_siteinfo_of_the_wrong_shape_is_one_error_exit_69(wiki_server, wiki, tmp_path, query, problem):  # noqa: F811
    wiki.script = [answer({"batchcomplete": True, "query": query}, when="meta")]
    url = serve(wiki_server, wiki)

    with pytest.raises(WikiError) as raised:
        Run()(url, tmp_path, [NIGER])

    assert str(raised.value) == f"{url}: siteinfo: the wiki's answer {problem}; {NOT_MEDIAWIKI}"
    assert raised.value.exit_code == 69
    assert written(tmp_path) == []


def test_the_command_gives_one_line_and_69_for_a_siteinfo_list(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [answer(["query"], when="meta")]
    url = serve(wiki_server, wiki)

    result = pipeline_cli("snapshot", NIGER, "--seeds", tmp_path / "seeds", "--wiki", url, "--contact", "t@example.org")

    assert (result.returncode, result.stdout) == (69, "")
    assert result.stderr == f"error: {url}: siteinfo: the wiki's answer is a list, not a JSON object; {NOT_MEDIAWIKI}\n"


# --wiki --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    ["http://[::1", "", " ", "file:///etc/passwd", "ftp://example.org/w/api.php", "javascript:alert(1)", "http://"],
)
def test_a_wiki_that_is_no_http_address_is_a_usage_error_64(given, tmp_path):
    result = pipeline_cli(
        "snapshot", NIGER, "--seeds", tmp_path / "seeds", "--wiki", given, "--contact", "t@example.org"
    )

    assert (result.returncode, result.stdout) == (64, "")
    assert result.stderr == (
        f"error: snapshot: --wiki: {given!r} is not an http(s) address; give the wiki's api.php URL or its site's\n"
    )
    assert not (tmp_path / "seeds").exists()  # refused before any work


# URLs and licenses ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "javascript:alert('https://creativecommons.org/licenses/by-sa/4.0/')",
        "data:text/html,https://creativecommons.org/licenses/by-sa/4.0/",
        "//creativecommons.org/licenses/by-sa/4.0/",
    ],
)
def test_a_rights_url_that_is_not_http_is_not_kept_nor_read_as_a_license(wiki_server, wiki, tmp_path, url):  # noqa: F811
    info = {"general": GENERAL, "rightsinfo": {"url": url, "text": "CC BY-SA 4.0"}}
    wiki.script = [answer({"batchcomplete": True, "query": info}, when="meta")]

    assert Run()(serve(wiki_server, wiki), tmp_path, [NIGER]) == 0

    manifest = (tmp_path / "sources.toml").read_text(encoding="utf-8")
    assert "license" not in manifest.replace("text under CC BY-SA 4.0", "")  # neither license nor license_url
    assert "javascript" not in manifest and "data:" not in manifest


@pytest.mark.parametrize(
    "url,license_id",
    [
        ("https://creativecommons.org/licenses/by-sa/4.0/", "CC-BY-SA-4.0"),
        ("http://creativecommons.org/licenses/by-sa/3.0", "CC-BY-SA-3.0"),
        ("https://creativecommons.org/licenses/by-sa/4.0/deed.fr", "CC-BY-SA-4.0"),
        ("https://creativecommons.org/licenses/by/4.0/legalcode", "CC-BY-4.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
        ("https://evil.example/?u=https://creativecommons.org/licenses/by-sa/4.0/", None),
        ("https://creativecommons.org.evil.example/licenses/by-sa/4.0/", None),
        ("https://creativecommons.org/licenses/by-sa/4.0/evil", None),
        ("javascript:creativecommons.org/licenses/by-sa/4.0/", None),
        (None, None),
    ],
)
def test_a_license_is_recognised_only_from_its_whole_address(url, license_id):
    assert spdx_license(url) == license_id


# revisions the build would refuse -------------------------------------------------------------------

REFUSED = {
    "empty": ("", "the file is empty"),
    "nul": ("a\x00b [[x]] [[y]] [[z]]", "(byte 1): the file is binary, not text"),
    "crlf": ("[[a]]\r\n[[b]] [[c]]", "(byte 5): the file has Windows (CRLF) or old Mac line ends"),
    "lone-surrogate": ("[[a]] [[b]] [[c]] \ud800", "(byte 18): the file is not UTF-8"),
    "html": ("<html><body>[[a]] [[b]] [[c]]</body></html>", "(byte 0): the file is an HTML page"),
    "json": ('{"a": "[[b]] [[c]] [[d]]"}', "(byte 0): the file is JSON"),
    "plain": ("Words only.", "the manifest says format 'wikitext' but the file looks like 'plain-text'"),
}


@pytest.mark.parametrize("text,problem", REFUSED.values(), ids=REFUSED.keys())
def test_a_revision_the_build_would_refuse_is_not_written(wiki_server, tmp_path, text, problem):  # noqa: F811
    wiki = FakeWiki(pages={NIGER: Revision(101, 1001, "2026-01-01T10:00:00Z", text)})
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 65

    assert run.lines == [
        f"failed: {NIGER}: the build would refuse revision 1001 {problem}; fix the article on the wiki, or pin another --revision".replace(
            "1001 the", "1001: the"
        )
    ]
    assert written(tmp_path) == []


def test_a_revision_larger_than_the_build_reads_is_not_written(wiki_server, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setattr(pipeline.seed_text, "MAX_BYTES", 100)  # 16 MiB in use: the same check, smaller
    text = "[[a]] [[b]] [[c]] " + "x" * 83  # 101 bytes
    wiki = FakeWiki(pages={NIGER: Revision(101, 1001, "2026-01-01T10:00:00Z", text)})
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 65

    assert run.lines == [
        f"failed: {NIGER}: the build would refuse revision 1001: the file has 101 bytes, more than the 100 an "
        "article can have; fix the article on the wiki, or pin another --revision"
    ]
    assert written(tmp_path) == []


# what a hostile wiki's values become in the package ---------------------------------------------------

HOSTILE_SOURCE = {
    "source_id": "foreign-relations-of-niger",
    "path": "foreign-relations-of-niger.wikitext",
    "title": "Foreign relations of Niger",
    "url": "javascript:alert(1)",
    "publisher": "Wiki\x7f\x85\x9b[2J\u2028 (https://wiki.example)",
    "license": None,
    "attribution": 'Wiki\x7f\x9b[31m contributors, "Foreign relations of Niger" (revision 1), text under CC\x85BY\u2029SA \ud800',
    "sha256": "0" * 64,
}
DESCRIPTOR = {
    "title": "Foreign relations of Niger\x9b",
    "version": "1.0.0",
    "created": "2026-01-02T00:00:00Z",
    "description": "A\x7fB",
    "licenses": [{"name": "CC-BY-SA-4.0"}],
    "keywords": ["k\x85"],
}


def test_the_citation_file_stays_valid_yaml_with_control_characters_and_keeps_them():
    import yaml

    from pipeline.package.citation import citation_cff, source_author

    cff = yaml.safe_load(citation_cff(DESCRIPTOR, [HOSTILE_SOURCE]))

    (reference,) = cff["references"]
    assert (cff["title"], cff["abstract"], cff["keywords"]) == ("Foreign relations of Niger\x9b", "A\x7fB", ["k\x85"])
    assert cff["authors"] == [{"name": "The foreign-relations-pipeline maintainers"}]  # sources are not authors
    assert reference["authors"][0]["name"] == source_author(HOSTILE_SOURCE) == "Wiki\x7f\x9b[31m contributors"
    assert reference["notes"] == HOSTILE_SOURCE["attribution"] + "."
    assert reference["publisher"]["name"] == HOSTILE_SOURCE["publisher"]
    assert (reference["type"], "url" in reference) == ("generic", False)  # javascript: is no link


def test_only_http_urls_become_paths_of_sources():
    import pandas as pd

    from pipeline.package.stage import package_descriptor

    web = HOSTILE_SOURCE | {"source_id": "web", "path": "web.wikitext", "url": "https://wiki.example/wiki/X"}
    sources = pd.DataFrame([HOSTILE_SOURCE, web])
    metadata = {"name": "n", "title": "t", "description": "d", "keywords": []}

    described = package_descriptor(sources, [], "1.0.0", "2026-01-02T00:00:00Z", metadata)

    assert [s["path"] for s in described["sources"]] == [
        "sources/foreign-relations-of-niger.wikitext",
        "https://wiki.example/wiki/X",
    ]


def test_a_timeout_past_a_day_is_a_usage_error(tmp_path):
    result = pipeline_cli(
        "snapshot", NIGER, "--seeds", tmp_path / "seeds", "--timeout", "1e12", "--contact", "t@example.org"
    )

    assert result.returncode == 2  # click's usage error: the watchdog's timer could not hold it
    assert "Invalid value for '--timeout': 1000000000000.0 is not in the range 0.001<=x<=86400." in result.stderr
