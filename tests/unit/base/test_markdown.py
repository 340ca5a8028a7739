"""Seed text into generated Markdown (pipeline/markdown.py): escaped so it cannot start markup,
kept on one line, capped, and a link only for an http(s) URL. (The reports, the data README and
the changelog that use it: tests/unit/validate/test_report_escaping.py,
tests/unit/package/test_data_dictionary_escaping.py, tests/unit/release/test_changelog_escaping.py.)"""

from __future__ import annotations


def test_text_keeps_a_value_on_its_line_and_escapes_what_starts_markup():
    from pipeline.markdown import text

    assert text("x\n# Owned") == "x \\# Owned"
    assert text("# Owned\n\n- item") == "\\# Owned - item"  # "-" is no marker mid-line
    assert text("a|b") == "a\\|b"
    assert text("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert text("[x](javascript:alert(1)) ![i](y) `c` *b* _e_ ~~s~~ &amp; \\") == (
        "\\[x\\](javascript:alert(1)) !\\[i\\](y) \\`c\\` \\*b\\* \\_e\\_ \\~\\~s\\~\\~ \\&amp; \\\\"
    )
    assert text("1. first") == "1\\. first" and text("+ x") == "\\+ x" and text("===") == "\\==="
    assert text("a\u200bb\x00c\u202ed\tzero-width  and   controls") == "abcd zero-width and controls"


def test_text_leaves_ordinary_titles_alone():
    from pipeline.markdown import text

    for plain in ("U.S. Relations With Mali", "CC-BY-SA-4.0", "000_e2e35c128b143355", "2025-04-01 (a, b) 'c' \"d\""):
        assert text(plain) == plain


def test_a_file_name_with_a_newline_stays_on_one_line():
    from pipeline.markdown import link, text

    assert text("seeds/evil\n## name.txt") == "seeds/evil \\#\\# name.txt"
    assert link("seeds/evil\n## name.txt") == "seeds/evil \\#\\# name.txt"


def test_only_http_urls_become_links():
    from pipeline.markdown import link

    assert link("https://example.org/a?b=1&c=2") == "<https://example.org/a?b=1&c=2>"
    assert link("HTTP://example.org") == "<HTTP://example.org>"
    assert link("javascript:alert(1)") == "javascript:alert(1)"
    assert link("https://example.org/<script>") == "https://example.org/\\<script\\>"
    assert link("https://example.org/a b") == "https://example.org/a b"
    assert link("https://example.org/\u202egnp.exe") == "https://example.org/gnp.exe"  # no bidi trick as a link
    assert link("data:text/html,<b>") == "data:text/html,\\<b\\>"


def test_code_spans_hold_any_backticks():
    from pipeline.markdown import code

    assert code("plain") == "`plain`"
    assert code("a`b") == "``a`b``"
    assert code("``x`") == "``` ``x` ```"
    assert code("`") == "`` ` ``"
    assert code("x\n# y | z") == "`x # y | z`"
    assert code("a|b", in_table=True) == "`a\\|b`"
    assert code("") == ""


def test_a_ten_million_character_value_is_cut():
    from pipeline.markdown import code, text

    huge = "A" * 10_000_000
    assert text(huge) == "A" * 200 + "… (10,000,000 characters)"
    assert code(huge) == "`" + "A" * 200 + "`… (10,000,000 characters)"
    assert text("abcdef", limit=3) == "abc… (6 characters)"
    assert text("<" * 10, limit=3) == "\\<\\<\\<… (10 characters)"  # cut before escaping, never inside an escape


