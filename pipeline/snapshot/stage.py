"""Snapshot stage: titles (or a category, revision ids, a dump) -> wikitext files and manifest
entries in the seed folder, one line per title. Exit status: 0 when every title landed (or was
already there), 65 when a title is missing, invalid, a disambiguation page or not of the family,
or its revision is one the build would refuse (accept.py), 69 when the wiki failed to answer
usefully for some title (the others still land)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import TOOL_NAME, __version__
from pipeline.errors import EXIT_BAD_INPUT, InputError, UsageError
from pipeline.family import FAMILY_PREFIX
from pipeline.outputs import LOCK_WAIT, locked, make_folder
from pipeline.snapshot import api
from pipeline.snapshot.accept import refusal
from pipeline.snapshot.dump import read_dump
from pipeline.snapshot.manifest import SeedFolder, save_article
from pipeline.snapshot.polite import Politeness
from pipeline.snapshot.records import Article, Problem, shown
from pipeline.snapshot.titles import invalid_reason

EXIT_UNAVAILABLE = 69  # sysexits EX_UNAVAILABLE: the wiki did not answer usefully


@dataclass(frozen=True)
class Request:
    """What to fetch and where to put it."""

    seeds: Path
    retrieved: str  # the date the snapshot is taken (ISO 8601): an input fact, not build output
    titles: list[str] = field(default_factory=list)
    revisions: list[int] = field(default_factory=list)
    category: str | None = None
    wiki: str = api.DEFAULT_WIKI
    dump: Path | None = None
    update: bool = False
    prefix: str = FAMILY_PREFIX
    dump_index: Path | None = None


def snapshot(request: Request, politeness: Politeness, echo: Callable[[str], None], wait: float = LOCK_WAIT) -> int:
    """Fetch, write, and say what happened to each title; the exit status. One run at a time
    per seed folder (the lock `.NAME.lock` beside it): a second waits up to `wait` seconds."""
    _prepare_folder(request.seeds)
    with locked(request.seeds, wait):
        return _snapshot(request, politeness, echo)


def _snapshot(request: Request, politeness: Politeness, echo: Callable[[str], None]) -> int:
    # Load: the seed folder, and the titles that cannot be asked for at all
    folder = SeedFolder.load(request.seeds)
    titles = list(dict.fromkeys(request.titles))
    bad = [Problem(t, invalid_reason(t) or "", "correct the title") for t in titles if invalid_reason(t)]
    asked = [t for t in titles if not invalid_reason(t)]
    # Process and save, title by title
    failures = []
    for outcome in [*bad, *_outcomes(request, asked, politeness)]:
        if isinstance(outcome, Article):  # what the build would refuse is not written
            outcome = refusal(outcome, request.retrieved) or outcome
        if isinstance(outcome, Problem):
            failures.append(outcome)
            echo(f"failed: {outcome.line()}")
            continue
        saved = save_article(folder, outcome, request.retrieved, request.update)
        echo(f"{saved.status}: {shown(outcome.title)}: {saved.message}")
    if any(problem.unavailable for problem in failures):
        return EXIT_UNAVAILABLE
    return EXIT_BAD_INPUT if failures else 0


def snapshot_command(
    titles: list[str], seeds: Path, revisions: list[int], options: dict[str, Any], echo: Callable[[str], None]
) -> int:
    """The `snapshot` command's options turned into a Request and a Politeness, then run."""
    if not (titles or revisions or options["category"] or options["dump"]):
        raise InputError("snapshot", "", "no title, --revision, --category or --dump given", "name what to fetch")
    if options["dump"] is None:
        api.api_address(options["wiki"])  # a --wiki that is no http(s) address: exit 64 before any work
        if options.get("dump_index") is not None:
            raise UsageError("snapshot", "--dump-index", "is an index of a dump, and no --dump is given", "add --dump")
    request = Request(
        seeds, _retrieved(options["retrieved"]), titles, revisions, options["category"], options["wiki"],
        options["dump"], options["update"], options["family"], options.get("dump_index"),
    )  # fmt: skip
    politeness = Politeness(
        _user_agent(options["user_agent"], options["contact"], needed=options["dump"] is None),
        options["rate"], options["timeout"], options["retries"],
    )  # fmt: skip
    return snapshot(request, politeness, echo, options.get("wait", LOCK_WAIT))


def _user_agent(given: str, contact: str, needed: bool) -> str:
    """A descriptive User-Agent with a contact (Wikimedia's policy); refused without one."""
    if given:
        return given
    if not contact and needed:
        raise InputError(
            "snapshot", "--contact", "the wiki's operators need a way to reach you", "pass --contact EMAIL_OR_URL"
        )
    return f"{TOOL_NAME}/{__version__} (snapshot stage; {contact}) {api.TOOL_AGENT}"


def _retrieved(given: str | None) -> str:
    """The retrieval date: the one given, or today in UTC (the only clock the pipeline reads)."""
    if given is None:
        return datetime.datetime.now(datetime.UTC).date().isoformat()
    try:
        return datetime.date.fromisoformat(given).isoformat()
    except ValueError:
        raise InputError("snapshot", "--retrieved", f"{given!r} is not a date", "give it as YYYY-MM-DD") from None


def _outcomes(request: Request, titles: list[str], politeness: Politeness) -> Iterator[Article | Problem]:
    """Every Article or Problem, from the dump or from the wiki."""
    if request.dump is not None:
        yield from read_dump(request.dump, request.prefix, titles, request.dump_index)
        return
    wiki = api.open_wiki(request.wiki, politeness)
    if request.category:
        titles = list(dict.fromkeys([*titles, *api.category_titles(wiki, request.category)]))
    yield from api.fetch_articles(wiki, titles, request.prefix)
    yield from api.fetch_articles(wiki, [str(r) for r in request.revisions], request.prefix, by="revids")


def _prepare_folder(seeds: Path) -> None:
    """The seed folder, made when absent; a file in its place is refused."""
    if seeds.exists() and not seeds.is_dir():
        raise InputError(str(seeds), "", "is a file, not a folder", "pass --seeds with a folder")
    make_folder(seeds)
