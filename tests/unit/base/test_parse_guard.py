"""Markup left open in bulk cannot make the wikitext parser take quadratic time.

mwparserfromhell reads every opener that never closes to the end of the text before it
gives up on it (8,000 `{{a|` in 32 KB took 50 s, 16,000 `<b ` over 90 s). Every parse goes
through `parse_guard.parse_wikitext`, which counts such openers in one linear scan and
refuses a text with more than MAX_UNCLOSED of them: one line, exit 65, never a hang.
Growth is measured as in tests/unit/clean/test_rule_time.py: a ratio of work at two sizes, no time limit.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from pipeline.clean.wikitext import plain_text
from pipeline.errors import InputError, MissingInputError, QualityError
from pipeline.extract.stage import extract_document
from pipeline.outputs import OutputError
from pipeline.parse_guard import MAX_UNCLOSED, TangledMarkup, parse_wikitext, unclosed_openers
from pipeline.snapshot.api import WikiError
from pipeline.sources import Source, load_sources
from tests.helpers import ARTICLE, ROOT, ForkedRun
from tests.helpers.seeds import article_with, assert_one_line, run, seeds_with

PROSE = b"Mali is active in regional"  # a sentence of the seed article's lead


def article_in(seeds: Path) -> Source:
    return next(source for source in load_sources(seeds) if source.path.name == ARTICLE.name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{a|b}} {{c|", [("{{", 8)]),
        ("<b>x</b> <i>y", [("<i", 9)]),
        ("<ref name=a <b>x</b>", [("<ref", 0)]),  # its `<name` meets another `<` before any `>`
        ("{{a|[[b}}", [("[[", 4)]),  # closed only by the template around it
        ("<!-- a --> {{b}} <!--", [("<!--", 17)]),
        ("<!-- {{ [[ <b -->", []),  # a comment hides what is in it
        ("<br> <ref name=x/> <li>a <hr>", []),  # tags that need no closing tag
        ("{|\n|a\n|}\n{|\n|b", [("{|", 9)]),
        ("{{a|b}}}} ]] </b> |}", []),  # closers with nothing to close
        ("{{a|{{b|{{c|x}}}}}}", []),
    ],
)
def test_unclosed_openers_are_found_with_their_offsets(text, expected):
    assert unclosed_openers(text) == expected


HOSTILE = ["{{a|", "<ref name=a ", "<b ", "<span ", "[[a|", "{{{a|", "<!--", "<b>", "{{a|b=", "<ref>", "\n{|"]


@pytest.mark.parametrize("opener", HOSTILE)
def test_an_article_with_markup_left_open_in_bulk_is_refused_at_its_first_opener(tmp_path, opener):
    hostile = opener.encode() * 5000
    seeds = seeds_with(tmp_path, article_with(PROSE, hostile + PROSE))
    article = article_in(seeds)
    first = ARTICLE.read_bytes().index(PROSE) + (1 if opener.startswith("\n") else 0)
    with pytest.raises(InputError, match=rf"byte {first}: 5000 markup openers never close \(more than 10;"):
        extract_document(article)


def test_one_opener_per_section_counts_over_the_whole_article(tmp_path):
    """Each section alone is harmless; the parser still reads each opener to the article's end."""
    hostile = b"\n==A==\n{{a|" * 2000
    seeds = seeds_with(tmp_path, article_with(PROSE, hostile + PROSE))
    article = article_in(seeds)
    with pytest.raises(InputError, match=r": 2000 markup openers never close"):
        extract_document(article)


def test_a_line_of_openers_closed_on_the_next_line_is_refused():
    """The article as a whole closes them, but the clean stage parses that line alone."""
    with pytest.raises(TangledMarkup, match=r"^3000 openers never close, the first '\{\{' at character 2$"):
        parse_wikitext("x\n" + "{{a|" * 3000 + "\n" + "}}" * 3000)


def test_a_sentence_too_tangled_to_parse_is_refused_not_read_slowly():
    with pytest.raises(TangledMarkup):
        plain_text("Mali " + "<b " * (MAX_UNCLOSED + 1))
    assert plain_text("Mali " + "<b " * MAX_UNCLOSED) == "Mali " + "<b " * (MAX_UNCLOSED - 1) + "<b"


def test_up_to_the_limit_the_article_is_read_as_before(tmp_path):
    """A few stray openers (as real pages have) are parsed: the tables are the seed's."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    plain = seeds_with(tmp_path / "a")
    stray = seeds_with(tmp_path / "b", article_with(PROSE, b"<b " * MAX_UNCLOSED + PROSE))
    tables = [extract_document(article_in(seeds)).tables for seeds in (plain, stray)]
    cells = [[[cell.text for cell in row.cells] for table in found for row in table.rows] for found in tables]
    assert cells[0] == cells[1]
    assert len(tables[0]) == 2


def test_the_refusal_is_one_line_with_exit_65(tmp_path):
    status, stderr = run(seeds_with(tmp_path, article_with(PROSE, b"<ref name=a " * 8000 + PROSE)), tmp_path)
    assert status == 65
    byte = ARTICLE.read_bytes().index(PROSE)
    assert_one_line(
        stderr,
        rf"error: .*{ARTICLE.name}: byte {byte}: 8000 markup openers never close \(more than 10; the first '<ref'"
        r" starting '<ref name=a <ref name=a <ref name=a <ref'\): the wikitext parser would take time growing"
        r" with the square of the text's length, so the document is not read; close or remove the markup left"
        r" open there",
    )


def test_every_parse_of_the_pipeline_goes_through_the_guard():
    calls = {
        str(path.relative_to(ROOT)): len(re.findall(r"mwparserfromhell\.parse\(", path.read_text(encoding="utf-8")))
        for path in (ROOT / "pipeline").rglob("*.py")
    }
    assert {path: count for path, count in calls.items() if count} == {"pipeline/parse_guard.py": 1}


def test_a_part_too_tangled_to_parse_in_the_clean_stage_is_one_line_quoting_it(tmp_path, monkeypatch):
    """A cell, sentence or reference parsed alone has no byte offset of its own: the error quotes it."""
    from pipeline.clean import stage

    item = extract_document(article_in(seeds_with(tmp_path)))

    def tangled(_item: object) -> None:
        parse_wikitext("Mali " + "{{a|" * (MAX_UNCLOSED + 1))

    monkeypatch.setattr(stage, "_document_rows", tangled)
    with pytest.raises(InputError) as error:
        stage.document_rows(item)
    assert str(error.value) == (
        f"{tmp_path}/seeds/{ARTICLE.name}: a cell, sentence or reference parsed alone: 11 markup"
        " openers never close (more than 10; the first '{{' starting '{{a|{{a|{{a|{{a|{{a|{{a|{{a|{{a|{{a|{{a|'):"
        " the wikitext parser would take time growing with the square of the text's length, so the document is"
        " not read; close or remove the markup left open there"
    )


@pytest.mark.parametrize("error", [InputError, MissingInputError, OutputError, QualityError, WikiError])
def test_an_error_crosses_from_a_worker_process_whole(error):
    """`--jobs` cleans in worker processes: an error they raise is pickled to the parent."""
    raised = error("seeds/a.txt", "byte 3", "what is wrong", "what to do")
    again = pickle.loads(pickle.dumps(raised))
    assert (type(again), str(again), again.exit_code) == (error, str(raised), raised.exit_code)


def test_bad_input_cleaned_in_parallel_is_one_line_not_a_hang(tmp_path):
    """Before errors could be pickled, the pool's result thread died and `clean --jobs 2` waited forever."""
    seeds = seeds_with(tmp_path, article_with(PROSE, b"{{a|" * 50 + PROSE))
    (seeds / "copy.txt").write_bytes((seeds / ARTICLE.name).read_bytes())
    run = ForkedRun("clean", "--seeds", seeds, "--out", tmp_path / "out", "--jobs", "2", pool=True)  # its own pool
    result = run.result(timeout=120)
    assert result.returncode == 65
    assert_one_line(result.stderr, rf"error: .*: byte {ARTICLE.read_bytes().index(PROSE)}: 50 markup openers .*")
