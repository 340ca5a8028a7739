"""Checks on what the documents say: fact sheets against the article, maintenance tags,
references, and the seed manifest.

Each function takes the clean tables (and, where it needs them, the internal tables clean makes
of what only the documents say: their maintenance tags and fact-sheet statements,
`pipeline/schema/internal.py`; no check reads a document or resolves a name or a date again)
and returns findings; none changes a value.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.columns import values
from pipeline.validate.findings import Cells, Finding, finding, positions
from pipeline.validate.table_checks import Tables, compatible, row_key
from pipeline.validate.urls import well_formed


def fact_sheets(tables: Tables, internal: Tables) -> list[Finding]:
    """What plain-text documents say ("X established diplomatic relations with Y in D") against the article."""
    out = []
    listing = tables["diplomatic_relations"]
    claims = internal["established_claims"]
    read = claims[claims["partner_iso3"].notna() & claims["established"].notna()]
    for claim in read.astype(object).where(read.notna(), None).to_dict("records"):
        subject, partner = claim["subject_iso3"], claim["partner_iso3"]
        rows = listing[(listing["subject_iso3"] == subject) & (listing["partner_iso3"] == partner)]
        if rows.empty:
            continue
        article = rows.iloc[0]["established"]
        if pd.notna(article) and not compatible(claim["established"], article):
            out.append(_disagreement(claim, row_key(listing, rows.index[0], "diplomatic_relations"), article))
    return out


def _disagreement(claim: dict[str, Any], key: str, article: str) -> Finding:
    """The finding for a fact-sheet statement the article's date contradicts."""
    message = (
        f"{claim['source_id']} says {claim['partner_raw']} established relations with {claim['subject_raw']} in "
        f"{claim['established_raw']}; the article says {article}"
    )
    return finding("fact_sheet_disagrees", "diplomatic_relations", key, "established", article, message)


def maintenance_tags(tables: Tables, internal: Tables) -> list[Finding]:
    """Maintenance tags: on the article, on a row's cell, and on rows citing the tagged reference.
    One pass over each table's few columns it needs: rows' spans and citations by document."""
    tags = internal["maintenance_tags"]
    tagged = set(values(tags["source_id"]))
    spans = {name: _spans_by_source(tables[name], tagged) for name, _ in _OWNERS}
    citations = _citations_by_source(tables["citations"], tagged)
    out = []
    for source_id, tag, start in zip(*(values(tags[c]) for c in ("source_id", "tag", "source_start")), strict=True):
        ending, users = citations.get(source_id, ({}, {}))
        owner = _owner_of(tables, spans, source_id, start)
        if owner is None:
            out.append(finding("maintenance_tag", "sources", source_id, None, tag, f"the article carries {tag}"))
            continue
        resource, key, field = owner
        message = f"{key}: the source tags this cell {tag}"
        out.append(finding("maintenance_tag", resource, key, field, tag, message))
        out += _citing_tagged_reference(ending.get(start, []), users, tag, owner)
    return out


Users = dict[str, list[tuple[str, str, str]]]


def _spans_by_source(frame: pd.DataFrame, wanted: set[str]) -> dict[str, list[tuple[Any, Any, Any]]]:
    """(source_start, source_end, index) of each row of the `wanted` documents, in the frame's order."""
    out: dict[str, list[tuple[Any, Any, Any]]] = {}
    columns = (values(frame["source_id"]), values(frame["source_start"]), values(frame["source_end"]), frame.index)
    for source_id, start, end, index in zip(*columns, strict=True):
        if source_id in wanted and pd.notna(start) and pd.notna(end):  # a missing span holds no byte
            out.setdefault(source_id, []).append((start, end, index))
    return out


def _citations_by_source(citations: pd.DataFrame, wanted: set[str]) -> dict[str, tuple[dict[Any, list[str]], Users]]:
    """For each of the `wanted` documents: its reference names by the byte where their citation
    ends, and (resource, row id, field) of each citation made by a row by reference name; both
    in the table's order."""
    out: dict[str, tuple[dict[Any, list[str]], Users]] = {}
    columns = ("source_id", "source_end", "ref_id", "resource", "row_id", "field")
    for source_id, end, ref_id, resource, row_id, field in zip(*(values(citations[c]) for c in columns), strict=True):
        if source_id not in wanted:
            continue
        ending, users = out.setdefault(source_id, ({}, {}))
        ending.setdefault(end, []).append(ref_id)
        if pd.notna(resource) and isinstance(ref_id, str):  # a missing name is no reference's
            users.setdefault(ref_id, []).append((resource, row_id, field))
    return out


def _citing_tagged_reference(ref_ids: list[str], users: Users, tag: str, owner: tuple[str, str, str]) -> list[Finding]:
    """Other rows citing the reference right before a tag (the tag disputes what it supports)."""
    out = []
    resource, key, _ = owner
    for ref_id in ref_ids:
        for user_resource, row_id, field in users.get(ref_id, []) if isinstance(ref_id, str) else []:
            if (user_resource, row_id) != (resource, key):
                message = f"{row_id} cites reference {ref_id}, which {key} tags {tag}"
                out.append(finding("cites_tagged_reference", user_resource, row_id, field, ref_id, message))
    return out


def references(tables: Tables) -> list[Finding]:
    """Malformed URLs, unreadable dates, dead links, named references never defined: a pass
    over each column a check reads (a row's key read only for a finding), the findings in the
    order of the rows, each row's in the order of the checks."""
    cells = Cells(tables["article_references"], "article_references")
    found = [*_undefined(cells), *_malformed_urls(cells), *_unreadable_dates(cells), *_dead_urls(cells)]
    return [item for _, _, item in sorted(found, key=lambda entry: entry[:2])]


Found = list[tuple[int, int, Finding]]  # (row position, rank of the check within the row, finding)


def _undefined(cells: Cells) -> Found:
    """A named reference used but never defined."""
    out = []
    for position in positions(cells.frame["kind"] == "undefined"):
        name, key = _cell(cells, position, "name"), cells.key(position)
        message = f"<ref name={name!r} /> is used but never defined"
        out.append((position, 0, finding("undefined_reference", "article_references", key, "name", name, message)))
    return out


def _malformed_urls(cells: Cells) -> Found:
    """The URL and archive URL, when not well-formed http(s) URLs."""
    out = []
    for rank, field in enumerate(("url", "archive_url"), start=1):
        for position, url in enumerate(values(cells.frame[field])):
            if isinstance(url, str) and not well_formed(url):
                key = cells.key(position)
                message = f"{key}: {field} is not a well-formed http(s) URL"
                out.append((position, rank, finding("malformed_url", "article_references", key, field, url, message)))
    return out


def _unreadable_dates(cells: Cells) -> Found:
    """A publication or access date the date parser cannot read (kept as written in `*_raw`)."""
    out = []
    frame = cells.frame
    for rank, (field, check, words) in enumerate(
        (("date", "unparseable_reference_date", "date"), ("access_date", "unparseable_access_date", "access date")),
        start=3,
    ):
        for position in positions(frame[f"{field}_raw"].notna() & (frame[f"{field}_precision"] == "unknown")):
            raw, key = cells(position, f"{field}_raw"), cells.key(position)
            message = f"{key}: {words} {raw!r} cannot be read"
            out.append((position, rank, finding(check, "article_references", key, f"{field}_raw", raw, message)))
    return out


def _dead_urls(cells: Cells) -> Found:
    """A URL marked dead, usurped or unfit, with or without an archived copy."""
    out = []
    for position, status in enumerate(values(cells.frame["url_status"])):
        if not isinstance(status, str) or status.lower() not in ("dead", "usurped", "unfit"):
            continue
        key, archived = cells.key(position), _cell(cells, position, "archive_url") is not None
        message = f"{key}: the URL is marked {status}" + (
            " (an archived copy is given)" if archived else " and no archived copy is given"
        )
        check = "dead_url_archived" if archived else "dead_url"
        out.append((position, 5, finding(check, "article_references", key, "url_status", status, message)))
    return out


def _cell(cells: Cells, position: int, column: str) -> Any:
    """A cell's value, None where it is missing."""
    value = cells(position, column)
    return None if pd.isna(value) else value


def manifest(tables: Tables) -> list[Finding]:
    """Seeds missing from seeds/sources.toml, or with facts it does not give."""
    out = []
    sources = tables["sources"]
    for index in sources.index:
        source_id = sources.at[index, "source_id"]
        if not sources.at[index, "in_manifest"]:
            out.append(
                finding(
                    "source_undocumented",
                    "sources",
                    source_id,
                    None,
                    sources.at[index, "path"],
                    f"{sources.at[index, 'path']} has no entry in seeds/sources.toml: its URL, publisher, license and "
                    "retrieval date are unknown (format detected as " + sources.at[index, "format"] + ")",
                )
            )
            continue
        for field in ("url", "publisher", "license", "retrieved"):
            if pd.isna(sources.at[index, field]):
                out.append(
                    finding(
                        "source_undocumented",
                        "sources",
                        source_id,
                        field,
                        None,
                        f"{source_id}: seeds/sources.toml does not give `{field}`",
                    )
                )
    return out


def document_findings(tables: Tables, internal: Tables) -> list[Finding]:
    """Every check of this module."""
    return [
        *fact_sheets(tables, internal),
        *maintenance_tags(tables, internal),
        *references(tables),
        *manifest(tables),
    ]


_OWNERS = (("diplomatic_relations", "established_raw"), ("bilateral_relations", "notes_raw"))


def _owner_of(
    tables: Tables, spans: dict[str, dict[str, list[tuple[Any, Any, Any]]]], source_id: str, byte: int
) -> tuple[str, str, str] | None:
    """(table, row key, field) of the first row whose span holds byte offset `byte`, if any."""
    for name, field in _OWNERS:
        for start, end, index in spans[name].get(source_id, []):
            if start <= byte < end:
                return name, row_key(tables[name], index, name), field
    return None
