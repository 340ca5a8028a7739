"""Write an article and its [[source]] entry into the seed folder: atomically, once per revision.

The wikitext file and the manifest are each written to a temporary file created exclusively
beside it (`pipeline/files.py`: never opened over a file or link already there), both on disk
before the wikitext file and then the manifest are renamed over the old ones: a full disk or a
read-only folder changes nothing (exit 73), an interrupted run leaves each file old or new,
never half of one, and a run after it writes what is still missing. The manifest is edited with
tomlkit, which keeps what it does not change as written: other entries, comments, blank lines.
An entry the snapshot replaces keeps its comments and the values that stay the same; the rest
of its keys are the snapshot's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.exceptions import ParseError
from tomlkit.items import AoT, Table

from pipeline.errors import InputError
from pipeline.files import read_regular, write_files
from pipeline.snapshot.records import Article
from pipeline.snapshot.titles import file_name_for, source_id_for
from pipeline.sources import MANIFEST, read_manifest

HEADER = "# Where each seed document came from. One [[source]] per file in this folder.\n"


@dataclass(frozen=True)
class Saved:
    """What happened to one article: written, unchanged, kept (a different revision is in the
    folder and --update was not given) or replaced."""

    status: str
    source_id: str
    path: str
    message: str


@dataclass
class SeedFolder:
    """The seed folder's manifest, read once per run and kept in step with every write (so a
    run of n articles parses it once, not n times)."""

    path: Path
    entries: list[dict[str, str]]
    manifest: tomlkit.TOMLDocument

    @classmethod
    def load(cls, path: Path) -> SeedFolder:
        manifest = path / MANIFEST
        entries = read_manifest(manifest)  # refuses a manifest that is not a readable regular file
        text = read_regular(manifest).decode("utf-8") if manifest.exists() else HEADER
        return cls(path, entries, editable_manifest(manifest, text))

    def record(self, entry: dict[str, str], document: bytes) -> None:
        """Write the document `entry` names and `entry` into the manifest (replacing the one with
        its source_id): both on disk before either is renamed into place."""
        before = self.manifest.as_string()
        with_entry(self.manifest, entry)
        try:
            text = self.manifest.as_string().encode("utf-8")
            write_files([(self.path / entry["path"], document), (self.path / MANIFEST, text)])
        except Exception:
            self.manifest = tomlkit.parse(before)  # as on disk: the next entry is written beside what is there
            raise
        self.entries = [e for e in self.entries if e["source_id"] != entry["source_id"]] + [entry]


def save_article(folder: SeedFolder, article: Article, retrieved: str, update: bool) -> Saved:
    """Write the article and its manifest entry unless the folder already holds that revision
    (or another one, without `update`)."""
    # Load: what the folder already says about this title
    seeds = folder.path
    existing = next((e for e in folder.entries if e.get("title") == article.title), None)
    data = article.text.encode("utf-8")
    sha256 = hashlib.sha256(data).hexdigest()
    # Decide
    if existing is not None:
        held = existing.get("revision_id") or "unknown"
        if held == str(article.revision_id) and _file_sha256(seeds / existing["path"]) == existing.get("sha256"):
            return Saved("unchanged", existing["source_id"], existing["path"], f"revision {held} is already in {seeds}")
        if not update:
            message = f"{seeds} holds revision {held}, the wiki gives {article.revision_id}; --update replaces it"
            return Saved("kept", existing["source_id"], existing["path"], message)
        source_id, path = existing["source_id"], existing["path"]
    else:
        source_id = source_id_for(article.title, {e["source_id"]: e.get("title", "") for e in folder.entries})
        path = file_name_for(source_id)
    # Save: the file, then its entry
    folder.record(entry_for(article, source_id, path, retrieved, sha256), data)
    status = "replaced" if existing is not None else "written"
    return Saved(status, source_id, path, f"revision {article.revision_id} as {seeds / path}")


def entry_for(article: Article, source_id: str, path: str, retrieved: str, sha256: str) -> dict[str, str]:
    """The [[source]] entry of an article, in the order a reader wants it; unknown facts left out."""
    entry = {
        "source_id": source_id,
        "path": path,
        "title": article.title,
        "url": article.url,
        "permalink": article.permalink,
        "publisher": article.publisher,
        "license": article.license,
        "license_url": article.license_url,
        "attribution": article.attribution,
        "format": "wikitext",
        "api_url": article.api_url,
        "dump": article.dump,
        "page_id": None if article.page_id is None else str(article.page_id),
        "revision_id": str(article.revision_id),
        "revision_timestamp": article.revision_timestamp,
        "redirected_from": article.redirected_from,
        "retrieved": retrieved,
        "sha256": sha256,
        "snapshot_tool": article.tool,
    }
    return {key: value for key, value in entry.items() if value}


def editable_manifest(path: Path, text: str) -> tomlkit.TOMLDocument:
    """The manifest as tomlkit reads it, to edit (comments and layout kept); its entries, when it
    has any, an array of [[source]] tables."""
    try:
        manifest = tomlkit.parse(text)
    except ParseError as error:
        raise InputError(str(path), "", f"the manifest does not parse ({error})", "fix its TOML syntax") from None
    if "source" in manifest and not isinstance(manifest["source"], AoT):
        raise InputError(
            str(path), "", "`source` is not an array of [[source]] tables", "write each entry as [[source]]"
        )
    return manifest


def with_entry(manifest: tomlkit.TOMLDocument, entry: dict[str, str]) -> None:
    """`manifest` with the [[source]] table of entry's source_id rewritten to `entry`
    (`rewritten`), or, when it has none, `entry` added after the last one, a blank line between."""
    table = tomlkit.table()
    for key, value in entry.items():
        table.add(key, value)
    if "source" not in manifest:
        tables = tomlkit.aot()
        tables.append(table)
        manifest["source"] = tables  # after a blank line
        return
    tables = manifest["source"]
    for number, held in enumerate(tables):
        if held.get("source_id") == entry["source_id"]:
            tables[number] = rewritten(held, entry)
            return
    if len(tables):
        before = tables[-1].as_string()
        table.trivia.indent = "" if before.endswith("\n\n") else "\n" if before.endswith("\n") else "\n\n"
    tables.append(table)


def rewritten(table: Table, entry: dict[str, str]) -> Table:
    """`table` with the keys and values of `entry`: its comments and blank lines where they are,
    a key whose value stays as it was written, a key `entry` lacks left out, and the keys it
    adds after the last key (before the comments that lead to the next entry)."""
    new = tomlkit.table()
    new.trivia.comment_ws, new.trivia.comment = table.trivia.comment_ws, table.trivia.comment
    body = table.value.body
    keys = [key.key for key, _ in body if key is not None]
    for key, item in body:
        if key is None:
            new.add(item)
        elif key.key in entry:
            new.add(key, item if item == entry[key.key] else tomlkit.item(entry[key.key]))
        if key is not None and key.key == keys[-1]:
            for name in (name for name in entry if name not in keys):
                new.add(name, entry[name])
    return new


def _file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_regular(path)).hexdigest()
    except OSError:
        return None
