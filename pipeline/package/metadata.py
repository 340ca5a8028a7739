"""The package's name, title, description and keywords, from the subjects and sources it holds (nothing
about one country is written in code), and what its version says (a draft is never a release)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.columns import distinct
from pipeline.family import FAMILY_PREFIX
from pipeline.text import slug

ARTICLE_FORMATS = ("mediawiki-edit-page", "wikitext")
LICENSE_WORDS = {"CC-BY-SA-4.0": "CC BY-SA 4.0", "other-pd": "public domain"}
KEYWORDS = ["foreign relations", "diplomatic relations", "international relations", "Wikipedia"]
LISTED = 5  # sources named one by one in the description; more are counted


def subjects(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The name of every subject any table's rows are about, each once, sorted (a subject whose
    code is not known is one too)."""
    found: set[str] = set()
    for name, frame in tables.items():
        if name != "quality_findings" and {"subject", "subject_iso3"} <= set(frame.columns):
            found |= distinct(frame["subject"])
    return sorted(found)


def package_metadata(tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """name, title, description and keywords of the package: one subject names it, several
    are counted and listed (sorted)."""
    names = subjects(tables)
    if len(names) == 1:
        (subject,) = names
        slug, title = f"{_slug(subject)}-foreign-relations", f"{FAMILY_PREFIX}{subject}"
        lead = f"{subject}'s diplomatic relations (the list and the bilateral table), its"
    else:
        count = f"{len(names)} countries"
        slug, title = f"foreign-relations-of-{len(names)}-countries", f"{FAMILY_PREFIX}{count}"
        title += f": {_and(names)}" if names else ""
        listed = f" ({_and(names)})" if names else ""
        lead = f"The diplomatic relations of {count}{listed} (the list and the bilateral tables), their"
    description = (
        f"{lead} memberships of international organisations, the diplomatic missions and the dated events the "
        "prose states, the references behind them and the quality problems found in the sources, extracted from "
        f"{_sources(tables['sources'])}. Every row carries the byte span of the seed document it was read from."
    )
    return {"name": slug, "title": title, "description": description, "keywords": [*names, *KEYWORDS]}


def _sources(sources: pd.DataFrame) -> str:
    """'the Wikipedia article "..." (CC BY-SA 4.0) and a ... fact sheet (public domain)'."""
    rows = sources.astype(object).where(sources.notna(), None).to_dict("records")
    articles = sorted((r for r in rows if r["format"] in ARTICLE_FORMATS), key=lambda r: str(r["title"]))
    sheets = sorted((r for r in rows if r["format"] not in ARTICLE_FORMATS), key=lambda r: str(r["title"]))
    parts = []
    if len(articles) == 1:
        parts.append(f'the Wikipedia article "{articles[0]["title"]}" ({_licenses(articles)})')
    elif 1 < len(articles) <= LISTED:
        titles = _and([f'"{r["title"]}"' for r in articles])
        parts.append(f"the Wikipedia articles {titles} ({_licenses(articles)})")
    elif articles:
        parts.append(f'{len(articles)} Wikipedia articles "{FAMILY_PREFIX}..." ({_licenses(articles)})')
    if len(sheets) == 1:
        publisher = f"{sheets[0]['publisher']} " if sheets[0]["publisher"] else ""
        parts.append(f"a {publisher}fact sheet ({_licenses(sheets)})")
    elif sheets:
        parts.append(f"{len(sheets)} fact sheets ({_licenses(sheets)})")
    return " and ".join(parts) or "no documents"


def _licenses(rows: list[dict[str, Any]]) -> str:
    """The licenses of `rows` in words, each once, sorted."""
    return ", ".join(sorted({LICENSE_WORDS.get(r["license"], r["license"] or "license not known") for r in rows}))


def _and(words: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def _slug(name: str) -> str:
    """ "Côte d'Ivoire" -> "cote-d-ivoire": a Data Package name (lower-case letters, digits, -)."""
    return slug(name) or "subject"


DRAFT = "-draft"  # the pre-release suffix of a draft package (`pipeline build --draft`): never a release


def is_draft(version: object) -> bool:
    """True for a draft package's version ("1.0.0-draft")."""
    return isinstance(version, str) and version.endswith(DRAFT)
