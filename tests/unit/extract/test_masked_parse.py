"""The parse with plain templates and references masked (pipeline/extract/masked_parse.py) gives exactly the
tables, rows, cells, spans, sections and errors of the article parsed as written."""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given
from hypothesis import strategies as st
from mwparserfromhell.nodes import Tag, Template

from pipeline.extract.masked_parse import FILLER, _fillers_found, _masked, layout_parse
from pipeline.extract.wikitables import _read, tables_and_headings
from pipeline.parse_guard import checked_tokens, parse_checked, parse_wikitext
from tests.helpers import at_least
from tests.helpers.strategies import joined

PLAIN_REF = "<ref>{{cite web |url=http://a.org/x |title=A || B}}</ref>"
_PIECES = [
    *[
        PLAIN_REF,
        "<ref name=n>{{Cite news|title=B\n|date=2001}}</ref>",
        "<ref name=n />",
        "<ref>{{cite web|x}} </ref >",
    ],
    *["<ref>[http://a.org A]</ref>", "<ref>{{cite web|[[x]]}}</ref>", "<REF>{{citation|a=b}}</REF>", "<ref>", "</ref>"],
    *["\n{| class=x\n", "\n|-\n", "\n| ", "\n! ", "||", "!!", "\n|}\n", "\n|+ c\n", " rowspan=2 | ", "\n|- style=a\n"],
    *[
        "\n== H ==\n",
        "\n===H3===\n",
        "\n=",
        "==",
        "{{flag|Mali}}",
        "{{",
        "}}",
        "[[a|b]]",
        "[[",
        "]]",
        "[http://a.org t]",
    ],
    *["''", "'''", "<!--", "-->", "<nowiki>", "</nowiki>", "<b>", "</b>", "<tr>", "<td>", "</td>", '<span title="'],
    *["x", " ", "\n", "|", "=", "<", ">", "Mali", "1960", "é", FILLER, "\n*", "&amp;"],
    *["{{{a}}}", "{{{", "}}}", "{{ |x}}", "{{a\nb}}", "{{a|b=c|\n==d==\n}}", "{{#if:x|y}}", " rowspan={{n}} |"],
    *["[[{{a}}]]", "[http://a.org{{a|b}} t]", "<pre>", "</pre>", "{{a|b||c}}", "{", "}", "<math>{{a}}</math>"],
]
_SOUP = joined(_PIECES, max_size=40)
_CELL = joined(["x", " ", PLAIN_REF, "{{dts|1960}}", "''a''", "[[b]]", "<ref name=n />", "||", "{{a|b||c}}", "{"], max_size=5)
_TABLE = st.lists(st.lists(_CELL, min_size=1, max_size=4), max_size=4).map(
    lambda rows: (
        "{| class=wikitable\n! A !! B\n" + "".join("|-\n" + "".join(f"| {c}\n" for c in r) for r in rows) + "|}\n"
    )
)
_ARTICLE = st.lists(
    st.one_of(_TABLE, _SOUP, st.sampled_from(["== S ==\n", "=== T ===\n", f"Text.{PLAIN_REF}\n"])), max_size=6
)


def outcome(read: object, wikitext: str) -> object:
    """What a reading gives, or the error it raises (its type and message)."""
    try:
        return read(wikitext)  # type: ignore[operator]
    except ValueError as error:
        return type(error).__name__, str(error)


def as_written(wikitext: str) -> object:
    return _read(parse_wikitext(wikitext), wikitext)


@at_least(600)
@given(st.one_of(_ARTICLE.map("".join), _SOUP))
@example("{| class=x\n|-\n| a" + PLAIN_REF + " || b\n|}\n")
@example("== H" + PLAIN_REF + " ==\n{|\n|-\n| a\n|}\n")
@example("{|\n<tr><td>" + PLAIN_REF + "</td></tr>\n|}\n")
@example("{|\n|- style=" + PLAIN_REF + "\n| a\n|}\n")
@example("<nowiki>" + PLAIN_REF + "</nowiki>\n{|\n| a\n|}")
@example("\n=" + FILLER + "=\n{|\n<tr><td>" + FILLER + "</td></tr>\n|}\n")
@example("== {{flag|Mali}} ==\n{|\n| {{{a|{{b}}}}} || {{ |x}} || <nowiki>{{a}}</nowiki>\n|}\n")
@example("{| class=wikitable\n! A !! B\n|-\n| {{{dts|1960}}\n|}\n}}}")
@example("{|\n| <!-- " + PLAIN_REF + " -->\n|}\n" + FILLER)
def test_tables_and_headings_are_those_of_the_article_parsed_as_written(wikitext: str) -> None:
    assert outcome(tables_and_headings, wikitext) == outcome(as_written, wikitext)


def test_a_plain_reference_is_masked_and_its_cell_text_read_from_the_article() -> None:
    wikitext = "{|\n|-\n| a" + PLAIN_REF + " || b\n|- style=x\n| c\n|}\n"
    code, masked = layout_parse(wikitext)
    assert masked and FILLER * 46 in str(code) and "cite web" not in str(code)
    tables, _ = tables_and_headings(wikitext)
    assert [cell.text for row in tables[0].rows for cell in row.cells] == ["a" + PLAIN_REF, "b", "c"]
    assert [row.attributes for row in tables[0].rows] == ["", "style=x"]


def test_a_plain_template_is_masked_but_in_a_heading_line_or_comment() -> None:
    wikitext = "== {{a|b}} ==\n{|\n| {{flag|Mali}} <!-- {{c}} -->\n|}\n"
    code, masked = layout_parse(wikitext)
    assert masked and str(code) == wikitext.replace("flag|Mali", FILLER * 9)
    assert tables_and_headings(wikitext) == as_written(wikitext)


def test_a_reference_the_parser_reads_as_text_is_not_masked() -> None:
    assert not layout_parse("<nowiki>" + PLAIN_REF + "</nowiki>")[1]  # no ref tag in the tree
    assert not layout_parse("<ref>{{cite web|[[x]]}}</ref>")[1]  # not a plain template
    assert not layout_parse(PLAIN_REF + FILLER)[1]  # the article holds the filler itself
    assert not layout_parse("{{{a|b}}}")[1]  # a parameter, not a template


def fillers_by_filter(wikitext: str) -> Counter[tuple[str, int]]:
    """`_fillers_found` the plain way: every node of the tree from the parser's own recursive filter."""
    found: Counter[tuple[str, int]] = Counter()
    for node in parse_checked(wikitext).ifilter(recursive=True):
        if isinstance(node, Template) and not node.params:
            text, kind = str(node.name), "template"
        elif isinstance(node, Tag) and node.contents is not None and str(node.tag).strip().lower() == "ref":
            text, kind = str(node.contents), "ref"
        else:
            continue
        if text and text.count(FILLER) == len(text):
            found[kind, len(text)] += 1
    return found


@at_least(400)
@given(st.one_of(_ARTICLE.map("".join), _SOUP).map(lambda text: _masked(text)[0]))
@example("{|\n| <ref>" + FILLER * 3 + "</ref> {{a|{{" + FILLER + "}}}}\n|}\n[[a|{{" + FILLER * 2 + "}}]]")
@example("<b title={{" + FILLER + "}}>x</b><ref name={{" + FILLER + "}}>" + FILLER + "</ref>{{{a|{{" + FILLER + "}}}}}")
@example("{{" + FILLER + "|x}} {{" + FILLER * 2 + "|}}")
@example('<ref name="<b>x</b>">' + FILLER + "</ref><ref name=<br/>>" + FILLER * 2 + "</ref>")  # tags in its tag
@example(
    "<b>"
    + FILLER
    + "</b><REF >"
    + FILLER * 2
    + "</ref > <ref name=a/>{{"
    + FILLER
    + "}}<Ref name=b>"
    + FILLER
    + "</Ref>"
)  # a name of FILLER, with arguments: not counted
@example("== {{" + FILLER + "}} ==\n[http://a.org {{" + FILLER + "}}]<ref>a" + FILLER + "</ref>")
def test_the_fillers_counted_in_the_tokens_are_those_the_parsers_filter_finds_in_the_tree(masked: str) -> None:
    assert _fillers_found(checked_tokens(masked)) == fillers_by_filter(masked)
