"""Dyads: what two articles of the seeds say about each other, on hand-made frames and on a
two-article seed folder (tests/fixtures/dyads/: Niger's article dates relations with Chad
14 December 1961, Chad's 2 March 1963)."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.clean.dyads import COLUMNS, dyads
from tests.helpers import FIXTURES

FIXTURE = FIXTURES / "dyads"
# Niger's list dates relations with Chad 14 December 1961 (its row 2), Chad's 2 March 1963 (its row 3).
NIGER_AND_CHAD = {
    "dyad_id": "dyad/NER/TCD",
    "first_iso3": "NER",
    "first_cown": 436,  # COW and G&W: Niger 436, Chad 483
    "first_gwn": 436,
    "first_codes_missing_reason": None,
    "second_iso3": "TCD",
    "second_cown": 483,
    "second_gwn": 483,
    "second_codes_missing_reason": None,
    "first_established": "1961-12-14",
    "first_established_precision": "day",
    "first_status": "active",
    "first_relation_id": "NER/relation/TCD",
    "second_established": "1963-03-02",
    "second_established_precision": "day",
    "second_status": "active",
    "second_relation_id": "TCD/relation/NER",
    "agreement": "disagree_date",
}


def relations(*rows: tuple) -> pd.DataFrame:
    """(subject_iso3, partner_iso3, position, established, precision, status) rows, each with
    its relation_id as the pipeline makes it ("NER/relation/TCD", "-2" on a repeat)."""
    seen: dict[str, int] = {}
    with_ids = []
    for row in rows:
        base = f"{row[0]}/relation/{row[1]}"
        seen[base] = seen.get(base, 0) + 1
        with_ids.append((base if seen[base] == 1 else f"{base}-{seen[base]}", *row))
    return pd.DataFrame(with_ids, columns=COLUMNS)


def agreement_of(a_says: tuple, b_says: tuple) -> str:
    (row,) = dyads(relations(("NER", "TCD", 2, *a_says), ("TCD", "NER", 3, *b_says)))
    return row["agreement"]


@pytest.mark.parametrize(
    ("niger_says", "chad_says", "expected"),
    [
        (("1961-12-14", "day", "active"), ("1961-12-14", "day", "active"), "agree"),
        (("1961-12-14", "day", "active"), ("1961", "year", "active"), "agree_precision_differs"),
        (("1961-12", "month", "active"), ("1961-12-14", "day", "active"), "agree_precision_differs"),
        (("1961-12-14", "day", "active"), ("1963-03-02", "day", "active"), "disagree_date"),
        (("1961", "year", "active"), ("1962-01-05", "day", "active"), "disagree_date"),
        (("1961", "year", "active"), ("1961", "year", "severed"), "disagree_status"),
        (("1961", "year", "suspended"), ("1963", "year", "active"), "disagree_date_and_status"),
        ((None, "unknown", "active"), ("1963", "year", "active"), "agree"),
    ],
)
def test_agreement_of_two_statements(niger_says, chad_says, expected):
    assert agreement_of(niger_says, chad_says) == expected


def test_a_pair_is_one_row_keyed_by_the_sorted_codes_with_each_sides_statement():
    frame = relations(
        ("TCD", "FRA", 1, "1960-08-11", "day", "active"),
        ("TCD", "NER", 3, "1963-03-02", "day", "active"),
        ("NER", "TCD", 2, "1961-12-14", "day", "active"),
        ("NER", "TCD", 7, "1970", "year", "active"),  # listed twice: the first row speaks
    )
    from pipeline.clean.derived import coded

    assert coded("dyads", dyads(frame)) == [NIGER_AND_CHAD]  # with the state numbers, as the stage gives them


def test_only_one_article_listing_the_other_is_one_sided():
    frame = relations(("NER", "TCD", 2, "1961", "year", "active"), ("TCD", "FRA", 1, "1960", "year", "active"))
    (row,) = dyads(frame)
    assert (row["first_iso3"], row["second_iso3"], row["agreement"]) == ("NER", "TCD", "one_sided")
    assert (row["second_established"], row["second_status"], row["second_relation_id"]) == (None, None, None)


def test_partners_whose_article_is_not_in_the_seeds_make_no_dyad():
    frame = relations(("MLI", "FRA", 1, "1960", "year", "active"), ("MLI", "NER", 2, "1960", "year", "active"))
    assert dyads(frame) == []


def test_the_mali_package_has_an_empty_dyads_table(tables):
    columns = list(tables["dyads"].columns)
    assert columns[:2] == ["dyad_id", "first_iso3"] and "second_iso3" in columns
    assert tables["dyads"].empty


@pytest.fixture(scope="module")
def two_articles():
    """The two fixture articles extracted, cleaned and checked (without the expectation suites)."""
    from pipeline.clean.internal_tables import internal_tables
    from pipeline.clean.stage import clean
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources
    from pipeline.validate.stage import run_checks

    extracted = extract(load_sources(FIXTURE))
    tables = clean(extracted)
    return tables, run_checks(tables, internal_tables(extracted, tables), expectations=False, acknowledgements=[])


def test_two_articles_that_list_each_other_make_a_dyad(two_articles):
    tables, _ = two_articles
    dyad = tables["dyads"].astype(object).where(tables["dyads"].notna(), None).to_dict("records")
    assert dyad == [NIGER_AND_CHAD]


def test_a_disagreement_is_a_warning_finding(two_articles):
    _, findings = two_articles
    (found,) = [f for f in findings if f.check == "dyad_disagreement"]
    assert (found.severity, found.resource, found.row_key, found.field, found.value) == (
        "warning",
        "dyads",
        "dyad/NER/TCD",
        "agreement",
        "disagree_date",
    )
    assert found.message == (
        "NER's article says relations with TCD began 1961-12-14 (NER/relation/TCD, active); "
        "TCD's article says relations with NER began 1963-03-02 (TCD/relation/NER, active)"
    )


def test_both_subjects_are_checked_against_their_independence(two_articles):
    """Niger and Chad are in the shipped table (pipeline/validate/independence.csv): no
    `unchecked_independence` note, and no date of either fixture is before 1960-08."""
    _, findings = two_articles
    assert [f for f in findings if f.check in ("unchecked_independence", "date_out_of_range")] == []


def test_the_package_of_two_articles_is_named_after_both(two_articles):
    from pipeline.package.metadata import package_metadata

    tables, _ = two_articles
    metadata = package_metadata(tables)
    assert (metadata["name"], metadata["title"]) == (
        "foreign-relations-of-2-countries",
        "Foreign relations of 2 countries: Chad and Niger",
    )
