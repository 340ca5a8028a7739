"""The project's own errors: each says what is wrong, where, and what to do."""

from __future__ import annotations

import importlib

from pipeline.text import capped

# Exit codes of the command line (documented in README.md, "When something goes wrong").
EXIT_QUALITY = 1  # the data breaks a check that is not acknowledged
EXIT_USAGE = 64  # an option's value cannot be used (sysexits EX_USAGE)
EXIT_BAD_INPUT = 65  # a seed document or the manifest cannot be used (sysexits EX_DATAERR)
EXIT_NO_INPUT = 66  # a seed folder or file is missing (EX_NOINPUT)
EXIT_UNAVAILABLE = 69  # a service or a command's optional dependency is unavailable (EX_UNAVAILABLE)
EXIT_INTERNAL = 70  # a bug in the pipeline (EX_SOFTWARE)
EXIT_WORKER_LOST = 71  # a worker process (--jobs) was killed from outside, e.g. out of memory (EX_OSERR)
EXIT_CANNOT_WRITE = 73  # the output cannot or may not be written there (sysexits EX_CANTCREAT)
EXIT_BUSY = 75  # another run holds the output's lock (EX_TEMPFAIL)


class PipelineError(Exception):
    """An error the user can act on; `str()` is the one line the command line prints."""

    exit_code = EXIT_INTERNAL

    def __init__(self, path: str, place: str, problem: str, fix: str) -> None:
        place, problem = capped(place, 200), capped(problem, 400)
        self.path, self.place, self.problem, self.fix = path, place, problem, fix
        super().__init__(f"{path}: {place}: {problem}; {fix}" if place else f"{path}: {problem}; {fix}")

    def __reduce__(self) -> tuple[type, tuple[str, str, str, str]]:
        """Pickled by its four parts: an error raised in a worker process (`--jobs`) reaches the parent whole."""
        return self.__class__, (self.path, self.place, self.problem, self.fix)


class UsageError(PipelineError):
    """An option whose value cannot be used (a --wiki that is not an http(s) address)."""

    exit_code = EXIT_USAGE


class InputError(PipelineError):
    """A seed document or manifest that cannot be turned into a package."""

    exit_code = EXIT_BAD_INPUT


class MissingInputError(PipelineError):
    """A seed folder or file that is not there."""

    exit_code = EXIT_NO_INPUT


class QualityError(PipelineError):
    """Checks found errors that nobody has acknowledged: the package is not published."""

    exit_code = EXIT_QUALITY


class OutputError(PipelineError):
    """An output path the pipeline must not, or cannot, write."""

    exit_code = EXIT_CANNOT_WRITE


class OutputBusyError(PipelineError):
    """Another run is writing the same output."""

    exit_code = EXIT_BUSY


class WorkerLostError(PipelineError):
    """A worker process of `--jobs` died before it answered (killed from outside: out of memory, a signal)."""

    exit_code = EXIT_WORKER_LOST


class MissingExtraError(PipelineError):
    """A command whose optional dependencies (a pip extra) are not installed."""

    exit_code = EXIT_UNAVAILABLE


def require_extra(module: str, package: str, extra: str, command: str) -> None:
    """Raise MissingExtraError, saying what to install, when `module` cannot be imported."""
    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"pipeline {command}",
            "",
            f"needs {package}, which is not installed",
            f"install the [{extra}] extra: pip install 'foreign-relations-data[{extra}]'",
        ) from None
