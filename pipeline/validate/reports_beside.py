"""The quality report written beside the package: once the findings are known, a forked process
writes reports/ (`write_reports`: quality.md, .svg, .html, .json, seconds on a large corpus)
while this one writes the package, on the second core. The guarantee is the sequential
build's: `wait()`, which the build calls before the package is swapped in (`publish`'s
`ready`), returns only once the reports are written, and raises the one-line error writing
them raises; when the other process cannot be started or fails, they are written in this one."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import Any

from pipeline.processes import fork_context
from pipeline.validate import report
from pipeline.validate.findings import Finding


class ReportsBeside:
    """`start(findings, folder)`, then `wait()` before the package is swapped in; as a context,
    its end waits too (the reports are written even when the package is not). `jobs` 1: no
    other process, `start` writes them."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._process: Any = None
        self._pending: tuple[list[Finding], Path] | None = None

    def __enter__(self) -> ReportsBeside:
        return self

    def start(self, findings: list[Finding], folder: Path) -> None:
        """The reports of `findings` written into `folder`: in a forked process (not when `jobs`
        is 1, in a daemon, which may not fork, or where no process can be made), else here."""
        self._pending = (findings, folder)
        context = fork_context(self.jobs)
        if context is None:
            self.wait()
            return
        try:
            self._process = context.Process(target=_write_beside, args=(findings, folder), daemon=True)
            self._process.start()
        except OSError:
            self._process = None

    def wait(self) -> None:
        """Once the reports are written; written here when the other process failed (its error,
        if any, is then raised here, as one line)."""
        if self._pending is None:
            return
        if self._process is not None:
            self._process.join()
            failed, self._process = self._process.exitcode != 0, None
            if not failed:
                self._pending = None
                return
        findings, folder = self._pending
        self._pending = None
        report.write_reports(findings, folder)  # looked up when called, as the build's own call is

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.wait()


def _write_beside(findings: list[Finding], folder: Path) -> None:
    """In the forked process: the reports written; any error an exit status, no traceback (the
    parent writes them itself and says what is wrong)."""
    try:
        report.write_reports(findings, folder)
    except BaseException:  # noqa: BLE001
        sys.exit(1)
