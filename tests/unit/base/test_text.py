"""The shared text helpers (pipeline/text.py): one slug, one set of invisible characters, one
way to put a value on one capped line, used by ids, the snapshot, the package, Markdown, SVG
and the errors alike."""

from __future__ import annotations

import hashlib

from pipeline.text import capped, one_line, slug


def test_slug_folds_accents_and_joins_words_with_hyphens():
    assert slug("Côte d'Ivoire") == "cote-d-ivoire"
    assert slug("  Foreign relations of São Tomé and Príncipe!") == "foreign-relations-of-sao-tome-and-principe"
    assert slug("日本") == ""  # no ASCII letter: each caller says what stands in


def test_row_ids_and_source_ids_use_the_shared_slug():  # the package name too: tests/unit/clean/test_subject_as_data.py
    from pipeline.clean.ids import slug as row_slug
    from pipeline.snapshot.titles import source_id_for

    assert row_slug("Côte d'Ivoire") == "cote-d-ivoire"
    assert row_slug("日本") == hashlib.sha256("日本".encode()).hexdigest()[:12]  # no slug: the digest
    assert source_id_for("Foreign relations of Côte d'Ivoire", {}) == "foreign-relations-of-cote-d-ivoire"
    assert source_id_for("日本", {}) == "article"


def test_one_line_collapses_whitespace_drops_invisible_characters_and_cuts():
    assert one_line("a\n\tb\u200bc\x1b[31m\ue000", 200) == ("a bc[31m", None)
    assert one_line("abc def", 4) == ("abc", 7)  # cut, trailing blank dropped, full length given
    assert one_line(" " * 10_000 + "x", 5) == ("", 10_001)  # only the head of a long value is read


def test_capped_ends_a_cut_value_with_an_ellipsis_within_the_limit():
    assert capped("abcdef", 6) == "abcdef"
    assert capped("abcdefg", 6) == "abcde…"
    assert capped("abcd efg", 6) == "abcd…"
    assert capped("line one\nline two", 40) == "line one line two"


def test_the_errors_the_svg_and_markdown_show_a_value_the_same_way():
    from pipeline.errors import InputError
    from pipeline.markdown import text
    from pipeline.svg import escaped

    value = "a\u202e<b>\n" + "c" * 500
    assert str(InputError("f", value, "p", "x")) == f"f: {capped(value, 200)}: p; x"
    assert escaped(value, 8) == "a&lt;b&gt; cc…"  # the bidi override dropped, the line break a space
    assert text(value, 8) == "a\\<b\\> ccc… (506 characters)"
