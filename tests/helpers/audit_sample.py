"""The audit sample of the facts read from prose (tests/fixtures/prose_facts_audit.toml):
rows of each table and sentences of the seeds, drawn at random with a fixed seed, so that
anyone can draw the same sample again and read each one against its source span.

    .venv/bin/python -m tests.helpers.audit_sample [datapackage folder]

prints the draw: each sampled row with the bytes of its source span, then each sampled
sentence. The labels in the fixture were written by reading those spans, not these rows.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pandas as pd

from tests.helpers import SEEDS

SEED = 25  # the issue that asked for the audit
ROWS = {
    "memberships": 8,
    "missions": 8,
    "mission_statements": 8,
    "events": 10,
    "relation_changes": 8,
    "bilateral_relations": 8,
}
SENTENCES = 30
KEYS = {
    "memberships": "membership_id",
    "missions": "mission_id",
    "mission_statements": "statement_id",
    "events": "event_id",
    "relation_changes": "change_id",
    "bilateral_relations": "bilateral_id",
}


def draw_rows(tables: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    """For each table, ROWS[table] of its row ids (sorted first, so the draw does not depend on row order)."""
    out = {}
    for table, size in ROWS.items():
        ids = sorted(tables[table][KEYS[table]].astype(str))
        out[table] = random.Random(f"{SEED}/{table}").sample(ids, min(size, len(ids)))
    return out


def prose_sentences(seeds: Path = SEEDS) -> list[tuple[str, int, int, str]]:
    """(source id, byte start, byte end, plain text) of every prose sentence of the seeds: the
    article's lead, sections and bilateral notes, and the fact sheet."""
    from pipeline.clean.prose import article_sentences, fact_sheet_sentences
    from pipeline.clean.relations import relation_tables
    from pipeline.extract.stage import extract_document
    from pipeline.sources import load_sources

    out = []
    for source in load_sources(seeds):
        item = extract_document(source)
        if item.document.format == "plain-text":
            found = fact_sheet_sentences(item)
        else:
            found = article_sentences(item, relation_tables(item)[1])
        out += [(s.source_id, s.source_start, s.source_end, s.text) for s in found]
    return sorted(set(out))


def draw_sentences(sentences: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """SENTENCES of the prose sentences, in document order."""
    return sorted(random.Random(f"{SEED}/sentences").sample(sentences, SENTENCES))


def _main(folder: Path) -> None:
    from pipeline.package.stage import read_tables

    tables = read_tables(folder)
    files = {p.name: p.read_bytes() for p in SEEDS.iterdir() if p.is_file()}
    by_id = {
        "foreign-relations-of-mali": "004_5564c2f49d038939.txt",
        "us-state-department-relations-with-mali": "000_e2e35c128b143355.txt",
    }
    for table, ids in draw_rows(tables).items():
        frame = tables[table].set_index(KEYS[table])
        for row_id in ids:
            row = frame.loc[row_id]
            span = files[by_id[row["source_id"]]][int(row["source_start"]) : int(row["source_end"])]
            print(f"== {table} {row_id}\n{span.decode('utf-8')[:700]}\n")
    for source_id, start, end, text in draw_sentences(prose_sentences()):
        print(f"== sentence {source_id} {start}-{end}\n{text}\n")


if __name__ == "__main__":
    _main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("datapackage"))
