"""The data dictionary (datapackage/README.md), generated from the package descriptor,
which is itself generated from `pipeline/schema/`."""

from __future__ import annotations

import re
from typing import Any

from pipeline.markdown import code, link, text

# A relative file path that CommonMark shows literally between < >: no scheme (no autolink),
# and a "/" after the first name, so it is no HTML tag either.
PLAIN_PATH = re.compile(r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)+")


ALT_CAP = 2000  # characters of a picture's alt text

LOADING = [
    "## Loading",
    "",
    "```python",
    "import pandas as pd",
    'relations = pd.read_csv("datapackage/data/diplomatic_relations.csv", keep_default_na=False, na_values=[""])',
    "```",
    "",
    "```sql",
    "-- DuckDB",
    "SELECT * FROM read_csv('datapackage/data/diplomatic_relations.csv', header = true);",
    "```",
    "",
    "Empty fields are nulls. `source_id`, `source_start` and `source_end` locate each row in its seed "
    "file: `open(path, 'rb').read()[source_start:source_end]` is the wikitext the row was read from.",
    "",
]


def data_dictionary(descriptor: dict[str, Any]) -> str:
    """Markdown: what the package is, how to cite and load it, every table and field."""
    lines = [
        f"# {descriptor['title']} (version {descriptor['version']})",
        "",
        descriptor["description"],
        "",
        "This file is generated from the schema declared in `pipeline/schema/`; do not edit it by hand.",
        "",
        *_sources(descriptor["sources"]),
        *_figures(descriptor.get("figures", [])),
        *LOADING,
        "## Tables",
        "",
    ]
    for resource in descriptor["resources"]:
        lines += _table(resource)
    return "\n".join(lines)


def _sources(sources: list[dict[str, Any]]) -> list[str]:
    """The sources with their licenses; seed text escaped (pipeline/markdown.py)."""
    lines = ["## Sources and licenses", ""]
    for source in sources:
        license_name = text(source.get("license", "not known"))
        where = _location(str(source["path"]))
        lines.append(f"- {text(source['title'])} {where} (license: {license_name}, sha256 {code(source['sha256'])})")
    return [
        *lines,
        "",
        "Tables read from the Wikipedia article are under CC BY-SA 4.0: credit the article's contributors "
        "and share alike. The U.S. Department of State fact sheet is in the public domain.",
        "",
    ]


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
