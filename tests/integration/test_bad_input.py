"""Bad input: one clear line (file, place, problem, fix), a distinct exit code, no traceback,
and nothing written. Each class of bad input has its own test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ARTICLE
from tests.helpers.fuzz_harness import run_case
from tests.helpers.seeds import MANIFEST, article_with, assert_one_line, run, seeds_with

# The seed folder and its manifest


def test_no_seed_folder(tmp_path):
    status, stderr = run(tmp_path / "missing", tmp_path)
    assert status == 66
    assert_one_line(stderr, r"error: .*/missing: no such folder; pass --seeds with the folder of seed documents")


def test_empty_seed_folder(tmp_path):
    (tmp_path / "seeds").mkdir()
    status, stderr = run(tmp_path / "seeds", tmp_path)
    assert status == 66
    assert_one_line(stderr, r"error: .*/seeds: the folder holds no seed documents; copy the seed files into it")


def test_manifest_names_a_missing_file(tmp_path):
    seeds = seeds_with(tmp_path)
    (seeds / ARTICLE.name).unlink()
    status, stderr = run(seeds, tmp_path)
    assert status == 66
    assert_one_line(
        stderr,
        r"error: .*sources.toml: source 'foreign-relations-of-mali': names '004_5564c2f49d038939.txt', "
        r"which is not in .*; add the file or remove its \[\[source\]\] entry",
    )


def test_manifest_that_does_not_parse(tmp_path):
    status, stderr = run(seeds_with(tmp_path, manifest="[[source]\nsource_id = "), tmp_path)
    assert status == 65
    assert_one_line(stderr, r"error: .*sources.toml: the manifest does not parse \(.*\); fix its TOML syntax")


def test_manifest_entry_without_path(tmp_path):
    status, stderr = run(seeds_with(tmp_path, manifest='[[source]]\nsource_id = "a"\n'), tmp_path)
    assert status == 65
    assert_one_line(stderr, r"error: .*sources.toml: \[\[source\]\] #1: lacks `path`; add path = \"...\" to the entry")


def test_two_sources_with_one_id(tmp_path):
    manifest = MANIFEST.replace(
        'source_id = "us-state-department-relations-with-mali"', 'source_id = "foreign-relations-of-mali"'
    )
    status, stderr = run(seeds_with(tmp_path, manifest=manifest), tmp_path)
    assert status == 65
    assert_one_line(
        stderr, r"error: .*sources.toml: \[\[source\]\] #2: source_id 'foreign-relations-of-mali' is used twice; .*"
    )


# Bytes that are not a usable text document


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        (b"", r"the file is empty; replace it with the scraped document"),
        (bytes(range(256)), r"byte 0: the file is binary, not text; replace it with a text document"),
        (
            article_with("São".encode(), "São".encode("latin-1")),
            r"byte 53993: the file is not UTF-8; re-save it as UTF-8 .*",
        ),
        (
            ARTICLE.read_bytes().replace(b"\n", b"\r\n"),
            r"byte 15: the file has Windows \(CRLF\) .*; convert them to \\n .*",
        ),
        (b"<!DOCTYPE html><html><body>Mali</body></html>", r"byte 0: the file is an HTML page; .*"),
        (b'{"title": "Foreign relations of Mali"}', r"byte 0: the file is JSON; save the article's wikitext instead"),
        (
            article_with("São".encode(), b"S\x00o"),  # far past the first 8 KiB: text, then a NUL
            r"byte 53993: a NUL character, at which the wikitext parser would stop reading; remove it .*",
        ),
    ],
    ids=["empty", "binary", "latin-1", "crlf", "html", "json", "nul-inside"],
)
def test_unusable_bytes(tmp_path, data, pattern):
    status, stderr = run(seeds_with(tmp_path, data), tmp_path)
    assert status == 65
    assert_one_line(stderr, rf"error: .*/004_5564c2f49d038939.txt: {pattern}")


def test_too_large_a_file(tmp_path):
    status, stderr = run(seeds_with(tmp_path, b"a" * (16 * 1024 * 1024 + 1)), tmp_path)
    assert status == 65
    assert_one_line(
        stderr, r"error: .*: the file has 16,777,217 bytes, more than the 16,777,216 an article can have; .*"
    )


def test_utf8_byte_order_mark_is_accepted_and_offsets_count_it(tmp_path):
    from pipeline.clean.stage import clean
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources

    seeds = seeds_with(tmp_path, b"\xef\xbb\xbf" + ARTICLE.read_bytes())
    relations = clean(extract(load_sources(seeds)))["diplomatic_relations"]
    data = (seeds / ARTICLE.name).read_bytes()
    first = relations.iloc[0]
    assert (
        data[first["source_start"] : first["source_end"]]
        .decode()
        .startswith("|-\n|1\n|{{Flag|France}}".replace("\n", " "))
    )


# Documents that are not the article they claim to be


def test_truncated_scrape_without_footer(tmp_path):
    data = ARTICLE.read_bytes()
    status, stderr = run(seeds_with(tmp_path, data[: data.index(b"\nSummary:")]), tmp_path)
    assert status == 65
    assert_one_line(
        stderr, r"error: .*: the edit page has no 'Summary:' footer after its wikitext: the scrape is truncated; .*"
    )


def test_table_truncated_in_the_middle(tmp_path):
    data = ARTICLE.read_bytes()
    status, stderr = run(seeds_with(tmp_path, data[: data.index(b"|- |100 |")] + b"\nSummary:\n"), tmp_path)
    assert status == 65
    assert_one_line(
        stderr, r"error: .*: byte 12391: the article has no .* table .*: a '\{\|' opened here never closes .*"
    )


def test_unbalanced_template_swallowing_the_table(tmp_path):
    status, stderr = run(seeds_with(tmp_path, article_with(b"{{Flag|France}}", b"{{Flag|France}")), tmp_path)
    assert status == 65
    assert_one_line(stderr, r"error: .*: byte 12526: .*a '\{\{' opened here never closes and swallows what follows; .*")


def test_no_relations_table(tmp_path):
    start = ARTICLE.read_bytes().index(b"==Diplomatic relations==")
    end = ARTICLE.read_bytes().index(b"==See also==")
    data = ARTICLE.read_bytes()[:start] + ARTICLE.read_bytes()[end:]
    status, stderr = run(seeds_with(tmp_path, data), tmp_path)
    assert status == 65
    assert_one_line(
        stderr, r'error: .*: the article has no "Diplomatic relations" table with a country and a date column; .*'
    )


def _clean_rows(tmp_path: Path, name: str) -> list[dict[str, str]]:
    """The rows `run` wrote for one table."""
    import csv

    with (tmp_path / "out" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_header_that_differs(tmp_path):
    """Another word for a column is read ("State"); a column no rule names is read by its cells."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    status, _ = run(seeds_with(tmp_path / "a", article_with(b"!# !Country !Date", b"!# !State !Date")), tmp_path / "a")
    assert status == 0
    status, stderr = run(
        seeds_with(tmp_path / "b", article_with(b"!# !Country !Date", b"!# !Land !Date")), tmp_path / "b"
    )
    assert status == 0, stderr
    assert len(_clean_rows(tmp_path / "b", "diplomatic_relations")) == 161
    assert _clean_rows(tmp_path / "b", "unread_rows") == []


@pytest.mark.parametrize(
    ("old", "new", "cells"),
    [
        (b"|1 |{{Flag|France}}", b"|1 |x |{{Flag|France}}", 4),
        (b"|1 |{{Flag|France}} |{{dts|20 August 1960}}", b"|1 |{{Flag|France}}", 2),
    ],
)
def test_row_with_wrong_number_of_cells(tmp_path, old, new, cells):
    """The row is kept as written in unread_rows (the checks report it); the other rows are read."""
    status, stderr = run(seeds_with(tmp_path, article_with(old, new)), tmp_path)
    assert status == 0, stderr
    assert len(_clean_rows(tmp_path, "diplomatic_relations")) == 160
    (row,) = _clean_rows(tmp_path, "unread_rows")
    assert row["unread_id"] == "MLI/unread/1/1" and row["source_start"] == "12519"
    assert row["reason"] == f"the row has {cells} cells, which do not fill the table's 3 columns"
    assert new.decode() in row["row_raw"].replace("\n", " ")


def test_deeply_nested_templates_do_not_break_the_parse(tmp_path):
    deep = b"{{a|" * 3000 + b"x" + b"}}" * 3000
    status, stderr = run(
        seeds_with(tmp_path, article_with(b"Mali is active in regional", deep + b" Mali is active")), tmp_path
    )
    assert (status, stderr) == (0, "")


def test_unreadable_date_is_a_row_level_problem(tmp_path):
    from pipeline.clean.stage import clean
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources

    seeds = seeds_with(tmp_path, article_with(b"{{dts|20 August 1960}}", b"Spring 1962"))
    france = clean(extract(load_sources(seeds)))["diplomatic_relations"].iloc[0]
    assert (france["partner"], france["established_precision"], france["established_raw"]) == (
        "France",
        "unknown",
        'Spring 1962<ref name=":1" />',
    )
    assert france["established"] is pd_na() or str(france["established"]) == "<NA>"


def pd_na():
    import pandas as pd

    return pd.NA


def test_internal_errors_are_one_line_with_their_own_exit_code(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    seeds = seeds_with(tmp_path)
    (seeds / "sources.toml").write_text(MANIFEST)
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("pipeline.clean.stage.extract_document", lambda source: 1 / 0)
        result = runner.invoke(main, ["clean", "--seeds", str(seeds), "--out", str(tmp_path / "o")])
    assert result.exit_code == 70
    assert result.stderr == (
        "internal error: ZeroDivisionError: division by zero; run again with --debug and report it as a bug\n"
    )


@pytest.mark.parametrize("case", range(24))
def test_mutated_seed_gives_tables_or_one_clear_error(case):
    _, outcome, detail = run_case(case)
    assert outcome in ("tables", "error"), detail


def test_fuzz_case_with_a_header_swallowing_lines_still_gives_one_line():
    # Found by `make fuzz` (case 5188): a header cell that swallowed the table's notes, newlines included.
    # Its header reads as (Country, <the swallowed text>): the rows whose cells do not fit are
    # kept unread (once refused whole, with one line); the article's other rows are read.
    _, outcome, detail = run_case(5188)
    assert outcome == "tables", detail


def test_a_parse_that_stops_early_is_reported_not_published():
    """mwparserfromhell stops at a NUL: the walk over its tree notices the text it lost."""
    from pipeline.extract.wikitables import IncompleteParse, tables_and_headings

    with pytest.raises(IncompleteParse) as stop:
        tables_and_headings('== A ==\n{| class="wikitable"\n|-\n| 1\n|}\ntext\x00 lost\n{|\n|-\n| 2\n|}\n')
    assert stop.value.offset == 43  # where the NUL is: heading 8, table 21 + 3 + 4 + 3, "text" 4


COPY = (
    "Mali is in Africa. Mali has been a member of the [[United Nations]] since 28 September 1960.\n\n"
    "==Diplomatic relations==\n"
    '{| class="wikitable"\n! # !! Country !! Date\n|-\n| 1 || {{flag|France}} || 1960\n|-\n| 2 || {{flag|Ghana}} || 1961\n|}\n'
    "[[Category:Foreign relations of Mali| ]]\n"
)


def seeds_with_a_second_article(tmp_path: Path, extra: str = "") -> Path:
    """The seeds and a second, short article about Mali (`extra`: more lines of its [[source]] entry)."""
    seeds = seeds_with(tmp_path)
    (seeds / "copy.wikitext").write_text(COPY, encoding="utf-8")
    entry = 'source_id = "copy"\npath = "copy.wikitext"\ntitle = "Foreign relations of Mali"\nformat = "wikitext"\n'
    (seeds / "sources.toml").write_text(
        (seeds / "sources.toml").read_text(encoding="utf-8") + "\n[[source]]\n" + entry + extra, encoding="utf-8"
    )
    return seeds


def test_two_articles_about_one_subject_are_refused_in_one_line(tmp_path):
    """Their rows would take the same ids (MLI/relation/FRA twice): refused before anything is written."""
    status, stderr = run(seeds_with_a_second_article(tmp_path), tmp_path)
    assert status == 65
    assert_one_line(
        stderr,
        r"error: copy\.wikitext: title: a second article about Mali \(the first is 004_5564c2f49d038939\.txt\): "
        r"its rows would take the same ids; name each further edition of the article in seeds/sources\.toml "
        r'\(edition = "fr", a language or revision\), or build each in a package of its own',
    )
    assert not (tmp_path / "out").exists()


def test_a_further_edition_of_an_article_has_ids_of_its_own_and_is_checked_on_its_own(tmp_path):
    """edition = "fr": its rows are MLI~fr/...; its numbering (1, 2) is not mixed with the seed's
    (whose duplicated 124 and gap at 125 stay the only numbering findings); the dyads leave it out."""
    from pipeline.clean.internal_tables import internal_tables
    from pipeline.clean.stage import clean
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources
    from pipeline.validate.stage import run_checks

    extracted = extract(load_sources(seeds_with_a_second_article(tmp_path, 'edition = "fr"\n')))
    tables = clean(extracted)
    findings = run_checks(tables, internal_tables(extracted, tables), acknowledgements=[], expectations=False)
    relations = tables["diplomatic_relations"]
    copy = relations[relations["source_id"] == "copy"]
    assert list(copy["relation_id"]) == ["MLI~fr/relation/FRA", "MLI~fr/relation/GHA"]
    assert list(copy["subject_iso3"]) == ["MLI", "MLI"]
    assert len(relations) == 161 + 2 and relations["relation_id"].is_unique
    assert tables["sources"].set_index("source_id").at["copy", "edition"] == "fr"
    numbering = sorted((f.check, f.row_key) for f in findings if f.check in ("duplicate_row_number", "row_number_gap"))
    assert numbering == [
        ("duplicate_row_number", "MLI/relation/AGO"),
        ("duplicate_row_number", "MLI/relation/PHL"),
        ("row_number_gap", "MLI"),
    ]
    assert not any(f.check == "duplicate_partner" for f in findings)
    changes = tables["relation_changes"]
    assert set(changes[changes["source_id"] == "copy"]["row_id"]) == {"MLI~fr/relation/FRA", "MLI~fr/relation/GHA"}
    memberships, events = tables["memberships"], tables["events"]
    assert list(memberships[memberships["source_id"] == "copy"]["membership_id"]) == ["MLI~fr/membership/united-nations"]
    assert [i.split("/")[:2] for i in events[events["source_id"] == "copy"]["event_id"]] == [["MLI~fr", "event"]]
    assert memberships["membership_id"].is_unique  # the seed's article is a member of the United Nations too


def test_an_edition_that_is_not_a_code_is_refused(tmp_path):
    status, stderr = run(seeds_with_a_second_article(tmp_path, 'edition = "Français"\n'), tmp_path)
    assert status == 65
    assert_one_line(
        stderr,
        r"error: .*sources\.toml: \[\[source\]\] #3: edition 'Français' is not 1 to 20 lower-case letters, "
        r"digits and '-'; name it like a language or revision code: edition = \"fr\"",
    )


