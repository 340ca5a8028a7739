"""The data README (datapackage/README.md): what the package is, when its data is as of,
how to cite, load and query it, the checks, and every table and field. Generated from the
package descriptor (itself generated from the schema) and the tables; it names nothing outside
the package, so a researcher who has only the package folder has all it refers to."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from pipeline.markdown import code, link, text
from pipeline.package.citation import as_of, bibtex
from pipeline.package.metadata import is_draft
from pipeline.package.questions import examples_section
from pipeline.package.recipes import loading_section
from pipeline.validate.findings import CHECKS

# A relative file path that CommonMark shows literally between < >: no scheme (no autolink),
# and a "/" after the first name, so it is no HTML tag either.
PLAIN_PATH = re.compile(r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)+")

DATES = [
    "## Dates",
    "",
    "A date is written at the precision the source gives it: `1962-03-05` (day), `1962-03` (month) or "
    "`1962` (year). `1962` means some day in 1962, not 1 January 1962. Each such column has a `*_precision` "
    "column beside it and, where a table has them, `*_earliest` and `*_latest`: the first and last calendar "
    "day the date can mean (`1962-01-01` and `1962-12-31` for `1962`). Use those two for arithmetic, "
    "sorting and grouping; never turn the partial date itself into a full date (`pd.to_datetime` fails on "
    '`1962`, and with `format="ISO8601"` silently makes it 1962-01-01). A date the source does not give '
    "or that could not be read is empty, with its text kept in the `*_raw` column.",
    "",
]

ALT_CAP = 2000  # characters of a picture's alt text

DRAFT_BANNER = [
    "> **Draft, not a release.** Built with `pipeline build --draft` despite quality errors nobody has "
    "fixed or acknowledged (they are in `quality_findings`), and not checked with frictionless. Read it to "
    "see what the sources give; do not cite or publish it. Fix or acknowledge the errors and build a release.",
    "",
]

PROVENANCE = [
    "## Checking a row against its source",
    "",
    "Every table row names the document it was read from (`source_id`, a row of `sources`) and its byte "
    "span in that document (`source_start`, `source_end`). The documents are in this package, byte for "
    "byte, in `sources/` (the `path` of each `sources` row; their sha256 is in `sources.sha256` and in "
    "`datapackage.json`). In Python, after the pandas recipe above:",
    "",
    "```python",
    "from pathlib import Path",
    "",
    'row = next(tables["missions"].itertuples())  # any row of any table',
    'sources = tables["sources"].set_index("source_id")',
    'document = Path("sources", sources.loc[row.source_id, "path"]).read_bytes()  # read and closed',
    'wikitext = document[row.source_start : row.source_end].decode("utf-8")',
    "```",
    "",
]


def data_dictionary(descriptor: dict[str, Any], tables: dict[str, pd.DataFrame]) -> str:
    """Markdown: what the package is, as of when, how to cite, load and query it, every table and field."""
    lines = [
        f"# {descriptor['title']} (version {descriptor['version']})",
        "",
        *(DRAFT_BANNER if is_draft(descriptor["version"]) else []),
        descriptor["description"],
        "",
        "This file is generated with the package; do not edit it by hand. The codebook, "
        "[CODEBOOK.md](CODEBOOK.md), says what each row claims, the coding rules, how current each source is and "
        "the limitations of the data.",
        "",
        *_summary(tables),
        *_citing(descriptor),
        *_sources(descriptor["sources"], descriptor["resources"]),
        *_figures(descriptor.get("figures", [])),
        *DATES,
        *loading_section(),
        *examples_section(tables),
        *PROVENANCE,
        *_checks(),
        "## Tables",
        "",
    ]
    for resource in descriptor["resources"]:
        if "schema" in resource:
            lines += _table(resource)
    return "\n".join(lines)


def _summary(tables: dict[str, pd.DataFrame]) -> list[str]:
    """What the data is as of (per source) and how many rows each table has."""
    sources = tables["sources"].astype(object).where(tables["sources"].notna(), None).to_dict("records")
    lines = ["Data as of:", ""]
    lines += [f"- {text(source['title'] or source['source_id'])}: {text(as_of(source))}" for source in sources]
    lines += ["", "| table | rows |", "|---|---|"]
    lines += [f"| `{name}` | {len(frame)} |" for name, frame in tables.items()]
    return [*lines, ""]


def _citing(descriptor: dict[str, Any]) -> list[str]:
    """The "How to cite" section: the package with its version and landing URL, as text and as
    BibTeX, and its sources to credit."""
    people = "; ".join(text(person["title"]) for person in descriptor.get("contributors", []))
    homepage = f" {link(descriptor['homepage'])}." if descriptor.get("homepage") else ""
    entry = bibtex(descriptor)
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", entry)), default=0))
    return [
        "## How to cite",
        "",
        "Cite the package with its version (the rows of another version may differ):",
        "",
        f"> {people} ({descriptor['created'][:4]}). {text(descriptor['title'])} (version "
        f"{descriptor['version']}) [Data set].{homepage}",
        "",
        "BibTeX:",
        "",
        f"{fence}bibtex",
        entry,
        fence,
        "",
        "and credit the sources below, which are sources of the package, not its authors: the article's text is "
        "under CC BY-SA 4.0, which asks for attribution to its contributors and for adaptations to be shared "
        "alike.",
        "",
    ]


def _sources(sources: list[dict[str, Any]], resources: list[dict[str, Any]]) -> list[str]:
    """The sources with their licenses and their copies in the package; seed text escaped (pipeline/markdown.py)."""
    copies = {r.get("hash"): r["path"] for r in resources if "schema" not in r}
    lines = ["## Sources and licenses", ""]
    for source in sources:
        license_name = text(source.get("license", "not known"))
        where = _location(str(source["path"]))
        copy = copies.get(f"sha256:{source['sha256']}")
        copied = f", copy {_location(copy)}" if copy and copy != source["path"] else ""
        lines.append(
            f"- {text(source['title'])} {where} (license: {license_name}, sha256 {code(source['sha256'])}{copied})"
        )
    notes = _license_notes([str(source.get("license")) for source in sources])
    notes.append("Each document is in this package, byte for byte, in `sources/`, under its own license.")
    return [*lines, "", " ".join(notes), ""]


def _license_notes(licenses: list[str]) -> list[str]:
    """What each license among the sources asks of a user (the `other-pd` sources are works of
    the U.S. federal government: pipeline/package/stage.py LICENSES)."""
    notes = []
    shared = licenses.count("CC-BY-SA-4.0")
    if shared:
        article = "the Wikipedia article" if shared == 1 else "the Wikipedia articles"
        whose = "the article's" if shared == 1 else "the articles'"
        notes.append(f"Tables read from {article} are under CC BY-SA 4.0: credit {whose} contributors and share alike.")
    public = licenses.count("other-pd")
    if public:
        notes.append(
            "The U.S. Department of State fact sheet is in the public domain."
            if public == 1
            else "The U.S. Department of State fact sheets are in the public domain."
        )
    return notes


def _checks() -> list[str]:
    """The quality checks the build runs, from the list of checks, and what their findings mean."""
    lines = [
        "## Quality checks",
        "",
        "Every build runs these checks; what they find is the `quality_findings` table. An error blocks "
        "publication unless the maintainers acknowledge it as a known problem of the source: then "
        "`acknowledged` is true and `acknowledgement` says why.",
        "",
        "| check | severity | what it finds |",
        "|---|---|---|",
    ]
    lines += [f"| `{name}` | {severity} | {_cell(what)} |" for name, (severity, what) in CHECKS.items()]
    return [*lines, ""]


def _figures(figures: list[dict[str, Any]]) -> list[str]:
    """The package's pictures, each with its alt text (which states the numbers it shows)."""
    if not figures:
        return []
    lines = ["## Pictures", ""]
    for figure in figures:
        if not PLAIN_PATH.fullmatch(str(figure["path"])):
            continue  # only a plain relative path goes into a Markdown image
        lines += [f"![{text(figure['description'], ALT_CAP)}]({figure['path']})", ""]
    return lines


def _table(resource: dict[str, Any]) -> list[str]:
    """One table's section: what it is, its file and keys, a row per field."""
    schema = resource["schema"]
    lines = [
        f"### `{resource['name']}`: {resource['title']}",
        "",
        resource["description"],
        "",
        f"File `{resource['path']}`; primary key ({', '.join(schema['primaryKey'])})"
        + "".join(_foreign_key(fk) for fk in schema.get("foreignKeys", []))
        + ".",
        "",
        "| field | type | constraints | description |",
        "|---|---|---|---|",
    ]
    for field in schema["fields"]:
        description = field["description"].replace("|", "\\|")
        constraints = _constraints(field.get("constraints", {}))
        lines.append(f"| `{field['name']}` | {field['type']} | {constraints} | {description} |")
    return [*lines, ""]


def _cell(words: str) -> str:
    """The project's own words in a table cell: only "|" needs escaping."""
    return words.replace("|", "\\|")


def _location(path: str) -> str:
    """Where a source came from: its http(s) URL as a link, its seed file's path, or escaped text."""
    return f"<{path}>" if PLAIN_PATH.fullmatch(path) else link(path)


def _foreign_key(fk: dict[str, Any]) -> str:
    """ "; (a, b) refers to `table` (a, b)"."""
    reference = fk["reference"]
    return f"; ({', '.join(fk['fields'])}) refers to `{reference['resource']}` ({', '.join(reference['fields'])})"


def _constraints(constraints: dict[str, Any]) -> str:
    """Constraints in words for the dictionary."""
    words = []
    if constraints.get("required"):
        words.append("required")
    if constraints.get("unique"):
        words.append("unique")
    if "enum" in constraints:
        words.append("one of " + ", ".join(f"`{v}`" for v in constraints["enum"]))
    if "pattern" in constraints:
        words.append(f"pattern `{constraints['pattern']}`".replace("|", "\\|"))
    if "minimum" in constraints:
        words.append(f">= {constraints['minimum']}")
    return "; ".join(words)
