"""The ids of the tables tests/unit/clean/test_ids.py leaves out (pipeline/clean/ids.py): missions,
mission statements, events, references, citations and dyads, each made only from what its row
says. The expected digests are SHA-256 of the parts joined by U+001F, written out here."""

from __future__ import annotations

import hashlib

from pipeline.clean.ids import (
    dyad_id,
    event_id,
    mission_id,
    reference_id,
    slug,
    statement_id,
    with_citation_ids,
)


def sha12(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def test_a_mission_id_keeps_the_empty_last_part_of_earlier_releases():
    assert mission_id("MLI", "MLI", "FRA", "embassy", "Paris") == "MLI/mission/" + sha12(
        "MLI\x1fFRA\x1fembassy\x1fParis\x1f"
    )
    assert mission_id("MLI~fr", "MLI", "FRA", "embassy", None) == "MLI~fr/mission/" + sha12(
        "MLI\x1fFRA\x1fembassy\x1f\x1f"
    )


def test_a_statement_id_counts_the_repeats_of_one_sentence():
    first = statement_id("MLI", "MLI/mission/0123456789ab", "embassy_in", "Mali has an embassy in Paris.", 1)
    second = statement_id("MLI", "MLI/mission/0123456789ab", "embassy_in", "Mali has an embassy in Paris.", 2)
    assert first == "MLI/statement/" + sha12("MLI/mission/0123456789ab\x1fembassy_in\x1fMali has an embassy in Paris.\x1f1")
    assert second == "MLI/statement/" + sha12("MLI/mission/0123456789ab\x1fembassy_in\x1fMali has an embassy in Paris.\x1f2")


def test_an_event_id_is_the_sentence_s_and_a_later_clause_adds_its_date():
    sentence = "Relations were severed in 1973 and restored in 1996."
    assert event_id("MLI", "src", "MLI/bilateral/ISR", sentence) == "MLI/event/" + sha12(
        f"src\x1fMLI/bilateral/ISR\x1f{sentence}"
    )
    assert event_id("MLI", "src", None, sentence, "1996") == "MLI/event/" + sha12(f"src\x1f\x1f{sentence}\x1f1996")


def test_reference_and_dyad_ids_are_their_parts():
    assert reference_id("foreign-relations-of-mali", "ref-7") == "foreign-relations-of-mali/reference/ref-7"
    assert dyad_id("MLI", "NER") == "dyad/MLI/NER"


def test_a_citation_id_starts_with_its_source_and_counts_repeats():
    cite = {"source_id": "s", "ref_id": "r1", "row_id": "MLI/relation/FRA", "field": "established", "is_definition": True}
    rows = with_citation_ids([cite, {**cite, "is_definition": False}, cite])
    assert [row["citation_id"] for row in rows] == [
        "s/citation/" + sha12("s\x1fr1\x1fMLI/relation/FRA\x1festablished\x1fTrue\x1f1"),
        "s/citation/" + sha12("s\x1fr1\x1fMLI/relation/FRA\x1festablished\x1fFalse\x1f1"),
        "s/citation/" + sha12("s\x1fr1\x1fMLI/relation/FRA\x1festablished\x1fTrue\x1f2"),
    ]
    assert list(rows[0]) == ["citation_id", *cite]  # the id first, the row as it was after it


def test_a_name_of_no_ascii_letters_gets_a_digest_for_a_slug():
    assert slug("Côte d'Ivoire") == "cote-d-ivoire"
    assert slug("中国") == sha12("中国")
