"""The quality report written in another process beside the package (`ReportsBeside`): the
same files as written here, written here when that process fails, and waited for before
the package is swapped in (`publish_draft`'s `ready`)."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
from pathlib import Path

import pytest

from pipeline.validate import report
from pipeline.validate.findings import finding
from pipeline.validate.report import write_reports
from pipeline.validate.reports_beside import ReportsBeside
from tests.helpers import small_seeds

FINDINGS = [
    finding("duplicate_partner", "diplomatic_relations", "XXX/relation/AAA", "partner", "A", "A appears twice"),
    finding("row_number_gap", "diplomatic_relations", "XXX", "row_number", 2, "XXX: row number 2 never appears"),
]


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_reports_are_the_ones_written_here(tmp_path, jobs):
    write_reports(FINDINGS, tmp_path / "here")
    with ReportsBeside(jobs) as writing:
        writing.start(FINDINGS, tmp_path / "beside")
    assert files(tmp_path / "beside") == files(tmp_path / "here")
    assert sorted(files(tmp_path / "here")) == ["quality.html", "quality.json", "quality.md", "quality.svg"]


def test_the_reports_are_written_by_a_process_forked_before_the_findings_were_known(tmp_path, monkeypatch):
    """Forked as the build starts, while its process is small: not once it holds every table."""

    def where(findings, folder):
        (folder / "where").write_text(f"{os.getpid()} {os.getppid()} {len(findings)}")

    monkeypatch.setattr(report, "write_reports", where)
    with ReportsBeside(2) as writing:
        before = {child.pid for child in multiprocessing.active_children()}
        writing.start(FINDINGS, tmp_path)
        writing.wait()
    pid, parent, count = map(int, (tmp_path / "where").read_text().split())
    assert (pid in before, parent, count) == (True, os.getpid(), 2)


def test_reports_the_other_process_fails_to_write_are_written_here(tmp_path, monkeypatch):
    parent, written = os.getpid(), []

    def only_here(findings, folder):
        if os.getpid() != parent:
            raise OSError("no space left")
        written.append(folder)
        return write_reports(findings, folder)

    monkeypatch.setattr(report, "write_reports", only_here)
    with ReportsBeside(2) as writing:
        writing.start(FINDINGS, tmp_path / "reports")
        writing.wait()
        assert written == [tmp_path / "reports"]
    write_reports(FINDINGS, tmp_path / "here")
    assert files(tmp_path / "reports") == files(tmp_path / "here")


def test_a_draft_is_swapped_in_only_once_ready_returns(tmp_path):
    from pipeline.build import extracted_tables
    from pipeline.clean.frames import as_frame
    from pipeline.release.stage import publish_draft
    from pipeline.sources import load_sources
    from pipeline.validate.findings import rows

    extracted, tables = extracted_tables(load_sources(small_seeds(tmp_path / "seeds")))
    tables["quality_findings"] = as_frame("quality_findings", rows(FINDINGS))
    documents = {item.source_id: item.document.data for item in extracted}
    out, seen = tmp_path / "draft", []

    def refused() -> None:
        seen.append(out.exists())
        raise OSError("the reports could not be written")

    with pytest.raises(OSError, match="could not be written"):
        publish_draft(tables, out, None, documents, refused)
    assert seen == [False] and not out.exists()
    publish_draft(tables, out, None, documents, lambda: seen.append(out.exists()))
    assert seen == [False, False] and (out / "datapackage.json").is_file()


def test_a_finding_sent_to_the_report_process_is_the_same_finding():
    """Findings are pickled as the call that makes them (`Finding.__reduce__`): every field kept."""
    sent = dataclasses.replace(FINDINGS[0], acknowledged=True, acknowledgement="known")
    received = pickle.loads(pickle.dumps([sent, FINDINGS[1]]))
    assert received == [sent, FINDINGS[1]]
    assert [dataclasses.astuple(item) for item in received] == [
        ("duplicate_partner", "diplomatic_relations", "XXX/relation/AAA", "partner", "A", "A appears twice", True, "known"),
        ("row_number_gap", "diplomatic_relations", "XXX", "row_number", "2", "XXX: row number 2 never appears", False, None),
    ]
