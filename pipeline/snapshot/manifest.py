"""Write an article and its [[source]] entry into the seed folder: atomically, once per revision.

The wikitext file and the manifest are each written to a temporary file created exclusively
beside it (`pipeline/files.py`: never opened over a file or link already there), both on disk
before the wikitext file and then the manifest are renamed over the old ones: a full disk or a
read-only folder changes nothing (exit 73), an interrupted run leaves each file old or new,
never half of one, and a run after it writes what is still missing. Entries written by hand keep their
comments; an entry the snapshot replaces is rewritten whole.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipeline.files import read_regular, write_files
from pipeline.snapshot.records import Article
from pipeline.snapshot.titles import file_name_for, source_id_for
from pipeline.sources import MANIFEST, read_manifest

HEADER = "# Where each seed document came from. One [[source]] per file in this folder.\n"
_BLOCK = re.compile(r"^\[\[source\]\][ \t]*$", re.M)


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
    text: str

    @classmethod
    def load(cls, path: Path) -> SeedFolder:
        manifest = path / MANIFEST
        entries = read_manifest(manifest)  # refuses a manifest that is not a readable regular file
        text = read_regular(manifest).decode("utf-8") if manifest.exists() else HEADER
        return cls(path, entries, text)

    def record(self, entry: dict[str, str], document: bytes) -> None:
        """Write the document `entry` names and `entry` into the manifest (replacing the one with
        its source_id): both on disk before either is renamed into place."""
        text = replace_entry(self.text, entry["source_id"], render_entry(entry))
        write_files([(self.path / entry["path"], document), (self.path / MANIFEST, text.encode("utf-8"))])
        self.text = text
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


def render_entry(entry: dict[str, str]) -> str:
    """A [[source]] block of TOML, every value a basic string."""
    return "[[source]]\n" + "".join(f"{key} = {toml_string(value)}\n" for key, value in entry.items())


def toml_string(value: str) -> str:
    """`value` as a TOML basic string: quote, backslash and control characters escaped."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'


def replace_entry(text: str, source_id: str, block: str) -> str:
    """The manifest text with the entry of `source_id` replaced by `block`, or `block` added."""
    starts = [m.start() for m in _BLOCK.finditer(text)]
    for start, end in zip(starts, [*starts[1:], len(text)], strict=False):  # none when there is no entry
        block_text = text[start:end]
        if source_id in block_text and tomllib.loads(block_text)["source"][0].get("source_id") == source_id:
            return text[:start] + block + ("\n" if end < len(text) else "") + text[end:]
    return text.rstrip("\n") + "\n\n" + block


def _file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_regular(path)).hexdigest()
    except OSError:
        return None
