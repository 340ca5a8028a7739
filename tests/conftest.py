"""Shared fixtures: the package built once from the real seeds into a temporary folder, and the
Hypothesis profiles. Plain helpers (paths, the command line, snapshots) are in tests/helpers/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from tests.helpers import SEEDS

if TYPE_CHECKING:  # pandas and the pipeline are imported by the fixtures, in the test processes only:
    import pandas as pd  # pytest-xdist's controlling process runs no test and needs neither

# Property tests: a small, derandomised run by default (the same cases every time, so a failure
# reproduces); `make fuzz` sets HYPOTHESIS_PROFILE=fuzz for many more, new cases each run.
settings.register_profile("default", derandomize=True, deadline=None, max_examples=200)
settings.register_profile("fuzz", derandomize=False, deadline=None, max_examples=20_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
# `make` sets SOURCE_DATE_EPOCH from the last commit; the tests expect the dates the seeds give
# (and set it themselves where they test it), so they behave the same under make and pytest.
os.environ.pop("SOURCE_DATE_EPOCH", None)


def _run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder every test process of this run shares (pytest-xdist's workers share
    the parent of their own)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The test files with the most tests marked `slow` first, the rest in their order: each
    file runs whole in one worker (`--dist loadfile`), so the long ones start early and the
    short ones fill the end, and neither worker waits long for the other at the end. (xdist
    would otherwise run the files with the most tests first, and the long few-test files
    last: `--no-loadscope-reorder` in pyproject.toml keeps this order.)"""
    slow: dict[str, int] = {}
    for item in items:
        file = item.nodeid.split("::")[0]
        slow[file] = slow.get(file, 0) + (item.get_closest_marker("slow") is not None)
    items.sort(key=lambda item: -slow[item.nodeid.split("::")[0]])  # stable: a file's tests keep their order


@pytest.fixture(scope="session", autouse=True)
def shared_findings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The folder through which the test processes of one run pass each other the suites' findings."""
    from tests.helpers.gate_once import share_valid_through
    from tests.helpers.suites import share_findings_through

    folder = _run_folder(tmp_path_factory) / "suite_findings"
    folder.mkdir(exist_ok=True)
    share_findings_through(folder)
    share_valid_through(folder)  # and the packages the frictionless gate found valid


def _fsync_checked(descriptor: int) -> None:
    """`os.fsync` in the test processes: the descriptor checked (an error for a closed or bad
    one, as fsync gives), the wait for the disk skipped. No test can tell a file on the disk
    from one in the page cache, and the pipeline's calls stay as they are (tests that count
    them or make them fail patch `os.fsync` themselves); a build makes about 30 of them, each
    several milliseconds on a busy disk."""
    os.fstat(descriptor)


@pytest.fixture(scope="session", autouse=True)
def fsync_without_the_wait() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", _fsync_checked)
        yield


@pytest.fixture(scope="session", autouse=True)
def great_expectations_imported() -> None:
    """Great Expectations imported once per test process: a build with `--jobs` above 1 (the
    command line's default) imports it in a process it forks as it starts, and waits for it
    (pipeline/validate/expectations_beside.py); forked from here, that process has it already."""
    from pipeline.validate.expectations import import_great_expectations

    import_great_expectations()


@pytest.fixture(autouse=True)
def expectations_once_per_table(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Great Expectations takes about a second per build and its HTML seconds more, and most
    builds in the tests share tables with others: they get `suites_once_per_table` (and
    `screened_once`, which the process beside a build runs). Tests
    marked `expectations` (about the suites or their HTML, and the one end-to-end build in
    tests/integration/test_build.py) run the suites afresh and write the HTML."""
    if not request.node.get_closest_marker("expectations"):
        from tests.helpers.suites import screened_once, suites_once_per_table

        monkeypatch.setattr("pipeline.validate.expectations.run_suites", suites_once_per_table)
        monkeypatch.setattr("pipeline.validate.expectations.run_screened", screened_once)


@pytest.fixture(autouse=True)
def gate_once_per_package(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The frictionless gate takes about a second on the seeds' package, and many builds in the
    tests write the same package again: a package found valid is not validated again with the
    same descriptor and bytes (tests/helpers/gate_once.py; errors are always found afresh).
    Tests marked `gate` (about the gate) or `expectations` (every check for real) run it afresh."""
    if not (request.node.get_closest_marker("gate") or request.node.get_closest_marker("expectations")):
        from tests.helpers.gate_once import patch_gate

        patch_gate(monkeypatch)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package built from seeds/ (the committed one is not touched), once per run: the first
    test process to need it builds it into the folder the processes share, holding its lock,
    and the others wait for it there. Read only: a test that changes a package copies it."""
    from pipeline.build import build
    from pipeline.locks import locked
    from tests.helpers.suites import suites_reused

    folder = _run_folder(tmp_path_factory) / "built"
    out, complete = folder / "datapackage", folder / "complete"
    with locked(folder):
        if not complete.exists():
            with suites_reused():
                build(SEEDS, out, data_docs=False)
            complete.touch()
    return out


@pytest.fixture(scope="session")
def tables(built: Path) -> dict[str, pd.DataFrame]:
    """The built CSV tables, read as a researcher would (empty field = null)."""
    from pipeline.package.stage import read_tables

    return read_tables(built)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the precision and recall of the facts read from prose (tests/unit/clean/test_facts.py); they
    come with the test reports, so this works when the tests run in worker processes too."""
    metrics = sorted(
        value
        for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
        for name, value in getattr(report, "user_properties", [])
        if name == "facts_metrics"
    )
    if metrics:
        terminalreporter.section("facts from prose: precision and recall against hand-labelled rows")
        for table, precision, recall, hits, predicted, expected in metrics:
            terminalreporter.write_line(
                f"{table:12} precision {precision:.2f} ({hits}/{predicted})  recall {recall:.2f} ({hits}/{expected})"
            )
    audit = sorted(
        value
        for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
        for name, value in getattr(report, "user_properties", [])
        if name == "audit_metrics"
    )
    if audit:  # tests/unit/clean/test_facts_audit.py: a seeded random sample, labelled apart from the rules' examples
        terminalreporter.section(
            "facts from prose: audit of a seeded random sample (precision: rows; recall: sentences)"
        )
        for table, measure, right, total in audit:
            terminalreporter.write_line(f"{table:20} {measure:9} {right / max(total, 1):.2f} ({right}/{total})")
