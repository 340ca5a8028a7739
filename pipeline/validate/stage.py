"""The validate stage's quality checks: expectations, source checks, acknowledgements."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pipeline.validate.document_checks import document_findings
from pipeline.validate.findings import Finding, acknowledge, load_acknowledgements
from pipeline.validate.table_checks import table_findings

if TYPE_CHECKING:
    from pipeline.validate.expectations_beside import Findings, SuitesBeside


def run_checks(
    tables: dict[str, pd.DataFrame],
    internal: dict[str, pd.DataFrame],
    data_docs: Path | None = None,
    acknowledgements: list[dict[str, str]] | None = None,
    expectations: bool = True,
    beside: SuitesBeside | None = None,
) -> list[Finding]:
    """Every finding on the tables and documents, acknowledged where explained, sorted. `internal`:
    what the checks read of the documents beyond the tables (`pipeline.clean.internal_tables`).
    `expectations=False` leaves out the Great Expectations suites (for tests of the other checks);
    `beside`: the process that runs them while this one runs the others (`SuitesBeside`)."""
    suites = _suites(tables, data_docs, beside) if expectations else list
    found = table_findings(tables, internal) + document_findings(tables, internal)
    found = suites() + found
    entries = load_acknowledgements() if acknowledgements is None else acknowledgements
    subjects = {code for frame in tables.values() if "subject_iso3" in frame for code in frame["subject_iso3"].dropna()}
    return acknowledge(found, entries, subjects)


def _suites(tables: dict[str, pd.DataFrame], data_docs: Path | None, beside: SuitesBeside | None) -> Findings:
    """The Great Expectations suites' findings, to be called for: from the process `beside`, or
    run in this one when called (importing Great Expectations: seconds)."""
    if beside is not None:
        return beside.submit(tables, data_docs)
    from pipeline.validate import expectations

    return lambda: expectations.run_suites(tables, data_docs)
