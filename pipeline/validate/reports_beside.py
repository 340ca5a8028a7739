"""The quality report written beside the package: a process forked as the build starts, while
this one is still small, waits for the findings; once they are known it writes reports/
(`write_reports`: quality.md, .svg, .html, .json, seconds on a large corpus) while this one
writes the package, on the second core. Forked early, not once the findings are known: a
process forked from the build's process holding every table copied most of it (copy-on-write:
Python writes into the objects it reads, reference counts and the garbage collector's marks),
600 to 900 MiB more of memory at 1,000 articles; the findings sent through a pipe cost a
fraction of that. The guarantee is the sequential build's: `wait()`, which the build calls
before the package is swapped in (`publish`'s `ready`), returns only once the reports are
written, and raises the one-line error writing them raises; when the other process cannot
be started or fails, they are written in this one."""

from __future__ import annotations

import pickle
import signal
import sys
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from types import TracebackType
from typing import Any

from pipeline.processes import fork_context, forked_as, stop
from pipeline.validate import report
from pipeline.validate.findings import Finding

WRITTEN = b"written"  # the other process's answer once the reports are written


class ReportsBeside:
    """As a context (the other process started at its start, gone at its end): `start(findings,
    folder)`, then `wait()` before the package is swapped in; its end waits too (the reports
    are written even when the package is not). `jobs` 1: no other process, `start` writes them."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._process: Any = None
        self._connection: Connection | None = None
        self._pending: tuple[bytes, Path] | None = None

    def __enter__(self) -> ReportsBeside:
        """The other process started (none when `jobs` is 1, in a daemon, which may not fork,
        or when it cannot be made)."""
        context = fork_context(self.jobs)
        if context is None:
            return self
        try:
            self._connection, theirs = context.Pipe()
            self._process = context.Process(target=_write_beside, args=(theirs,), daemon=True)
            self._process.start()
            theirs.close()
        except OSError:
            self._stop()
        return self

    def start(self, findings: list[Finding], folder: Path) -> None:
        """The reports of `findings` written into `folder`: by the other process, else here."""
        if self._connection is None:
            report.write_reports(findings, folder)  # looked up when called, as the build's own call is
            return
        # kept as sent (smaller than the findings), for writing them here if the other process fails
        data = bytes(ForkingPickler.dumps(findings))
        self._pending = (data, folder)
        try:
            self._connection.send(folder)
            self._connection.send_bytes(data)
        except OSError:  # the other process gone: `wait` writes them here
            self._stop()

    def wait(self) -> None:
        """Once the reports are written; written here when the other process failed (its error,
        if any, is then raised here, as one line)."""
        if self._pending is None:
            return
        data, folder = self._pending
        answer = None
        if self._connection is not None:
            try:
                answer = self._connection.recv_bytes()
            except (EOFError, OSError):
                answer = None
            if answer == WRITTEN:
                self._process.join()  # it ends once it has answered
            self._stop()
        self._pending = None
        if answer != WRITTEN:
            report.write_reports(pickle.loads(data), folder)

    def _stop(self) -> None:
        stop(self._process, self._connection)
        self._process = self._connection = None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        try:
            self.wait()
        finally:
            self._stop()


def _write_beside(connection: Connection) -> None:
    """In the forked process: given the findings (pickled) and the folder, the reports written
    and WRITTEN sent back; any error an exit status, no traceback (the build's process then
    writes them itself and says what is wrong). Ends quietly when the build goes on without it."""
    forked_as("pipeline-report")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's process's to report
    try:
        folder = connection.recv()
        report.write_reports(pickle.loads(connection.recv_bytes()), folder)
        connection.send_bytes(WRITTEN)
    except BaseException:  # noqa: BLE001
        sys.exit(1)
