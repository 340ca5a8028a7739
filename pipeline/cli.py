"""The command line: one subcommand per stage, plus `build` for all of them.

Heavy libraries (pandas, mwparserfromhell, frictionless, Great Expectations) are
imported inside the commands, so `--help` answers at once.
"""

from __future__ import annotations

import gc
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


WAIT = click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=300,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for another run writing the same --out before giving up (exit 75).",
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
    from pipeline.outputs import clean_owned, write_folder
    from pipeline.sources import load_sources

    sources = load_sources(seeds)

    def write(folder: Path) -> list[Path]:
        return clean_stage.save(clean_stage.cleaned_documents(sources, jobs), folder)

    for path in write_folder(seeds, out, write, clean_owned, "cleaned tables", wait):
        click.echo(f"wrote {path}")


@main.command()
@SEEDS
@_out("build/validate")
@REPORTS
@WAIT
@DEBUG
@reports_errors
def validate(seeds: Path, out: Path, reports: Path, wait: float) -> None:
    """Validate: extract, clean, run the quality checks (Great Expectations suites and
    source checks) and write the report to REPORTS; then write a fresh trial package to OUT
    (absent, empty, or an earlier trial package) and check it with frictionless (types,
    keys, foreign keys, hashes). Exit 1 on errors nobody has acknowledged."""
    from pipeline.build import release

    release(seeds, out, reports, fresh=True, wait=wait)
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
@VERSION
@click.option(
    "--draft",
    is_flag=True,
    help="Build a draft despite unacknowledged errors: version X.Y.Z-draft, a banner in its README; "
    "refused (exit 73) where a released package is.",
)
@WAIT
@DEBUG
@reports_errors
def build(seeds: Path, out: Path | None, reports: Path, version: str | None, draft: bool, wait: float) -> None:
    """Run every stage: extract -> clean -> validate -> package into OUT. The version is
    bumped from what changed since the package already in OUT; nothing is written when
    nothing changed. OUT must be absent, empty, or a package this pipeline wrote; REPORTS
    absent, empty, or an earlier report; neither may overlap SEEDS or each other. With
    --draft the package is built even when the checks find errors, and marked as a draft."""
    default = Path("build/draft") if draft else Path("datapackage")
    _publish(seeds, out or default, reports, version, wait, draft)


def _publish(seeds: Path, out: Path, reports: Path, version: str | None, wait: float, draft: bool = False) -> None:
    from pipeline.build import release

    path, number, written = release(seeds, out, reports, version=version, wait=wait, draft=draft)
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
    (NAME.metadata.json, for `make serve`). OUT must be absent or a database this command wrote."""
    from pipeline.sql.publish import write_database

    for path in write_database(package, out, wait):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("titles", nargs=-1)
@SEEDS
@click.option(
    "--wiki",
    default="https://en.wikipedia.org/w/api.php",
    show_default=True,
    metavar="URL",
    help="The wiki's API (an api.php URL) or its site (its API then at /w/api.php): any language, any MediaWiki.",
)
@click.option(
    "--revision",
    "revisions",
    type=click.IntRange(min=1),
    multiple=True,
    metavar="ID",
    help="Pin this revision (repeatable): its article is written as of that revision.",
)
@click.option(
    "--category",
    metavar="NAME",
    help="Also take every article of this category, and the article named "
    'like each of its subcategories (e.g. "Foreign relations by country").',
)
@click.option("--update", is_flag=True, help="Replace an article the folder holds at another revision.")
@click.option(
    "--dump",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Read a pages-articles XML dump (.xml.bz2, streamed) instead of the wiki; no network.",
)
@click.option(
    "--family",
    default="Foreign relations of ",
    show_default=True,
    metavar="PREFIX",
    help="Title prefix of the articles taken; a title without it is refused.",
)
@click.option(
    "--contact",
    default="",
    metavar="EMAIL_OR_URL",
    help="How the wiki's operators can reach you (put in the User-Agent, as Wikimedia's policy asks).",
)
@click.option("--user-agent", default="", metavar="TEXT", help="The whole User-Agent instead (must name a contact).")
@click.option(
    "--rate", type=click.FloatRange(min=0.001), default=1.0, show_default=True, help="Requests per second at most."
)
@click.option("--timeout", type=click.FloatRange(min=0.001), default=30.0, show_default=True, help="Seconds per call.")
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=4,
    show_default=True,
    help="Retries of a call (backoff doubling from 2 s; Retry-After honoured up to 120 s).",
)
@click.option("--retrieved", metavar="YYYY-MM-DD", help="Date recorded as `retrieved` (default: today, UTC).")
@DEBUG
@reports_errors
def snapshot(titles: tuple[str, ...], seeds: Path, revisions: tuple[int, ...], **options: Any) -> None:
    """Snapshot: fetch articles of the family ("Foreign relations of ...") from a MediaWiki API,
    each pinned by revision, into SEEDS: one wikitext file per article and its [[source]] entry in
    sources.toml (page id, revision id and timestamp, an oldid= permalink, license, retrieved date,
    sha256, tool version). Up to 50 titles a request, redirects followed and recorded, maxlag=5,
    retries on 429/503 honouring Retry-After. A revision already in SEEDS is not written again;
    another revision replaces it only with --update; files are written then renamed, so an
    interrupted run is simply run again. One line per title; exit 0 when all landed, 65 when a
    title is missing, invalid, a disambiguation page or not of the family, 69 when the wiki failed
    to answer (the other titles land either way). Never run by `build`: builds read SEEDS only."""
    from pipeline.snapshot.stage import snapshot_command

    sys.exit(snapshot_command(list(titles), seeds, list(revisions), options, click.echo))


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

    from pipeline import versioning

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
