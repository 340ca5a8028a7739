"""Shared fixtures: the package built once from the real seeds into a temporary folder."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import settings

from pipeline.validate import expectations

# Property tests: a small, derandomised run by default (the same cases every time, so a failure
# reproduces); `make fuzz` sets HYPOTHESIS_PROFILE=fuzz for many more, new cases each run.
settings.register_profile("default", derandomize=True, deadline=None, max_examples=200)
settings.register_profile("fuzz", derandomize=False, deadline=None, max_examples=20_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def at_least(examples: int) -> settings:
    """`@settings` for a property test that needs `examples` cases even in the default profile."""
    return settings(max_examples=max(examples, settings().max_examples))


ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTICLE = SEEDS / "004_5564c2f49d038939.txt"
FACT_SHEET = SEEDS / "000_e2e35c128b143355.txt"

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
# `make` sets SOURCE_DATE_EPOCH from the last commit; the tests expect the dates the seeds give
# (and set it themselves where they test it), so they behave the same under make and pytest.
os.environ.pop("SOURCE_DATE_EPOCH", None)


def pipeline_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line in this process (as `pipeline ARGS` would run; a subprocess costs
    half a second of imports): exit status, stdout and stderr."""
    from click.testing import CliRunner

    from pipeline.cli import main

    with pytest.MonkeyPatch.context() as patch:
        if cwd is not None:
            patch.chdir(cwd)
        result = CliRunner().invoke(main, [str(arg) for arg in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # an exception the command line let through: the test shows it whole
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


class ForkedRun:
    """`pipeline ARGS` in a forked copy of this process, running beside the test: another
    process (it takes locks as a second run would) that starts with this one's imports done
    (a fresh interpreter spends seconds importing pandas, frictionless and Great Expectations)."""

    def __init__(self, *args: str | Path, close: tuple[int, ...] = ()) -> None:
        """`close`: descriptors of this process the run must not hold (a lock the test holds)."""
        import multiprocessing

        self.args = args
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=self._run, args=(send, args, close), daemon=True)
        self.process.start()
        send.close()

    @staticmethod
    def _run(send: object, args: tuple[str | Path, ...], close: tuple[int, ...]) -> None:
        for descriptor in close:
            os.close(descriptor)
        result = pipeline_cli(*args)  # an exception it lets through is printed to the captured stderr
        send.send((result.returncode, result.stdout, result.stderr))  # type: ignore[attr-defined]

    def running_after(self, seconds: float) -> bool:
        """Whether the run has not finished `seconds` from now."""
        self.process.join(seconds)
        return self.process.is_alive()

    def result(self, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Its exit status, stdout and stderr, once it has finished."""
        if not self._receive.poll(timeout):
            self.process.kill()
            raise TimeoutError(f"pipeline {' '.join(map(str, self.args))} took over {timeout} s")
        try:
            returncode, stdout, stderr = self._receive.recv()
        except EOFError:
            self.process.join(timeout)
            raise AssertionError(
                f"pipeline {' '.join(map(str, self.args))} died (exit {self.process.exitcode})"
            ) from None
        self.process.join(timeout)
        return subprocess.CompletedProcess([], returncode, stdout, stderr)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below `folder` (relative path -> sha256): to compare packages byte for byte."""
    import hashlib

    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


_SUITE_FINDINGS: dict[str, list] = {}  # digest of (table, frame) -> its findings, in this process
_SHARED: list[Path] = []  # the folder the test processes of this run share findings through
_REAL_RUN_SUITES = expectations.run_suites  # the module imports Great Expectations only when this runs


def table_digest(name: str, frame: pd.DataFrame) -> str:
    """sha256 of a table's name, columns, dtypes, index and every value's repr (None, nan, <NA>,
    "" and 1 against "1" all differ): the same in every process, whatever its hash seed."""
    import hashlib

    content = (name, list(frame.columns), [str(dtype) for dtype in frame.dtypes], frame.index.tolist())
    digest = hashlib.sha256(repr(content).encode())
    for column in frame.columns:
        digest.update(repr(frame[column].tolist()).encode())
    return digest.hexdigest()


def _known(key: str) -> bool:
    """Whether the findings of this table are in this process or in the folder the run shares."""
    import pickle

    if key not in _SUITE_FINDINGS and _SHARED and (_SHARED[0] / key).exists():
        _SUITE_FINDINGS[key] = pickle.loads((_SHARED[0] / key).read_bytes())
    return key in _SUITE_FINDINGS


def _remember(key: str, found: list) -> None:
    """Keep a table's findings, in this process and (written whole, then renamed) for the others."""
    import pickle

    _SUITE_FINDINGS[key] = found
    if _SHARED:
        partial = _SHARED[0] / f"{key}.{os.getpid()}"
        partial.write_bytes(pickle.dumps(found))
        partial.replace(_SHARED[0] / key)


def suites_once_per_table(tables: dict[str, pd.DataFrame], data_docs: Path | None = None) -> list:
    """`run_suites`, run for real on each table that no process of this test run has validated
    before (`table_digest`), and the findings of that earlier run otherwise; no HTML."""
    keys = {name: table_digest(name, frame) for name, frame in tables.items()}
    missing = {name: frame for name, frame in tables.items() if not _known(keys[name])}
    found = _REAL_RUN_SUITES(missing) if missing else []
    for name in missing:  # a finding's resource is the table whose suite found it
        _remember(keys[name], [each for each in found if each.resource == name])
    return [found for name in tables for found in _SUITE_FINDINGS[keys[name]]]


@pytest.fixture(scope="session", autouse=True)
def shared_findings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The folder through which the test processes of one run (pytest-xdist's workers share the
    parent of their temporary folders) pass each other the suites' findings."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "suite_findings"
    folder.mkdir(exist_ok=True)
    _SHARED[:] = [folder]


@contextmanager
def suites_reused() -> Iterator[None]:
    """`suites_once_per_table` in place of `run_suites` for a session or module fixture (which
    pytest sets up before the autouse fixture below)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("pipeline.validate.expectations.run_suites", suites_once_per_table)
        yield


@pytest.fixture(autouse=True)
def expectations_once_per_table(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Great Expectations takes about a second per build and its HTML seconds more, and most
    builds in the tests share tables with others: they get `suites_once_per_table`. Tests
    marked `expectations` (about the suites or their HTML, and the one end-to-end build in
    tests/test_build.py) run the suites afresh and write the HTML."""
    if not request.node.get_closest_marker("expectations"):
        monkeypatch.setattr("pipeline.validate.expectations.run_suites", suites_once_per_table)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package built from seeds/ (the committed one is not touched)."""
    from pipeline.build import build

    out = tmp_path_factory.mktemp("built") / "datapackage"
    with suites_reused():
        build(SEEDS, out, data_docs=False)
    return out


@pytest.fixture(scope="session")
def tables(built: Path) -> dict[str, pd.DataFrame]:
    """The built CSV tables, read as a researcher would (empty field = null)."""
    from pipeline.package.stage import read_tables

    return read_tables(built)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the precision and recall of the facts read from prose (tests/test_facts.py); they
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
    if audit:  # tests/test_facts_audit.py: a seeded random sample, labelled apart from the rules' examples
        terminalreporter.section(
            "facts from prose: audit of a seeded random sample (precision: rows; recall: sentences)"
        )
        for table, measure, right, total in audit:
            terminalreporter.write_line(f"{table:20} {measure:9} {right / max(total, 1):.2f} ({right}/{total})")
