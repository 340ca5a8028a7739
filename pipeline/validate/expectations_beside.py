"""Great Expectations beside the build: its import (seconds, most of what a build of a few
documents spends beyond the import floor) starts in a forked process as the build starts, while
this process extracts, cleans and runs the pandas checks; this process then screens the tables
(`expectations.screen`, once) and sends what the screen could not clear (those expectations and
the few columns they and their findings read, whatever the tables' size), and the other process
sends back `expectations.run_screened`'s findings of it: the same findings, Great Expectations
deciding each. A build with Data Docs, with `--jobs 1` or in a daemon (which may not fork) runs
the suites in its own process, as before. When the other process fails, this one runs
`run_screened` itself (so an error is the one it would have been); when it dies (killed from
outside), WorkerLostError."""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd

from pipeline.errors import WorkerLostError
from pipeline.processes import fork_context, forked_as, stop
from pipeline.validate import expectations

Findings = Callable[[], list]  # the findings of the suites, asked for once the other checks are done


class SuitesBeside:
    """`submit(tables, data_docs)` as the checks start, its answer called for the findings once
    the other checks are done; used as a context (the other process is gone at its end)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._process: Any = None
        self._connection: Connection | None = None

    def __enter__(self) -> SuitesBeside:
        """The other process started (none when `jobs` is 1, in a daemon, or when it cannot be)."""
        context = fork_context(self.jobs)
        if context is None:
            return self
        try:
            self._connection, theirs = context.Pipe()
            self._process = context.Process(target=_suites_beside, args=(theirs,))
            self._process.start()
            theirs.close()
        except OSError:
            self.__exit__(None, None, None)
        return self

    def submit(self, tables: dict[str, pd.DataFrame], data_docs: Path | None) -> Findings:
        """The findings of every table's suite (`expectations.run_suites`), to be called for."""
        if self._connection is None or data_docs is not None:
            return lambda: expectations.run_suites(tables, data_docs)
        sent = expectations.screen(tables)
        if not sent:
            self.__exit__(None, None, None)
            return list
        try:
            data = ForkingPickler.dumps(sent)
        except Exception:  # noqa: BLE001 (a table that cannot be sent: checked here)
            self.__exit__(None, None, None)
            return lambda: expectations.run_screened(sent)
        # Sent by a thread: the other process reads once Great Expectations is imported, and
        # this one runs the other checks meanwhile (a pipe holds only 64 KiB)
        sending = threading.Thread(target=_send, args=(self._connection, bytes(data), failed := []), daemon=True)
        sending.start()
        return lambda: self._answer(sent, sending, failed)

    def _answer(self, sent: list[expectations.Screened], sending: threading.Thread, failed: list) -> list:
        """The other process's findings of `sent`; this process's own when it could not tell."""
        sending.join()
        try:
            if failed or self._connection is None:
                raise EOFError
            answer = self._connection.recv()
        except (EOFError, OSError):
            return self._lost()
        return expectations.run_screened(sent) if answer is None else answer

    def _lost(self) -> list:
        raise WorkerLostError(
            "Great Expectations",
            "",
            f"the process running its suites (--jobs {self.jobs}) died before it answered,"
            " killed from outside (out of memory, a signal)",
            "run again, with fewer --jobs or more memory",
        )

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        stop(self._process, self._connection)
        self._process = self._connection = None


def _send(connection: Connection, data: bytes, failed: list) -> None:
    """`data` sent; an OSError (the other process gone) put into `failed`."""
    try:
        connection.send_bytes(data)
    except OSError as error:
        failed.append(error)


def _suites_beside(connection: Connection) -> None:
    """In the forked process: Great Expectations imported; then, given what the screen kept,
    `run_screened`'s findings of it sent back (None when they cannot be made or sent here: the
    build's process then runs them itself). Ends quietly when the build's process goes on without it."""
    forked_as("pipeline-gx")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's process's to report
    try:
        with contextlib.suppress(Exception):  # run_screened raises it again, then in the build's process
            expectations.import_great_expectations()
        screened = connection.recv()
        try:
            findings = expectations.run_screened(screened)
        except Exception:  # noqa: BLE001 (the build's process runs them, and raises the error itself)
            findings = None
        try:
            connection.send(findings)
        except (TypeError, ValueError, AttributeError, pickle.PicklingError):  # a finding that cannot be sent
            connection.send(None)
    except BaseException:  # noqa: BLE001 (the build's process gone, or sending failed: nothing to say)
        os._exit(1)
