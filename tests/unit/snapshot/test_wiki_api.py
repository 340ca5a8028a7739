"""`pipeline snapshot` against a real HTTP server on 127.0.0.1 answering like a MediaWiki API."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest

from pipeline.snapshot.polite import Politeness
from pipeline.snapshot.stage import Request, snapshot
from pipeline.snapshot.titles import file_name_for, source_id_for
from pipeline.sources import load_sources
from tests.helpers import pipeline_cli
from tests.helpers.snapshot_wiki import (  # noqa: F401
    FakeWiki,
    Revision,
    hang,
    maxlag,
    not_json,
    refuse,
    serve,
    wiki_server,
    wiki_server_once,
)

NIGER = "Foreign relations of Niger"
NIGER_TEXT = "'''Niger''' has relations with [[Mali]].\n== Relations ==\n{{Main|x}}\n"
CHAD_TEXT = "'''Chad''' has relations with [[Niger]].<ref>[[Niger]]</ref>\n"


class Run:
    """One snapshot run with a fake clock: the waits it asked for, the lines it printed."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self.lines: list[str] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self, url: str, seeds: Path, titles: list[str], **options) -> int:
        politeness = Politeness(
            "test-agent (mailto:test@example.org)",
            rate=options.pop("rate", float("inf")),
            timeout=options.pop("timeout", 5.0),
            retries=options.pop("retries", 4),
            sleep=self.sleep,
            clock=lambda: self.now,
        )
        request = Request(seeds, "2026-01-02", titles, wiki=url, **options)
        return snapshot(request, politeness, self.lines.append)


def entries(seeds: Path) -> list[dict[str, str]]:
    return tomllib.loads((seeds / "sources.toml").read_text(encoding="utf-8"))["source"]


@pytest.fixture
def wiki() -> FakeWiki:
    return FakeWiki(
        pages={
            NIGER: Revision(101, 1001, "2026-01-01T10:00:00Z", NIGER_TEXT),
            "Foreign relations of Chad": Revision(102, 1002, "2025-12-31T09:30:00Z", CHAD_TEXT),
            "Foreign relations of Georgia": Revision(103, 1003, "2025-01-01T00:00:00Z", "'''Georgia''' may refer to:"),
            "Economy of Niger": Revision(104, 1004, "2025-01-01T00:00:00Z", "'''Economy'''"),
        },
        redirects={"Niger foreign relations": NIGER},
        disambiguation={"Foreign relations of Georgia"},
    )


def test_a_title_lands_with_its_manifest_entry(wiki_server, wiki, tmp_path):  # noqa: F811
    url, run = serve(wiki_server, wiki), Run()

    assert run(url, tmp_path, [NIGER]) == 0

    assert (tmp_path / "foreign-relations-of-niger.wikitext").read_text(encoding="utf-8") == NIGER_TEXT
    assert entries(tmp_path) == [
        {
            "source_id": "foreign-relations-of-niger",
            "path": "foreign-relations-of-niger.wikitext",
            "title": NIGER,
            "url": "https://en.wikipedia.org/wiki/Foreign_relations_of_Niger",
            "permalink": "https://en.wikipedia.org/w/index.php?title=Foreign_relations_of_Niger&oldid=1001",
            "publisher": "Wikipedia (https://en.wikipedia.org)",
            "license": "CC-BY-SA-4.0",
            "license_url": "https://creativecommons.org/licenses/by-sa/4.0/",
            "attribution": 'Wikipedia contributors, "Foreign relations of Niger" (revision 1001), text under Creative Commons Attribution-Share Alike 4.0',
            "format": "wikitext",
            "api_url": url,
            "page_id": "101",
            "revision_id": "1001",
            "revision_timestamp": "2026-01-01T10:00:00Z",
            "retrieved": "2026-01-02",
            "sha256": hashlib.sha256(NIGER_TEXT.encode()).hexdigest(),
            "snapshot_tool": "pipeline 0.1.0 (mwclient 0.11.0)",
        }
    ]
    assert run.lines == [f"written: {NIGER}: revision 1001 as {tmp_path / 'foreign-relations-of-niger.wikitext'}"]
    # a good citizen: maxlag and a User-Agent with a contact on every call
    assert [r.get("maxlag") for r in wiki.requests] == ["5", "5"]
    assert all(agent == "test-agent (mailto:test@example.org)" for agent in wiki.agents)
    # the build reads the folder: the snapshot's facts become the sources row's
    (source,) = load_sources(tmp_path)
    facts = source.snapshot_facts()
    assert (facts["revision_id"], facts["page_id"], facts["redirected_from"]) == (1001, 101, None)


def test_more_than_50_titles_take_two_requests(wiki_server, tmp_path):  # noqa: F811
    titles = [f"Foreign relations of Country {n}" for n in range(1, 52)]
    wiki = FakeWiki(
        pages={
            t: Revision(n, 5000 + n, "2026-01-01T00:00:00Z", f"'''{t}''' [[a]] [[b]] [[c]]")
            for n, t in enumerate(titles, 1)
        }
    )
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, titles) == 0

    assert [len(q["titles"].split("|")) for q in wiki.page_queries()] == [50, 1]
    assert len(entries(tmp_path)) == 51


def test_each_title_problem_is_one_line_and_the_others_land(wiki_server, wiki, tmp_path):  # noqa: F811
    url, run = serve(wiki_server, wiki), Run()
    titles = ["Niger foreign relations", "Foreign relations of Atlantis", "Foreign relations of Georgia"]
    titles += ["Economy of Niger", "foreign relations of Chad", "Foreign relations of <Chad>"]

    assert run(url, tmp_path, titles) == 65

    assert run.lines == [
        "failed: Foreign relations of <Chad>: the title holds '<', which no MediaWiki title can; correct the title",
        f"written: {NIGER}: revision 1001 as {tmp_path / 'foreign-relations-of-niger.wikitext'}",
        f"failed: Foreign relations of Atlantis: no such page on {url}; check the title's spelling",
        "failed: Foreign relations of Georgia: 'Foreign relations of Georgia' is a disambiguation page; give the article's exact title",
        "failed: Economy of Niger: 'Economy of Niger' is not a Foreign relations of ... article; give a title of the family",
        f"written: Foreign relations of Chad: revision 1002 as {tmp_path / 'foreign-relations-of-chad.wikitext'}",
    ]
    niger, chad = entries(tmp_path)
    assert niger["redirected_from"] == "Niger foreign relations"
    assert "redirected_from" not in chad  # "foreign relations of Chad" was only normalised


def test_a_429_waits_as_long_as_retry_after_says(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [refuse(429, "7")]
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 0

    assert run.sleeps == [7.0]  # Retry-After (7 s) beats the first backoff (2 s)
    assert len(wiki.page_queries()) == 2


def test_retry_after_is_capped_and_a_503_backs_off(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [refuse(503, "86400"), refuse(503), refuse(503)]
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 0

    assert run.sleeps == [120.0, 4.0, 8.0]  # a day capped at 120 s; then backoff 2 s doubled per retry


def test_a_maxlag_answer_is_retried_after_retry_after(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [maxlag(6, 5)]
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER]) == 0

    assert run.sleeps == [5.0]
    assert len(wiki.page_queries()) == 2


def test_the_rate_limit_spaces_the_calls(wiki_server, wiki, tmp_path):  # noqa: F811
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER], rate=0.5) == 0

    assert run.sleeps == [2.0]  # siteinfo, then the page query 2 s later (0.5 calls per second)


def test_answers_that_are_not_json_fail_their_batch_only(wiki_server, tmp_path):  # noqa: F811
    titles = [f"Foreign relations of Country {n}" for n in range(1, 52)]
    wiki = FakeWiki(
        pages={
            t: Revision(n, 5000 + n, "2026-01-01T00:00:00Z", f"'''{t}''' [[a]] [[b]] [[c]]")
            for n, t in enumerate(titles, 1)
        }
    )
    wiki.script = [not_json()]
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, titles) == 69

    assert (
        run.lines[0]
        == "failed: Foreign relations of Country 1: the wiki's answer is not JSON; run the snapshot again later"
    )
    assert len([line for line in run.lines if line.startswith("failed:")]) == 50
    assert [e["title"] for e in entries(tmp_path)] == ["Foreign relations of Country 51"]


def test_a_hanging_wiki_times_out_then_is_retried(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [hang(0.6)]
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER], timeout=0.1, retries=1) == 0

    assert run.sleeps == [2.0]
    assert (tmp_path / "foreign-relations-of-niger.wikitext").exists()


def test_a_hanging_wiki_without_retries_fails_the_title(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [hang(0.6)]
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER], timeout=0.1, retries=0) == 69

    assert run.lines == [
        f"failed: {NIGER}: the wiki did not answer within 0.1 s (1 attempt); run the snapshot again later"
    ]
    assert not (tmp_path / "sources.toml").exists()


def test_a_wiki_that_never_answers_is_one_line_exit_69(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.script = [refuse(503, when="meta")]
    url = serve(wiki_server, wiki)

    result = pipeline_cli(
        "snapshot", NIGER, "--seeds", tmp_path, "--wiki", url, "--contact", "t@example.org", "--retries", "0"
    )

    assert result.returncode == 69
    assert result.stderr == (
        f"error: {url}: siteinfo: the wiki answered HTTP 503 (1 attempt); check --wiki (an api.php URL) and the network\n"
    )


def test_the_command_needs_a_contact_for_the_wiki(tmp_path):
    result = pipeline_cli("snapshot", NIGER, "--seeds", tmp_path)

    assert result.returncode == 65
    assert (
        result.stderr
        == "error: snapshot: --contact: the wiki's operators need a way to reach you; pass --contact EMAIL_OR_URL\n"
    )


def test_the_command_runs_end_to_end(wiki_server, wiki, tmp_path):  # noqa: F811
    url = serve(wiki_server, wiki)

    result = pipeline_cli(
        "snapshot",
        NIGER,
        "--seeds",
        tmp_path,
        "--wiki",
        url,
        "--contact",
        "t@example.org",
        "--retrieved",
        "2026-01-02",
        "--rate",
        "1000",
    )

    assert (result.returncode, result.stdout) == (
        0,
        f"written: {NIGER}: revision 1001 as {tmp_path / 'foreign-relations-of-niger.wikitext'}\n",
    )
    assert wiki.agents[0] == "foreign-relations-pipeline/0.1.0 (snapshot stage; t@example.org) mwclient/0.11.0"


def test_a_revision_already_in_the_folder_is_not_written_again(wiki_server, wiki, tmp_path):  # noqa: F811
    url = serve(wiki_server, wiki)
    Run()(url, tmp_path, [NIGER])
    manifest = (tmp_path / "sources.toml").read_bytes()
    run = Run()

    assert run(url, tmp_path, [NIGER]) == 0

    assert run.lines == [f"unchanged: {NIGER}: revision 1001 is already in {tmp_path}"]
    assert (tmp_path / "sources.toml").read_bytes() == manifest


def test_a_newer_revision_replaces_the_article_only_with_update(wiki_server, wiki, tmp_path):  # noqa: F811
    url = serve(wiki_server, wiki)
    Run()(url, tmp_path, [NIGER])
    wiki.pages[NIGER] = Revision(101, 2002, "2026-02-01T00:00:00Z", NIGER_TEXT + "More.\n")

    kept = Run()
    assert kept(url, tmp_path, [NIGER]) == 0
    assert kept.lines == [f"kept: {NIGER}: {tmp_path} holds revision 1001, the wiki gives 2002; --update replaces it"]
    assert (tmp_path / "foreign-relations-of-niger.wikitext").read_text(encoding="utf-8") == NIGER_TEXT

    replaced = Run()
    assert replaced(url, tmp_path, [NIGER], update=True) == 0
    assert replaced.lines == [f"replaced: {NIGER}: revision 2002 as {tmp_path / 'foreign-relations-of-niger.wikitext'}"]
    (entry,) = entries(tmp_path)
    assert (entry["revision_id"], entry["revision_timestamp"]) == ("2002", "2026-02-01T00:00:00Z")
    assert (tmp_path / "foreign-relations-of-niger.wikitext").read_text(encoding="utf-8") == NIGER_TEXT + "More.\n"


def test_an_interrupted_run_is_finished_by_the_next(wiki_server, wiki, tmp_path):  # noqa: F811
    # the run stopped after writing Niger's file, before its manifest entry
    (tmp_path / "foreign-relations-of-niger.wikitext").write_text(NIGER_TEXT, encoding="utf-8")
    (tmp_path / ".foreign-relations-of-niger.wikitext.partial").write_text("half", encoding="utf-8")
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [NIGER, "Foreign relations of Chad"]) == 0

    assert [e["revision_id"] for e in entries(tmp_path)] == ["1001", "1002"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".foreign-relations-of-niger.wikitext.partial",  # not made by this run: never written over nor removed
        "foreign-relations-of-chad.wikitext",
        "foreign-relations-of-niger.wikitext",
        "sources.toml",
    ]
    assert (tmp_path / ".foreign-relations-of-niger.wikitext.partial").read_text(encoding="utf-8") == "half"
    assert [s.source_id for s in load_sources(tmp_path)] == ["foreign-relations-of-chad", "foreign-relations-of-niger"]


def test_a_hostile_title_cannot_name_a_path_outside_the_folder(wiki_server, tmp_path):  # noqa: F811
    hostile = "Foreign relations of ../../x"
    wiki = FakeWiki(pages={hostile: Revision(9, 909, "2026-01-01T00:00:00Z", "'''x''' [[a]] [[b]] [[c]]")})
    seeds = tmp_path / "seeds"
    run = Run()

    assert run(serve(wiki_server, wiki), seeds, [hostile, "Foreign relations of a\x00b"]) == 65

    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds"]  # its lock file removed, as for every output
    assert sorted(p.name for p in seeds.iterdir()) == ["foreign-relations-of-x.wikitext", "sources.toml"]
    assert (
        run.lines[0]
        == "failed: Foreign relations of a\\x00b: the title holds '\\x00', which no MediaWiki title can; correct the title"
    )


def test_titles_give_safe_distinct_file_names():
    assert (
        source_id_for("Foreign relations of São Tomé and Príncipe", {}) == "foreign-relations-of-sao-tome-and-principe"
    )
    assert source_id_for("../..", {}) == "article"
    taken = {"foreign-relations-of-x": "Foreign relations of X"}
    assert (
        source_id_for("Foreign relations of x!", taken)
        == "foreign-relations-of-x-" + hashlib.sha256(b"Foreign relations of x!").hexdigest()[:8]
    )
    assert file_name_for("article") == "article.wikitext"


def test_a_category_brings_its_articles_and_subcategories_articles(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.categories["Category:Foreign relations by country"] = [(0, NIGER), (14, "Category:Foreign relations of Chad")]
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [], category="Foreign relations by country") == 0

    assert [e["title"] for e in entries(tmp_path)] == [NIGER, "Foreign relations of Chad"]


def test_a_pinned_revision_lands_as_that_revision(wiki_server, wiki, tmp_path):  # noqa: F811
    wiki.old[900] = (
        NIGER,
        Revision(101, 900, "2024-05-05T05:05:05Z", "'''Niger''' in 2024.\n== Relations ==\n{{Main|x}}[[y]]\n"),
    )
    run = Run()

    assert run(serve(wiki_server, wiki), tmp_path, [], revisions=[900]) == 0

    (entry,) = entries(tmp_path)
    assert entry["permalink"] == "https://en.wikipedia.org/w/index.php?title=Foreign_relations_of_Niger&oldid=900"
    assert (tmp_path / entry["path"]).read_text(
        encoding="utf-8"
    ) == "'''Niger''' in 2024.\n== Relations ==\n{{Main|x}}[[y]]\n"


def test_a_file_changed_after_its_snapshot_is_refused_by_the_build(wiki_server, wiki, tmp_path):  # noqa: F811
    from pipeline.errors import InputError

    Run()(serve(wiki_server, wiki), tmp_path, [NIGER])
    (tmp_path / "foreign-relations-of-niger.wikitext").write_text(NIGER_TEXT + "edited\n", encoding="utf-8")
    (source,) = load_sources(tmp_path)

    with pytest.raises(InputError, match="changed after the snapshot"):
        source.read()


PROVENANCE = ["source_start", "source_end"]  # byte spans: in the edit page before, in the wikitext file now
ANSWERED_BY_A_SNAPSHOT = [  # findings a retrieval date answers (quality_findings: check_name/resource/row_id/field)
    ("source_undocumented", "sources", "foreign-relations-of-mali", "retrieved"),
    ("unchecked_upper_bound", "sources", "", "retrieved"),
]


@pytest.mark.slow
def test_a_snapshot_of_mali_builds_the_same_tables(wiki_server, tmp_path):  # noqa: F811
    import pandas as pd
    import tomlkit

    from pipeline.build import release
    from pipeline.extract.stage import extract_document
    from tests.helpers import FACT_SHEET, ROOT, SEEDS

    # the seed's own wikitext (line breaks restored), served as the wiki's current revision
    (mali,) = [s for s in load_sources(SEEDS) if s.source_id == "foreign-relations-of-mali"]
    wikitext = extract_document(mali).wikitext
    wiki = FakeWiki(pages={"Foreign relations of Mali": Revision(3456, 1290000000, "2025-04-20T08:00:00Z", wikitext)})
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / FACT_SHEET.name).write_bytes(FACT_SHEET.read_bytes())
    (fact_sheet,) = [
        e for e in tomllib.loads((SEEDS / "sources.toml").read_text())["source"] if e["path"] == FACT_SHEET.name
    ]
    (seeds / "sources.toml").write_text(tomlkit.dumps({"source": [fact_sheet]}), encoding="utf-8")

    assert Run()(serve(wiki_server, wiki), seeds, ["Foreign relations of Mali"]) == 0
    release(seeds, tmp_path / "out", tmp_path / "reports", data_docs=False, fresh=True)

    for table in [
        "bilateral_relations",
        "citations",
        "diplomatic_relations",
        "events",
        "memberships",
        "missions",
        "article_references",
    ]:
        today = pd.read_csv(ROOT / "datapackage" / "data" / f"{table}.csv", dtype=str, keep_default_na=False)
        fresh = pd.read_csv(tmp_path / "out" / "data" / f"{table}.csv", dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(fresh.drop(columns=PROVENANCE), today.drop(columns=PROVENANCE), obj=table)
    today, fresh = (
        pd.read_csv(folder / "data" / "quality_findings.csv", dtype=str, keep_default_na=False).drop(columns="finding")
        for folder in (ROOT / "datapackage", tmp_path / "out")
    )
    answered = today[
        [tuple(row) in ANSWERED_BY_A_SNAPSHOT for row in today[["check_name", "resource", "row_id", "field"]].values]
    ]
    assert len(answered) == 2
    pd.testing.assert_frame_equal(
        fresh, today.drop(index=answered.index).reset_index(drop=True), obj="quality_findings"
    )


def test_a_hand_saved_article_is_matched_by_title_and_replaced_in_place_only_with_update(wiki_server, wiki, tmp_path):  # noqa: F811
    url = serve(wiki_server, wiki)
    (tmp_path / "003_niger.txt").write_text("'''Niger''' saved by hand.\n", encoding="utf-8")
    hand = '# saved by hand\n[[source]]\nsource_id = "niger"\npath = "003_niger.txt"\ntitle = "Foreign relations of Niger"\nrevision_not_before = "2025-04"\n'
    (tmp_path / "sources.toml").write_text(hand, encoding="utf-8")

    kept = Run()
    assert kept(url, tmp_path, [NIGER]) == 0
    assert kept.lines == [
        f"kept: {NIGER}: {tmp_path} holds revision unknown, the wiki gives 1001; --update replaces it"
    ]

    replaced = Run()
    assert replaced(url, tmp_path, [NIGER], update=True) == 0
    (entry,) = entries(tmp_path)
    assert (entry["source_id"], entry["path"], entry["revision_id"]) == ("niger", "003_niger.txt", "1001")
    assert "revision_not_before" not in entry  # the revision is known now
    assert (tmp_path / "003_niger.txt").read_text(encoding="utf-8") == NIGER_TEXT
    assert (tmp_path / "sources.toml").read_text(encoding="utf-8").startswith("# saved by hand\n[[source]]\n")


def test_a_sources_kind_is_the_manifests_else_the_snapshots_else_not_known(tmp_path):
    from pipeline.sources import Source

    def kind(**facts: str) -> str | None:
        return Source("s", tmp_path / "s.txt", facts, True).kind()

    assert kind(api_url="https://en.wikipedia.org/w/api.php") == "api_revision"
    assert kind(dump="enwiki-20250601-pages-articles.xml.bz2") == "dump_revision"
    assert kind(source_kind="mirror_copy", api_url="https://x.org/w/api.php") == "mirror_copy"
    assert kind() is None  # a hand-saved copy whose entry does not say: not known, never guessed
