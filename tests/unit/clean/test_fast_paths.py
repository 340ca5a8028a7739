"""The fast paths of clean (no parser) give exactly what the parser gives, on generated text: a
template's argument, a date template unwrapped, a line's plain text and its links."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.clean.dates import _unwrap_date_template, parsed_unwrap_date_template
from pipeline.clean.wikitext import (
    linked_line_text,
    parsed_line_text,
    parsed_template_argument,
    simple_template,
    template_argument,
)
from tests.helpers import at_least
from tests.helpers.strategies import joined

# Characters that matter to template syntax, plus letters, digits and spaces.
_PIECES = [*list("{}|=[]<>!-#: \n\t'aZ09é"), "{{", "}}", "dts", "flag", "1960", "<!--", "-->", "&amp;"]


_TEXT = joined(_PIECES, max_size=14)


_TEMPLATE_LIKE = st.builds(lambda body: "{{" + body + "}}", _TEXT)


@at_least(500)
@given(st.one_of(_TEXT, _TEMPLATE_LIKE))
@example("{{flag|Mali}}")
@example("{{ Flag | Côte d'Ivoire }}")
@example("{{GER}}")
@example("{{ |x}}")
@example("{{a\n|b}}")
@example("{{flag|}}")
@example("{{''|''}}")
def test_template_argument_matches_the_parser(text: str) -> None:
    assert template_argument(text) == parsed_template_argument(text)


@at_least(500)
@given(st.one_of(_TEXT, _TEMPLATE_LIKE))
@example("{{dts|20 August 1960}}")
@example("{{Dts|1960|8|20}}")
@example("{{dts|1960|08}}")
@example("{{sort date|1960}}")
@example("{{nowrap|1960}}")
@example("{{dts|20|August|1960|format=dmy}}")
@example("{{Start date|1960|8|20|df=y}}")
@example("{{dts|=1960}}")
@example("{{dts|format=dmy|1960\n|8}}")
def test_date_template_unwrapping_matches_the_parser(text: str) -> None:
    stripped = text.strip()
    if stripped.startswith("{{"):
        assert _unwrap_date_template(text) == parsed_unwrap_date_template(stripped)


def test_the_fast_path_takes_plain_templates_and_leaves_the_rest_to_the_parser() -> None:
    assert simple_template("{{flag|Mali}}") == ("flag", ["Mali"])
    assert simple_template("{{Dts|1960|08|20}}") == ("Dts", ["1960", "08", "20"])
    assert simple_template("{{GER}}") == ("GER", [])
    assert simple_template("{{flag|Mali}} (suspended)") is None
    assert simple_template("{{flag|[[Mali]]}}") is None
    assert simple_template("{{cite web|url=x}}") is None
    assert simple_template("{{ |x}}") is None


_LINE = joined(
    [*list("{}|=[]<>!-#*:;' \t&aZ09é.,/"), "''", "----", "http://x.org", "//x.org", "mailto:a", "[[", "]]", "&amp;"],
    max_size=16,
)


# Lines made of wiki-link-like pieces: links with odd titles and labels between plain words.
_LINK_PART = st.one_of(
    joined([*list("a |:#/'.-_é"), "File:x", "http://x.org", "Category:", "''", "&amp;"], max_size=5),
    joined([*list("aZ0 #/'._-!=~%+()\t"), "é", "日", "__TOC__", "RFC 1234", "ISBN 1"], max_size=5),
)


_LINKED_LINE = st.lists(
    st.one_of(
        st.sampled_from(["Mali ", " and ", "'", ", ", "", "*", "="]),
        st.builds(lambda title: f"[[{title}]]", _LINK_PART),
        st.builds(lambda title, label: f"[[{title}|{label}]]", _LINK_PART, _LINK_PART),
    ),
    max_size=6,
).map("".join)


@at_least(1000)
@given(st.one_of(_LINE, _LINKED_LINE))
@example("Mali's relations with France.")
@example(": indented")
@example("== History ==")
@example("----")
@example("see https://example.org.")
@example("[[Mali]] and [[Foreign relations of France|France]].")
@example("[[Mali|]]")
@example("[[ ]]")
@example("[[a|b|c]]")
@example("[[File:Visa Mali.jpg|thumb]] Mali")
@example("[[//x.org]]")
@example("'[[a|']]'")
def test_lines_skip_the_parser_only_when_it_would_read_them_alike(line: str) -> None:
    fast = linked_line_text(line)
    if fast is not None:
        assert fast == parsed_line_text(line)


def test_the_line_fast_path_takes_plain_links_and_leaves_the_rest_to_the_parser() -> None:
    assert linked_line_text("Mali joined the [[United Nations]] in 1960.") == "Mali joined the United Nations in 1960."
    assert linked_line_text("[[Foreign relations of France|France]] and Mali") == "France and Mali"
    assert linked_line_text("No markup at all.") == "No markup at all."
    assert linked_line_text("[[File:Visa Mali.jpg|thumb|150px|A Malian Visa]] text") is None
    assert linked_line_text("[[Mali]] {{flag|France}}") is None
    assert linked_line_text("''[[Mali]]''") is None
    assert linked_line_text("* [[Mali]]") is None
