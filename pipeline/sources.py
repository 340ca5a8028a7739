"""The seed folder: its documents, their manifest entries, and what each file is.

Every file read stays inside the seed folder (the folder named by --seeds, resolved once):
a manifest `path` is a bare file name in it, and a link in it that points outside it is
refused. A link to another file inside the folder is read like that file.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError, MissingInputError
from pipeline.files import REGULAR_FIX, read_regular, require_regular, unreadable
from pipeline.manifest_entries import INTEGER_FACTS, MANIFEST, MAX_ID, check_entry, is_document_name

# Facts `pipeline snapshot` records about a revision, read into the `sources` table as they are
# (integers: the ids). Every other key is a string fact (title, url, license, ...).
SNAPSHOT_FACTS = ("permalink", "revision_id", "page_id", "revision_timestamp", "redirected_from", "license_url")
SNAPSHOT_FACTS += ("api_url", "dump", "snapshot_tool")
OUTSIDE_FIX = "remove the link or copy the file into the folder"


@dataclass(frozen=True)
class Source:
    """One seed document: where it is and what the manifest says about it. Its bytes are
    read when the document is processed, so a folder of articles is never held at once."""

    source_id: str
    path: Path
    facts: dict[str, str]
    in_manifest: bool

    def read(self, limit: int | None = None) -> bytes:
        """The file's bytes (at most `limit` + 1); refused when it is not a regular file (before
        opening it) or when the manifest's sha256 (recorded by a snapshot) is not theirs."""
        try:
            data = read_regular(self.path, limit)
        except OSError as error:
            raise InputError(str(self.path), "", unreadable(error), REGULAR_FIX) from None
        stated = self.fact("sha256")
        if stated and (limit is None or len(data) <= limit) and hashlib.sha256(data).hexdigest() != stated:
            raise InputError(
                str(self.path),
                "",
                f"the file's sha256 is not the {stated} its [[source]] entry records: it changed after the snapshot",
                "take the snapshot again (pipeline snapshot --update) or restore the file",
            )
        return data

    def snapshot_facts(self) -> dict[str, str | int | None]:
        """The snapshot's facts for the `sources` table: ids as integers, missing ones None."""
        return {
            name: int(self.facts[name]) if name in INTEGER_FACTS and self.fact(name) else self.fact(name)
            for name in SNAPSHOT_FACTS
        }

    def fact(self, name: str) -> str | None:
        """A manifest fact, or None when the manifest does not state it."""
        return self.facts.get(name) or None

    def kind(self) -> str | None:
        """`sources.source_kind`: as the manifest states it, else by the API or dump a snapshot took it from."""
        snapshot = "api_revision" if self.fact("api_url") else "dump_revision" if self.fact("dump") else None
        return self.fact("source_kind") or snapshot


def load_sources(seeds: Path) -> list[Source]:
    """Every document in `seeds` (sorted by file name), matched with its manifest entry."""
    if not seeds.is_dir():
        raise MissingInputError(str(seeds), "", "no such folder", "pass --seeds with the folder of seed documents")
    root = _real(seeds)
    entries = read_manifest(_inside(seeds / MANIFEST, root))
    by_path = {entry["path"]: entry for entry in entries}
    for entry in entries:
        require_regular(_inside(seeds / entry["path"], root))
        if not _is_file(seeds / entry["path"]):
            raise MissingInputError(
                str(seeds / MANIFEST),
                f"source {entry['source_id']!r}",
                f"names {entry['path']!r}, which is not in {seeds}",
                "add the file or remove its [[source]] entry",
            )
    candidates = sorted(_inside(p, root) for p in seeds.iterdir() if is_document_name(p.name))
    for candidate in (path for path in candidates if not path.is_dir()):
        require_regular(candidate)
    documents = [p for p in candidates if _is_file(p)]
    if not documents:
        raise MissingInputError(str(seeds), "", "the folder holds no seed documents", "copy the seed files into it")
    sources = [_source(path, by_path.get(path.name)) for path in documents]
    _check_unique_ids(sources)
    return sources


def read_manifest(path: Path) -> list[dict[str, str]]:
    """The manifest's [[source]] entries: tables of strings, with required fields, unique
    ids and paths, each path the bare name of a seed document."""
    if not path.exists() and not path.is_symlink():
        return []
    try:
        manifest = tomllib.loads(read_regular(path).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(str(path), "", f"the manifest does not parse ({error})", "fix its TOML syntax") from None
    except OSError as error:
        raise InputError(str(path), "", f"the manifest {unreadable(error)}", "make it a readable file") from None
    entries = manifest.get("source", [])
    if not isinstance(entries, list):
        raise InputError(str(path), "", "`source` must be an array of tables", "write each entry as [[source]]")
    ids: set[str] = set()
    paths: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        place = f"[[source]] #{number}"
        check_entry(path, place, entry)
        if entry["source_id"] in ids:
            raise InputError(
                str(path), place, f"source_id {entry['source_id']!r} is used twice", "give each source its own id"
            )
        if entry["path"] in paths:
            raise InputError(
                str(path),
                place,
                f"path {entry['path']!r} is already named by [[source]] #{paths[entry['path']]}",
                "keep one entry per file",
            )
        ids.add(entry["source_id"])
        paths[entry["path"]] = number
    return entries


def _source(path: Path, entry: dict[str, str] | None) -> Source:
    """The document at `path` with its manifest entry, or an id made from its file name."""
    if entry is not None:
        return Source(entry["source_id"], path, dict(entry), True)
    source_id = _derived_id(path)
    if len(source_id) > MAX_ID:
        raise InputError(
            str(path),
            "",
            f"the file is not in {MANIFEST} and its name gives a source id of {len(source_id):,} characters, "
            f"more than the {MAX_ID} a source id can have",
            "rename the file or add a [[source]] entry with a shorter source_id",
        )
    return Source(source_id, path, {}, False)


def _check_unique_ids(sources: list[Source]) -> None:
    """No two documents share a source id (an id made from a file name can equal another's)."""
    seen: dict[str, Source] = {}
    for source in sources:
        other = seen.setdefault(source.source_id, source)
        if other is not source:
            unlisted, clash = (other, source) if source.in_manifest else (source, other)
            raise InputError(
                str(unlisted.path),
                "",
                f"the file is not in {MANIFEST} and the source id made from its name, {source.source_id!r}, "
                f"is already the id of {clash.path.name}",
                "add a [[source]] entry for it with its own source_id",
            )


def _inside(path: Path, root: Path) -> Path:
    """`path` itself, once it is known to resolve inside the seed folder `root`."""
    target = _real(path)
    if not target.is_relative_to(root):
        raise InputError(str(path), "", f"is a link to {str(target)!r}, outside the seed folder", OUTSIDE_FIX)
    return path


def _real(path: Path) -> Path:
    """The path with every link followed (a link loop stays as it is, never raises)."""
    return Path(os.path.realpath(path))


def _is_file(path: Path) -> bool:
    """Whether `path` is a regular file (or a link to one); False for a name too long or a link loop."""
    try:
        return path.is_file()
    except OSError:
        return False


def _derived_id(path: Path) -> str:
    """A source id for a document the manifest does not list: its file name, tidied."""
    return re.sub(r"[^a-z0-9._-]+", "-", path.stem.lower()).strip("-") or "document"
