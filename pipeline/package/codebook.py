"""The codebook (datapackage/CODEBOOK.md): what each table's row claims, its unit, the coding
rules its values follow, how current each source is and what "as of" means for each table, the
limitations a researcher must know, and a glossary. Written with the package from the schema's
declarations (each table's and field's `rules`, pipeline/schema/) and the package's own tables,
so nothing is written twice; every value from a seed goes through pipeline/markdown."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from pipeline.columns import values
from pipeline.markdown import code, text
from pipeline.package.citation import as_of
from pipeline.schema import TABLES, Table

GLOSSARY = [
    ("wikitext", "The markup a Wikipedia article is written in: `[[link]]`, `{{template}}`, `'''bold'''`, tables."),
    (
        "template",
        "A named piece of wikitext in double braces that the wiki expands: `{{Flag|Name}}` shows a flag and a "
        "name, `{{dts|5 March 1962}}` a sortable date. The package reads their arguments, not the page they make.",
    ),
    (
        "`<ref>`",
        "A reference tag: `<ref>...</ref>` cites a source for the text before it; `<ref name=x />` reuses a named "
        "one. Each becomes an `article_references` row, and each tag a `citations` row.",
    ),
    (
        "revision",
        "One saved version of a wiki article, with an id and a timestamp. An article changes from one revision to "
        "the next, so a fact is always a fact of some revision.",
    ),
    (
        "mirror",
        "A third-party website that copies Wikipedia's articles. Its copy carries no revision id, so which "
        "revision it holds is known only within date bounds.",
    ),
    (
        "partial date",
        "A date known to the day, the month or only the year (`1962-03-05`, `1962-03`, `1962`), with its precision "
        "and the first and last day it can mean.",
    ),
    ("ISO 3166-1 alpha-3", "The three-letter country codes of the ISO standard (`MLI`, `FRA`)."),
]
FIXED_LIMITS = [
    "**Wikipedia is a tertiary source.** The article summarises other publications; its editors choose what it "
    "lists and how. Before relying on a fact, follow the row to the reference that supports it (`citations` -> "
    "`article_references`); a row no citation names rests on the article's word alone.",
    "**Absence is not evidence.** A partner missing from the list, a mission the notes do not state, an "
    "organisation the prose does not name: none of these means there are no relations, no mission or no "
    "membership; the source does not say.",
    "**Facts from prose are read by rules.** Memberships, missions and events are read from sentences by named "
    "rules (each row names its `rule`); the test suite measures their precision and recall against rows labelled by "
    "hand, and a rule can miss or misread a sentence.",
]


def codebook(descriptor: dict[str, Any], tables: dict[str, pd.DataFrame]) -> str:
    """CODEBOOK.md for the package `descriptor` and its `tables`."""
    schema = [table for table in TABLES if table.name in tables]
    lines = [
        f"# Codebook: {text(descriptor['title'])} (version {descriptor['version']})",
        "",
        "What each table's row claims, its unit, the coding rules its values follow, how current the sources are, "
        "and what the data cannot tell. Every field's type and constraints are in [README.md](README.md), the data "
        "dictionary. This file is generated with the package from the same declarations; do not edit it by hand.",
        "",
        *_sources(tables["sources"]),
        *_shared_rules(schema),
        "## Tables",
        "",
    ]
    shared, titles = _shared(schema), _titles(tables["sources"])
    for table in schema:
        lines += _table(table, tables, shared, titles)
    return "\n".join([*lines, *_limitations(tables), *_glossary()]) + "\n"


def _sources(sources: pd.DataFrame) -> list[str]:
    """Each source's kind and date or date bounds, and what "as of" means."""
    lines = [
        '## Sources and what "as of" means',
        "",
        "A row is as of the source it was read from (its `source_id`): what the document said when it was saved, "
        "not what is true today. Each source, what kind of copy it is, and its date or date bounds:",
        "",
    ]
    for source in _records(sources):
        name = text(source["title"] or source["source_id"])
        lines.append(f"- {name} ({code(source['source_id'])}): {text(as_of(source))}.")
    return [*lines, ""]


def _shared(schema: list[Table]) -> dict[str, list[str]]:
    """Rule texts that fields of more than one table follow, with those fields ("table.field")."""
    users: dict[str, list[str]] = {}
    for table in schema:
        for field in table.fields:
            if field.rules:
                users.setdefault(field.rules, []).append(f"{table.name}.{field.name}")
    return {rule: fields for rule, fields in users.items() if len({f.split(".")[0] for f in fields}) > 1}


def _shared_rules(schema: list[Table]) -> list[str]:
    """The rules several tables' fields follow, once each."""
    shared = _shared(schema)
    if not shared:
        return []
    lines = ["## Rules several tables share", ""]
    for number, (rule, fields) in enumerate(shared.items(), start=1):
        lines += [f"{number}. {_words(rule)}", "", "   Fields: " + ", ".join(f"`{f}`" for f in fields) + ".", ""]
    return lines


def _table(
    table: Table, tables: dict[str, pd.DataFrame], shared: dict[str, list[str]], titles: dict[str, str]
) -> list[str]:
    """One table: what a row is, its unit and rules, its rows by source (`titles`: by source id), each field's rule."""
    numbers = {rule: number for number, rule in enumerate(shared, start=1)}
    lines = [f"### `{table.name}`: {table.title}", "", f"**A row:** {_words(table.description)}", ""]
    if table.rules:
        lines += [f"**Unit and rules:** {_words(table.rules)}", ""]
    lines += [f"**Rows:** {_rows_by_source(table.name, tables, titles)}", ""]
    ruled = [field for field in table.fields if field.rules]
    if ruled:
        lines += ["**Coding rules by field:**", ""]
        for field in ruled:
            rule = f"rule {numbers[field.rules]} above" if field.rules in numbers else _words(field.rules)
            lines.append(f"- `{field.name}`: {rule}")
        lines.append("")
    return lines


def _titles(sources: pd.DataFrame) -> dict[str, str]:
    """Each source's title (its id where it has none), by source id."""
    return {row["source_id"]: row["title"] or row["source_id"] for row in _records(sources[["source_id", "title"]])}


def _rows_by_source(name: str, tables: dict[str, pd.DataFrame], titles: dict[str, str]) -> str:
    """ "161, all from `x` (as of ...)" or per source; a table of no source is as of what it is made from."""
    frame = tables[name]
    if name == "sources":
        return f"{len(frame)}, one per seed document."
    if "source_id" not in frame.columns:
        return f"{len(frame)}, made from the other tables (see the unit above for what they are as of)."
    counts = Counter(values(frame["source_id"].dropna()))
    parts = [f"{n} from {text(titles.get(source, source))}" for source, n in sorted(counts.items())]
    if len(parts) == 1:
        return f"{len(frame)}, all from {text(titles.get(next(iter(counts)), ''))}, as of that source (above)."
    return f"{len(frame)}" + (f": {'; '.join(parts)}, each as of its source (above)." if parts else ".")


def _limitations(tables: dict[str, pd.DataFrame]) -> list[str]:
    """What the data cannot tell: the fixed limits, and the ones its own rows show."""
    items = [*_stale(tables), *FIXED_LIMITS]
    return ["## Limitations", "", *(f"- {item}" for item in items), ""]


def _stale(tables: dict[str, pd.DataFrame]) -> list[str]:
    """How current the sources are, from the `sources` rows and the undated memberships."""
    items = []
    for source in _records(tables["sources"]):
        name = text(source["title"] or source["source_id"])
        if source.get("source_kind") == "mirror_copy":
            items.append(
                f"**{name} is a mirror's copy with no revision id**: the exact revision cannot be retrieved "
                "again, its date is known only within bounds (above), and what changed after it is not in the package."
            )
        if source.get("content_date") and not source.get("retrieved"):
            about = "about " if source.get("content_date_qualifier") == "circa" else ""
            items.append(
                f"**{name} dates from {about}{text(source['content_date'])}**: its present-tense sentences describe "
                "that time, not today."
            )
    memberships = tables.get("memberships")
    if memberships is not None and len(memberships):
        undated = int(memberships["since"].isna().sum())
        current = sorted(set(memberships.loc[memberships["status"] == "member", "abbreviation"].dropna().astype(str)))
        items.append(
            f"**The article can be stale.** {undated} of {len(memberships)} memberships have no date; every "
            "membership the prose states in the present tense is listed as current as of the article's revision, "
            "and is not checked against the organisation's own record, so one dissolved or replaced since can be "
            f"listed as current (check each; those listed as current: {text(', '.join(current))})."
        )
    return items


def _glossary() -> list[str]:
    lines = ["## Glossary", ""]
    lines += [f"- **{term}**: {meaning}" for term, meaning in GLOSSARY]
    return [*lines, ""]


def _words(words: str) -> str:
    """The project's own words: `code spans` kept, and "<" outside them escaped, so "<ref>" is shown, not
    taken for an HTML tag."""
    parts = words.split("`")
    return "`".join(part if index % 2 else part.replace("<", "\\<") for index, part in enumerate(parts))


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of `frame` as dicts, nulls as None (a column at a time: pandas' `where` on a whole
    frame cost more than the rest of the codebook)."""
    columns = {name: [None if pd.isna(value) else value for value in frame[name].tolist()] for name in frame.columns}
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]
