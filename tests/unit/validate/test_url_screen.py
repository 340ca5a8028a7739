"""A plain URL is taken as well formed without urllib (`validate.urls.well_formed`): on
generated URLs, exactly where urllib's reading (`parsed_well_formed`) takes it so."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.validate.urls import PLAIN_URL, parsed_well_formed, well_formed
from tests.helpers import at_least
from tests.helpers.strategies import joined

_PIECES = ["http", "https", "HTTP", "ftp", ":", "//", "/", ".", "a", "B", "0", "-", "[", "]", "@", "?", "#", " "]
_PIECES += ["\t", "\n", "\\", "é", "％", "%2e", ":80", "user@", "x.y", "]:", "\x00", ";"]
_URL = st.builds(
    lambda scheme, rest: scheme + rest,
    st.sampled_from(["http://", "https://", "HTTPS://", " http://", "http:", "https:///", "", "mailto:"]),
    joined(_PIECES, max_size=10),
)


@at_least(500)
@given(_URL)
@example("http://a.b/c d")
@example("http://a.b#[x")
@example("http://[a.b/")
@example("http://a.b\\x")
@example("https://.")
def test_a_plain_url_is_well_formed_where_urllib_reads_it_so(url: str) -> None:
    assert well_formed(url) == parsed_well_formed(url)
    if PLAIN_URL.fullmatch(url):
        assert parsed_well_formed(url)


def test_plain_urls_skip_urllib_and_others_do_not():
    plain = ["http://a.org", "https://www.example.com/path?q=1#top", "http://x.y/%20a"]
    other = ["http://user@a.org/", "http://a.org:80/", "http://a.org/é", "http://localhost/", "HTTP://a.org"]
    assert [bool(PLAIN_URL.fullmatch(url)) for url in plain + other] == [True] * 3 + [False] * 5
    assert [well_formed(url) for url in other] == [True, True, True, False, True]
