"""Datasette's metadata for the database: title, license, attribution, source, every table's and
column's description (from the package's descriptor, itself generated from pipeline/schema/),
and canned queries.

Datasette shows `description` and the titles as text (escaped), never as HTML.
"""

from __future__ import annotations

from typing import Any

from pipeline import FORMER_TOOL_NAMES, TOOL_NAME
from pipeline.schema import BY_NAME, Table

GENERATED_BY = f"{TOOL_NAME} sqlite"  # the `generated_by` key: how our metadata files are recognised
FORMER_GENERATED_BY = tuple(f"{name} sqlite" for name in FORMER_TOOL_NAMES)  # recognised too
ABOUT = "the codebook, CODEBOOK.md in the package: what a row claims, coding rules, sources' dates, limitations"
PLUGINS = "pipeline/sql/datasette_plugins"  # `datasette serve --plugins-dir`: date facets, labels, a row's links
# The column that names a row for a reader (Datasette's label of a link to it), and the one that
# puts rows in the article's order (its default sort): the first of each list a table has.
LABEL_COLUMNS = ("partner", "organization", "title", "statement", "message")
ORDER_COLUMNS = ("position", "finding", "occurrence", "source_start")

QUERIES: dict[str, dict[str, str]] = {
    "relations_per_decade": {
        "title": "Diplomatic relations established per decade",
        "description": (
            "How many of the list's relations were established in each decade (rows with a known date), per subject."
        ),
        "sql": (
            "SELECT subject, (CAST(substr(established, 1, 4) AS INTEGER) / 10) * 10 AS decade, count(*) AS relations\n"
            "FROM diplomatic_relations\n"
            "WHERE established IS NOT NULL\n"
            "GROUP BY subject_iso3, decade\n"
            "ORDER BY subject_iso3, decade"
        ),
    },
    "severed_relations": {
        "title": "Severed or suspended relations",
        "description": (
            "The list's relations whose status is not active, with the date the bilateral table gives for "
            "their severance."
        ),
        "sql": (
            "SELECT d.subject, d.partner, d.partner_iso3, d.status, d.established, b.severed, b.severed_precision\n"
            "FROM diplomatic_relations AS d\n"
            "LEFT JOIN bilateral_relations AS b ON b.subject_iso3 = d.subject_iso3 AND b.partner = d.partner\n"
            "WHERE d.status <> 'active'\n"
            "ORDER BY d.subject_iso3, d.position"
        ),
    },
    "fact_references": {
        "title": "A fact with its references",
        "description": (
            'The references cited for one row: give its id (e.g. "MLI/relation/GHA", a relation_id; every '
            "table's first column is its id, and citations and quality findings name rows by it)."
        ),
        "sql": (
            "SELECT c.resource, c.row_id, c.field, c.occurrence, r.ref_id, r.title, r.url, r.publisher, r.date\n"
            "FROM citations AS c\nJOIN article_references AS r ON r.reference_id = c.reference_id\n"
            "WHERE c.row_id = :row_id\n"
            "ORDER BY c.source_id, c.occurrence"
        ),
    },
}


def datasette_metadata(
    descriptor: dict[str, Any], database: str, tables: list[Table], attributions: list[str], codebook: str = ""
) -> dict[str, Any]:
    """Datasette's metadata.json for the database named `database` holding `tables`; `codebook`
    (HTML, `codebook_html`) is shown on the database's page."""
    first = (descriptor.get("licenses") or [{}])[0]
    every = descriptor.get("licenses", []) + [x for r in descriptor.get("resources", []) for x in r.get("licenses", [])]
    licenses = {license.get("name"): license for license in reversed(every)}
    sources = descriptor.get("sources", [])
    web = [str(s["path"]) for s in sources if str(s.get("path", "")).startswith(("https://", "http://"))]
    if any(table.name == "sources" for table in tables):  # one link to the table listing every source
        web = [f"/{database}/sources"]
    description = descriptor.get("description", "")
    if attributions:
        description += " Attribution: " + "; ".join(attributions) + "."
    metadata = {
        "generated_by": GENERATED_BY,
        "title": descriptor.get("title", descriptor.get("name", database)),
        "description": description,
        "license": first.get("title", first.get("name", "")),
        "license_url": first.get("path", ""),
        "source": "; ".join(str(s.get("title", s.get("path", ""))) for s in sources),
        "source_url": web[0] if web else "",
        "about": ABOUT,
        "databases": {
            database: {
                "tables": {table.name: table_metadata(table, licenses) for table in tables},
                "queries": QUERIES,
                **({"description_html": codebook} if codebook else {}),
            }
        },
    }
    return {key: value for key, value in metadata.items() if value != ""}


def table_metadata(table: Table, licenses: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One table's title, description, license and column descriptions."""
    license = licenses.get(table.license, {"name": table.license}) if table.license else {}
    declared = BY_NAME.get(table.name)  # the schema's coding rules (the codebook's), when it declares the table
    rules = {f.name: f.rules for f in declared.fields if f.rules} if declared else {}
    metadata = {
        "title": table.title,
        "description": with_rules(table.description, declared.rules if declared else None),
        "license": license.get("title", license.get("name", "")),
        "license_url": license.get("path", ""),
        "columns": {f.name: with_rules(f.description, rules.get(f.name)) for f in table.fields if f.description},
        "label_column": _first_of(LABEL_COLUMNS, table),
        "sort": _first_of(ORDER_COLUMNS, table),
    }
    return {key: value for key, value in metadata.items() if value not in ("", {})}


def with_rules(description: str, rules: str | None) -> str:
    """A description with the coding rules of CODEBOOK.md after it, when there are any."""
    return f"{description} Coding rules: {rules}" if rules else description


def _first_of(candidates: tuple[str, ...], table: Table) -> str:
    """The first of `candidates` that is a field of `table`; "" when none is."""
    return next((name for name in candidates if name in table.field_names), "")


def codebook_html(markdown: str) -> str:
    """The package's CODEBOOK.md as HTML for Datasette: any HTML in it shown as text, links kept
    only when they are http(s) or relative (mistune drops javascript: and the like)."""
    import mistune

    render = mistune.create_markdown(escape=True, plugins=["table"])
    return str(render(markdown))
