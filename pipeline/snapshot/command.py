"""The `pipeline snapshot` command: its options and help (the stage is in stage.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from pipeline.cli_options import DEBUG, SEEDS, WAIT, reports_errors
from pipeline.family import FAMILY_PREFIX


@click.command()
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
    "--dump-index",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="The multistream dump's index (offset:page_id:title lines, .txt.bz2): only the family's streams "
    "are read. Default: the -multistream-index.txt.bz2 beside the dump, if there; without one the dump is scanned.",
)
@click.option(
    "--family",
    default=FAMILY_PREFIX,
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
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.001, max=86400),
    default=30.0,
    show_default=True,
    help="Seconds a whole call may take: connecting and reading all of the answer (each retry has its own).",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=4,
    show_default=True,
    help="Retries of a call (backoff doubling from 2 s; Retry-After honoured up to 120 s).",
)
@click.option("--retrieved", metavar="YYYY-MM-DD", help="Date recorded as `retrieved` (default: today, UTC).")
@WAIT
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
    title is missing, invalid, a disambiguation page or not of the family, or its revision is one
    the build would refuse (nothing of it is written), 69 when the wiki failed to answer usefully
    (timed out, an answer over 33 MiB, of the wrong shape, or continued without end; the other titles
    land either way), 64 when --wiki is no http(s) address. Never run by `build`: builds read SEEDS only."""
    from pipeline.snapshot.stage import snapshot_command

    sys.exit(snapshot_command(list(titles), seeds, list(revisions), options, click.echo))
