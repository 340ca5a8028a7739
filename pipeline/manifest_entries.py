"""A seed folder's manifest entries (`sources.toml`'s [[source]] tables), checked from their text
alone: strings, a valid source id, a bare file name as path, whole numbers, an edition code and
a known format. The build and the snapshot (before it writes an entry) run the same checks."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from pipeline.errors import InputError
from pipeline.schema import BY_NAME

MANIFEST = "sources.toml"
FORMATS = tuple(BY_NAME["sources"].field("format").enum or ())  # the schema's value set, the one list
REQUIRED = ("source_id", "path")
INTEGER_FACTS = ("revision_id", "page_id")
MAX_ID = 100  # a source id names files (extract writes <source_id>.json) and goes into row ids
_SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_EDITION = re.compile(BY_NAME["sources"].field("edition").pattern.strip("^$"))  # the schema's pattern


def is_document_name(name: str) -> bool:
    """Whether a file of this name in the seed folder is a seed document (not hidden,
    not Markdown notes, not the manifest)."""
    return name != MANIFEST and not name.startswith(".") and not name.lower().endswith(".md")


def check_entry(manifest: Path, place: str, entry: object) -> None:
    """One [[source]] entry: a table of strings with a valid source_id and a bare file name as path."""
    if not isinstance(entry, dict):
        raise InputError(
            str(manifest),
            place,
            f"is {_toml_type(entry)}, not a table",
            'write each entry as [[source]] with key = "value" lines',
        )
    for name, value in entry.items():
        if not isinstance(value, str):
            raise InputError(
                str(manifest),
                place,
                f"`{name}` is {_toml_type(value)}, not a string",
                f'write it in quotes: {name} = "..."',
            )
    for name in REQUIRED:
        if not entry.get(name):
            raise InputError(str(manifest), place, f"lacks `{name}`", f'add {name} = "..." to the entry')
    _check_source_id(manifest, place, entry["source_id"])
    _check_path(manifest, place, entry["path"])
    _check_values(manifest, place, entry)


def _check_values(manifest: Path, place: str, entry: dict[str, str]) -> None:
    """An entry's optional facts: whole numbers, an edition code and a known format."""
    for name in INTEGER_FACTS:
        if entry.get(name) and not (entry[name].isascii() and entry[name].isdigit() and int(entry[name]) > 0):
            raise InputError(
                str(manifest),
                place,
                f"`{name}` is {entry[name]!r}, not a positive whole number",
                f'write it as {name} = "123"',
            )
    if entry.get("edition") and not _EDITION.fullmatch(entry["edition"]):
        raise InputError(
            str(manifest),
            place,
            f"edition {entry['edition']!r} is not 1 to 20 lower-case letters, digits and '-'",
            'name it like a language or revision code: edition = "fr"',
        )
    if entry.get("format") not in (None, *FORMATS):
        raise InputError(
            str(manifest), place, f"format {entry['format']!r} is unknown", f"use one of {', '.join(FORMATS)}"
        )


def _check_source_id(manifest: Path, place: str, source_id: str) -> None:
    """At most MAX_ID characters, lower-case letters, digits, '.', '_', '-'."""
    if len(source_id) > MAX_ID:
        raise InputError(
            str(manifest),
            place,
            f"source_id is {len(source_id):,} characters long, more than the {MAX_ID} a source id can have",
            "shorten it",
        )
    if not _SOURCE_ID.fullmatch(source_id):
        raise InputError(
            str(manifest),
            place,
            f"source_id {source_id!r} is not lower-case letters, digits, '.', '_', '-'",
            "rename it",
        )


def _check_path(manifest: Path, place: str, path: str) -> None:
    """The bare name of a seed document: no folder, no '..', not absolute. Decided from the
    text alone, before the file system is asked anything, so it cannot probe for files."""
    if path in (".", "..") or "/" in path or "\\" in path or "\x00" in path:
        raise InputError(
            str(manifest),
            place,
            f"path {path!r} is not the name of a file in the seed folder",
            f"copy the file into {manifest.parent} and give its file name alone",
        )
    if not is_document_name(path):
        raise InputError(
            str(manifest),
            place,
            f"path {path!r} names a file that is never read as a seed document "
            f"(its name starts with '.', ends in .md or is {MANIFEST})",
            "rename the file and its path",
        )


def _toml_type(value: object) -> str:
    """What TOML calls a value's type, with an article: "an integer (5)", "an array"."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"{'an integer' if isinstance(value, int) else 'a float'} ({value})"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return f"a date or time ({value.isoformat()})"
    return (
        f"a string ({value!r})"
        if isinstance(value, str)
        else {list: "an array", dict: "a table"}.get(type(value), type(value).__name__)
    )
