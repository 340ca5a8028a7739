"""The validate stage's quality checks: expectations, source checks, acknowledgements."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.validate.document_checks import document_findings
from pipeline.validate.findings import Finding, acknowledge, load_acknowledgements
from pipeline.validate.table_checks import table_findings


def run_checks(
    tables: dict[str, pd.DataFrame],
    internal: dict[str, pd.DataFrame],
    data_docs: Path | None = None,
    acknowledgements: list[dict[str, str]] | None = None,
    expectations: bool = True,
) -> list[Finding]:
    """Every finding on the tables and documents, acknowledged where explained, sorted. `internal`:
    what the checks read of the documents beyond the tables (`pipeline.clean.internal_tables`).
    `expectations=False` leaves out the Great Expectations suites (for tests of the other checks)."""
    found = table_findings(tables, internal) + document_findings(tables, internal)
    if expectations:
        from pipeline.validate.expectations import run_suites  # imports Great Expectations: seconds

        found = run_suites(tables, data_docs) + found
    entries = load_acknowledgements() if acknowledgements is None else acknowledgements
    subjects = {code for frame in tables.values() if "subject_iso3" in frame for code in frame["subject_iso3"].dropna()}
    return acknowledge(found, entries, subjects)
