"""The fast paths of extract (no parser, no encoding) give exactly what the slow way gives, on
generated text: plain citations, byte offsets. (Clean's: tests/unit/clean/test_fast_paths.py.)"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.extract.documents import ByteMap
from pipeline.extract.references import parse_citation, simple_citation
from tests.helpers import at_least
from tests.helpers.strategies import joined

_CITE = joined(
    [
        *["|", "=", " ", "\n", "url", "title", "last", "first2", "http://a.org/x", "x", "1", "é", "-", ":"],
        *["#", "[[", "]]", "[", "]", "{{", "}}", "''", "<", ">", "<!--", "-->", "&amp;", "_"],
    ],
    max_size=16,
)
_CITE_CONTENT = st.builds(
    lambda name, body, pad: f"{pad}{{{{{name}{body}}}}}{pad}",
    st.sampled_from(["cite web", "Cite_news", " citation ", "cite\nweb", "webarchive", "Cite  book"]),
    _CITE,
    st.sampled_from(["", " ", "\n"]),
)


@at_least(500)
@given(st.one_of(_CITE_CONTENT, _CITE))
@example("{{cite web |url=http://a.org |title=A = B |last=Doe |first=J }}")
@example("{{cite web|x|y|url=u}}")
@example("{{cite web|=x}}")
def test_plain_citations_skip_the_parser_only_when_it_reads_them_alike(content: str) -> None:
    fast = simple_citation(content)
    if fast is not None:
        assert fast == parse_citation(content)


@at_least(300)
@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "é", "–", "日", "𝄞"]), max_size=1200), st.sampled_from([0, 3]))
def test_byte_offsets_are_the_utf8_length_of_the_text_before(text: str, bom: int) -> None:
    offsets = ByteMap(text, bom)
    assert [offsets(i) for i in range(len(text) + 1)] == [
        bom + len(text[:i].encode("utf-8")) for i in range(len(text) + 1)
    ]
