"""The command line: one subcommand per stage, plus `build` for all of them.

Heavy libraries (pandas, mwparserfromhell, frictionless, Great Expectations) are
imported inside the commands, so `--help` answers at once.
"""

from __future__ import annotations

import gc
import os
import sys
import traceback
from pathlib import Path

import click

from pipeline.cli_options import DEBUG, REPORTS, SEEDS, VERSION, WAIT, data_docs_option, reports_errors
from pipeline.cli_options import out_option as _out
from pipeline.errors import PipelineError
from pipeline.snapshot.command import snapshot


@click.group()
def main() -> None:
    """Build a foreign-relations data package from seed documents ("Foreign relations of X" articles).

    Stages: extract -> clean -> validate -> package; `build` runs them all and publishes
    the package.
    """
    # Parsing allocates millions of small objects that live as long as their document: with
    # Python's default threshold (700) the cyclic collector runs thousands of times per article.
    gc.set_threshold(50_000, 20, 100)


@main.command()
@SEEDS
@_out("build/extract")
@WAIT
@DEBUG
@reports_errors
def extract(seeds: Path, out: Path, wait: float) -> None:
    """Extract: find each article's wikitext, restore its line breaks, and write raw
    records (verbatim table cells and references with byte spans) as JSON. OUT must be
    absent, empty, or hold only what an earlier `extract` wrote; it is replaced whole."""
    from pipeline.extract import stage
    from pipeline.outputs import extract_owned, write_folder
    from pipeline.sources import load_sources

    sources = load_sources(seeds)

    def write(folder: Path) -> list[Path]:
        return stage.save(stage.extract(sources), folder)

    for path in write_folder(seeds, out, write, extract_owned, "raw records", wait):
        click.echo(f"wrote {path}")


@main.command()
@SEEDS
@_out("build/clean")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Documents cleaned in parallel.")
@WAIT
@DEBUG
@reports_errors
def clean(seeds: Path, out: Path, jobs: int, wait: float) -> None:
    """Clean: extract, then normalise names, ISO codes and dates into tidy CSV tables. OUT
    must be absent, empty, or hold only tables an earlier `clean` wrote; it is replaced whole."""
    from pipeline.clean import stage as clean_stage
    from pipeline.clean.csv_files import save
    from pipeline.outputs import clean_owned, write_folder
    from pipeline.sources import load_sources

    sources = load_sources(seeds)

    def write(folder: Path) -> list[Path]:
        return save(clean_stage.table_rows(clean_stage.cleaned_documents(sources, jobs)), folder)

    for path in write_folder(seeds, out, write, clean_owned, "cleaned tables", wait):
        click.echo(f"wrote {path}")


@main.command()
@SEEDS
@_out("build/validate")
@REPORTS
@data_docs_option(default=True)
@WAIT
@DEBUG
@reports_errors
def validate(seeds: Path, out: Path, reports: Path, data_docs: bool, wait: float) -> None:
    """Validate: extract, clean, run the quality checks (Great Expectations suites and
    source checks) and write the report to REPORTS; then write a fresh trial package to OUT
    (absent, empty, or an earlier trial package) and check it with frictionless (types,
    keys, foreign keys, hashes). Exit 1 on errors nobody has acknowledged."""
    from pipeline.build import release

    release(seeds, out, reports, data_docs, fresh=True, wait=wait)
    click.echo(headline_from(reports))


def headline_from(reports: Path) -> str:
    """The report's first line."""
    return (reports / "quality.md").read_text(encoding="utf-8").split("\n", 1)[0]


@main.command()
@SEEDS
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write.  [default: datapackage, or build/draft with --draft]",
)
@REPORTS
@data_docs_option(default=False)
@VERSION
@click.option(
    "--draft",
    is_flag=True,
    help="Build a draft despite unacknowledged errors: version X.Y.Z-draft, a banner in its README; "
    "refused (exit 73) where a released package is.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    help="Documents extracted and cleaned in parallel; the package is the same for every number.  "
    "[default: the machine's cores]",
)
@WAIT
@DEBUG
@reports_errors
def build(
    seeds: Path,
    out: Path | None,
    reports: Path,
    data_docs: bool,
    version: str | None,
    draft: bool,
    jobs: int,
    wait: float,
) -> None:
    """Run every stage: extract -> clean -> validate -> package into OUT. The version is
    bumped from what changed since the package already in OUT; nothing is written when
    nothing changed. OUT must be absent, empty, or a package this pipeline wrote; REPORTS
    absent, empty, or an earlier report; neither may overlap SEEDS or each other. With
    --draft the package is built even when the checks find errors, and marked as a draft."""
    default = Path("build/draft") if draft else Path("datapackage")
    _publish(seeds, out or default, reports, data_docs, version, wait, draft, jobs)


def _publish(
    seeds: Path,
    out: Path,
    reports: Path,
    data_docs: bool,
    version: str | None,
    wait: float,
    draft: bool = False,
    jobs: int = 1,
) -> None:
    from pipeline.build import release

    path, number, written = release(seeds, out, reports, data_docs, version=version, wait=wait, draft=draft, jobs=jobs)
    state = "draft (not a release)" if draft else "built" if written else "unchanged"
    click.echo(f"{state}: {path} version {number}; {headline_from(reports)}")


@main.command()
@click.option(
    "--package",
    type=click.Path(path_type=Path),
    default=Path("datapackage"),
    show_default=True,
    help="The built package folder to load.",
)
@_out("build/foreign_relations.sqlite")
@WAIT
@DEBUG
@reports_errors
def sqlite(package: Path, out: Path, wait: float) -> None:
    """Load a built package into one SQLite database (a table per resource, with the schema's
    types, keys, indexes and descriptions) and write Datasette's metadata beside it
    (NAME.metadata.json, for `make serve`). OUT must be absent or a database this command wrote.
    Needs the [sql] extra (sqlite-utils); without it, one line says what to install (exit 69)."""
    from pipeline.errors import require_extra

    require_extra("sqlite_utils", "sqlite-utils", "sql", "sqlite")
    from pipeline.sql.publish import write_database

    for path in write_database(package, out, wait):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the diff as JSON.")
@DEBUG
def diff(old: Path, new: Path, as_json: bool, debug: bool) -> None:
    """Row-level diff of two packages (folders or datapackage.json files): rows added,
    removed and changed by primary key, and schema changes. Exit 0 when equal, 1 when
    different, 2 on error (as diff does)."""
    import json

    from pipeline.release import versioning

    try:
        difference = versioning.diff_packages(versioning.load_package(old), versioning.load_package(new))
    except PipelineError as error:
        if debug:
            traceback.print_exc()
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    except Exception as error:  # noqa: BLE001 - a bug: one line, and diff's "trouble" status
        if debug:
            traceback.print_exc()
        click.echo(
            f"internal error: {type(error).__name__}: {' '.join(str(error).split())}; "
            "run again with --debug and report it as a bug",
            err=True,
        )
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(versioning.as_json(difference), ensure_ascii=False, indent=1))
    else:
        click.echo(f"{old} -> {new}: {difference.level} change")
        click.echo("\n".join(versioning.describe(difference)))
    sys.exit(0 if difference.level == "none" else 1)


if __name__ == "__main__":
    main()


main.add_command(snapshot)
