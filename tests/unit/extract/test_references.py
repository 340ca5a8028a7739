"""The reference registry, against the seed article and small synthetic inputs.

Expected values were read off the seed with grep, not from the module's output:
242 `<ref` tags = 148 `<ref>` + 94 named tags (41 `<ref name=..>` definitions, one per
name, + 53 self-closing uses); 189 `</ref>`; no `<!--` in the article; distinct
references = 41 names + 148 pairwise different unnamed contents = 189.
"""

from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.references import (
    build_reference_registry,
    content_id,
    find_ref_occurrences,
    parse_citation,
    strip_refs,
)
from tests.helpers import ARTICLE, at_least

SEED = ARTICLE  # seeds/004_5564c2f49d038939.txt


@pytest.fixture(scope="module")
def article() -> str:
    """The article's wikitext: line 57 of the scraped edit page, all on one line."""
    return SEED.read_text(encoding="utf-8").split("\n")[56]


@pytest.fixture(scope="module")
def registry(article):
    references, occurrences = build_reference_registry(article)
    return {ref.ref_id: ref for ref in references}, references, occurrences


def test_counts_on_the_seed(registry):
    by_id, references, occurrences = registry
    assert len(occurrences) == 242
    assert len(references) == 189 == len(by_id)
    assert sum(ref.name is not None for ref in references) == 41
    assert sum(o.name is None for o in occurrences) == 148
    assert sum(o.name is not None and not o.is_definition for o in occurrences) == 53
    assert sum(o.is_definition for o in occurrences) == 189  # every name is defined exactly once
    assert not [ref for ref in references if ref.kind == "undefined"]


def test_every_span_slices_back_to_a_ref_tag(article, registry):
    _, references, occurrences = registry
    for occurrence in occurrences:
        text = article[occurrence.start : occurrence.end]
        assert text.startswith("<ref")
        assert text.endswith("/>" if not occurrence.is_definition else "</ref>")
    for ref in references:
        assert article[ref.start : ref.end] == f"{article[ref.start : ref.end].split('>')[0]}>{ref.raw}</ref>"


def test_use_before_definition_resolves_to_the_definition(article, registry):
    by_id, references, occurrences = registry
    uses = [o for o in occurrences if o.ref_id == ":1"]
    assert [o.is_definition for o in uses] == [False, True]
    assert article[uses[0].start : uses[0].end] == '<ref name=":1" />'
    france = by_id[":1"]
    assert (france.start, france.end) == (uses[1].start, uses[1].end)
    assert france.kind == "cite web"  # written {{Cite web
    assert france.title == (
        "Liste chronologique des ambassadeurs, envoyes extraordinaires, ministres plenipotentiaires "
        "et charges d'affaires de France a l'etranger depuis 1945"
    )
    assert france.url == "https://www.diplomatie.gouv.fr/IMG/pdf/maep0035-0120_cle8a5377.pdf"
    assert france.access_date == "6 July 2023"
    assert france.language == "fr"
    assert france.work == "diplomatie.gouv.fr"
    assert france.date is None and france.archive_url is None and france.authors is None
    # references come in order of first appearance: ":1" sits where its use is, not its definition
    firsts = {}
    for o in occurrences:
        firsts.setdefault(o.ref_id, o.start)
    assert [ref.ref_id for ref in references] == sorted(firsts, key=firsts.get)
    # 28 names are used (in the first table) before the tag that defines them
    assert sum(ref.name is not None and firsts[ref.ref_id] < ref.start for ref in references) == 28


def test_journal_authors(registry):
    _, references, _ = registry
    (journal,) = [ref for ref in references if ref.authors == "Aning, Kwesi; Edu-Afful, Fiifi"]
    assert journal.kind == "cite journal"
    assert journal.name is None
    assert journal.title.startswith("African Agency in R2P")
    assert journal.url == "https://www.jstor.org/stable/24758342"
    assert journal.work == "International Studies Review"
    assert journal.date == "23 December 2023"


def test_dead_url_with_archive(registry):
    _, references, _ = registry
    (yahoo,) = [ref for ref in references if ref.url and "news.yahoo.com" in ref.url]
    assert yahoo.kind == "cite web"
    assert yahoo.url_status == "dead"
    assert yahoo.archive_url == (
        "https://web.archive.org/web/20120407231050/http://news.yahoo.com/"
        "mali-rebels-declare-independence-north-102935627.html"
    )
    assert yahoo.access_date == "2012-04-07"
    assert yahoo.date is None  # archive-date is not the date
    assert sum(ref.url_status == "dead" for ref in references) == 15


def test_free_text_named_ref(article, registry):
    by_id, _, occurrences = registry
    cp = by_id["cp"]
    assert cp.kind == "free text"
    assert cp.url == "http://lcweb2.loc.gov/frd/cs/profiles/Mali.pdf"
    assert cp.title == "Mali country profile"
    assert cp.raw.startswith("[http://lcweb2.loc.gov/frd/cs/profiles/Mali.pdf Mali country profile]. [[Library")
    # <ref name=cp>, <ref name=cp/> and <ref name="cp" /> are one reference
    tags = [article[o.start : o.end] for o in occurrences if o.ref_id == "cp"]
    assert tags[1:] == ["<ref name=cp/>", '<ref name="cp" />']


def test_free_text_with_webarchive_and_cite_with_annotation(registry):
    _, references, _ = registry
    (nrcan,) = [ref for ref in references if ref.url == "http://www.nrcan.gc.ca/smm-mms/busi-indu/cmy-amc-eng.htm"]
    assert nrcan.kind == "free text"
    assert nrcan.archive_url == (
        "https://web.archive.org/web/20090904152749/http://www.nrcan.gc.ca/smm-mms/busi-indu/cmy-amc-eng.htm"
    )
    # {{cite web ...}} {{subscription required}}: still a cite web; accessdate is an alias
    (confidential,) = [ref for ref in references if ref.publisher == "Africa Confidential"]
    assert confidential.kind == "cite web"
    assert confidential.title == "Anti-jihad forces try to do without Mali"
    assert (confidential.date, confidential.access_date) == ("8 September 2022", "24 March 2024")


def test_unnamed_ids_are_stable():
    content = "{{cite web |url=https://example.org |title=A}}"
    expected = "c-" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]
    assert content_id(content) == expected
    assert content_id("  {{cite web\n|url=https://example.org   |title=A}}\t") == expected
    assert content_id("{{cite web |url=https://example.org |title=B}}") != expected
    text = f"One.<ref>{content}</ref> Two.<ref> {{{{cite web  |url=https://example.org\n|title=A}}}}</ref>"
    references, occurrences = build_reference_registry(text)
    assert [o.ref_id for o in occurrences] == [expected, expected]
    assert len(references) == 1 and references[0].raw == content
    assert references[0].start == text.index("<ref>")


def test_undefined_named_ref():
    text = 'A.<ref name="lost" /> B.<ref name=kept>[https://example.org Example]</ref> C.<ref name=kept/>'
    references, occurrences = build_reference_registry(text)
    assert [(r.ref_id, r.kind) for r in references] == [("lost", "undefined"), ("kept", "free text")]
    lost = references[0]
    assert lost.raw is None and lost.url is None
    assert text[lost.start : lost.end] == '<ref name="lost" />'
    assert [o.is_definition for o in occurrences] == [False, True, False]


def test_name_forms_comments_and_stray_tags():
    text = (
        '<ref name=":1" />a<ref name=cp>X</ref>b<ref name="lemonde.fr">Y</ref>c<ref name=cp/>'
        "<!-- <ref>hidden</ref> --><REF Name = 'q' >Z</REF ><references />"
    )
    found = find_ref_occurrences(text)
    assert [o.name for o in found] == [":1", "cp", "lemonde.fr", "cp", "q"]
    assert [o.is_definition for o in found] == [False, True, True, False, True]
    assert find_ref_occurrences("a <ref>never closed and <ref name=x") == []
    assert find_ref_occurrences("<!-- unclosed <ref>x</ref>") == []
    # a ref's content is raw: a comment opened inside it does not hide its closing tag
    assert [(o.start, o.end) for o in find_ref_occurrences("<ref>a <!-- </ref> b")] == [(0, 18)]


def test_parse_citation_fields():
    fields = parse_citation(
        "{{Cite_Book |last=Imperato |first=Pascal James |last2=Doe |author3=Agency |year=2008 "
        "|archiveurl=https://a.example |newspaper=N |publisher=P |title=T}}"
    )
    assert fields["kind"] == "cite book"
    assert fields["authors"] == "Imperato, Pascal James; Doe; Agency"
    assert (fields["date"], fields["archive_url"], fields["work"], fields["publisher"]) == (
        "2008",
        "https://a.example",
        "N",
        "P",
    )
    assert parse_citation("Just a note.") == {"kind": None, **dict.fromkeys(fields.keys() - {"kind"})}
    bare = parse_citation("See [https://example.org/x].")
    assert (bare["kind"], bare["url"], bare["title"]) == (None, "https://example.org/x", None)


def test_strip_refs():
    text = "Both<ref name=a>{{cite web|url=x}}</ref> agreed<ref name=a/><!-- c --> in 1960.<ref>y</ref>"
    assert strip_refs(text) == "Both agreed in 1960."


def test_unclosed_tags_on_long_adversarial_input_give_no_references():
    # Long inputs with nothing ever closed; their speed is measured in benchmarks/, not here.
    for text in ("<ref " * 50_000, "<ref>" * 50_000, "<!--" * 50_000, "<ref name=a>x</ref" * 20_000):
        assert find_ref_occurrences(text) == []


FRAGMENTS = st.sampled_from(
    ["<ref", "<ref>", "</ref>", "</ref >", "<ref name=a/>", '<ref name="b">', "<REF>", "/>", ">", "<", "/",
     "<!--", "-->", " ", "\n", "x", "name=", '"', "{{cite web|url=http://e.org}}", "<references/>"]
)  # fmt: skip


@at_least(300)
@given(st.one_of(st.text(), st.lists(FRAGMENTS | st.text(max_size=3), max_size=40).map("".join)))
def test_spans_are_ordered_and_disjoint(text):
    occurrences = find_ref_occurrences(text)
    previous_end = 0
    for o in occurrences:
        assert previous_end <= o.start < o.end <= len(text)
        tag = text[o.start : o.end]
        assert tag.lower().startswith("<ref")
        assert tag.endswith("/>") or re.search(r"</ref\s*>$", tag, re.IGNORECASE)
        previous_end = o.end
    references, _ = build_reference_registry(text)
    assert len({r.ref_id for r in references}) == len(references)
    strip_refs(text)
