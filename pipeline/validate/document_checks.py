"""Checks that read the documents: fact sheets against the article, maintenance tags,
references, and the seed manifest.

Each function takes the clean tables (and the extracted documents where it needs the
text) and returns findings; none changes a value.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pandas as pd

from pipeline.clean.countries import resolve_country
from pipeline.clean.dates import parse_partial_date
from pipeline.extract.stage import Extracted
from pipeline.validate.findings import Finding, finding
from pipeline.validate.table_checks import Tables, compatible, row_key

MAINTENANCE = re.compile(
    r"\{\{\s*(failed verification|citation needed|cn|fact|more citations needed|refimprove|better source needed"
    r"|dubious|dead link|unreliable source\??|verification needed)\s*(?:\|[^{}]*)?\}\}",
    re.IGNORECASE,
)
_ESTABLISHED = re.compile(
    r"(?P<who>[A-Z][\w.\- ]+?) established diplomatic relations with "
    r"(?P<subject>[A-Z][\w\- ]+?) in (?P<date>[\w ,]+?)[,.]"
)


def fact_sheets(tables: Tables, extracted: list[Extracted]) -> list[Finding]:
    """Plain-text documents saying "X established diplomatic relations with Y in D" against the article."""
    out = []
    listing = tables["diplomatic_relations"]
    for item in extracted:
        if item.document.format != "plain-text":
            continue
        for match in _ESTABLISHED.finditer(item.document.text):
            who, subject = (
                resolve_country(_without_article(match["who"])),
                resolve_country(_without_article(match["subject"])),
            )
            claimed = parse_partial_date(match["date"])
            rows = listing[(listing["subject_iso3"] == subject.iso3) & (listing["partner_iso3"] == who.iso3)]
            if who.iso3 is None or rows.empty or claimed.value is None:
                continue
            article = rows.iloc[0]["established"]
            if pd.notna(article) and not compatible(claimed.value, article):
                out.append(
                    finding(
                        "fact_sheet_disagrees",
                        "diplomatic_relations",
                        row_key(listing, rows.index[0], "diplomatic_relations"),
                        "established",
                        article,
                        f"{item.source_id} says {match['who']} established relations with {match['subject']} in "
                        f"{match['date']}; the article says {article}",
                    )
                )
    return out


def maintenance_tags(tables: Tables, extracted: list[Extracted]) -> list[Finding]:
    """Maintenance tags: on the article, on a row's cell, and on rows citing the tagged reference."""
    out = []
    for item in extracted:
        if not item.wikitext:
            continue
        citations = tables["citations"][tables["citations"]["source_id"] == item.source_id]
        for match in MAINTENANCE.finditer(item.wikitext):
            tag = match.group(0)
            start = item.byte_offset(match.start())
            cell = citations[(citations["source_start"] <= start)]  # the ref right before the tag
            owner = _owner_of(tables, item, start)
            if owner is None:
                out.append(
                    finding("maintenance_tag", "sources", item.source_id, None, tag, f"the article carries {tag}")
                )
                continue
            resource, key, field = owner
            out.append(finding("maintenance_tag", resource, key, field, tag, f"{key}: the source tags this cell {tag}"))
            before = cell[cell["source_end"] == start]
            for ref_id in before["ref_id"]:
                users = citations[(citations["ref_id"] == ref_id) & citations["resource"].notna()]
                for _, user in users.iterrows():
                    if (user["resource"], user["row_key"]) != (resource, key):
                        out.append(
                            finding(
                                "cites_tagged_reference",
                                user["resource"],
                                user["row_key"],
                                user["field"],
                                ref_id,
                                f"{user['row_key']} cites reference {ref_id}, which {key} tags {tag}",
                            )
                        )
    return out


def references(tables: Tables) -> list[Finding]:
    """Malformed URLs, unreadable access dates, dead links, named references never defined."""
    out = []
    refs = tables["references"]
    for index in refs.index:
        key = row_key(refs, index, "references")
        url, archive, status = refs.at[index, "url"], refs.at[index, "archive_url"], refs.at[index, "url_status"]
        if refs.at[index, "kind"] == "undefined":
            out.append(
                finding(
                    "undefined_reference",
                    "references",
                    key,
                    "name",
                    refs.at[index, "name"],
                    f"<ref name={refs.at[index, 'name']!r} /> is used but never defined",
                )
            )
        for field, value in (("url", url), ("archive_url", archive)):
            if pd.notna(value) and not _well_formed(value):
                out.append(
                    finding(
                        "malformed_url",
                        "references",
                        key,
                        field,
                        value,
                        f"{key}: {field} is not a well-formed http(s) URL",
                    )
                )
        access = refs.at[index, "access_date"]
        if pd.notna(access) and parse_partial_date(access).value is None:
            out.append(
                finding(
                    "unparseable_access_date",
                    "references",
                    key,
                    "access_date",
                    access,
                    f"{key}: access date {access!r} cannot be read",
                )
            )
        if pd.notna(status) and status.lower() in ("dead", "usurped", "unfit"):
            check = "dead_url_archived" if pd.notna(archive) else "dead_url"
            out.append(
                finding(
                    check,
                    "references",
                    key,
                    "url_status",
                    status,
                    f"{key}: the URL is marked {status}"
                    + (" (an archived copy is given)" if pd.notna(archive) else " and no archived copy is given"),
                )
            )
    return out


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


def document_findings(tables: Tables, extracted: list[Extracted]) -> list[Finding]:
    """Every check of this module."""
    return [
        *fact_sheets(tables, extracted),
        *maintenance_tags(tables, extracted),
        *references(tables),
        *manifest(tables),
    ]


def _owner_of(tables: Tables, item: Extracted, byte: int) -> tuple[str, str, str] | None:
    """(table, row key, field) of the row whose span holds byte offset `byte`, if any."""
    for name, field in (("diplomatic_relations", "established_raw"), ("bilateral_relations", "notes_raw")):
        frame = tables[name]
        inside = frame[
            (frame["source_id"] == item.source_id) & (frame["source_start"] <= byte) & (byte < frame["source_end"])
        ]
        if not inside.empty:
            return name, row_key(frame, inside.index[0], name), field
    return None


def _without_article(name: str) -> str:
    """ "The United States" -> "United States"."""
    return re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)


def _well_formed(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and " " not in url and "." in parsed.netloc
