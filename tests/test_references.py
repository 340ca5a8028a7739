"""The page-wide reference registry: uses before definitions, stable ids, citation fields."""

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.references import build_reference_registry, content_id, find_ref_occurrences, strip_refs
from tests.conftest import ARTICLE


def article_wikitext() -> str:
    return ARTICLE.read_text(encoding="utf-8").split("\n")[56]


def test_seed_counts():
    references, occurrences = build_reference_registry(article_wikitext())
    assert len(occurrences) == 242
    assert len(references) == 189
    assert sum(ref.name is not None for ref in references) == 41
    assert not [ref for ref in references if ref.kind == "undefined"]


def test_use_before_definition_resolves_to_the_definition():
    text = article_wikitext()
    references, occurrences = build_reference_registry(text)
    first_use = next(o for o in occurrences if o.ref_id == ":1")
    assert not first_use.is_definition
    france = next(ref for ref in references if ref.ref_id == ":1")
    assert france.start > first_use.start  # defined later, in the bilateral table
    assert (france.kind, france.title, france.url, france.access_date, france.language, france.work) == (
        "cite web",
        "Liste chronologique des ambassadeurs, envoyes extraordinaires, ministres plenipotentiaires et charges "
        "d'affaires de France a l'etranger depuis 1945",
        "https://www.diplomatie.gouv.fr/IMG/pdf/maep0035-0120_cle8a5377.pdf",
        "6 July 2023",
        "fr",
        "diplomatie.gouv.fr",
    )


def test_journal_authors_in_order():
    references, _ = build_reference_registry(article_wikitext())
    journal = next(ref for ref in references if ref.title and ref.title.startswith("African Agency in R2P"))
    assert (journal.kind, journal.authors, journal.work, journal.date) == (
        "cite journal",
        "Aning, Kwesi; Edu-Afful, Fiifi",
        "International Studies Review",
        "23 December 2023",
    )


def test_free_text_reference_takes_its_link():
    references, _ = build_reference_registry(article_wikitext())
    cp = next(ref for ref in references if ref.ref_id == "cp")
    assert (cp.kind, cp.url, cp.title) == (
        "free text",
        "http://lcweb2.loc.gov/frd/cs/profiles/Mali.pdf",
        "Mali country profile",
    )


def test_dead_link_with_archive():
    references, _ = build_reference_registry(article_wikitext())
    yahoo = next(ref for ref in references if ref.title and ref.title.startswith("AU, US reject"))
    assert (yahoo.url_status, yahoo.archive_url) == (
        "dead",
        "https://web.archive.org/web/20120407231050/http://news.yahoo.com/mali-rebels-declare-independence-north-102935627.html",
    )


def test_unnamed_ids_are_stable_and_ignore_whitespace():
    assert content_id("{{cite web |url=x}}") == content_id("{{cite web  |url=x}}\n")
    assert content_id("{{cite web |url=x}}") != content_id("{{cite web |url=y}}")
    text = "a<ref>{{cite web |url=x}}</ref> b<ref>{{cite web  |url=x}}</ref>"
    references, occurrences = build_reference_registry(text)
    assert len(references) == 1 and len(occurrences) == 2


def test_undefined_named_reference():
    references, _ = build_reference_registry('x<ref name="gone" /> y<ref name=here>text</ref> z<ref name=here/>')
    assert [(ref.ref_id, ref.kind) for ref in references] == [("gone", "undefined"), ("here", "free text")]


def test_comments_hide_refs_and_strip_refs_removes_tags():
    assert find_ref_occurrences("<!-- <ref>x</ref> --> y") == []
    assert strip_refs('a<ref name="n">x</ref> b<ref name=n /> c<!-- d -->') == "a b c"


def test_every_span_slices_back_to_a_ref_tag():
    text = article_wikitext()
    for occurrence in find_ref_occurrences(text):
        tag = text[occurrence.start : occurrence.end]
        assert tag.startswith("<ref") and tag.endswith(("/>", "</ref>"))


@given(
    st.lists(st.sampled_from(["<ref>", "</ref>", "<ref name=a />", "<ref name=", ">", "x", " ", "<!--", "-->"])).map(
        "".join
    )
)
def test_any_text_gives_ordered_spans_without_raising(text):
    spans = [(o.start, o.end) for o in find_ref_occurrences(text)]
    assert all(a < b <= c for (a, b), (c, _) in pairwise(spans))
    build_reference_registry(text)
