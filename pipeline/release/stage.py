"""Publish a package: decide its version from what changed, write its changelog, and swap it
into place only when it is complete and valid.

The new package is written to a temporary folder beside the target. If it differs from
the package already there (the last release), the version is bumped by the Data Package
Version recipe and an entry is prepended to CHANGELOG.md; if nothing differs, nothing is
written at all. A failed check, or a kill at any moment, leaves the last release intact.
"""

from __future__ import annotations

import filecmp
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from pipeline import markdown
from pipeline.errors import InputError
from pipeline.files import write_file
from pipeline.outputs import OutputError, package_owned, replace, staging_for
from pipeline.package.metadata import DRAFT, is_draft
from pipeline.package.stage import created, write_descriptor, write_package
from pipeline.release.versioning import bump, describe, diff_packages, load_package, version_tuple

FIRST_VERSION = "1.0.0"
CHANGELOG = "CHANGELOG.md"
HEADER = (
    "# Changelog\n\n"
    "Versions follow the Data Package Version recipe: MAJOR when a schema changes incompatibly "
    "(a field renamed, removed, added, re-typed or reordered, a constraint tightened) or rows of a data "
    "table are removed; MINOR when rows or resources are added or a constraint loosened; PATCH when values "
    "are corrected or descriptions change. `quality_findings` is a report about the data, not data: its "
    "rows appearing, disappearing or changing is a PATCH. Dates come from the inputs, not the clock.\n"
)


def publish(
    tables: dict[str, pd.DataFrame],
    out: Path,
    check: Callable[[Path], None],
    version: str | None = None,
    fresh: bool = False,
    documents: dict[str, bytes] | None = None,
    draft: bool = False,
    ready: Callable[[], None] = lambda: None,
) -> tuple[Path, str, bool]:
    """Write, version, check (once `ready()` returns) and swap in the package; return (path, version, written).
    `documents` (source id -> the seed file's bytes, as the build read them) go into the package.

    The caller has checked that `out` may be written and holds its lock (`pipeline.outputs`).
    `fresh` ignores the package already in `out`: a trial package is always a first release,
    and so is a release over a draft (a draft is never the last release).
    """
    out = out.resolve()
    if draft:
        return publish_draft(tables, out, version, documents, ready)
    with staging_for(out) as staging:
        old = None if fresh or not (out / "datapackage.json").exists() or _holds_draft(out) else load_package(out)
        old_version = _last_version(old[0], out) if old else None
        # Written first as the last release would be, `created` included: only a change in the
        # data or its description makes a release, never a newer SOURCE_DATE_EPOCH alone.
        when = created(tables["sources"])
        last = old[0].get("created") if old else None
        write_package(tables, staging, old_version or FIRST_VERSION, last if isinstance(last, str) else when, documents)
        new_version, lines = _next_release(tables, old, staging, out, version)
        if new_version == old_version:
            return out, new_version, False
        if old is not None or new_version != FIRST_VERSION:
            write_descriptor(tables, staging, new_version, when)
        changelog = out / CHANGELOG
        previous = changelog.read_text(encoding="utf-8") if old and changelog.exists() else HEADER
        write_file(staging / CHANGELOG, _with_entry(previous, new_version, when[:10], lines))
        ready()
        check(staging)
        replace(out, staging, package_owned, "a data package")
    return out, new_version, True


def publish_draft(
    tables: dict[str, pd.DataFrame],
    out: Path,
    version: str | None = None,
    documents: dict[str, bytes] | None = None,
    ready: Callable[[], None] = lambda: None,
) -> tuple[Path, str, bool]:
    """Write a draft package (version X.Y.Z-draft, a banner in its README, a one-entry changelog)
    and swap it in for `out`, which holds no released package (`refuse_release`). Not checked
    with frictionless: a draft shows what the sources give, errors included. `ready()` before the swap:
    the build waits there for the reports it writes beside (`pipeline.validate.reports_beside`)."""
    number = f"{version or FIRST_VERSION}{DRAFT}"
    when = created(tables["sources"])
    with staging_for(out) as staging:
        write_package(tables, staging, number, when, documents)
        line = "- Draft built despite quality errors nobody has fixed or acknowledged; not a release."
        write_file(staging / CHANGELOG, _with_entry(HEADER, number, when[:10], [line]))
        ready()
        refuse_release(out)
        replace(out, staging, package_owned, "a data package")
    return out, number, True


def refuse_release(out: Path) -> None:
    """OutputError (exit 73) when `out` holds a released package: a draft never replaces one."""
    if not (out / "datapackage.json").is_file() or _holds_draft(out):
        return
    raise OutputError(
        str(out),
        "--out",
        f"holds a released package (version {_version_of(out)}): a draft never replaces a release; nothing was changed",
        "build the draft into another folder (the default is build/draft)",
    )


def _holds_draft(out: Path) -> bool:
    return is_draft(_version_of(out))


def _version_of(out: Path) -> object:
    """The version in `out`'s datapackage.json; None when it has none (or is not JSON)."""
    import json

    try:
        descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return descriptor.get("version") if isinstance(descriptor, dict) else None


def _next_release(
    tables: dict[str, pd.DataFrame], old: tuple | None, staging: Path, out: Path, version: str | None
) -> tuple[str, list[str]]:
    """The version the package in `staging` is released as, and its changelog lines; the last
    release's own version when nothing changed."""
    if old is None:
        first = version or FIRST_VERSION
        version_tuple(first)  # a forced version must be one
        return first, [first_release(tables)]
    diff = diff_packages(old, load_package(staging))
    level = diff.level
    if level == "none" and not _same_files(staging, out):
        level, diff.metadata = "patch", ["documentation regenerated"]
    new_version = _chosen(version, old[0]["version"], level, out)
    return new_version, describe(diff) if level != "none" else ["- Version set by hand; no changes."]


def first_release(tables: dict[str, pd.DataFrame]) -> str:
    """The changelog line of a first release: what is in it."""
    counts = ", ".join(f"{len(frame)} rows in `{name}`" for name, frame in tables.items())
    return f"- First release: {counts}."


def _last_version(descriptor: dict, out: Path) -> str:
    """The last release's version, checked: every bump starts from it."""
    version = descriptor.get("version")
    version_tuple(
        version,
        f"{out / 'datapackage.json'}: version",
        "restore the package from git (git checkout -- datapackage), or build into a new folder",
    )
    return version


def _chosen(forced: str | None, old_version: str, level: str, out: Path) -> str:
    """The forced version (never backwards) or the bump `level` calls for."""
    if forced is None:
        return bump(old_version, level)
    if version_tuple(forced) < version_tuple(old_version) or (forced == old_version and level != "none"):
        raise _not_after(forced, old_version, out)
    return forced


def refuse_backwards(out: Path, forced: str | None) -> None:
    """`_chosen`'s InputError for a forced version below the last release's in `out`, before
    any work (one equal to it is refused only once the build shows the data changed); nothing
    when `out` holds no release or its version is not one (the build then says so)."""
    last = _version_of(out) if forced is not None and (out / "datapackage.json").is_file() else None
    if not isinstance(last, str) or is_draft(last):
        return
    try:
        backwards = version_tuple(forced) < version_tuple(last)
    except InputError:
        return
    if backwards:
        raise _not_after(forced, last, out)


def _not_after(forced: str, old_version: str, out: Path) -> InputError:
    return InputError(
        "--version",
        "",
        f"{forced} does not come after the last release {old_version} in {out}",
        f"give a version above {old_version}, or none to let the changes decide",
    )


def _same_files(new: Path, old: Path) -> bool:
    """True when every file of the new package is byte-identical in the old one."""
    names = [p.relative_to(new) for p in sorted(new.rglob("*")) if p.is_file()]
    return all((old / name).is_file() and filecmp.cmp(new / name, old / name, shallow=False) for name in names)


def _with_entry(changelog: str, version: str, date: str, lines: list[str]) -> str:
    """The changelog with a new entry right after its header (the current one: the rules the
    entries follow are stated once, as they are now). The date comes from the manifest: escaped."""
    _, separator, rest = changelog.partition("\n## ")
    entry = f"\n## {version} ({markdown.text(date)})\n\n" + "\n".join(lines) + "\n"
    return HEADER.rstrip("\n") + "\n" + entry + (separator + rest if separator else "")
