"""Package stage: tidy tables -> a package folder (CSV + datapackage.json + data dictionary).

`pipeline/release/stage.py` decides the version and swaps the folder into place.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline import TOOL_NAME, __version__
from pipeline.build_time import source_date_epoch
from pipeline.columns import distinct, values
from pipeline.csv_text import csv_text
from pipeline.files import file_writer, write_file, write_files
from pipeline.package import citation
from pipeline.package.codebook import codebook
from pipeline.package.docs import data_dictionary
from pipeline.package.metadata import package_metadata
from pipeline.schema import BY_NAME, TABLES, Table
from pipeline.web import is_web_url

GENERATOR = TOOL_NAME  # the descriptor's `pipeline.name`: how a package of ours is recognised
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
LICENSES = {
    "CC-BY-SA-4.0": {
        "name": "CC-BY-SA-4.0",
        "title": "Creative Commons Attribution-ShareAlike 4.0",
        "path": "https://creativecommons.org/licenses/by-sa/4.0/",
    },
    "other-pd": {"name": "other-pd", "title": "Public domain (work of the U.S. federal government)"},
}
DOCUMENTS = "sources"  # the package's folder of seed documents, byte for byte


def write_package(
    tables: dict[str, pd.DataFrame],
    folder: Path,
    version: str,
    when: str | None = None,
    documents: dict[str, bytes] | None = None,
) -> None:
    """CSV files, the seed documents (`documents`: source id -> the bytes the build read), datapackage.json and
    README.md for `tables` in `folder`; `when` is the package's `created` (by default from the
    inputs: see `created`)."""
    (folder / "data").mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        write_csv(tables[table.name], folder / "data" / f"{table.name}.csv", table)
    copy_documents(tables["sources"], documents or {}, folder)
    write_descriptor(tables, folder, version, when)


def write_descriptor(tables: dict[str, pd.DataFrame], folder: Path, version: str, when: str | None = None) -> None:
    """datapackage.json, the pictures and README.md for the CSV files already in `folder`."""
    resources = [resource_descriptor(table, folder / "data" / f"{table.name}.csv", tables) for table in TABLES]
    resources += document_resources(tables["sources"], folder)
    metadata = package_metadata(tables)
    descriptor = package_descriptor(tables["sources"], resources, version, when or created(tables["sources"]), metadata)
    descriptor = with_citation_metadata(descriptor, tables["sources"])
    descriptor["figures"] = write_figures(tables, folder)
    write_file(folder / "datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")
    write_file(folder / "README.md", data_dictionary(descriptor, tables))
    write_file(folder / "CODEBOOK.md", codebook(descriptor, tables))


def write_figures(tables: dict[str, pd.DataFrame], folder: Path) -> list[dict[str, str]]:
    """The pictures drawn from `tables` (pipeline/package/figures.py), written into `folder`; their
    descriptor entries (the README shows them; `package_owned` knows them as ours by these)."""
    from pipeline.package.figures import package_figures

    entries = []
    for figure in package_figures(tables):
        (folder / figure.path).parent.mkdir(parents=True, exist_ok=True)
        write_file(folder / figure.path, figure.svg)
        entries.append(
            {"path": figure.path, "title": figure.title, "mediatype": "image/svg+xml", "description": figure.alt}
        )
    return entries


def write_csv(frame: pd.DataFrame, path: Path, table: Table) -> Path:
    """UTF-8, comma, one header row, RFC 4180 quoting, \\n line ends, empty field for null."""
    with file_writer(path) as file:  # streamed: the text of a table is never held whole
        file.writelines(csv_text(frame, table.fields))
    return path


def resource_descriptor(table: Table, path: Path, tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """A v2 resource: path, schema, size, hash, license and the sources its rows came from."""
    size, digest = _size_and_sha256(path)
    frame = tables[table.name]
    resource: dict[str, Any] = {
        "$schema": RESOURCE_PROFILE,
        "name": table.name,
        "type": "table",
        "path": f"data/{path.name}",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": size,
        "hash": "sha256:" + digest,
        "dialect": {
            "$schema": "https://datapackage.org/profiles/2.0/tabledialect.json",
            "header": True,
            "delimiter": ",",
            "lineTerminator": "\n",
        },
        "schema": {"$schema": SCHEMA_PROFILE, **table.schema_descriptor()},
    }
    if table.license in LICENSES:
        resource["licenses"] = [LICENSES[table.license]]
    if "source_id" in frame.columns and table.name != "sources":
        used = sorted(distinct(frame["source_id"]))
        resource["sources"] = [
            {"title": source_id, "path": f"data/sources.csv#source_id={source_id}"} for source_id in used
        ]
    return resource


def _size_and_sha256(path: Path) -> tuple[int, str]:
    """The file's size and sha256, read in parts (a large corpus's table is never held whole)."""
    with path.open("rb") as file:
        return os.fstat(file.fileno()).st_size, hashlib.file_digest(file, "sha256").hexdigest()


def package_descriptor(
    sources: pd.DataFrame, resources: list[dict[str, Any]], version: str, when: str, metadata: dict[str, Any]
) -> dict[str, Any]:
    """The v2 datapackage.json: metadata (name, title, description, keywords: `package_metadata`),
    licenses, sources (with checksums), resources."""
    source_list = []
    for row in sources.astype(object).where(sources.notna(), None).to_dict("records"):
        entry = {
            "title": row["title"] or row["source_id"],
            "path": row["url"] if is_web_url(row["url"]) else f"{DOCUMENTS}/{row['path']}",
            "sha256": row["sha256"],
        }
        if row["license"]:
            entry["license"] = row["license"]
        source_list.append(entry)
    return {
        "$schema": PROFILE,
        "name": metadata["name"],
        "title": metadata["title"],
        "description": metadata["description"],
        "version": version,
        "created": when,
        "licenses": [LICENSES["CC-BY-SA-4.0"]],
        "keywords": metadata["keywords"],
        "sources": source_list,
        "pipeline": {"name": GENERATOR, "version": __version__},
        "resources": resources,
    }


def copy_documents(sources: pd.DataFrame, documents: dict[str, bytes], folder: Path) -> None:
    """Each seed document the `sources` table lists into `folder`/sources/: the very bytes the
    build read and hashed (never the file read again, which a snapshot may have replaced since)."""
    if documents:
        (folder / DOCUMENTS).mkdir(exist_ok=True)
    pairs = zip(values(sources["source_id"]), values(sources["path"]), strict=True)
    write_files([(folder / DOCUMENTS / name, documents[key]) for key, name in pairs if key in documents])


def document_resources(sources: pd.DataFrame, folder: Path) -> list[dict[str, Any]]:
    """A resource per seed document copied into the package: path, size, hash, license, so every
    row's byte span can be checked from the package alone."""
    resources = []
    for row in _records(sources):
        path = folder / DOCUMENTS / row["path"]
        if not path.is_file():
            continue
        data = path.read_bytes()
        resource: dict[str, Any] = {
            "name": f"source-{row['source_id']}",
            "path": f"{DOCUMENTS}/{row['path']}",
            "title": row["title"] or row["source_id"],
            "description": f"The seed document `{row['source_id']}` ({row['format']}), byte for byte: "
            "`source_start`/`source_end` of the tables' rows are byte offsets in this file."
            + (f" Credit: {row['attribution']}." if row["attribution"] else ""),
            "format": "txt",
            "mediatype": "text/plain",
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        }
        if row["license"] in LICENSES:
            resource["licenses"] = [LICENSES[row["license"]]]
        resources.append(resource)
    return resources


def with_citation_metadata(descriptor: dict[str, Any], sources: pd.DataFrame) -> dict[str, Any]:
    """The descriptor with `homepage` (when known) and `contributors`, placed after `keywords`."""
    extra: dict[str, Any] = {"homepage": citation.HOMEPAGE} if is_web_url(citation.HOMEPAGE) else {}
    extra["contributors"] = citation.contributors()
    ordered = {}
    for key, value in descriptor.items():
        ordered[key] = value
        if key == "keywords":
            ordered.update(extra)
    return ordered


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of `frame` as dicts, nulls as None."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def created(sources: pd.DataFrame) -> str:
    """Creation time from the inputs, never the clock: SOURCE_DATE_EPOCH when set (`make` sets
    it to the last commit's time), else the newest date the manifest gives (retrieved or
    revision_not_before)."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch.strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = [d for column in ("retrieved", "revision_not_before") for d in sources[column].dropna()]
    newest = max(dates, default="1970")
    year, month, day = ([*newest.split("-"), "01", "01"])[:3]
    return f"{year}-{month}-{day}T00:00:00Z"


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """The CSV tables of a written package, all as strings (for checks and diffs)."""
    return {
        name: pd.read_csv(folder / "data" / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""])
        for name in BY_NAME
    }
