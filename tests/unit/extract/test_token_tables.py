"""Tables and headings read from the parser's tokens (pipeline/extract/token_tables.py, token_spans.py,
token_tags.py) are exactly those read from the tree built of the same tokens: on generated wikitext and on
generated articles; each tag's span is the text `str()` of the tree's tag writes; and where the tokens
cannot vouch for their reading, the tree is built."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st
from mwparserfromhell.nodes import Heading, Tag
from mwparserfromhell.parser import Builder

from pipeline.extract.documents import read_document
from pipeline.extract.linebreaks import restore_line_breaks
from pipeline.extract.masked_parse import layout_tokens
from pipeline.extract.token_spans import TagSpan, Unsure, top_level
from pipeline.extract.token_tables import read_tokens
from pipeline.extract.wikitables import tables_and_headings, tree_tables_and_headings
from pipeline.parse_guard import checked_tokens
from pipeline.sources import load_sources
from tests.helpers import ROOT, SEEDS, Raised, at_least, outcome
from tests.helpers.strategies import joined

REF = "<ref name=n>{{cite web |url=http://a.org/x |title=A}}</ref>"
_CELL_PIECES = [
    *["x", " ", "1960", "é", "''a''", "'''b'''", "[[b]]", "[[b|c]]", "[http://a.org t]", "http://a.org", "&amp;"],
    *["&#160;", "&#x2014;", "{{flag|Mali}}", "{{a|b=c|d}}", "{{{p|q}}}", REF, "<ref name=n />", "<br />", "<br>"],
    *["<!-- c -->", '<span title="a b">s</span>', "<b>", "</b>", "<nowiki>|</nowiki>", "<small>x</small>", "{"],
    *["|", "||", "!!", "=", "}}", "[[", "<", ">", "\n", "<ref>", "</ref>", "<div>\n{|\n| n\n|}\n</div>"],
]
_CELL = joined(_CELL_PIECES, max_size=5)
_ATTRIBUTES = st.sampled_from(
    ["", "rowspan=2 ", 'rowspan="3" ', "colspan='2' ", 'style="a: b" ', "ROWSPAN = 2 ", "rowspan=x ", "a=b c=d "]
)
_MARK = st.sampled_from(["| ", "! ", "|", "!"])
_ROW = st.tuples(
    st.sampled_from(["|-\n", "|- style=x\n", "|- \n", "|-\n<tr>", ""]),
    st.lists(st.tuples(_MARK, _ATTRIBUTES, st.sampled_from(["| ", ""]), _CELL), min_size=1, max_size=4),
    st.sampled_from(["\n", " || ", " !! "]),
).map(lambda r: r[0] + r[2].join(mark + (f"{a}{sep}" if a else "") + cell for mark, a, sep, cell in r[1]) + "\n")
_TABLE = st.tuples(
    st.sampled_from(['{| class="wikitable"\n', "{|\n", "{| style=x\n|+ Caption\n", "{|\n! A !! B\n"]),
    st.lists(_ROW, max_size=4),
    st.sampled_from(["|}\n", "|}", "", "|} x\n"]),
).map(lambda t: t[0] + "".join(t[1]) + t[2])
_PROSE = st.sampled_from(
    [
        *["== H ==\n", "=== T ===\n", "== [[a|H]] {{b}} ==\n", "==H==", "Text." + REF + "\n", "<!--\n{|\n-->\n"],
        *["{{a|\n{|\n| x\n|}\n}}\n", "<nowiki>{|</nowiki>\n", "[[File:a.png|thumb|b]]\n", "* a\n", "<pre>{|</pre>"],
        *["<table><tr><td>x</td></tr></table>\n", "{{{a}}}", "&nbsp;", "[http://a.org]", "<ref>x", "{{", "]]"],
    ]
)
_ARTICLE = st.lists(st.one_of(_TABLE, _PROSE), max_size=6).map("".join)


@at_least(200)
@given(_ARTICLE)
@example("{|\n|-\n| rowspan=2 | a || b\n|-\n! c\n|}\n")
@example("{{a|" * 11 + "\n{|\n| b\n|}\n")  # tangled: refused alike
@example("== H ==\n{|\n|+ c\n| a\n|-\n|b\n|}\ntext\n== I ==\n")
@example("{|\n|-\n<tr><td>a</td></tr>\n|}\n")
@example('{|\n| <span title="a b">s</span> || &#x2014;\n|}\n')
def test_tables_and_headings_from_the_tokens_are_those_from_the_tree(wikitext: str) -> None:
    read_as = outcome(tree_tables_and_headings, wikitext)
    assert outcome(tables_and_headings, wikitext) == read_as
    if isinstance(read_as, Raised):  # refused alike (a tangled text): there are no tokens to read
        return
    tokens, text = layout_tokens(wikitext)
    read = read_tokens(list(tokens), text, wikitext)
    if read is not None:  # the tokens vouched for their reading: the tree built of them reads the same
        assert read == tree_tables_and_headings(wikitext)


@at_least(200)
@given(_ARTICLE)
@example("{|\n|- style=x\n| colspan='2' | a\n|}\n== H ==\n")
def test_each_tag_span_is_the_text_of_the_trees_tag(wikitext: str) -> None:
    """Tables at the top of the text, their rows and cells: offsets, markup, name, attributes and
    children as the tree's tag has them (`str()` of the tag, its contents and attributes)."""
    tokens = checked_tokens(wikitext)
    try:
        items = top_level(list(tokens), wikitext)
    except Unsure:  # the tree is built instead (the test above)
        return
    nodes, offset = [], 0
    for node in Builder().build(tokens).nodes:
        nodes.append((offset, node))
        offset += len(str(node))
    headings = [(at, node) for at, node in nodes if isinstance(node, Heading)]
    tables = [(at, node) for at, node in nodes if isinstance(node, Tag) and node.wiki_markup == "{|"]
    assert [(span.start, span.end) for span in items if not isinstance(span, TagSpan)] == [
        (at, at + len(str(node))) for at, node in headings
    ]
    assert len([span for span in items if isinstance(span, TagSpan)]) == len(tables)
    for span, (at, node) in zip([span for span in items if isinstance(span, TagSpan)], tables, strict=True):
        assert_same_tag(span, at, node, wikitext)


_PLAIN_CELL = joined(_CELL_PIECES[:22], max_size=4)  # no stray markup
_PLAIN_TABLE = st.lists(
    st.lists(st.tuples(_MARK, _ATTRIBUTES, _PLAIN_CELL), min_size=1, max_size=3).map(
        lambda cells: (
            "|- style=x\n" + "".join(f"{mark}{a}| {cell}\n" if a else f"{mark}{cell}\n" for mark, a, cell in cells)
        )
    ),
    max_size=3,
).map(lambda rows: "== H ==\n{| class=x\n|+ c\n! A !! B\n" + "".join(rows) + "|}\n")


@at_least(200)
@given(_PLAIN_TABLE)
def test_a_table_of_plain_markup_is_read_from_the_tokens(wikitext: str) -> None:
    """Cells of words, links, templates, references, entities and tags with attributes: the tokens
    vouch for their reading (no tree built), which is the tree's."""
    tokens, text = layout_tokens(wikitext)
    read = read_tokens(tokens, text, wikitext)
    assert read is not None
    assert read == tree_tables_and_headings(wikitext)


def assert_same_tag(span: TagSpan, at: int, node: Tag, wikitext: str) -> None:
    assert (span.start, span.end) == (at, at + len(str(node)))
    assert (span.tag, span.wiki_markup, span.self_closing) == (str(node.tag), node.wiki_markup, node.self_closing)
    assert span.attributes == [(str(a.name), None if a.value is None else str(a.value)) for a in node.attributes]
    if node.self_closing:
        return
    contents = str(node.contents)
    assert wikitext[span.contents_start : span.contents_end] == contents
    assert wikitext[span.start : span.attributes_end].endswith("".join(str(a) for a in node.attributes))
    children, offset = [], span.contents_start
    for child in node.contents.nodes:
        if isinstance(child, Tag):
            children.append((offset, child))
        offset += len(str(child))
    assert len(span.children) == len(children)
    for child_span, (child_at, child) in zip(span.children, children, strict=True):
        assert_same_tag(child_span, child_at, child, wikitext)


def test_an_html_row_or_a_masked_heading_has_the_tree_built() -> None:
    html = "{|\n<tr><td>b</td></tr>\n|}\n"  # an HTML row in the table's contents
    assert read_tokens(checked_tokens(html), html, html) is None
    assert tables_and_headings(html) == tree_tables_and_headings(html)
    assert [[cell.text for cell in row.cells] for row in tables_and_headings(html)[0][0].rows] == [["b"]]
    heading = "== A {{b}} ==\n{|\n| a {{c}}\n|}\n"  # masked text in a heading line is read from the article
    tokens, text = layout_tokens(heading)
    assert text != heading
    assert read_tokens(tokens, text, heading.replace("A", "Z")) is None  # a heading not the article's


def test_a_table_read_from_the_tokens_by_hand() -> None:
    wikitext = "== Relations ==\n{| class=x\n! # !! Country\n|-\n| 1 || rowspan=2 | [[Peru]]\n|-\n|2\n|}\n"
    tokens = checked_tokens(wikitext)
    tables, sections = read_tokens(tokens, wikitext, wikitext)  # type: ignore[misc]
    assert sections == [("Relations", 0)]
    (table,) = tables  # "{|" after the 16 characters of the heading line; "|}" ends at 81, before the last "\n"
    assert (table.section, table.start, table.end, table.header, table.closed) == (
        *("Relations", 16, 81),
        *(("#", "Country"), True),
    )
    assert table.path == ("Relations",)
    # the first "|-" at 42; "| 1" at 45, so "1" at 47; " || " to 52, "rowspan=2 | " to 64, "[[Peru]]" to 72
    assert [(row.index, row.start, row.end, row.attributes) for row in table.rows] == [(0, 42, 72, ""), (1, 73, 78, "")]
    first, second = table.rows[0].cells
    assert (first.text, first.start, first.end, first.rowspan) == ("1", 47, 48, 1)
    assert (second.text, second.start, second.end, second.rowspan) == ("[[Peru]]", 64, 72, 2)
    assert [(cell.text, cell.start, cell.end) for cell in table.rows[1].cells] == [("2", 77, 78)]


def _generated_articles(count: int, out: Path) -> list[Path]:
    """benchmarks/corpus.py's generator (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec and spec.loader
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    corpus.generate(count, out)
    return [out, SEEDS]


def test_generated_articles_and_the_seeds_read_alike_and_from_the_tokens(tmp_path: Path) -> None:
    read = 0
    for folder in _generated_articles(12, tmp_path / "corpus"):
        for source in load_sources(folder):
            document = read_document(source)
            if document.format == "plain-text":
                continue
            body = document.body
            wikitext = restore_line_breaks(body) if document.format == "mediawiki-edit-page" else body
            tokens, text = layout_tokens(wikitext)
            from_tokens = read_tokens(tokens, text, wikitext)
            assert from_tokens is not None and from_tokens == tree_tables_and_headings(wikitext), source.path
            read += 1
    assert read >= 12
