"""`pipeline snapshot --dump`: the family's articles read from a bz2 XML dump the test makes."""

from __future__ import annotations

import bz2
import tomllib
from pathlib import Path

from pipeline.snapshot.dump import read_dump
from pipeline.snapshot.multistream import INDEX_FIX
from pipeline.snapshot.records import Article
from tests.helpers import pipeline_cli
from tests.helpers.dumps import HEAD, MALI, make_dump, page, three_pages

SCANNING = "note: enwiki-20250601-pages-articles.xml.bz2 has no multistream index beside it: scanning the whole dump"

def test_the_dump_gives_the_family_and_skips_the_rest(tmp_path):
    dump = three_pages(tmp_path)

    result = pipeline_cli("snapshot", "--dump", dump, "--seeds", tmp_path / "seeds", "--retrieved", "2026-01-02")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"written: Foreign relations of Mali: revision 111 as {tmp_path / 'seeds' / 'foreign-relations-of-mali.wikitext'}",
        f"written: Foreign relations of Niger: revision 122 as {tmp_path / 'seeds' / 'foreign-relations-of-niger.wikitext'}",
    ]
    mali, _ = tomllib.loads((tmp_path / "seeds" / "sources.toml").read_text(encoding="utf-8"))["source"]
    assert (tmp_path / "seeds" / "foreign-relations-of-mali.wikitext").read_text(encoding="utf-8") == MALI
    assert {
        k: mali[k] for k in ("url", "permalink", "publisher", "dump", "page_id", "revision_id", "revision_timestamp")
    } == {
        "url": "https://en.wikipedia.org/wiki/Foreign_relations_of_Mali",
        "permalink": "https://en.wikipedia.org/wiki/Foreign_relations_of_Mali?oldid=111",
        "publisher": "Wikipedia (https://en.wikipedia.org)",
        "dump": "enwiki-20250601-pages-articles.xml.bz2",
        "page_id": "11",
        "revision_id": "111",
        "revision_timestamp": "2025-05-01T12:00:00Z",
    }
    assert "license" not in mali  # a dump does not state its license: left out, not guessed


def test_a_title_the_dump_lacks_is_one_line_and_the_others_land(tmp_path):
    dump = three_pages(tmp_path)

    result = pipeline_cli(
        "snapshot", "Foreign relations of Niger", "Foreign relations of Chad", "Economy of Mali",
        "--dump", dump, "--seeds", tmp_path / "seeds",
    )  # fmt: skip

    assert result.returncode == 65
    assert result.stdout.splitlines() == [
        f"written: Foreign relations of Niger: revision 122 as {tmp_path / 'seeds' / 'foreign-relations-of-niger.wikitext'}",
        "failed: Foreign relations of Chad: no article of that title in enwiki-20250601-pages-articles.xml.bz2; check the title or use another dump",
        "failed: Economy of Mali: no article of that title in enwiki-20250601-pages-articles.xml.bz2; check the title or use another dump",
    ]


def test_the_dump_is_streamed_page_by_page(tmp_path):
    dump = three_pages(tmp_path)
    articles = read_dump(dump, "Foreign relations of ", [])

    first = next(articles)  # the first article comes before the rest of the dump is read

    assert isinstance(first, Article)
    assert (first.title, first.revision_id, first.page_id) == ("Foreign relations of Mali", 111, 11)
    assert [a.title for a in articles] == ["Foreign relations of Niger"]


def test_a_dump_that_is_not_xml_is_one_line(tmp_path):
    broken = tmp_path / "broken.xml.bz2"
    broken.write_bytes(bz2.compress(b"not xml at all"))

    result = pipeline_cli("snapshot", "--dump", broken, "--seeds", tmp_path / "seeds")

    assert result.returncode == 65
    note, error = result.stderr.splitlines()
    assert note == "note: broken.xml.bz2 has no multistream index beside it: scanning the whole dump"
    assert error.startswith(f"error: {broken}: the dump cannot be read (")


def test_two_snapshots_into_one_folder_do_not_run_at_once(tmp_path: Path):
    """The second run waits for the first's lock on the folder (`.seeds.lock` beside it); with
    `--wait 0` it gives up at once, exit 75, having written nothing."""
    from pipeline.outputs import locked

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    with locked(seeds, 0):
        result = pipeline_cli("snapshot", "--dump", tmp_path / "no.xml.bz2", "--seeds", seeds, "--wait", "0")
    assert result.returncode == 75, result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert list(seeds.iterdir()) == []


GOOD = "'''Chad''' [[Mali]] [[Niger]]\n== Relations ==\n"
FIX = "fix the article on the wiki, or pin another --revision"


def test_pages_the_build_would_refuse_are_one_line_each_and_the_others_land(tmp_path):
    without_timestamp = page("Foreign relations of Niger", 12, 122, GOOD).replace(
        "<timestamp>2025-05-01T12:00:00Z</timestamp>", ""
    )
    dump = make_dump(
        tmp_path,
        [
            page("Foreign relations of Mali", 11, 111, MALI),
            without_timestamp,
            page("Foreign relations of Chad", 13, -5, GOOD),
            page("Foreign relations of Togo", 14, 144, ""),
            page("Foreign relations of \x9b2JBenin", 15, 155, GOOD),
            page("Foreign relations of Ghana", 16, 166, "Words [[only]].\n"),
        ],
    )
    seeds = tmp_path / "seeds"

    result = pipeline_cli("snapshot", "--dump", dump, "--seeds", seeds, "--retrieved", "2026-01-02")

    assert (result.returncode, result.stderr) == (65, f"{SCANNING}\n")
    assert result.stdout.splitlines() == [
        f"written: Foreign relations of Mali: revision 111 as {seeds / 'foreign-relations-of-mali.wikitext'}",
        f"failed: Foreign relations of Niger: its page in {dump.name} has no <timestamp>; use a complete pages-articles dump",
        "failed: Foreign relations of Chad: the build would refuse revision -5 (its [[source]] entry): "
        f"`revision_id` is '-5', not a positive whole number; {FIX}",
        f"failed: Foreign relations of Togo: the build would refuse revision 144: the file is empty; {FIX}",
        "failed: Foreign relations of \\x9b2JBenin: the title 'Foreign relations of \\x9b2JBenin' cannot be written: "
        f"the title holds '\\x9b', which no MediaWiki title can; {FIX}",
        "failed: Foreign relations of Ghana: the build would refuse revision 166: the manifest says format "
        f"'wikitext' but the file looks like 'plain-text'; {FIX}",
    ]
    assert sorted(p.name for p in seeds.iterdir()) == ["foreign-relations-of-mali.wikitext", "sources.toml"]


def test_a_dump_whose_base_is_not_http_gives_no_links(tmp_path):
    path = make_dump(tmp_path, [page("Foreign relations of Mali", 11, 111, MALI)])
    path.write_bytes(
        bz2.compress(
            bz2.decompress(path.read_bytes()).replace(
                b"https://en.wikipedia.org/wiki/Main_Page", b"javascript:alert(1)//"
            )
        )
    )

    result = pipeline_cli("snapshot", "--dump", path, "--seeds", tmp_path / "seeds", "--retrieved", "2026-01-02")

    assert result.returncode == 0, result.stdout
    (entry,) = tomllib.loads((tmp_path / "seeds" / "sources.toml").read_text(encoding="utf-8"))["source"]
    assert ("url" in entry, "permalink" in entry, entry["publisher"]) == (False, False, "Wikipedia")


# The multistream route: the dump is a chain of bz2 streams (the header, then pages two by two,
# then the closing tag) and its index lists each page as `offset:page_id:title`.
MULTI = "enwiki-20250601-pages-articles-multistream.xml.bz2"
INDEX = "enwiki-20250601-pages-articles-multistream-index.txt.bz2"
FAMILY = [
    ("Economy of Mali", 10, "'''Economy'''"),
    ("Foreign relations of Mali", 11, MALI),
    ("Foreign relations of Niger", 12, "'''Niger''' [[Mali]] [[Chad]]\n== Relations ==\n"),
    ("Geography of Chad", 13, "'''Chad'''"),
    ("Foreign relations of Chad", 14, GOOD),
    ("Foreign relations of A:B", 15, GOOD),  # a title with a colon: the index's third field holds it whole
    ("Foreign relations of C & D", 16, GOOD),  # escaped in the XML (&amp;), as written in the index
]


def make_multistream(folder: Path, pages: list[tuple[str, int, str]], per_stream: int = 2) -> tuple[Path, list[str]]:
    """The dump (in `folder`, no index written) and its index lines, in order."""
    streams, lines, offset = [bz2.compress(HEAD.encode())], [], 0
    offset = len(streams[0])
    for start in range(0, len(pages), per_stream):
        chunk = pages[start : start + per_stream]
        data = bz2.compress("".join(page(t, i, i * 10, text) for t, i, text in chunk).encode())
        lines += [f"{offset}:{i}:{t}" for t, i, _ in chunk]
        streams.append(data)
        offset += len(data)
    streams.append(bz2.compress(b"</mediawiki>\n"))
    (folder / MULTI).write_bytes(b"".join(streams))
    return folder / MULTI, lines


def write_index(folder: Path, lines: list[str]) -> Path:
    (folder / INDEX).write_bytes(bz2.compress("".join(f"{line}\n" for line in lines).encode()))
    return folder / INDEX


def snapshot_of(dump: Path, seeds: Path, *options: object) -> tuple[int, list[str], str, dict[str, str]]:
    """Exit status, stdout lines, stderr, and each written file's text by name."""
    result = pipeline_cli("snapshot", *options, "--dump", dump, "--seeds", seeds, "--retrieved", "2026-01-02")
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir())} if seeds.is_dir() else {}
    return (
        result.returncode,
        [line.replace(str(seeds), "SEEDS") for line in result.stdout.splitlines()],
        result.stderr,
        files,
    )


def test_the_index_route_gives_what_the_scan_gives(tmp_path):
    dump, lines = make_multistream(tmp_path, FAMILY)
    scanned = snapshot_of(dump, tmp_path / "scanned")
    write_index(tmp_path, lines)

    indexed = snapshot_of(dump, tmp_path / "indexed")

    assert scanned[2] == f"note: {MULTI} has no multistream index beside it: scanning the whole dump\n"
    assert indexed[2] == ""  # the index beside the dump was used, without a word
    assert (
        indexed[:2]
        == scanned[:2]
        == (
            0,
            [
                "written: Foreign relations of Mali: revision 110 as SEEDS/foreign-relations-of-mali.wikitext",
                "written: Foreign relations of Niger: revision 120 as SEEDS/foreign-relations-of-niger.wikitext",
                "written: Foreign relations of Chad: revision 140 as SEEDS/foreign-relations-of-chad.wikitext",
                "written: Foreign relations of A:B: revision 150 as SEEDS/foreign-relations-of-a-b.wikitext",
                "written: Foreign relations of C & D: revision 160 as SEEDS/foreign-relations-of-c-d.wikitext",
            ],
        )
    )
    assert indexed[3] == scanned[3] and indexed[3]["foreign-relations-of-mali.wikitext"] == MALI


def test_the_index_route_reads_only_the_streams_it_needs(tmp_path, monkeypatch):
    from pipeline.snapshot import dump as dump_module

    dump, lines = make_multistream(tmp_path, FAMILY)
    index = tmp_path / "elsewhere.txt.bz2"
    index.write_bytes(bz2.compress("".join(f"{line}\n" for line in lines).encode()))
    offsets: list[int] = []
    real = dump_module.read_stream
    monkeypatch.setattr(dump_module, "read_stream", lambda file, at: offsets.append(at) or real(file, at))

    got = list(read_dump(dump, "Foreign relations of ", ["Foreign relations of Chad"], index))

    assert [(a.title, a.page_id, a.revision_id) for a in got] == [("Foreign relations of Chad", 14, 140)]
    chad_stream = int(lines[4].split(":")[0])
    assert offsets == [chad_stream]  # besides the header, only Chad's stream is decompressed


def test_a_stale_index_never_gives_the_wrong_page(tmp_path):
    dump, lines = make_multistream(tmp_path, FAMILY)
    offsets = [line.split(":", 1)[0] for line in lines]
    stale = [
        lines[0],
        lines[1].replace(offsets[1], offsets[2], 1),  # Mali placed in the next stream: found there by its id
        lines[2],
        lines[3],
        lines[4].replace(":14:", ":99:"),  # Chad under another page id: its stream holds no page 99
        lines[5].replace(offsets[5], "7", 1),  # A:B at a byte where no stream starts: found in the one before
    ]
    write_index(tmp_path, stale)

    status, out, err, files = snapshot_of(dump, tmp_path / "seeds")

    fix = "use the -multistream-index.txt.bz2 published with the dump, or move it away to scan the dump"
    assert (status, err) == (65, "")
    assert out == [  # in the order of the offsets the index gives
        "written: Foreign relations of A:B: revision 150 as SEEDS/foreign-relations-of-a-b.wikitext",
        "written: Foreign relations of Mali: revision 110 as SEEDS/foreign-relations-of-mali.wikitext",
        "written: Foreign relations of Niger: revision 120 as SEEDS/foreign-relations-of-niger.wikitext",
        f"failed: Foreign relations of Chad: the index places page 99 in the stream at byte {offsets[4]} of {MULTI}, "
        f"and neither it nor the streams around it hold that page; {fix}",
    ]
    assert "foreign-relations-of-chad.wikitext" not in files and files["foreign-relations-of-mali.wikitext"] == MALI


def test_a_hostile_index_line_is_one_line_and_nothing_is_written(tmp_path):
    dump, lines = make_multistream(tmp_path, FAMILY)
    for bad, said in [
        ("12:x:Foreign relations of Mali", "line 2: is '12:x:Foreign relations of Mali', not offset:page_id:title"),
        ("1" * 5000, "line 2: is longer than 4096 bytes"),
        ("99999999999999999999999:1:T", "line 2: is '99999999999999999999999:1:T', not offset:page_id:title"),
        ("\x1b[2J:1:T", "line 2: is '\\x1b[2J:1:T', not offset:page_id:title"),
    ]:
        index = write_index(tmp_path, [lines[0], bad, *lines[2:]])

        status, out, err, files = snapshot_of(dump, tmp_path / "seeds")

        assert (status, out, files) == (65, [], {}), err
        assert err == f"error: {index}: {said}; {INDEX_FIX}\n"


def test_an_index_that_is_not_bz2_or_missing_is_one_line(tmp_path):
    dump, _ = make_multistream(tmp_path, FAMILY)
    garbage = tmp_path / "garbage-index.txt.bz2"
    garbage.write_bytes(b"0:11:Foreign relations of Mali\n")  # not compressed

    unreadable = snapshot_of(dump, tmp_path / "seeds", "--dump-index", garbage)
    missing = snapshot_of(dump, tmp_path / "seeds", "--dump-index", tmp_path / "none.txt.bz2")

    assert unreadable[:2] == (65, []) and unreadable[2] == (
        f"error: {garbage}: the index cannot be read (OSError: Invalid data stream); {INDEX_FIX}\n"
    )
    assert missing[:2] == (66, []) and missing[2] == (
        f"error: {tmp_path / 'none.txt.bz2'}: no such index file; pass --dump-index with the dump's index\n"
    )


def test_an_index_without_a_dump_is_a_usage_error_64(tmp_path):
    index = tmp_path / "pages-multistream-index.txt.bz2"
    index.write_bytes(bz2.compress(b"0:11:Foreign relations of Mali\n"))

    result = pipeline_cli(
        "snapshot", "Foreign relations of Mali", "--seeds", tmp_path / "seeds", "--dump-index", index,
        "--contact", "t@example.org", "--wiki", "http://127.0.0.1:9/w/api.php",
    )  # fmt: skip

    assert (result.returncode, result.stdout) == (64, "")
    assert result.stderr == (
        "error: snapshot: --dump-index: is an index of a dump, and no --dump is given; add --dump\n"
    )
    assert not (tmp_path / "seeds").exists()  # refused before any work
