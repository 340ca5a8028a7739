"""Publish a package: decide its version from what changed, write its changelog, and swap it
into place only when it is complete and valid.

The new package is written to a temporary folder beside the target. If it differs from
the package already there (the last release), the version is bumped by the Data Package
Version recipe and an entry is prepended to CHANGELOG.md; if nothing differs, nothing is
written at all. A failed check, or a kill at any moment, leaves the last release intact.
"""

from __future__ import annotations

import filecmp
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from pipeline import markdown
from pipeline.errors import InputError
from pipeline.package import write_descriptor, write_package
from pipeline.versioning import bump, describe, diff_packages, load_package, version_tuple

FIRST_VERSION = "1.0.0"
CHANGELOG = "CHANGELOG.md"
HEADER = (
    "# Changelog\n\n"
    "Versions follow the Data Package Version recipe: MAJOR when a schema changes incompatibly "
    "(a field renamed, removed, added, re-typed or reordered, a constraint tightened) or rows are "
    "removed; MINOR when rows or resources are added or a constraint loosened; PATCH when values are "
    "corrected or descriptions change. Dates come from the inputs, not the clock.\n"
)


def publish(
    tables: dict[str, pd.DataFrame],
    out: Path,
    check: Callable[[Path], None],
    version: str | None = None,
) -> tuple[Path, str, bool]:
    """Write, version, check and swap in the package; return (path, version, whether written)."""
    out = out.resolve()
    restore_interrupted_swap(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    old = load_package(out) if (out / "datapackage.json").exists() else None
    old_version = old[0]["version"] if old else None
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    staging.chmod(0o755)
    try:
        write_package(tables, staging, old_version or FIRST_VERSION)
        created = load_package(staging)[0]["created"][:10]
        if old is None:
            new_version, lines = version or FIRST_VERSION, [first_release(tables)]
        else:
            diff = diff_packages(old, load_package(staging))
            level = diff.level
            if level == "none" and not _same_files(staging, out):
                level, diff.metadata = "patch", ["documentation regenerated"]
            new_version = _chosen(version, old_version, level, out)
            if new_version == old_version:
                return out, old_version, False
            lines = describe(diff) if level != "none" else ["- Version set by hand; no changes."]
        if new_version != (old_version or FIRST_VERSION):
            write_descriptor(tables, staging, new_version)
        previous = (out / CHANGELOG).read_text(encoding="utf-8") if (out / CHANGELOG).exists() else HEADER
        (staging / CHANGELOG).write_text(_with_entry(previous, new_version, created, lines), encoding="utf-8")
        check(staging)
        swap_into_place(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out, new_version, True


def first_release(tables: dict[str, pd.DataFrame]) -> str:
    """The changelog line of a first release: what is in it."""
    counts = ", ".join(f"{len(frame)} rows in `{name}`" for name, frame in tables.items())
    return f"- First release: {counts}."


def swap_into_place(staging: Path, out: Path) -> None:
    """Replace `out` with `staging`: two renames; a crash between them is repaired next run."""
    old = out.with_name(f".{out.name}.previous")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def restore_interrupted_swap(out: Path) -> None:
    """Put back the previous package if a build died between the two renames, and remove
    what killed builds left behind."""
    old = out.with_name(f".{out.name}.previous")
    if old.exists() and not out.exists():
        old.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    if out.parent.is_dir():
        for leftover in out.parent.glob(f".{out.name}.building-*"):
            shutil.rmtree(leftover, ignore_errors=True)


def _chosen(forced: str | None, old_version: str, level: str, out: Path) -> str:
    """The forced version (never backwards) or the bump `level` calls for."""
    if forced is None:
        return bump(old_version, level)
    if version_tuple(forced) < version_tuple(old_version) or (forced == old_version and level != "none"):
        raise InputError(
            "--version",
            "",
            f"{forced} does not come after the last release {old_version} in {out}",
            f"give a version above {old_version}, or none to let the changes decide",
        )
    return forced


def _same_files(new: Path, old: Path) -> bool:
    """True when every file of the new package is byte-identical in the old one."""
    names = [p.relative_to(new) for p in sorted(new.rglob("*")) if p.is_file()]
    return all((old / name).is_file() and filecmp.cmp(new / name, old / name, shallow=False) for name in names)


def _with_entry(changelog: str, version: str, date: str, lines: list[str]) -> str:
    """The changelog with a new entry right after its header (the date, from the manifest, escaped)."""
    head, separator, rest = changelog.partition("\n## ")
    entry = f"\n## {version} ({markdown.text(date)})\n\n" + "\n".join(lines) + "\n"
    return head.rstrip("\n") + "\n" + entry + (separator + rest if separator else "")
