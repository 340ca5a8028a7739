"""Seed text cannot inject markup: Data Docs HTML shows hostile cells as text, and every
generated Markdown file escapes what seeds and manifests put into it."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.clean.dates import UNKNOWN_DATE_CELL
from pipeline.schema import TABLES
from pipeline.validate.expectations import HAND_WRITTEN, expectation_specs

HOSTILE_DATE = "Unknown <img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.mark.expectations
def test_data_docs_show_a_hostile_cell_as_text(tables, tmp_path):
    from pipeline.validate.expectations import run_suites

    relations = tables["diplomatic_relations"].copy()
    relations.loc[0, "established_raw"] = HOSTILE_DATE
    found = run_suites({"diplomatic_relations": relations}, data_docs=tmp_path)
    pages = "".join(page.read_text(encoding="utf-8") for page in tmp_path.rglob("*.html"))
    assert "<script>alert" not in pages and "<img src=x" not in pages
    assert "Unknown &lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in pages  # once escaped
    assert "&amp;lt;" not in pages  # and not twice
    hostile = [f for f in found if f.row_key == "MLI/relation/FRA" and f.field == "established_raw"]
    assert [(f.check, f.value) for f in hostile] == [("unknown_date", HOSTILE_DATE)]


def _regexes() -> list[str]:
    """Every pattern an expectation checks, the "Unknown" one included."""
    specs = [spec for table in TABLES for spec in expectation_specs(table)]
    specs += [spec for table_specs in HAND_WRITTEN.values() for spec in table_specs]
    return sorted({arguments["regex"] for _, _, arguments in specs if "regex" in arguments})


def test_value_sets_hold_nothing_html_escaping_changes():
    members = [member for table in TABLES for field in table.fields for member in field.enum or []]
    assert members and all(html.escape(member) == member for member in members)


@given(st.text(alphabet=st.sampled_from("Uu nknow<>&\"'x;1-09\t"), max_size=14) | st.text(max_size=14))
def test_every_pattern_decides_the_same_on_escaped_text(value):
    for regex in _regexes():
        assert bool(re.search(regex, value)) == bool(re.search(regex, html.escape(value))), regex


def test_the_patterns_checked_include_the_unknown_date_one():
    assert UNKNOWN_DATE_CELL in _regexes() and len(_regexes()) >= 3


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


def test_data_dictionary_escapes_a_hostile_source():
    import json

    from pipeline.package.docs import data_dictionary
    from pipeline.package.stage import read_tables
    from tests.helpers import ROOT

    descriptor = json.loads((ROOT / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["sources"] = [
        {"title": "Evil\n# Heading <script>x</script>", "path": "javascript:alert(1)", "sha256": "0" * 64},
        {"title": "T", "path": "seeds/a|b\n.txt", "license": "MIT)\n\n| x |", "sha256": "1" * 64},
    ]
    readme = data_dictionary(descriptor, read_tables(ROOT / "datapackage"))
    lines = readme.split("\n")
    assert not [line for line in lines if line.startswith("# Heading")]
    assert "<script>" not in readme and "<javascript:" not in readme and "](javascript:" not in readme
    assert lines[lines.index("## Sources and licenses") + 2 : lines.index("## Sources and licenses") + 4] == [
        "- Evil \\# Heading \\<script\\>x\\</script\\> javascript:alert(1) (license: not known, sha256 `"
        + "0" * 64
        + "`)",
        "- T seeds/a\\|b .txt (license: MIT) \\| x \\|, sha256 `" + "1" * 64 + "`)",
    ]


def test_data_dictionary_of_the_real_package_is_unchanged():
    import json

    from pipeline.package.docs import data_dictionary
    from pipeline.package.stage import read_tables
    from tests.helpers import ROOT

    descriptor = json.loads((ROOT / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    assert data_dictionary(descriptor, read_tables(ROOT / "datapackage")) == (
        ROOT / "datapackage" / "README.md"
    ).read_text(encoding="utf-8")


def test_changelog_lines_escape_keys_and_quote_values():
    from pipeline.release.versioning import PackageDiff, TableDiff, describe

    table = TableDiff(
        "diplomatic_relations",
        added=["MLI/162", "MLI/9\n# Owned|<b>"],
        changed=[
            ("MLI/16", [("established_raw", "Unknown", "1960 <script>x</script> `a`"), ("partner_iso3", "", "MAR")]),
            ("MLI/17", [("partner", "Côte d'Ivoire", "Côte  d'Ivoire\u200b")]),
        ],
    )
    assert describe(PackageDiff([table])) == [
        "- `diplomatic_relations` (minor):",
        "  - 2 rows added: MLI/162, MLI/9 \\# Owned\\|\\<b\\>",
        "  - 2 rows changed:",
        "    - MLI/16: established_raw `Unknown` -> `` 1960 <script>x</script> `a` ``; partner_iso3 (empty) -> `MAR`",
        "    - MLI/17: partner `Côte d'Ivoire` -> `Côte d'Ivoire` (they differ in spacing or invisible characters)",
    ]


def test_a_ten_million_character_change_gives_a_short_changelog():
    from pipeline.release.versioning import PackageDiff, TableDiff, describe

    table = TableDiff("events", changed=[("MLI/1", [("text", "short", "x" * 10_000_000)])])
    lines = describe(PackageDiff([table]))
    assert lines[-1] == "    - MLI/1: text `short` -> `" + "x" * 200 + "`… (10,000,000 characters)"
    assert len("\n".join(lines)) < 400


def test_a_manifest_date_cannot_add_a_changelog_heading():
    from pipeline.release.stage import HEADER, _with_entry

    changelog = _with_entry(HEADER, "1.0.1", "2025\n# Owned", ["- No changes."])
    assert changelog.endswith("\n## 1.0.1 (2025 \\# Owned)\n\n- No changes.\n")
    assert _with_entry(HEADER, "1.0.1", "2025-04-01", ["- x"]).endswith("\n## 1.0.1 (2025-04-01)\n\n- x\n")


def test_quality_report_escapes_what_findings_quote():
    from dataclasses import replace

    from pipeline.validate.findings import finding
    from pipeline.validate.report import markdown

    hostile = finding(
        "unknown_date", "diplomatic_relations", "MLI/1\n# Owned", "established_raw", "x", "France\n# Owned <b>|</b>"
    )
    acknowledged = replace(
        finding("maintenance_tag", "events", "MLI/`2`", None, "x", "tag {{cn|date=" + "9" * 600 + "}}"),
        acknowledged=True,
        acknowledgement="Kept.\n## Owned",
    )
    report = markdown([hostile, acknowledged])
    lines = report.split("\n")
    assert (
        lines[0]
        == "Data quality: 0 errors, 1 warnings, 0 notes, 1 acknowledged source problems; nothing blocks publication."
    )
    assert not [line for line in lines if line.startswith("# Owned") or line.startswith("## Owned")]
    assert "- `diplomatic_relations MLI/1 # Owned [established_raw]`: France \\# Owned \\<b\\>\\|\\</b\\>" in lines
    assert (
        "- `` events MLI/`2` ``: tag {{cn\\|date=" + "9" * 486 + "… (616 characters) (acknowledged: Kept. \\#\\# Owned)"
    ) in lines
