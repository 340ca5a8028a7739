"""The audit of the facts read from prose: a seeded random sample of rows per table and of
prose sentences (tests/helpers/audit_sample.py), labelled by hand from the source spans in
tests/fixtures/prose_facts_audit.toml, apart from the rules' development examples. Precision
(sampled rows that are right) and recall (facts of sampled sentences the package has) are
printed in the suite's report; a drop below the floors fails."""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest

from tests.helpers import FIXTURES
from tests.helpers.audit_sample import KEYS, ROWS, SENTENCES

AUDIT = FIXTURES / "prose_facts_audit.toml"
# What the rules reached when the sample was labelled; a drop below fails the suite.
PRECISION_FLOORS = dict.fromkeys(ROWS, 1.0)
RECALL_FLOORS = {"events": 1.0, "missions": 1.0, "memberships": 1.0}


def _audit() -> dict[str, list[dict[str, object]]]:
    return tomllib.loads(AUDIT.read_text(encoding="utf-8"))


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _row_is_right(label: dict[str, object], row: dict[str, object]) -> bool:
    """The row says what its span says: every labelled field equal (events: one of the span's clauses)."""
    if label["table"] == "events":
        clause = [_text(row["date"]), _text(row["date_qualifier"]), _text(row["date_latest"])]
        partners = sorted(_text(row["partners_iso3"]).split())
        return clause in label["clauses"] and partners == sorted(label["partners_iso3"])
    fields = [name for name in label if name not in ("table", "id")]
    return all(_text(row.get(name)) == label[name] for name in fields)


def _rows(tables: dict[str, pd.DataFrame], table: str) -> dict[str, dict[str, object]]:
    frame = tables[table]
    if table == "mission_statements":  # the mission's sender, receiver and kind, beside the sentence's own fields
        frame = frame.merge(
            tables["missions"][["mission_id", "sending_iso3", "receiving_iso3", "kind"]], on="mission_id", how="left"
        )
    return {str(r[KEYS[table]]): r for r in frame.to_dict("records")}


@pytest.mark.parametrize("table", list(ROWS))
def test_precision_on_a_random_sample_of_rows(tables, table, record_property):
    labels = [row for row in _audit()["row"] if row["table"] == table]
    assert len(labels) == ROWS[table], f"the audit labels {len(labels)} rows of {table}, the draw {ROWS[table]}"
    found = _rows(tables, table)
    missing = [label["id"] for label in labels if label["id"] not in found]
    assert not missing, f"sampled rows no longer in {table}: {missing}; draw again (tests/helpers/audit_sample.py) and label"
    right = sum(_row_is_right(label, found[label["id"]]) for label in labels)
    record_property("audit_metrics", (table, "precision", right, len(labels)))
    assert right / len(labels) >= PRECISION_FLOORS[table], f"{table}: {right} of {len(labels)} sampled rows right"


def _found_events(tables: dict[str, pd.DataFrame], sentence: dict[str, object]) -> list[list[str]]:
    events = tables["events"]
    here = events[
        (events["source_id"] == sentence["source_id"]) & (events["source_start"].astype(int) == sentence["start"])
    ]
    return [[_text(r["date"]), _text(r["date_qualifier"]), _text(r["date_latest"])] for r in here.to_dict("records")]


def _found_missions(tables: dict[str, pd.DataFrame], sentence: dict[str, object]) -> list[list[str]]:
    statements = _rows(tables, "mission_statements").values()
    here = [
        r for r in statements if r["source_id"] == sentence["source_id"] and int(r["source_start"]) == sentence["start"]
    ]
    return [[_text(r["sending_iso3"]), _text(r["receiving_iso3"]), _text(r["kind"]), _text(r["city"])] for r in here]


def _found_memberships(tables: dict[str, pd.DataFrame], sentence: dict[str, object]) -> list[str]:
    rows = tables["memberships"]
    here = rows[(rows["source_id"] == sentence["source_id"]) & (rows["source_start"].astype(int) == sentence["start"])]
    return list(here["organization"])


FINDERS = [("events", _found_events), ("missions", _found_missions), ("memberships", _found_memberships)]


@pytest.mark.parametrize(("table", "find"), FINDERS, ids=[table for table, _ in FINDERS])
def test_recall_on_a_random_sample_of_sentences(tables, table, find, record_property):
    sentences = _audit()["sentence"]
    assert len(sentences) == SENTENCES
    stated = found = 0
    for sentence in sentences:
        facts = sentence.get(table, [])
        have = find(tables, sentence)
        stated += len(facts)
        found += sum(fact in have for fact in facts)
    record_property("audit_metrics", (table, "recall", found, stated))
    assert found / stated >= RECALL_FLOORS[table], f"{table}: {found} of {stated} facts of the sampled sentences found"


def test_the_sample_is_the_seeded_draw():
    """The labelled sentences are the ones the seed draws from the seeds' prose (rows are drawn
    from a built package: tests/helpers/audit_sample.py prints that draw)."""
    from tests.helpers.audit_sample import draw_sentences, prose_sentences

    drawn = [(source_id, start, text) for source_id, start, _, text in draw_sentences(prose_sentences())]
    assert [(s["source_id"], s["start"], s["text"]) for s in _audit()["sentence"]] == drawn
