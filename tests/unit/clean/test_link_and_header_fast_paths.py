"""The fast paths for wiki links and table headers (no parser) give exactly what the parser gives."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.clean.wikitext import links, parsed_links
from pipeline.extract.raw_tables import parsed_plain_header, plain_header
from tests.helpers import at_least, outcome
from tests.helpers.strategies import joined

_PIECES = [*list("{}|=[]<>!-#*:;'_ \t\n&aZ09é.,/()"), "''", "----", "http://x.org", "//x.org", "[[", "]]", "&amp;", "File:"]
_TEXT = joined(_PIECES, max_size=16)
_LINKS = st.lists(
    st.one_of(
        st.sampled_from(["Mali ", " and ", "–", ", ", "", "'", "*"]),
        st.builds(lambda title: f"[[{title}]]", _TEXT),
        st.builds(lambda title, label: f"[[{title}|{label}]]", _TEXT, _TEXT),
    ),
    max_size=5,
).map("".join)


@at_least(1000)
@given(st.one_of(_TEXT, _LINKS))
@example("[[Germany–Mali relations]]")
@example("[[Foreign relations of France|France]] and [[Mali]]")
@example("[[Mali|]]")
@example("[[Mali| ]]")
@example("[[ Mali | the country ]]")
@example("[[a|b|c]]")
@example("[[File:x.svg|thumb]]")
@example("''[[Mali]]''")
@example("{{a|" * 11 + "[[b]]")  # tangled: refused alike
def test_links_skip_the_parser_only_when_it_would_read_them_alike(text: str) -> None:
    assert outcome(links, text) == outcome(parsed_links, text)


@at_least(1000)
@given(_TEXT)
@example("Date of establishment")
@example(" Formal Relations Began ")
@example("No.")
@example("#")
@example("----")
@example("a_b")
@example("Date (dd/mm)")
@example("http://x.org")
def test_headers_skip_the_parser_only_when_it_would_read_them_alike(text: str) -> None:
    assert plain_header(text) == parsed_plain_header(text)


def test_plain_links_and_headers_are_read_as_written() -> None:
    assert links("[[Germany–Mali relations]]") == [("Germany–Mali relations", "Germany–Mali relations")]
    assert links("[[ Foreign relations of France | France ]] and [[Mali]]") == [
        ("Foreign relations of France", "France"),
        ("Mali", "Mali"),
    ]
    assert plain_header(" Date of establishment ") == "Date of establishment"
    assert plain_header("[[Country]]") == "Country"
