"""How to cite the package: its contributors and homepage (for datapackage.json), the date
its data is "as of", and CITATION.cff, all from the package's own metadata so they cannot
drift apart. `python -m pipeline.package.citation datapackage > CITATION.cff` writes the file the
repository carries; a test checks it against the committed package."""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path
from typing import Any

from pipeline import TOOL_NAME
from pipeline.web import is_web_url

MAINTAINERS = f"The {TOOL_NAME} maintainers"
# The package's landing page (its repository or archive record), in every citation format:
# datapackage.json `homepage`, CITATION.cff `url` and `repository-code`, the data README's
# citation and BibTeX. Empty until the project has a public address: set it here (an http(s)
# URL) and run `make datapackage` (README, "Citing").
HOMEPAGE = ""
# What YAML 1.2 cannot hold unescaped in a double-quoted scalar (its printable set, less the line breaks).
_NOT_YAML = re.compile(r"[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
MESSAGE = "If you use this data package, please cite it, and credit the sources it was extracted from."
KINDS = {  # sources.source_kind in words
    "api_revision": "a wiki revision fetched from its API",
    "dump_revision": "a wiki revision read from an XML dump",
    "mirror_copy": "a third-party mirror's copy, with no revision id",
    "page_copy": "a web page's text saved by hand",
}


def contributors() -> list[dict[str, Any]]:
    """datapackage.json `contributors`: who made the package. The sources' authors are credited
    as sources (`sources`, CITATION.cff `references`), not as authors of the package."""
    return [{"title": MAINTAINERS, "roles": ["creator"]}]


def source_author(source: dict[str, Any]) -> str:
    """Who to credit for a source: the start of its attribution ("Wikipedia contributors"), else its publisher."""
    attribution = source.get("attribution") or ""
    return attribution.split(', "')[0] or source.get("publisher") or source["source_id"]


def as_of(source: dict[str, Any]) -> str:
    """What kind of copy a source is and what date its facts are as of, in words, from the manifest's facts."""
    kind = KINDS.get(source.get("source_kind") or "", "")
    return f"{kind}; {_dated(source)}" if kind else _dated(source)


def _dated(source: dict[str, Any]) -> str:
    """The source's date or date bounds in words."""
    if source.get("revision_timestamp") and source.get("retrieved"):
        return f"the revision of {source['revision_timestamp']}, retrieved {source['retrieved']}"
    if source.get("retrieved"):
        return f"retrieved {source['retrieved']}"
    if source.get("revision_not_before"):
        return f"a revision of {source['revision_not_before']} or later (the retrieval date is not known)"
    if source.get("content_date"):
        about = "about " if source.get("content_date_qualifier") == "circa" else ""
        return f"its content dates from {about}{source['content_date']} (the retrieval date is not known)"
    return "date not known"


def bibtex(descriptor: dict[str, Any]) -> str:
    """A BibTeX entry for the package: its makers, title, year, version and (when set) landing URL."""
    version = str(descriptor["version"])
    key = "".join(c if c.isalnum() or c in "-." else "-" for c in f"{descriptor['name']}-{version}")
    fields = [
        ("author", "{" + _bibtex_text(MAINTAINERS) + "}"),
        ("title", "{" + _bibtex_text(descriptor["title"]) + "}"),
        ("year", descriptor["created"][:4]),
        ("version", _bibtex_text(version)),
        ("note", f"Data set, version {_bibtex_text(version)}"),
        *([("url", _bibtex_text(descriptor["homepage"]))] if descriptor.get("homepage") else []),
    ]
    return "\n".join([f"@misc{{{key},", *(f"  {name} = {{{value}}}," for name, value in fields), "}"])


def _bibtex_text(value: object) -> str:
    """Text on one line with BibTeX's and LaTeX's special characters escaped."""
    shown = " ".join("".join(c for c in str(value) if c.isprintable() or c.isspace()).split())
    special = {c: "\\" + c for c in "{}%&$#_"} | {"\\": "\\textbackslash{}", "^": "\\^{}", "~": "\\~{}"}
    return "".join(special.get(c, c) for c in shown)


def citation_cff(descriptor: dict[str, Any], sources: list[dict[str, Any]]) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for the package `descriptor` and its `sources` rows."""
    lines = [
        "# Generated from datapackage/datapackage.json by `python -m pipeline.package.citation datapackage`.",
        "cff-version: 1.2.0",
        f"message: {_quoted(MESSAGE)}",
        "type: dataset",
        f"title: {_quoted(descriptor['title'])}",
        f"version: {_quoted(descriptor['version'])}",
        f"date-released: {_quoted(descriptor['created'][:10])}",
        f"abstract: {_quoted(descriptor['description'])}",
        "authors:",
        *[f"  - name: {_quoted(person['title'])}" for person in contributors()],
        f"license: {_quoted(descriptor['licenses'][0]['name'])}",
        "keywords:",
        *[f"  - {_quoted(keyword)}" for keyword in descriptor.get("keywords", [])],
    ]
    if is_web_url(HOMEPAGE):
        lines += [f"repository-code: {_quoted(HOMEPAGE)}", f"url: {_quoted(HOMEPAGE)}"]
    lines.append("references:")
    for source in sources:
        lines += _reference(source)
    return "\n".join(lines) + "\n"


def _reference(source: dict[str, Any]) -> list[str]:
    """One source as a CFF reference; a license only when it is an SPDX id (the public domain is a note)."""
    url = source.get("url") if is_web_url(source.get("url")) else None
    lines = [
        f"  - type: {'website' if url else 'generic'}",
        f"    title: {_quoted(source.get('title') or source['source_id'])}",
        "    authors:",
        f"      - name: {_quoted(source_author(source))}",
    ]
    if url:
        lines.append(f"    url: {_quoted(url)}")
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
    """A YAML double-quoted scalar: JSON's string syntax (valid YAML), with every character YAML
    may not hold as it is (DEL, C1 controls, lone surrogates) or reads as a line break (U+0085,
    U+2028, U+2029) escaped as \\uXXXX."""
    quoted = json.dumps(str(value), ensure_ascii=False)
    return _NOT_YAML.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def read_package(folder: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A written package's descriptor and its `sources` rows (empty fields as None)."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    with (folder / "data" / "sources.csv").open(encoding="utf-8", newline="") as file:
        rows = [{key: value or None for key, value in row.items()} for row in csv.DictReader(file)]
    return descriptor, rows


def main(argv: list[str]) -> None:
    """`python -m pipeline.package.citation [PACKAGE [OUT]]`: the citation file of PACKAGE, to OUT (written
    whole, then renamed into place, so a failure leaves the last one) or to standard output."""
    text = citation_cff(*read_package(Path(argv[0] if argv else "datapackage")))
    if len(argv) > 1:
        from pipeline.files import write_file

        write_file(Path(argv[1]), text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
