"""One scanner for each piece of wikitext: plain templates (the flag and the cite fast paths), the
fact sheet's statements (read within their sentence), comments and <ref> tags (sentences and references)."""

from __future__ import annotations

import re

import pytest

# One plain-template scanner.


def test_the_flag_and_the_cite_fast_paths_read_templates_with_one_scanner(monkeypatch):
    import pipeline.extract.markup as markup
    from pipeline.clean.wikitext import simple_template
    from pipeline.extract.references import simple_citation

    cite = "{{cite web |url=https://example.org |title=T}}"
    assert markup.plain_template(cite) == ("cite web ", ["url=https://example.org ", "title=T"])
    assert simple_template(cite) is None  # named arguments: the flag path leaves them to the parser
    assert simple_citation(cite)["url"] == "https://example.org"
    assert simple_template("{{flag|Mali}}") == ("flag", ["Mali"])
    monkeypatch.setattr(markup, "_PLAIN_TEMPLATE", re.compile(r"(?!)"))  # the one definition, changed
    assert simple_template("{{flag|Mali}}") is None
    assert simple_citation(cite) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "it established diplomatic relations with Mali in 1961.",  # no capital before the phrase
        "The United States established diplomatic relations with mali in 1961.",  # nor after it
        "The United States established diplomatic relations with Mali since 1961.",  # no " in "
        "The United States established diplomatic relations with Mali in 1961",  # no comma or period after the date
        "The United States established diplomatic relations with Mali in mid-1961.",  # a hyphen in the date
    ],
)
def test_what_is_not_such_a_statement(sentence):
    from pipeline.extract.fact_sheet import established_claims

    assert established_claims(sentence, [(0, len(sentence))]) == []


# Sentences find comments and <ref> tags with the references' scanner.


def test_no_sentence_starts_inside_what_the_reference_scanner_hides():
    from pipeline.extract.references import strip_refs
    from pipeline.extract.sentences import split_sentences

    text = "Mali is large. <!-- An unclosed comment. It hides the rest. And more"
    assert strip_refs(text) == "Mali is large. "
    assert [(s.start, s.end) for s in split_sentences(text, 0, len(text))] == [(0, len(text))]
    text = "Relations began in 1960.<ref>Cited. In a book.</ref> Mali has an embassy."
    assert [text[s.start : s.end] for s in split_sentences(text, 0, len(text))] == [
        "Relations began in 1960.<ref>Cited. In a book.</ref>",
        "Mali has an embassy.",
    ]
