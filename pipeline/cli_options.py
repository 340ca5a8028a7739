"""What the subcommands share: their options (--seeds, --out, --wait, --debug, ...) and the
one-line error report; kept apart so each command's module stays small and `--help` light."""

from __future__ import annotations

import errno
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from pipeline.errors import EXIT_INTERNAL, PipelineError
from pipeline.files import cannot_write

# What the system says when a file cannot be written (a full disk or quota, a file-size limit, a
# read-only file system): exit 73 wherever it happens, also in a library writing for us (Great
# Expectations' Data Docs).
CANNOT_WRITE = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS)

SEEDS = click.option(
    "--seeds",
    type=click.Path(path_type=Path),
    default=Path("seeds"),
    show_default=True,
    help="Folder of seed documents (with sources.toml describing them).",
)
DEBUG = click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
VERSION = click.option(
    "--version",
    "version",
    default=None,
    metavar="X.Y.Z",
    help="Force the package version (never below the last release's); by default the changes decide.",
)
REPORTS = click.option(
    "--reports",
    type=click.Path(path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Where to write the data-quality report (quality.md, quality.json, data_docs/).",
)

def data_docs_option(default: bool) -> Callable[[Any], Any]:
    """--data-docs/--no-data-docs; `validate` (`make check`, CI) writes them by default, `build` on asking."""
    return click.option(
        "--data-docs/--no-data-docs",
        default=default,
        show_default=True,
        help="Write Great Expectations' HTML Data Docs into REPORTS/data_docs/ (a second or more: every "
        "expectation then runs for the report; quality.md, quality.json and quality.html are written "
        "either way, and the findings are the same).",
    )


WAIT = click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=300,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for another run writing the same --out before giving up (exit 75).",
)


def out_option(default: str) -> Callable[[Any], Any]:
    return click.option(
        "--out", type=click.Path(path_type=Path), default=Path(default), show_default=True, help="Where to write."
    )


def reports_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Turn project errors into one line on stderr and an exit code; no traceback
    unless --debug."""

    @wraps(command)
    def run(*args: Any, debug: bool = False, **kwargs: Any) -> None:
        try:
            _writes_reported(command, *args, **kwargs)
        except PipelineError as error:
            if debug:
                traceback.print_exc()
            click.echo(f"error: {error}", err=True)
            sys.exit(error.exit_code)
        except Exception as error:  # noqa: BLE001 - a bug: say so in one line
            if debug:
                traceback.print_exc()
            click.echo(
                f"internal error: {type(error).__name__}: {error}; run again with --debug and report it as a bug",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)

    return run


def _writes_reported(command: Callable[..., None], *args: Any, **kwargs: Any) -> None:
    """`command`, with a file the system would not let it write reported as OutputError (exit 73)."""
    try:
        command(*args, **kwargs)
    except OSError as error:
        if error.errno not in CANNOT_WRITE:
            raise
        raise cannot_write(Path(error.filename or "."), error) from error
