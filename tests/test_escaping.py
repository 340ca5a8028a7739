"""Seed text cannot inject markup: Data Docs HTML shows hostile cells as text, and every
generated Markdown file escapes what seeds and manifests put into it."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from checks.expectations import HAND_WRITTEN, expectation_specs
from pipeline.schema import TABLES

HOSTILE_DATE = "Unknown <img src=x onerror=alert(1)><script>alert(2)</script>"


def test_data_docs_show_a_hostile_cell_as_text(tables, tmp_path):
    from checks.expectations import run_suites

    relations = tables["diplomatic_relations"].copy()
    relations.loc[0, "established_raw"] = HOSTILE_DATE
    found = run_suites({"diplomatic_relations": relations}, data_docs=tmp_path)
    pages = "".join(page.read_text(encoding="utf-8") for page in tmp_path.rglob("*.html"))
    assert "<script>alert" not in pages and "<img src=x" not in pages
    assert "Unknown &lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in pages  # once escaped
    assert "&amp;lt;" not in pages  # and not twice
    hostile = [f for f in found if f.row_key == "MLI/1" and f.field == "established_raw"]
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
    assert r"^\s*[Uu]nknown\b" in _regexes() and len(_regexes()) >= 3
