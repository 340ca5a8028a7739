"""The family: made-up "Foreign relations of X" articles (tests/fixtures/family/), each in raw
wikitext and as a flattened edit page, give the rows written by hand in their expected.toml.

Each article and form is built once, in this process (extract, clean, the checks but the Great
Expectations suites, no acknowledgements), and compared field by field: only the fields the
contract of issue 14 names. A table or column the code does not make yet reads as missing, so
the test fails on the rows, not with a crash.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from typing import Any

import pandas as pd
import pytest

from tests.helpers import FAMILY, ROOT
from tests.helpers.family import expected

ARTICLES = ("niger", "chad", "brazil", "norway", "togo", "cambodia", "fiji")
FORMS = ("wikitext", "edit-page")
RELATIONS = ("diplomatic_relations", "bilateral_relations")
PROVENANCE = ("source_start", "source_end")
# What the test reads besides the contract's fields: `unreadable` marks a row kept raw
UNREADABLE = "unreadable"
MISSING = "<missing column>"

Built = tuple[dict[str, pd.DataFrame], list[Any], str]


@pytest.fixture(scope="module")
def family() -> Callable[[str, str], Built]:
    """A function giving (tables, findings, article text) of an article in a form, built once."""
    from pipeline.clean.internal_tables import internal_tables
    from pipeline.clean.stage import clean
    from pipeline.errors import PipelineError
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources
    from pipeline.validate.stage import run_checks

    @cache
    def build(slug: str, form: str) -> Built:
        folder = FAMILY / slug / form
        try:
            extracted = extract(load_sources(folder))
            tables = clean(extracted)
            findings = run_checks(tables, internal_tables(extracted, tables), None, acknowledgements=[], expectations=False)
        except PipelineError as error:
            pytest.fail(f"{folder.relative_to(ROOT)} does not build: {error}")
        return tables, findings, extracted[0].document.body

    return build


def value(row: pd.Series, column: str) -> object:
    """A cell as the expected rows write it: "" for null, integers as int, dates as ISO text."""
    if column not in row.index:
        return MISSING
    cell = row[column]
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return None if column == "row_number" else ""
    if column == "row_number":
        return int(cell)
    return str(cell)


def table(tables: dict[str, pd.DataFrame], name: str, resource: str | None = None) -> pd.DataFrame:
    """A built table (empty when the code does not make it), for relation_changes only the rows of `resource`."""
    frame = tables.get(name, pd.DataFrame())
    if resource is not None:
        frame = frame[frame["resource"] == resource] if "resource" in frame.columns else frame.iloc[0:0]
    return frame.reset_index(drop=True)


def compared(frame: pd.DataFrame, rows: list[dict[str, Any]], numbered: bool) -> tuple[list, list]:
    """(actual, expected) rows restricted to the fields the expected rows name, for one comparison."""
    wanted = [{k: v for k, v in row.items() if k != UNREADABLE} for row in rows]
    if numbered:  # no "row_number" key: the row has no number
        wanted = [{"row_number": None, **row} for row in wanted]
    every = list(dict.fromkeys(key for row in wanted for key in row))
    got = []
    for i in range(len(frame)):
        row = frame.iloc[i]  # once a row (a Series of all its columns), not once a field
        got.append({key: value(row, key) for key in (wanted[i] if i < len(wanted) else every)})
    return got, wanted


CASES = [pytest.param(slug, form, id=f"{slug}-{form}") for slug in ARTICLES for form in FORMS]


@pytest.mark.parametrize(("slug", "form"), CASES)
@pytest.mark.parametrize("name", RELATIONS)
def test_relations_rows_match_the_hand_written_rows(family, slug, form, name):
    tables, _, _ = family(slug, form)
    frame = table(tables, name)
    got, wanted = compared(frame, expected(slug)[name], numbered=name == "diplomatic_relations")
    assert got == wanted
    subjects = {(value(row, "subject"), value(row, "subject_iso3")) for _, row in frame.iterrows()}
    assert subjects == {(expected(slug)["subject"], expected(slug)["subject_iso3"])}


@pytest.mark.parametrize(("slug", "form"), CASES)
@pytest.mark.parametrize("resource", RELATIONS)
def test_relation_changes_match_the_hand_written_changes(family, slug, form, resource):
    tables, _, _ = family(slug, form)
    rows = [row for row in expected(slug)["relation_changes"] if row["resource"] == resource]
    got, wanted = compared(table(tables, "relation_changes", resource), rows, numbered=False)
    assert got == wanted


@pytest.mark.parametrize("slug", ARTICLES)
def test_both_forms_give_the_same_rows_but_provenance(family, slug):
    wikitext, _, _ = family(slug, "wikitext")
    edit_page, _, _ = family(slug, "edit-page")
    for name in (*RELATIONS, "relation_changes"):
        left, right = table(wikitext, name), table(edit_page, name)
        assert len(left) == len(right), name
        columns = [c for c in left.columns if c not in PROVENANCE]
        assert left[columns].astype(str).to_dict("records") == right[columns].astype(str).to_dict("records"), name


@pytest.mark.parametrize(("slug", "form"), CASES)
def test_each_unreadable_cell_is_kept_raw_with_a_finding_naming_its_row(family, slug, form):
    from pipeline.schema import BY_NAME

    tables, findings, text = family(slug, form)
    named = {(found.resource, found.row_key) for found in findings}
    unreadable = 0
    for name in RELATIONS:
        frame = table(tables, name)
        for index, row in enumerate(expected(slug)[name]):
            if not row.get(UNREADABLE):
                continue
            unreadable += 1
            assert index < len(frame), f"{name}: no row {index + 1} for {row['partner']}"
            built = frame.iloc[index]
            assert built["partner"] == row["partner"]
            raw = str(built["established_raw"]).strip()
            assert raw and raw in text, f"{name} {row['partner']}: the raw date cell is not kept"
            assert (name, BY_NAME[name].row_key(built)) in named, f"{name} {row['partner']}: no finding names the row"
    assert unreadable == sum(bool(r.get(UNREADABLE)) for n in RELATIONS for r in expected(slug)[n])


def test_the_articles_together_hold_an_unreadable_cell_and_both_forms():
    assert any(row.get(UNREADABLE) for slug in ARTICLES for n in RELATIONS for row in expected(slug)[n])
    for slug in ARTICLES:
        for form, kind in zip(FORMS, ("wikitext", "mediawiki-edit-page"), strict=True):
            manifest = tomllib.loads((FAMILY / slug / form / "sources.toml").read_text(encoding="utf-8"))
            assert [entry["format"] for entry in manifest["source"]] == [kind]
            assert (FAMILY / slug / form / manifest["source"][0]["path"]).is_file()


def test_the_edit_page_form_is_the_wikitext_flattened():
    import importlib.util

    spec = importlib.util.spec_from_file_location("flatten", FAMILY / "flatten.py")
    flatten = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(flatten)
    for slug in ARTICLES:
        (source,) = (FAMILY / slug / "wikitext").glob("*.wikitext")
        committed = (FAMILY / slug / "edit-page" / (source.stem + ".txt")).read_text(encoding="utf-8")
        assert committed == flatten.edit_page(source.read_text(encoding="utf-8")), slug


@pytest.mark.parametrize(("slug", "form"), CASES)
def test_a_table_that_cannot_be_read_keeps_its_rows_and_costs_only_them(family, slug, form):
    tables, findings, text = family(slug, form)
    unread = table(tables, "unread_rows")
    assert len(unread) == expected(slug).get("unread_rows", 0)
    for raw in unread["row_raw"]:
        assert raw.startswith("|-") and raw.replace("\n", " ") in text.replace("\n", " ")
    reported = [f for f in findings if f.check == "unread_table"]
    assert [f.row_key for f in reported] == list(unread["unread_id"])[:1]


def test_an_aside_no_rule_knows_is_a_warning_and_the_status_stays_as_read(family):
    for slug, key, aside, status in (
        ("togo", "TGO/relation/MAR", "annulled 1980", "active"),
        ("fiji", "FJI/relation/RUS", "with the [[Soviet Union]]", "active"),
    ):
        tables, findings, _ = family(slug, "wikitext")
        warned = [(f.row_key, f.value, f.severity) for f in findings if f.check == "unknown_status_word"]
        assert warned == [(key, aside, "warning")], slug
        listing = table(tables, "diplomatic_relations").set_index("relation_id")
        assert listing.loc[key, "status"] == status
