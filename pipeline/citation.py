"""How to cite the package: its contributors and homepage (for datapackage.json), the date
its data is "as of", and CITATION.cff, all from the package's own metadata so they cannot
drift apart. `python -m pipeline.citation datapackage > CITATION.cff` writes the file the
repository carries; a test checks it against the committed package."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

from pipeline import TOOL_NAME

MAINTAINERS = f"The {TOOL_NAME} maintainers"
# The project's public address. Not known yet: when it is, set it here once and datapackage.json
# (`homepage`) and CITATION.cff (`repository-code`, `url`) both carry it.
HOMEPAGE: str | None = None
MESSAGE = "If you use this data package, please cite it, and credit the sources it was extracted from."


def contributors(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """datapackage.json `contributors`: who made the package, and the authors of each source."""
    people: list[dict[str, Any]] = [{"title": MAINTAINERS, "roles": ["creator"]}]
    for source in sources:
        entry: dict[str, Any] = {"title": source_author(source), "roles": ["author"]}
        if source.get("url"):
            entry["path"] = source["url"]
        people.append(entry)
    return people


def source_author(source: dict[str, Any]) -> str:
    """Who to credit for a source: the start of its attribution ("Wikipedia contributors"), else its publisher."""
    attribution = source.get("attribution") or ""
    return attribution.split(', "')[0] or source.get("publisher") or source["source_id"]


def as_of(source: dict[str, Any]) -> str:
    """What date a source's facts are as of, in words, from the manifest's facts."""
    if source.get("retrieved"):
        return f"retrieved {source['retrieved']}"
    if source.get("revision_not_before"):
        return f"a revision of {source['revision_not_before']} or later (the retrieval date is not known)"
    return "date not known"


def citation_cff(descriptor: dict[str, Any], sources: list[dict[str, Any]]) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for the package `descriptor` and its `sources` rows."""
    lines = [
        "# Generated from datapackage/datapackage.json by `python -m pipeline.citation datapackage`.",
        "cff-version: 1.2.0",
        f"message: {_quoted(MESSAGE)}",
        "type: dataset",
        f"title: {_quoted(descriptor['title'])}",
        f"version: {_quoted(descriptor['version'])}",
        f"date-released: {_quoted(descriptor['created'][:10])}",
        f"abstract: {_quoted(descriptor['description'])}",
        "authors:",
        *[f"  - name: {_quoted(person['title'])}" for person in contributors(sources)],
        f"license: {_quoted(descriptor['licenses'][0]['name'])}",
        "keywords:",
        *[f"  - {_quoted(keyword)}" for keyword in descriptor.get("keywords", [])],
    ]
    if HOMEPAGE:
        lines += [f"repository-code: {_quoted(HOMEPAGE)}", f"url: {_quoted(HOMEPAGE)}"]
    lines.append("references:")
    for source in sources:
        lines += _reference(source)
    return "\n".join(lines) + "\n"


def _reference(source: dict[str, Any]) -> list[str]:
    """One source as a CFF reference; a license only when it is an SPDX id (the public domain is a note)."""
    lines = [
        f"  - type: {'website' if source.get('url') else 'generic'}",
        f"    title: {_quoted(source.get('title') or source['source_id'])}",
        "    authors:",
        f"      - name: {_quoted(source_author(source))}",
    ]
    if source.get("url"):
        lines.append(f"    url: {_quoted(source['url'])}")
    if source.get("publisher"):
        lines.append(f"    publisher:\n      name: {_quoted(source['publisher'])}")
    license_id = source.get("license") or ""
    if license_id and not license_id.startswith("other-"):
        lines.append(f"    license: {_quoted(license_id)}")
    notes = [source.get("attribution") or "", "public domain" if license_id == "other-pd" else ""]
    if any(notes):
        lines.append(f"    notes: {_quoted('; '.join(n for n in notes if n) + '.')}")
    return lines


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def read_package(folder: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A written package's descriptor and its `sources` rows (empty fields as None)."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    with (folder / "data" / "sources.csv").open(encoding="utf-8", newline="") as file:
        rows = [{key: value or None for key, value in row.items()} for row in csv.DictReader(file)]
    return descriptor, rows


if __name__ == "__main__":
    sys.stdout.write(citation_cff(*read_package(Path(sys.argv[1] if len(sys.argv) > 1 else "datapackage"))))
