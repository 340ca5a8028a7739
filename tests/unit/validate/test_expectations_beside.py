"""Great Expectations beside the build (pipeline/validate/expectations_beside.py): with `--jobs`
above 1 this process screens the tables once and sends what the screen could not clear (the
expectations, and only the columns they and their findings read) to a forked process, which finds
what `run_suites` finds in this one; a build with Data Docs or `--jobs 1` runs the suites here;
an error there is the error here; that process killed is WorkerLostError (exit 71)."""

from __future__ import annotations

import os
import signal

import pandas as pd
import pytest

from pipeline.errors import WorkerLostError
from pipeline.validate import expectations
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
    """`run_suites` and `run_screened` answering, in place of findings, the process they ran in and
    what they were given (the tables' names and Data Docs; the tables screened, whole)."""
    monkeypatch.setattr(
        expectations, "run_suites", lambda tables, data_docs: [(os.getpid(), sorted(tables), data_docs)]
    )
    monkeypatch.setattr(expectations, "run_screened", lambda screened: [(os.getpid(), screened)])


def test_the_tables_the_screen_sends_are_checked_in_the_other_process(cleaned, monkeypatch):
    where_run(monkeypatch)
    with SuitesBeside(2) as beside:
        ((pid, ((name, frame, specs),)),) = beside.submit(cleaned, None)()
    assert (pid != os.getpid(), name) == (True, "diplomatic_relations")
    # of its 33 columns, the one the failing expectation reads and the two its findings name
    relations = cleaned["diplomatic_relations"]
    assert specs == [expectations.HAND_WRITTEN["diplomatic_relations"][0]]  # established_raw not "Unknown"
    pd.testing.assert_frame_equal(frame, relations[["relation_id", "partner", "established_raw"]])


def counted_screens(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The tables of each call of `expectations.screen`, which runs as before."""
    real, screens = expectations.screen, []

    def counted(tables):
        screens.append(sorted(tables))
        return real(tables)

    monkeypatch.setattr(expectations, "screen", counted)
    return screens


def test_however_large_the_table_only_the_columns_read_are_sent_screened_once(cleaned, monkeypatch):
    """(Tables above 2 million cells used to be checked in the build's process, screened again there.)"""
    where_run(monkeypatch)
    screens = counted_screens(monkeypatch)
    relations = cleaned["diplomatic_relations"]
    large = pd.concat([relations] * (2_000_000 // relations.size + 1), ignore_index=True)
    with SuitesBeside(2) as beside:
        ((pid, ((name, frame, _),)),) = beside.submit({**cleaned, "diplomatic_relations": large}, None)()
    assert (pid != os.getpid(), name, len(screens)) == (True, "diplomatic_relations", 1)
    assert large.size > 2_000_000 and list(frame.columns) == ["relation_id", "partner", "established_raw"]
    pd.testing.assert_frame_equal(frame, large[["relation_id", "partner", "established_raw"]])


@pytest.mark.parametrize(("jobs", "data_docs"), [(1, None), (2, "data_docs")])
def test_with_one_job_or_data_docs_every_table_is_checked_here(cleaned, monkeypatch, tmp_path, jobs, data_docs):
    where_run(monkeypatch)
    folder = tmp_path / data_docs if data_docs else None
    with SuitesBeside(jobs) as beside:
        assert beside.submit(cleaned, folder)() == [(os.getpid(), sorted(cleaned), folder)]


def test_tables_the_screen_clears_are_not_checked_at_all(cleaned, monkeypatch):
    where_run(monkeypatch)
    cleared = {name: frame for name, frame in cleaned.items() if name != "diplomatic_relations"}
    with SuitesBeside(2) as beside:
        assert beside.submit(cleared, None)() == []


def test_an_error_there_is_raised_here_by_running_the_suites_here(cleaned, monkeypatch):
    """The error a build shows is the one `run_screened` raises in the build's own process."""
    here = os.getpid()

    def failing(screened):
        raise RuntimeError(f"expectation could not run in {'this' if os.getpid() == here else 'the other'} process")

    monkeypatch.setattr(expectations, "run_screened", failing)
    screens = counted_screens(monkeypatch)
    with SuitesBeside(2) as beside, pytest.raises(RuntimeError) as caught:
        beside.submit(cleaned, None)()
    assert (str(caught.value), len(screens)) == ("expectation could not run in this process", 1)  # not screened again


def test_the_other_process_killed_is_a_worker_lost_error(cleaned, monkeypatch):
    here = os.getpid()

    def killed(screened):
        assert os.getpid() != here, "run in this process"
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would

    monkeypatch.setattr(expectations, "run_screened", killed)
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
