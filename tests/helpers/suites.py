"""The Great Expectations suites run once per table in a test run: most builds in the tests share
tables, and the suites take about a second per build (see tests/conftest.py, which puts
`suites_once_per_table` in place of `run_suites` and `screened_once` in place of `run_screened`,
what the process beside a build runs, for every test not marked `expectations`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from pipeline.validate import expectations

_SUITE_FINDINGS: dict[str, list] = {}  # digest of (table, frame) -> its findings, in this process
_SHARED: list[Path] = []  # the folder the test processes of this run share findings through
_REAL_RUN_SUITES = expectations.run_suites  # the module imports Great Expectations only when this runs
_REAL_RUN_SCREENED = expectations.run_screened


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


def screened_once(screened: list[expectations.Screened]) -> list:
    """`run_screened`, run for real on each screened table (its columns kept and the expectations
    the screen could not clear) that no process of this test run has given it before, and the
    findings of that earlier run otherwise."""
    import hashlib

    keys = [hashlib.sha256(f"{table_digest(name, frame)} {specs!r}".encode()).hexdigest() for name, frame, specs in screened]
    missing = [item for item, key in zip(screened, keys, strict=True) if not _known(key)]
    found = _REAL_RUN_SCREENED(missing) if missing else []
    for (name, _, _), key in zip(screened, keys, strict=True):  # a finding's resource is its table
        if not _known(key):
            _remember(key, [each for each in found if each.resource == name])
    return [found for key in keys for found in _SUITE_FINDINGS[key]]


def share_findings_through(folder: Path) -> None:
    """The folder the test processes of this run pass each other the suites' findings through."""
    _SHARED[:] = [folder]


@contextmanager
def suites_reused() -> Iterator[None]:
    """`suites_once_per_table` in place of `run_suites` (`screened_once` of `run_screened`), and the frictionless gate once per
    package (tests/helpers/gate_once.py), for a session or module fixture (which pytest sets up
    before the autouse fixtures of tests/conftest.py)."""
    from tests.helpers.gate_once import patch_gate

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("pipeline.validate.expectations.run_suites", suites_once_per_table)
        patch.setattr("pipeline.validate.expectations.run_screened", screened_once)
        patch_gate(patch)
        yield
