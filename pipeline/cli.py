"""The command line: one subcommand per stage, plus `build` for all of them.

Heavy libraries (pandas, mwparserfromhell, frictionless, Great Expectations) are
imported inside the commands, so `--help` answers at once.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from pipeline.errors import EXIT_INTERNAL, PipelineError

SEEDS = click.option(
    "--seeds",
    type=click.Path(path_type=Path),
    default=Path("seeds"),
    show_default=True,
    help="Folder of seed documents (with sources.toml describing them).",
)
DEBUG = click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
REPORTS = click.option(
    "--reports",
    type=click.Path(path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Where to write the data-quality report (quality.md, quality.json, data_docs/).",
)


def _out(default: str) -> Callable[[Any], Any]:
    return click.option(
        "--out", type=click.Path(path_type=Path), default=Path(default), show_default=True, help="Where to write."
    )


def reports_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Turn project errors into one line on stderr and an exit code; no traceback
    unless --debug."""

    @wraps(command)
    def run(*args: Any, debug: bool = False, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
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


@click.group()
def main() -> None:
    """Build the Mali foreign-relations data package from seed documents.

    Stages: extract -> clean -> validate -> package. `build` runs them all.
    """


@main.command()
@SEEDS
@_out("build/extract")
@DEBUG
@reports_errors
def extract(seeds: Path, out: Path) -> None:
    """Extract: find each article's wikitext, restore its line breaks, and write raw
    records (verbatim table cells and references with byte spans) as JSON."""
    from pipeline.extract import stage
    from pipeline.sources import load_sources

    for path in stage.save(stage.extract(load_sources(seeds)), out):
        click.echo(f"wrote {path}")


@main.command()
@SEEDS
@_out("build/clean")
@DEBUG
@reports_errors
def clean(seeds: Path, out: Path) -> None:
    """Clean: extract, then normalise names, ISO codes and dates into tidy CSV tables."""
    from pipeline.clean import stage as clean_stage
    from pipeline.extract import stage
    from pipeline.sources import load_sources

    tables = clean_stage.clean(stage.extract(load_sources(seeds)))
    for path in clean_stage.save(tables, out):
        click.echo(f"wrote {path}")


@main.command()
@SEEDS
@_out("build/validate")
@REPORTS
@DEBUG
@reports_errors
def validate(seeds: Path, out: Path, reports: Path) -> None:
    """Validate: extract, clean, run the quality checks (Great Expectations suites and
    source checks) and write the report to REPORTS; then write a trial package to OUT and
    check it with frictionless (types, keys, foreign keys, hashes). Exit 1 on errors
    nobody has acknowledged."""
    from pipeline.build import trial_package

    trial_package(seeds, out, reports)
    click.echo(headline_from(reports))


def headline_from(reports: Path) -> str:
    """The report's first line."""
    return (reports / "quality.md").read_text(encoding="utf-8").split("\n", 1)[0]


@main.command()
@SEEDS
@_out("datapackage")
@REPORTS
@DEBUG
@reports_errors
def package(seeds: Path, out: Path, reports: Path) -> None:
    """Package: extract, clean, validate, and publish the package to OUT, swapping it in
    only when it is complete and valid (same as `build`)."""
    from pipeline.build import build as run_build

    click.echo(f"built {run_build(seeds, out, reports)}; {headline_from(reports)}")


@main.command()
@SEEDS
@_out("datapackage")
@REPORTS
@DEBUG
@reports_errors
def build(seeds: Path, out: Path, reports: Path) -> None:
    """Run every stage: extract -> clean -> validate -> package into OUT."""
    from pipeline.build import build as run_build

    click.echo(f"built {run_build(seeds, out, reports)}; {headline_from(reports)}")


if __name__ == "__main__":
    main()
