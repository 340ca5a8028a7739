"""Great Expectations beside the build (pipeline/validate/expectations_beside.py): with `--jobs`
above 1 the suites of the tables the pandas screen sends run in a forked process, which finds
what `run_suites` finds in this one; a build with Data Docs, `--jobs 1` or tables too large run
them here; an error there is the error here; that process killed is WorkerLostError (exit 71)."""

from __future__ import annotations

import os
import signal

import pandas as pd
import pytest

from pipeline.errors import WorkerLostError
from pipeline.validate import expectations, expectations_beside
from pipeline.validate.expectations_beside import SuitesBeside
from tests.helpers import SEEDS


@pytest.fixture(scope="module")
def cleaned() -> dict[str, pd.DataFrame]:
    """The seeds' tables as the build checks them: the screen sends `diplomatic_relations` only
    (its "Unknown" date cell, tests/unit/validate/test_expectation_screen.py)."""
    from pipeline.clean.stage import clean
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources

    return clean(extract(load_sources(SEEDS)))


def where_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """`run_suites` answering, in place of findings, the process it ran in and what it was given."""
    monkeypatch.setattr(
        expectations, "run_suites", lambda tables, data_docs: [(os.getpid(), sorted(tables), data_docs)]
    )


def test_the_tables_the_screen_sends_are_checked_in_the_other_process(cleaned, monkeypatch):
    where_run(monkeypatch)
    with SuitesBeside(2) as beside:
        ((pid, tables, data_docs),) = beside.submit(cleaned, None)()
    assert (pid != os.getpid(), tables, data_docs) == (True, ["diplomatic_relations"], None)


@pytest.mark.parametrize(("jobs", "data_docs"), [(1, None), (2, "data_docs")])
def test_with_one_job_or_data_docs_every_table_is_checked_here(cleaned, monkeypatch, tmp_path, jobs, data_docs):
    where_run(monkeypatch)
    folder = tmp_path / data_docs if data_docs else None
    with SuitesBeside(jobs) as beside:
        assert beside.submit(cleaned, folder)() == [(os.getpid(), sorted(cleaned), folder)]


def test_tables_too_large_to_send_are_checked_here(cleaned, monkeypatch):
    where_run(monkeypatch)
    monkeypatch.setattr(expectations_beside, "SENT_CELLS", len(cleaned["diplomatic_relations"].columns))
    with SuitesBeside(2) as beside:
        assert beside.submit(cleaned, None)() == [(os.getpid(), sorted(cleaned), None)]


def test_tables_the_screen_clears_are_not_checked_at_all(cleaned, monkeypatch):
    where_run(monkeypatch)
    cleared = {name: frame for name, frame in cleaned.items() if name != "diplomatic_relations"}
    with SuitesBeside(2) as beside:
        assert beside.submit(cleared, None)() == []


def test_an_error_there_is_raised_here_by_running_the_suites_here(cleaned, monkeypatch):
    """The error a build shows is the one `run_suites` raises in the build's own process."""
    here = os.getpid()

    def failing(tables, data_docs):
        raise RuntimeError(f"expectation could not run in {'this' if os.getpid() == here else 'the other'} process")

    monkeypatch.setattr(expectations, "run_suites", failing)
    with SuitesBeside(2) as beside, pytest.raises(RuntimeError) as caught:
        beside.submit(cleaned, None)()
    assert str(caught.value) == "expectation could not run in this process"


def test_the_other_process_killed_is_a_worker_lost_error(cleaned, monkeypatch):
    here = os.getpid()

    def killed(tables, data_docs):
        assert os.getpid() != here, "run in this process"
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would

    monkeypatch.setattr(expectations, "run_suites", killed)
    with SuitesBeside(2) as beside, pytest.raises(WorkerLostError) as caught:
        beside.submit(cleaned, None)()
    assert (caught.value.exit_code, str(caught.value)) == (
        71,
        "Great Expectations: the process running its suites (--jobs 2) died before it answered, killed from "
        "outside (out of memory, a signal); run again, with fewer --jobs or more memory",
    )


@pytest.mark.expectations
def test_great_expectations_there_finds_what_it_finds_here(cleaned):
    """The real suites, on the seeds: the tables sent (pickled) give the same findings."""
    here = expectations.run_suites(cleaned, None)
    with SuitesBeside(2) as beside:
        there = beside.submit(cleaned, None)()
    assert [finding.check for finding in here] == ["unknown_date", "unknown_date"]  # two "Unknown" cells
    assert there == here
