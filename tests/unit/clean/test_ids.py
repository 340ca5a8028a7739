"""Row ids (pipeline/clean/ids.py): made only from what a row says, so the same fact keeps its
id from one release to the next; a repeat of the same fact is told apart by its count."""

from __future__ import annotations

import hashlib

from pipeline.clean.ids import (
    article_key,
    article_of,
    digest,
    is_edition,
    rekeyed,
    with_finding_ids,
    with_membership_ids,
    with_relation_ids,
)


def sha12(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def test_a_digest_is_twelve_hex_digits_of_the_parts_joined_by_a_unit_separator():
    assert digest("a", None, 3) == sha12("a\x1f\x1f3")


def test_a_further_edition_of_an_article_has_its_own_key():
    assert (article_key("MLI", None), article_key("MLI", "fr")) == ("MLI", "MLI~fr")
    assert article_of("MLI~fr/relation/FRA") == "MLI~fr" and article_of("dyad/MLI/NER") == "dyad"
    assert (is_edition("MLI~fr"), is_edition("MLI")) == (True, False)
    assert rekeyed("MLI/mission/0123456789ab", "MLI~fr") == "MLI~fr/mission/0123456789ab"


def test_a_relation_id_is_the_partners_code_else_a_slug_and_a_repeat_is_counted():
    rows = [
        {"partner_iso3": "FRA", "partner": "France"},
        {"partner_iso3": None, "partner": "Côte d'Ivoire (pre-1960)"},
        {"partner_iso3": "FRA", "partner": "France"},
    ]
    ids = [row["relation_id"] for row in with_relation_ids(rows, "relation", "relation_id", "MLI")]
    assert ids == ["MLI/relation/FRA", "MLI/relation/cote-d-ivoire-pre-1960", "MLI/relation/FRA-2"]
    assert list(with_relation_ids(rows, "relation", "relation_id", "MLI")[0]) == ["relation_id", "partner_iso3", "partner"]


def test_a_membership_id_is_the_organisations_slug():
    (row,) = with_membership_ids([{"organization": "African Union"}], "MLI~fr")
    assert row == {"membership_id": "MLI~fr/membership/african-union", "organization": "African Union"}


def test_a_repeated_finding_gets_its_own_id_from_its_count_not_its_position():
    finding = {"check_name": "c", "resource": "r", "row_id": "MLI/relation/FRA", "field": "f", "value": "v"}
    other = {**finding, "value": "w"}
    ids = [row["finding_id"] for row in with_finding_ids([finding, other, finding])]
    assert ids == [
        "finding/" + sha12("c\x1fr\x1fMLI/relation/FRA\x1ff\x1fv\x1f1"),
        "finding/" + sha12("c\x1fr\x1fMLI/relation/FRA\x1ff\x1fw\x1f1"),
        "finding/" + sha12("c\x1fr\x1fMLI/relation/FRA\x1ff\x1fv\x1f2"),
    ]
    assert [row["finding_id"] for row in with_finding_ids([other, finding])] == [ids[1], ids[0]]
