"""Versions researchers can cite: row-level diffs between packages, and the semantic
version bump they call for (the Data Package Version recipe).

MAJOR: a field renamed, removed, added, re-typed or reordered, a constraint tightened,
       a resource removed, or rows removed (citations of them would break).
MINOR: rows or resources added, a constraint loosened.
PATCH: values corrected, descriptions changed; rows of a report table (`quality_findings`)
       added, removed or changed: findings are a report about the data, not data, and a
       source fix that clears a finding breaks nobody's use of the data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline import markdown
from pipeline.errors import InputError
from pipeline.package.shape import check_header, checked_resources, data_file, is_table
from pipeline.release.row_diff import row_changes, unique_keys
from pipeline.release.schema_diff import field_renames, resource_renames, schema_changes

# Tables that report on the data: their rows coming and going is a patch (their schema counts as any other's).
REPORT_TABLES = {"quality_findings"}
MAX_LISTED = 10
LEVELS = ("none", "patch", "minor", "major")


@dataclass
class TableDiff:
    """What changed in one resource."""

    name: str
    schema_changes: list[tuple[str, str]] = field(default_factory=list)  # (level, words)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[tuple[str, str, str]]]] = field(default_factory=list)  # key, (field, old, new)
    moved_only: int = 0  # rows whose only change is their byte span in the seed

    @property
    def level(self) -> str:
        levels = [level for level, _ in self.schema_changes]
        report = self.name in REPORT_TABLES
        if self.removed:
            levels.append("patch" if report else "major")
        if self.added:
            levels.append("patch" if report else "minor")
        if self.changed or self.moved_only:
            levels.append("patch")
        return max(levels, key=LEVELS.index, default="none")


@dataclass
class PackageDiff:
    """What changed between two packages."""

    tables: list[TableDiff]
    metadata: list[str] = field(default_factory=list)

    @property
    def level(self) -> str:
        levels = [t.level for t in self.tables] + (["patch"] if self.metadata else [])
        return max(levels, key=LEVELS.index, default="none")


def load_package(path: Path) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
    """A package's descriptor and tables (all values as text), from a folder or its
    datapackage.json; InputError, one line, when the descriptor is not the shape a diff
    relies on, a data file lies outside the folder, or a CSV lacks its key columns."""
    folder = path.parent if path.name == "datapackage.json" else path
    descriptor_path = folder / "datapackage.json"
    descriptor = _read_descriptor(descriptor_path)
    tables = {}
    for resource in checked_resources(descriptor_path, descriptor):
        if is_table(resource):
            tables[resource["name"]] = _read_table(descriptor_path, resource)
        else:
            data_file(descriptor_path, resource)  # a file resource too stays inside the folder
    return descriptor, tables


def _read_descriptor(descriptor_path: Path) -> Any:
    """The parsed JSON of datapackage.json."""
    try:
        return json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as error:
        problem = error.strerror if isinstance(error, OSError) and error.strerror else str(error) or "nested too deep"
        raise InputError(
            str(descriptor_path), "", f"not a readable data package ({problem})", "pass a package folder"
        ) from None


def _read_table(descriptor_path: Path, resource: dict[str, Any]) -> pd.DataFrame:
    """A resource's CSV, all values as text, checked to have its key columns."""
    path = data_file(descriptor_path, resource)
    if not path.is_file():
        problem = "not a regular file" if path.exists() else "no such data file"
        raise InputError(str(path), "", problem, "restore the data file or fix the resource's path")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    except (OSError, ValueError) as error:
        problem = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise InputError(str(path), "", f"not a readable CSV file ({problem})", "restore the data file") from None
    check_header(descriptor_path, resource, [str(column) for column in frame.columns])
    return frame


def diff_packages(old: tuple[dict[str, Any], dict], new: tuple[dict[str, Any], dict]) -> PackageDiff:
    """Resource by resource: schema changes, and rows added, removed and changed by key."""
    (old_descriptor, old_tables), (new_descriptor, new_tables) = old, new
    old_resources = {r["name"]: r for r in old_descriptor["resources"]}
    new_resources = {r["name"]: r for r in new_descriptor["resources"]}
    renamed = resource_renames(old_resources, new_resources)
    tables = []
    for name in sorted((set(old_resources) - set(renamed)) | set(new_resources)):
        diff = TableDiff(name)
        former = next((old for old, new in renamed.items() if new == name), name)
        if name not in new_resources:
            diff.schema_changes.append(("major", "resource removed"))
        elif former not in old_resources:
            diff.schema_changes.append(("minor", "resource added"))
            diff.added = unique_keys(new_tables[name], _key_of(new_resources[name])) if name in new_tables else []
        elif name not in new_tables or former not in old_tables:  # a file (a seed document), not a table
            if old_resources[former].get("hash") != new_resources[name].get("hash"):
                diff.schema_changes.append(("patch", "file changed"))
        else:
            if former != name:
                diff.schema_changes.append(("major", f"resource renamed from `{former}`"))
            old_resource, new_resource = old_resources[former], new_resources[name]
            diff.schema_changes += schema_changes(old_resource, new_resource)
            renames = field_renames(old_resource["schema"]["fields"], new_resource["schema"]["fields"])
            old_table = old_tables[former].rename(columns=renames)
            _row_changes(diff, old_table, new_tables[name], old_resource, new_resource)
        if diff.level != "none":
            tables.append(diff)
    metadata = [
        f"{key} changed"
        for key in ("title", "description", "keywords", "licenses", "homepage", "contributors", "sources", "figures")
        if old_descriptor.get(key) != new_descriptor.get(key)
    ]
    return PackageDiff(tables, metadata)


def bump(version: str, level: str) -> str:
    """The next semantic version for a change of `level`."""
    major, minor, patch = (int(part) for part in version.split("."))
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    if level == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return version


def version_tuple(version: object, where: str = "--version", fix: str = "write e.g. 1.2.0") -> tuple[int, ...]:
    """ "1.2.3" -> (1, 2, 3); InputError (naming `where`) when it is not MAJOR.MINOR.PATCH."""
    parts = version.split(".") if isinstance(version, str) else []
    if len(parts) != 3 or not all(part.isascii() and part.isdigit() for part in parts):
        raise InputError(where, "", f"{str(version)[:40]!r} is not a semantic version MAJOR.MINOR.PATCH", fix)
    return tuple(int(part) for part in parts)


def describe(diff: PackageDiff) -> list[str]:
    """The diff as Markdown bullet lines (the changelog's and `pipeline diff`'s text)."""
    if diff.level == "none":
        return ["- No changes."]
    lines = [f"- Package metadata: {item}." for item in diff.metadata]
    for table in diff.tables:
        lines.append(f"- {markdown.code(table.name)} ({table.level}):")
        lines += [f"  - schema: {words}" for _, words in table.schema_changes]
        for label, keys in (("added", table.added), ("removed", table.removed)):
            if keys:
                lines.append(f"  - {len(keys)} rows {label}: {_capped(keys)}")
        if table.changed:
            lines.append(f"  - {len(table.changed)} rows changed:")
            for key, fields in table.changed[:MAX_LISTED]:
                lines.append(f"    - {markdown.text(key)}: " + "; ".join(_change(*change) for change in fields))
            if len(table.changed) > MAX_LISTED:
                lines.append(f"    - and {len(table.changed) - MAX_LISTED} more")
        if table.moved_only:
            lines.append(f"  - {table.moved_only} rows moved in the seed (byte offsets only)")
    return lines


def as_json(diff: PackageDiff) -> dict[str, Any]:
    """The diff for machines."""
    return {
        "level": diff.level,
        "metadata": diff.metadata,
        "tables": [
            {
                "name": t.name,
                "level": t.level,
                "schema": [words for _, words in t.schema_changes],
                "added": t.added,
                "removed": t.removed,
                "changed": [
                    {"key": key, "fields": [{"field": f, "old": o, "new": n} for f, o, n in fs]}
                    for key, fs in t.changed
                ],
                "moved_only": t.moved_only,
            }
            for t in diff.tables
        ],
    }


def _row_changes(diff: TableDiff, old: pd.DataFrame, new: pd.DataFrame, old_r: dict, new_r: dict) -> None:
    """Fill `diff` with rows added, removed and changed, matched on the primary key (the
    new one, else the old one; when neither is in both tables, every row is replaced)."""
    both = set(old.columns) & set(new.columns)
    keys = (_key_of(new_r), _key_of(old_r))  # stable one-column ids (pipeline/clean/ids.py)
    key = next((k for k in keys if k and set(k) <= both), None)
    if key is None:
        diff.added, diff.removed = unique_keys(new, _key_of(new_r)), unique_keys(old, _key_of(old_r))
        return
    diff.added, diff.removed, diff.changed, diff.moved_only = row_changes(diff.name, old, new, key)


def _key_of(resource: dict[str, Any]) -> list[str]:
    return resource["schema"].get("primaryKey") or [resource["schema"]["fields"][0]["name"]]


def _capped(keys: list[str]) -> str:
    """The first keys as escaped text, and how many more."""
    shown = ", ".join(markdown.text(key) for key in keys[:MAX_LISTED])
    return shown + (f" and {len(keys) - MAX_LISTED} more" if len(keys) > MAX_LISTED else "")


def _change(name: str, old: str, new: str) -> str:
    """ "field `old` -> `new`": each value a code span cut to markdown.CAP characters."""
    before, after = _shown(old), _shown(new)
    note = " (they differ in spacing or invisible characters)" if before == after else ""
    return f"{markdown.text(name)} {before} -> {after}{note}"


def _shown(value: str) -> str:
    """A changed value as a code span, "(empty)" for no value."""
    return markdown.code(value) or "(empty)"
