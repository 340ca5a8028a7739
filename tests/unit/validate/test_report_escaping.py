"""Seed text cannot inject markup into the quality reports: Data Docs HTML shows a hostile cell as
text, every pattern the suites check decides alike on HTML-escaped text, and quality.md escapes
what findings quote."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.clean.dates import UNKNOWN_DATE_CELL
from pipeline.schema import TABLES
from pipeline.validate.expectations import HAND_WRITTEN, expectation_specs
from tests.helpers import SEEDS

HOSTILE_DATE = "Unknown <img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.mark.expectations
def test_data_docs_show_a_hostile_cell_as_text(tmp_path):
    """On the table as the build checks it (typed: Great Expectations cannot compare the text of
    the CSV's numbers with their bounds, and says so)."""
    from pipeline.clean.stage import clean
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources
    from pipeline.validate.expectations import run_suites

    relations = clean(extract(load_sources(SEEDS)))["diplomatic_relations"].copy()
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
