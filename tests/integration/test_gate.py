"""The frictionless gate of `pipeline build`: a table that breaks the package's own schema (here
a foreign key, which only frictionless checks) stops the build with one line and exit 70, and
the last good package stays, whether the tables were validated in this process (`--jobs 1`) or
in another one beside the checks (`--jobs 2`); a good build is the same for both."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, pipeline_cli

pytestmark = pytest.mark.gate  # frictionless afresh in every test (tests/conftest.py)

SEEDS = FIXTURES / "dyads"
ONE_LINE = re.compile(
    r"error: \S+/\.datapackage\.building-\w+/new/datapackage\.json: the package breaks its own schema \(1 errors: "
    r'memberships: row 2 foreign-key: Row at position "2" violates the foreign key: for "source_id": values "nowhere" '
    r'not found in the lookup table "sources" as "source_id"\); the last good package was left in place; '
    r"report this as a bug\n"
)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(out: Path, jobs: int) -> object:
    return pipeline_cli(
        "build", "--seeds", SEEDS, "--out", out, "--reports", out.parent / "reports", "--no-data-docs", "--jobs", jobs
    )


@pytest.fixture(scope="module")
def last_good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two dyad articles' package, built in one process."""
    out = tmp_path_factory.mktemp("last_good") / "datapackage"
    result = build(out, 1)
    assert result.returncode == 0, result.stderr
    return out


def with_a_broken_foreign_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cleaned `memberships` table's first row names a source the package does not hold."""
    import pipeline.build

    extracted_tables = pipeline.build.extracted_tables

    def broken(sources: list, jobs: int = 1) -> tuple:
        items, tables = extracted_tables(sources, jobs)
        tables["memberships"].loc[0, "source_id"] = "nowhere"
        return items, tables

    monkeypatch.setattr(pipeline.build, "extracted_tables", broken)


@pytest.mark.slow
def test_two_processes_build_the_package_one_builds(last_good, tmp_path):
    result = build(tmp_path / "datapackage", 2)
    assert result.returncode == 0, result.stderr
    assert files_of(tmp_path / "datapackage") == files_of(last_good)


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_table_breaking_a_foreign_key_stops_the_build_and_the_last_package_stays(
    last_good, tmp_path, monkeypatch, jobs
):
    out = tmp_path / "datapackage"
    shutil.copytree(last_good, out)
    with_a_broken_foreign_key(monkeypatch)
    if jobs == 2:  # the error comes from the process beside the checks, not from this one
        monkeypatch.setattr("pipeline.release.gate_beside.check_package", lambda folder: pytest.fail("validated here"))
    result = build(out, jobs)
    assert (result.returncode, result.stdout) == (70, "")
    assert ONE_LINE.fullmatch(result.stderr), result.stderr
    assert files_of(out) == files_of(last_good)


@pytest.mark.slow
def test_when_the_process_beside_fails_this_one_validates_the_package(last_good, tmp_path, monkeypatch):
    out = tmp_path / "datapackage"
    shutil.copytree(last_good, out)
    with_a_broken_foreign_key(monkeypatch)
    monkeypatch.setattr("pipeline.release.gate_beside.table_errors", lambda descriptor, folder: 1 / 0)
    result = build(out, 2)
    assert (result.returncode, result.stdout) == (70, "")
    assert ONE_LINE.fullmatch(result.stderr), result.stderr
    assert files_of(out) == files_of(last_good)
