"""The seed folder: its documents, their manifest entries, and what each file is."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError, MissingInputError

MANIFEST = "sources.toml"
FORMATS = ("mediawiki-edit-page", "wikitext", "plain-text")
REQUIRED = ("source_id", "path")
DESCRIBED = ("title", "url", "publisher", "license", "format", "retrieved")
_SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass(frozen=True)
class Source:
    """One seed document: where it is and what the manifest says about it. Its bytes are
    read when the document is processed, so a folder of articles is never held at once."""

    source_id: str
    path: Path
    facts: dict[str, str]
    in_manifest: bool

    def read(self) -> bytes:
        """The file's bytes."""
        return self.path.read_bytes()

    def fact(self, name: str) -> str | None:
        """A manifest fact, or None when the manifest does not state it."""
        return self.facts.get(name) or None


def load_sources(seeds: Path) -> list[Source]:
    """Every document in `seeds` (sorted by file name), matched with its manifest entry."""
    if not seeds.is_dir():
        raise MissingInputError(str(seeds), "", "no such folder", "pass --seeds with the folder of seed documents")
    entries = read_manifest(seeds / MANIFEST)
    by_path = {entry["path"]: entry for entry in entries}
    for entry in entries:
        if not (seeds / entry["path"]).is_file():
            raise MissingInputError(
                str(seeds / MANIFEST),
                f"source {entry['source_id']!r}",
                f"names {entry['path']!r}, which is not in {seeds}",
                "add the file or remove its [[source]] entry",
            )
    documents = sorted(
        p
        for p in seeds.iterdir()
        if p.is_file() and p.name != MANIFEST and not p.name.startswith(".") and p.suffix.lower() != ".md"
    )
    if not documents:
        raise MissingInputError(str(seeds), "", "the folder holds no seed documents", "copy the seed files into it")
    sources = []
    for path in documents:
        entry = by_path.get(path.name)
        facts = {k: str(v) for k, v in (entry or {}).items()}
        source_id = facts.get("source_id") or _derived_id(path)
        sources.append(Source(source_id, path, facts, entry is not None))
    return sources


def read_manifest(path: Path) -> list[dict[str, object]]:
    """The manifest's [[source]] entries, checked for required fields and unique ids."""
    if not path.exists():
        return []
    try:
        manifest = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(str(path), "", f"the manifest does not parse ({error})", "fix its TOML syntax") from None
    entries = manifest.get("source", [])
    if not isinstance(entries, list):
        raise InputError(str(path), "", "`source` must be an array of tables", "write each entry as [[source]]")
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        place = f"[[source]] #{number}"
        for name in REQUIRED:
            if not isinstance(entry.get(name), str) or not entry[name]:
                raise InputError(str(path), place, f"lacks `{name}`", f'add {name} = "..." to the entry')
        if not _SOURCE_ID.fullmatch(entry["source_id"]):
            raise InputError(
                str(path),
                place,
                f"source_id {entry['source_id']!r} is not lower-case letters, digits, '.', '_', '-'",
                "rename it",
            )
        if entry["source_id"] in seen:
            raise InputError(
                str(path), place, f"source_id {entry['source_id']!r} is used twice", "give each source its own id"
            )
        if entry.get("format") not in (None, *FORMATS):
            raise InputError(
                str(path), place, f"format {entry['format']!r} is unknown", f"use one of {', '.join(FORMATS)}"
            )
        seen.add(entry["source_id"])
    return entries


def _derived_id(path: Path) -> str:
    """A source id for a document the manifest does not list: its file name, tidied."""
    return re.sub(r"[^a-z0-9._-]+", "-", path.stem.lower()).strip("-") or "document"
