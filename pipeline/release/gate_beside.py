"""The frictionless gate of a build, beside the checks: the data tables are final once cleaned,
so a forked process writes them (as the package will hold them) and validates them while
this process runs the checks; once the package is written, it validates the rest (the
descriptor, the findings, the seed documents, and any resource that is not what it
validated). The guarantee is the sequential gate's (`pipeline.validate.gate.check_package`):
every published resource validated by frictionless against the published descriptor; the
same one-line error when it fails; the package validated in this process if the other one
cannot be started or fails."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd

from pipeline.package.stage import PROFILE, resource_descriptor, write_csv
from pipeline.processes import fork_context, forked_as, stop
from pipeline.schema import TABLES
from pipeline.validate.gate import check_package, raise_for, rest_errors, table_errors


class GateBeside:
    """`start(tables)` once the data tables are cleaned, `check(folder)` as `publish`'s check;
    used as a context (the other process and its folder are gone at its end). `jobs` 1: no
    other process, `check` is `check_package`."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._process: Any = None
        self._connection: Connection | None = None
        self._folder: Path | None = None

    def __enter__(self) -> GateBeside:
        return self

    def start(self, tables: dict[str, pd.DataFrame]) -> None:
        """The tables of `tables` written and validated in a forked process (none when `jobs`
        is 1, in a daemon, which may not fork, or when the process or its folder cannot be made)."""
        context = fork_context(self.jobs)
        if context is None:
            return
        try:
            self._folder = Path(tempfile.mkdtemp(prefix="pipeline-gate-"))
            self._connection, theirs = context.Pipe()
            self._process = context.Process(target=_validate_beside, args=(theirs, tables, self._folder))
            self._process.start()
            theirs.close()
        except OSError:
            self.__exit__(None, None, None)

    def check(self, folder: Path) -> None:
        """PackageInvalidError when frictionless finds any error in the package at `folder`."""
        errors = None
        if self._connection is not None:
            try:
                self._connection.send(folder)
                errors = self._connection.recv()
            except (EOFError, OSError):  # the other process died: the package is validated here
                errors = None
        if errors is None:
            check_package(folder)
        else:
            raise_for(folder, errors)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        stop(self._process, self._connection)
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self._process = self._connection = self._folder = None


def _validate_beside(connection: Connection, tables: dict[str, pd.DataFrame], folder: Path) -> None:
    """In the forked process: the tables written into `folder` and validated; then, given the
    written package's folder, the errors frictionless finds in it sent back (None when it
    cannot tell). When the tables have errors, the whole package is validated again, so the
    errors are those the sequential gate gives."""
    forked_as("pipeline-gate")
    try:
        descriptor = json.loads(json.dumps(tables_descriptor(tables, folder)))
        early = table_errors(descriptor, folder)
        package = connection.recv()
        connection.send(rest_errors(package, {} if early else descriptor, folder))
    except BaseException:  # noqa: BLE001 (no traceback here: the parent validates the package itself)
        sys.exit(1)


def tables_descriptor(tables: dict[str, pd.DataFrame], folder: Path) -> dict[str, Any]:
    """`tables` written into `folder`/data/ as the package holds them, and a package descriptor
    of just them (the resources as the package's descriptor has them)."""
    (folder / "data").mkdir()
    resources = []
    for table in TABLES:
        if table.name in tables:
            path = write_csv(tables[table.name], folder / "data" / f"{table.name}.csv", table)
            resources.append(resource_descriptor(table, path, tables))
    return {"$schema": PROFILE, "resources": resources}
