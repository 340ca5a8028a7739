"""The whole pipeline, as the recipe OWID's steps follow: load, process, save."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from pipeline.errors import QualityError
from pipeline.files import cannot_write
from pipeline.outputs import (
    LOCK_WAIT,
    REPORT,
    check_targets,
    check_writable,
    locked,
    make_folder,
    mark,
    package_owned,
    reports_owned,
    staging_for,
    swap_into_place,
)
from pipeline.processes import in_order
from pipeline.sources import Source, load_sources

if TYPE_CHECKING:
    from pipeline.clean.tables_joined import DocumentTables
    from pipeline.validate.expectations_beside import SuitesBeside
    from pipeline.validate.reports_beside import ReportsBeside


def build(
    seeds: Path,
    out: Path,
    reports: Path | None = None,
    data_docs: bool = True,
    version: str | None = None,
) -> Path:
    """Build the package from `seeds` into `out`; `out` changes only if all went well.

    The quality report goes to `reports` (default: `reports/` beside `out`) even when
    the checks stop the build, so the maintainer can read why.
    """
    return release(seeds, out, reports, data_docs, version)[0]


def release(
    seeds: Path,
    out: Path,
    reports: Path | None = None,
    data_docs: bool = True,
    version: str | None = None,
    fresh: bool = False,
    wait: float = LOCK_WAIT,
    draft: bool = False,
    jobs: int = 1,
) -> tuple[Path, str, bool]:
    """`build`, telling also the version and whether anything was written. `fresh`: a trial
    package, a first release whatever `out` holds (it must still be a package of ours).
    `draft`: built despite unacknowledged errors, versioned X.Y.Z-draft, and refused where a
    released package is (`pipeline.release.refuse_release`). `jobs`: see `extracted_tables`,
    `SuitesBeside`, `GateBeside`."""
    from pipeline.validate.expectations_beside import SuitesBeside

    # Great Expectations imported beside from the start (seconds: most of a small build's time);
    # Data Docs are written by the suites in this process
    with SuitesBeside(1 if data_docs else jobs) as suites:
        return _released(seeds, out, reports, data_docs, version, fresh, wait, draft, jobs, suites)


def _released(
    seeds: Path,
    out: Path,
    reports: Path | None,
    data_docs: bool,
    version: str | None,
    fresh: bool,
    wait: float,
    draft: bool,
    jobs: int,
    suites: SuitesBeside,
) -> tuple[Path, str, bool]:
    """`release`, its Great Expectations suites run by `suites`."""
    from pipeline.release.gate_beside import GateBeside
    from pipeline.release.stage import publish
    from pipeline.validate.reports_beside import ReportsBeside

    out = out.resolve()
    reports = (out.parent / "reports" if reports is None else reports).resolve()
    _refuse_before_any_work(seeds, out, reports, version, draft, fresh)
    sources = load_sources(seeds)  # a bad seed folder is reported before anything is written
    make_folder(reports)
    mark(reports, REPORT)  # the folder is ours from now on (it was absent, empty, or marked)
    # reports may be shared; the report is written beside the package, and waited for before it is swapped in
    with (
        locked(out, wait),
        locked(reports, wait),
        GateBeside(1 if draft else jobs) as gate,
        ReportsBeside(jobs) as beside,
    ):
        # Load and process
        checked = checked_tables(sources, reports, data_docs, draft, jobs, gate.start, suites, beside)
        # the findings are in the report (written beside) and their table: not held while the package is written
        tables, documents = checked[0], checked[2]
        del checked
        # Save (versioned, validated in a temporary folder, then swapped in), with the seed
        # files' bytes as read once above: the rows, spans and hashes agree with what is carried
        return publish(tables, out, gate.check, version, fresh, documents, draft, ready=beside.wait)


def _refuse_before_any_work(
    seeds: Path, out: Path, reports: Path, version: str | None, draft: bool, fresh: bool
) -> None:
    """A version that is not one or below the last release's in `out` (but for a draft or a
    `fresh` package, which come after no release), no SOURCE_DATE_EPOCH to date the package by,
    and an output where the user's files could be lost: refused before anything is read or written."""
    from pipeline.build_time import source_date_epoch
    from pipeline.release.stage import refuse_backwards, refuse_release
    from pipeline.release.versioning import version_tuple

    if version is not None:
        version_tuple(version)
    source_date_epoch()
    check_targets(seeds, {"--out": out, "--reports": reports})
    check_writable(out, "--out", package_owned, "a data package")
    if not (draft or fresh):
        refuse_backwards(out, version)
    if draft:
        refuse_release(out)
    check_writable(reports, "--reports", reports_owned, REPORT)


def checked_tables(
    sources: list[Source],
    reports: Path,
    data_docs: bool = True,
    draft: bool = False,
    jobs: int = 1,
    cleaned: Callable[[dict[str, pd.DataFrame]], None] = lambda tables: None,
    suites: SuitesBeside | None = None,
    beside: ReportsBeside | None = None,
) -> tuple[dict[str, pd.DataFrame], list, dict[str, bytes]]:
    """Extract, clean and check; write the quality report; stop on unacknowledged errors
    (a draft goes on, its findings in the package). Also the bytes of each seed file as read
    (once, checked against its manifest sha256), by source id. `cleaned` is given the data
    tables, final, before the checks run; `suites`: the process running the Great Expectations
    suites beside the other checks, if any; `beside`: the process writing the report beside the
    package, if any (waited for here when the build stops)."""
    from pipeline.clean.frames import as_frame
    from pipeline.clean.internal_tables import internal_tables
    from pipeline.validate.findings import rows
    from pipeline.validate.report import headline, write_reports

    extracted, tables = extracted_tables(sources, jobs)
    cleaned(tables)
    findings = checked(tables, internal_tables(extracted, tables), reports / "data_docs" if data_docs else None, suites)
    (beside.start if beside else write_reports)(findings, reports)
    blocking = [f for f in findings if f.blocks_publication]
    if blocking and not draft:
        if beside:
            beside.wait()  # the report tells the maintainer why: written before the build stops
        first = blocking[0]
        raise QualityError(
            str(reports / "quality.md"),
            f"{first.resource} {first.row_key or ''}".strip(),
            f"{headline(findings)} First: {first.check}: {first.message}",
            "fix the seed, or acknowledge a known source problem in checks/acknowledged.toml; "
            "the last good package was left in place",
        )
    tables["quality_findings"] = as_frame("quality_findings", rows(findings))
    return tables, findings, {item.source_id: item.document.data for item in extracted}


def checked(
    tables: dict[str, pd.DataFrame],
    internal: dict[str, pd.DataFrame],
    data_docs: Path | None,
    suites: SuitesBeside | None = None,
) -> list:
    """The findings (`internal`: what the checks read beside the tables; `suites`: see
    `checked_tables`); Great Expectations' Data Docs (which it writes itself) are written into a
    new marked folder and swapped in whole, so a failure leaves the last complete ones."""
    from pipeline.validate.stage import run_checks

    if data_docs is None:
        return run_checks(tables, internal, None, beside=suites)
    with staging_for(data_docs) as staging:
        findings = run_checks(tables, internal, staging, beside=suites)
        try:
            swap_into_place(staging, data_docs)
        except OSError as error:
            raise cannot_write(data_docs.parent, error) from None
    return findings


def extracted_tables(sources: list[Source], jobs: int = 1) -> tuple[list[Any], dict[str, pd.DataFrame]]:
    """Every document extracted and every table cleaned, one document at a time, in `jobs`
    processes (`clean --jobs`'s way: tables taken back in document order, so the tables are the
    same for every number). What is kept of a document is what the checks read, not its
    tables or parse; its tables, as columns, go into the tables' frames as they come (`as_frames`)."""
    from pipeline.clean.frames import as_frames
    from pipeline.clean.stage import table_parts

    items: list[Any] = []

    def documents() -> Iterator[DocumentTables]:
        for item, tables in _each_document(sources, jobs):
            items.append(item)
            yield tables

    return items, as_frames(table_parts(documents()))


def _each_document(sources: list[Source], jobs: int) -> Iterator[tuple[Any, DocumentTables]]:
    """`_extracted_and_cleaned` of each source, in order, in this process or a pool of `jobs`."""
    return in_order(_extracted_and_cleaned, sources, jobs, lambda source: str(source.path))


def _extracted_and_cleaned(source: Source) -> tuple[Any, DocumentTables]:
    """A document's tables, as columns (`frames.part`: a worker's pickle of them is smaller and
    quicker to read than of rows as dicts), and the document without what only cleaning reads
    (its text, tables, references and parse: the checks read its maintenance tags and claims,
    placed by its byte map, and the package its bytes), for the checks: less to send back from
    a worker and to keep."""
    from pipeline.clean.frames import part
    from pipeline.clean.stage import document_rows
    from pipeline.clean.tables_joined import document_tables
    from pipeline.extract.stage import extract_document

    item = extract_document(source)
    tables = document_tables(document_rows(item), part)
    kept = dataclasses.replace(item, document=dataclasses.replace(item.document, text=""), wikitext="")
    return dataclasses.replace(kept, tables=[], references=[], occurrences=[], sections=[]), tables
