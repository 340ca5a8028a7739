"""Datasette over the database `pipeline sqlite` writes: its JSON API, its canned queries, and the
pages a person sees in a real (headless) browser.

Datasette runs as `make serve` runs it, on a free port of 127.0.0.1, and is stopped at the end.
Expected answers are worked out from the package's CSVs with the csv module.
"""

from __future__ import annotations

import asyncio
import collections
import csv
import fcntl
import functools
import itertools
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pipeline.schema import BY_NAME, PARTIAL_DATE, TABLES
from pipeline.sql.datasette import PLUGINS
from tests.helpers import ROOT, pipeline_cli

if TYPE_CHECKING:
    from datasette.app import Datasette

PACKAGE = ROOT / "datapackage"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
START_WAIT = 60  # seconds Datasette may take to answer on a busy machine (not an assertion)


def csv_rows(table: str) -> list[dict[str, str]]:
    with (PACKAGE / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def get_json(url: str) -> object:
    return json.loads(get(url))


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    """A fresh database of the committed package, its Datasette metadata beside it."""
    out = tmp_path_factory.mktemp("serve") / "foreign_relations.sqlite"
    assert pipeline_cli("sqlite", "--package", PACKAGE, "--out", out).returncode == 0
    return out


@pytest.fixture(scope="module")
def site(database: Path) -> Iterator[str]:
    """Datasette serving the database as `make serve` does (with the project's plugins); its base URL."""
    out = database
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", "-i", out, "--metadata", out.with_suffix(".metadata.json")]
    command += ["--plugins-dir", ROOT / PLUGINS]
    server = subprocess.Popen(
        [*map(str, command), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_WAIT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"datasette stopped: {server.stderr.read().decode()}")
        try:
            get(f"{base}/-/versions.json")
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    pytest.fail(f"datasette did not answer within {START_WAIT} s")


def test_a_table_answers_with_the_csvs_rows(site):
    rows = get_json(f"{site}/foreign_relations/diplomatic_relations.json?_shape=array&partner=France")
    assert [(r["position"], r["partner_iso3"], r["status"], r["established"]) for r in rows] == [
        (1, "FRA", "active", "1960-08-20")
    ]
    everything = get_json(f"{site}/foreign_relations/article_references.json?_shape=array&_size=max")
    assert len(everything) == len(csv_rows("article_references"))


def test_the_metadata_has_the_title_license_source_and_descriptions(site):
    metadata = get_json(f"{site}/-/metadata.json")
    assert metadata["title"] == "Foreign relations of Mali"
    assert metadata["license_url"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert metadata["source_url"] == "/foreign_relations/sources"
    assert 'Wikipedia contributors, "Foreign relations of Mali", text under CC BY-SA 4.0' in metadata["description"]
    tables = metadata["databases"]["foreign_relations"]["tables"]
    assert (
        tables["quality_findings"]["columns"]["check_name"]
        == BY_NAME["quality_findings"].field("check_name").description
    )
    references = BY_NAME["article_references"]
    assert tables["article_references"]["description"] == f"{references.description} Coding rules: {references.rules}"
    status = BY_NAME["diplomatic_relations"].field("status")  # the codebook's rules, on the table's page
    assert tables["diplomatic_relations"]["columns"]["status"] == f"{status.description} Coding rules: {status.rules}"
    assert metadata["about"].startswith("the codebook, CODEBOOK.md in the package")


def test_relations_per_decade(site):
    decades = collections.Counter(
        int(row["established"][:4]) // 10 * 10 for row in csv_rows("diplomatic_relations") if row["established"]
    )
    answer = get_json(f"{site}/foreign_relations/relations_per_decade.json?_shape=array")
    assert [(r["subject"], r["decade"], r["relations"]) for r in answer] == [
        ("Mali", decade, count) for decade, count in sorted(decades.items())
    ]
    assert answer[0] == {"subject": "Mali", "decade": 1960, "relations": decades[1960]}


def test_severed_relations(site):
    severed = {row["partner"]: row["severed"] or None for row in csv_rows("bilateral_relations")}
    expected = [
        (row["partner"], row["status"], severed.get(row["partner"]))
        for row in csv_rows("diplomatic_relations")
        if row["status"] != "active"
    ]
    assert expected == [("Israel", "suspended", None), ("Ukraine", "severed", "2024-08-04")]  # by hand from the CSVs
    answer = get_json(f"{site}/foreign_relations/severed_relations.json?_shape=array")
    assert [(r["partner"], r["status"], r["severed"]) for r in answer] == expected


def test_a_fact_with_its_references(site):
    titles = {row["ref_id"]: row["title"] for row in csv_rows("article_references")}
    cited = [row["ref_id"] for row in csv_rows("citations") if row["row_id"] == "MLI/relation/GBR"]
    query = urllib.parse.urlencode({"_shape": "array", "row_id": "MLI/relation/GBR"})
    answer = get_json(f"{site}/foreign_relations/fact_references.json?{query}")
    assert [(r["ref_id"], r["title"]) for r in answer] == [(ref, titles[ref]) for ref in cited]
    assert [r["ref_id"] for r in answer] == [":7"]  # quality finding 1: the UK's list row cites reference :7


def browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


class HeadlessBrowser:
    """One headless browser for several pages, driven over the DevTools protocol on a pipe
    (`--remote-debugging-pipe`: JSON messages ended by a NUL byte, its fd 3 in, fd 4 out), not
    started once a page as `--dump-dom` would be (each start costs the browser's seconds)."""

    def __init__(self, timeout: float = 120) -> None:
        to_browser, self._out = os.pipe()
        self._in, from_browser = os.pipe()
        ends = [fcntl.fcntl(end, fcntl.F_DUPFD_CLOEXEC, 10) for end in (to_browser, from_browser)]  # not 3 or 4
        for end in (to_browser, from_browser):
            os.close(end)
        options = ["--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "about:blank"]
        self.process = subprocess.Popen(
            [str(browser()), *options],
            preexec_fn=lambda: [os.dup2(end, number) for number, end in ((3, ends[0]), (4, ends[1]))],
            close_fds=False,  # the browser keeps its fds 3 and 4 (made by dup2, inheritable); no others are
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for end in ends:
            os.close(end)
        self._deadline, self._buffer, self._ids = time.monotonic() + timeout, b"", itertools.count(1)
        target = self._call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self._call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self._call("Page.enable", self._session)

    def page(self, url: str) -> str:
        """The page's DOM once the browser has loaded it (scripts run), as `--dump-dom` prints it."""
        navigated = self._call("Page.navigate", self._session, url=url)
        assert "errorText" not in navigated, navigated
        while not self._loaded(self._message()):
            pass  # the page's other events
        expression = "document.documentElement.outerHTML"
        evaluated = self._call("Runtime.evaluate", self._session, expression=expression, returnByValue=True)
        return evaluated["result"]["value"]

    def _loaded(self, event: dict) -> bool:
        return event.get("method") == "Page.loadEventFired" and event.get("sessionId") == self._session

    def close(self) -> None:
        try:
            self._call("Browser.close")
        finally:
            os.close(self._out)
            os.close(self._in)
            self.process.wait(timeout=30)

    def _call(self, method: str, session: str | None = None, **params: object) -> dict:
        number = next(self._ids)
        message = {"id": number, "method": method, "params": params} | ({"sessionId": session} if session else {})
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while (answer := self._message()).get("id") != number:
            pass  # an event, or the answer to another call
        assert "error" not in answer, (method, answer)
        return answer["result"]

    def _message(self) -> dict:
        while b"\0" not in self._buffer:
            left = self._deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                pytest.fail("the browser did not answer in time")
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                pytest.fail(f"the browser stopped (exit {self.process.wait(timeout=30)})")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)


@pytest.fixture
def headless() -> Iterator[HeadlessBrowser]:
    browser = HeadlessBrowser()
    try:
        yield browser
    finally:
        browser.close()


@pytest.mark.slow
@pytest.mark.skipif(browser() is None, reason=f"no headless browser installed (looked for {', '.join(BROWSERS)})")
def test_a_person_sees_the_home_page_a_table_and_a_row_with_its_links(site, headless):
    home = headless.page(f"{site}/")
    assert "<h1>Foreign relations of Mali</h1>" in home
    assert (
        'href="https://creativecommons.org/licenses/by-sa/4.0/">Creative Commons Attribution-ShareAlike 4.0</a>' in home
    )
    page = headless.page(f"{site}/foreign_relations/diplomatic_relations?partner=Ukraine")
    assert "<h1>Diplomatic relations (list)</h1>" in page
    assert "<h3>1 row" in page
    assert ">Ukraine</td>" in page and ">severed</td>" in page and ">1992-11-05</td>" in page
    description = BY_NAME["diplomatic_relations"].field("position").description
    assert description in page  # the column descriptions are shown above the table
    row = headless.page(f"{site}/foreign_relations/diplomatic_relations/MLI~2Frelation~2FGBR")
    assert ">United Kingdom</td>" in row
    for table in ("relation_changes", "citations", "quality_findings"):  # the rows about it, one click away
        assert f'href="/foreign_relations/{table}?row_id=MLI%2Frelation%2FGBR">{BY_NAME[table].title}: ' in row
    citations = headless.page(f"{site}/foreign_relations/citations")
    assert ">None</a>" not in citations  # a reference is labelled by its title (or its id), never "None"


@functools.cache
def datasette_app(database: Path) -> Datasette:
    """Datasette over `database`, with the metadata and plugins `make serve` gives it: one for
    the module's requests (it reads, never writes; made once, it starts up once)."""
    from datasette.app import Datasette

    metadata = json.loads(database.with_suffix(".metadata.json").read_text(encoding="utf-8"))
    return Datasette([str(database)], metadata=metadata, plugins_dir=str(ROOT / PLUGINS))


def in_process(database: Path, *paths: str) -> list:
    """Datasette's answers to `paths`, from its test client (in this process, no server), with the
    metadata and plugins `make serve` gives it."""
    app = datasette_app(database)

    async def fetch() -> list:
        return [await app.client.get(path) for path in paths]

    return asyncio.run(fetch())


PARTIAL_DATES = [(t.name, f.name) for t in TABLES for f in t.fields if f.pattern == PARTIAL_DATE]


def facet_values(answer: dict) -> list[str]:
    return [str(value["value"]) for facet in answer["facet_results"].values() for value in facet["results"]]


@pytest.mark.parametrize(("table", "column"), PARTIAL_DATES, ids=[f"{t}.{c}" for t, c in PARTIAL_DATES])
def test_no_facet_of_a_partial_date_shows_a_value_the_data_does_not_hold(database, table, column):
    held = {row[column] for row in csv_rows(table) if row[column]}
    base = f"/foreign_relations/{table}"
    pages = in_process(
        database, f"{base}.json?_facet_date={column}&_facet={column}", f"{base}?_facet_date={column}", f"{base}.json"
    )
    assert [page.status_code for page in pages] == [200, 200, 200]
    faceted, html, plain = pages[0].json(), pages[1].text, pages[2].json()
    assert set(facet_values(faceted)) <= held  # its values as written, never date(column)
    assert "-4707" not in html
    if any(len(value) < 10 for value in held):  # a year or a month among them: no date facet at all
        assert [f["type"] for f in faceted["facet_results"].values()] == ["column"]
        assert (column, "date") not in {(s["name"], s.get("type")) for s in plain["suggested_facets"]}


def test_a_full_date_column_still_has_its_date_facet(database):
    (page,) = in_process(
        database, "/foreign_relations/diplomatic_relations.json?_facet_date=established_earliest&_facet_size=max"
    )
    held = {row["established_earliest"] for row in csv_rows("diplomatic_relations") if row["established_earliest"]}
    values = facet_values(page.json())
    assert values and set(values) <= held
    assert "1962-01-01" in values  # the first day of the year-only "1962" (not -4707-04-09)


def test_tables_have_a_readers_label_and_the_articles_order(database):
    metadata = json.loads(database.with_suffix(".metadata.json").read_text(encoding="utf-8"))
    tables = metadata["databases"]["foreign_relations"]["tables"]
    assert tables["diplomatic_relations"]["label_column"] == "partner"
    assert tables["diplomatic_relations"]["sort"] == "position"
    assert tables["article_references"]["label_column"] == "title"
    assert tables["citations"]["sort"] == "occurrence" and tables["quality_findings"]["sort"] == "finding"
    assert tables["events"]["sort"] == "source_start"
    (page,) = in_process(database, "/foreign_relations/diplomatic_relations.json?_shape=array&_size=3")
    assert [row["position"] for row in page.json()] == [1, 2, 3]


def test_a_citation_links_its_reference_by_title_never_none(database):
    references = {row["reference_id"]: row["title"] for row in csv_rows("article_references")}
    citations = csv_rows("citations")
    (page,) = in_process(database, "/foreign_relations/citations?_size=max")
    assert ">None</a>" not in page.text
    first = citations[0]  # by occurrence: the article's first <ref>
    assert f">{references[first['reference_id']]}</a>" in page.text.replace("&#39;", "'")
    untitled = next(row for row in citations if not references[row["reference_id"]])
    assert f">{untitled['reference_id']}</a>" in page.text  # no title: its id, not "None"


def test_a_relations_page_links_to_its_changes_citations_and_findings(database):
    def count(table: str, row_id: str) -> int:
        return sum(row["row_id"] == row_id for row in csv_rows(table))

    (page,) = in_process(database, "/foreign_relations/diplomatic_relations/MLI~2Frelation~2FGBR")
    assert page.status_code == 200
    for table in ("relation_changes", "citations", "quality_findings"):
        n = count(table, "MLI/relation/GBR")
        assert n  # by hand from the seed: the UK's list row has its establishment, a reference (:7) and a finding
        title = BY_NAME[table].title
        assert f'<a href="/foreign_relations/{table}?row_id=MLI%2Frelation%2FGBR">{title}: {n}</a>' in page.text


def test_the_database_page_shows_the_codebook(site):
    page = get(f"{site}/foreign_relations").decode("utf-8")
    assert "<h1>Codebook: Foreign relations of Mali (version" in page
    assert "<h2>Limitations</h2>" in page and "<h2>Glossary</h2>" in page
    assert "<h3><code>relation_years</code>: Dyad-years</h3>" in page


def test_the_codebook_shown_in_datasette_keeps_html_as_text_and_only_safe_links(tmp_path):
    package = tmp_path / "package"
    shutil.copytree(PACKAGE, package)
    (package / "CODEBOOK.md").write_text(
        "# Codebook\n\nA <script>alert(1)</script> [a](javascript:alert(1)) [b](https://example.org/)\n",
        encoding="utf-8",
    )
    out = tmp_path / "db.sqlite"
    assert pipeline_cli("sqlite", "--package", package, "--out", out).returncode == 0
    shown = json.loads(out.with_name("db.metadata.json").read_text(encoding="utf-8"))["databases"]["db"]
    assert shown["description_html"] == (
        "<h1>Codebook</h1>\n<p>A &lt;script&gt;alert(1)&lt;/script&gt; "
        '<a href="#harmful-link">a</a> <a href="https://example.org/">b</a></p>\n'
    )
    (package / "CODEBOOK.md").unlink()  # a package from before the codebook: no description
    assert pipeline_cli("sqlite", "--package", package, "--out", out).returncode == 0
    assert (
        "description_html"
        not in json.loads(out.with_name("db.metadata.json").read_text(encoding="utf-8"))["databases"]["db"]
    )
