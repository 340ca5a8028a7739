"""A document's `sources` row and the country its article is about."""

from __future__ import annotations

from typing import Any

from pipeline.clean.countries import CountryMatch, subject_from_title
from pipeline.errors import InputError
from pipeline.extract.stage import Extracted


def article_subject(item: Extracted) -> CountryMatch:
    """The article's country, from its title ("Foreign relations of Mali" -> Mali, MLI)."""
    title = item.document.title
    try:
        subject = subject_from_title(title or "")
    except ValueError:
        subject = None
    if subject is None or subject.iso3 is None:
        raise InputError(
            str(item.document.source.path),
            "title",
            f"cannot tell the article's country from its title {title!r}",
            'give the document a title like "Foreign relations of <country>" in seeds/sources.toml',
        )
    return subject


def source_row(item: Extracted) -> dict[str, Any]:
    """The `sources` row of a document: manifest facts, file facts, detected format."""
    source = item.document.source
    return {
        "source_id": source.source_id,
        "title": item.document.title,
        "url": source.fact("url"),
        "publisher": source.fact("publisher"),
        "license": source.fact("license"),
        "attribution": source.fact("attribution"),
        "format": item.document.format,
        "path": source.path.name,
        "bytes": len(item.document.data),
        "sha256": item.document.sha256,
        "retrieved": source.fact("retrieved"),
        "revision_not_before": source.fact("revision_not_before"),
        "source_kind": source.kind(),
        "content_date": source.fact("content_date"),
        "content_date_qualifier": source.fact("content_date_qualifier"),
        "edition": source.fact("edition"),
        **source.snapshot_facts(),
        "in_manifest": source.in_manifest,
    }
